import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kills, synchronously, the process group of every child of this process. The worker threads
 * start each hook as the leader of its own group, a child of this process; when the process must
 * end at once (the client's `exit` without `shutdown`, stdin closed), this is the last chance
 * to take them along. Linux /proc; elsewhere a no-op.
 */
export function killChildProcessGroups(): number {
  let killed = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue;
    }
    // Fields after the parenthesised command: state, ppid, pgrp.
    const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) !== process.pid || Number(pgrp) !== Number(entry)) continue;
    try {
      process.kill(-Number(entry), 'SIGKILL');
      killed += 1;
    } catch {
      // Gone meanwhile.
    }
  }
  return killed;
}
