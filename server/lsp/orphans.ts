import { readProcessTable } from '../../engine/process/proc-table.js';

/**
 * Kills, synchronously, the process group of every child of this process. The worker threads
 * start each hook as the leader of its own group, a child of this process; when the process must
 * end at once (the client's `exit` without `shutdown`, stdin closed), this is the last chance
 * to take them along. Linux /proc; elsewhere a no-op.
 */
export function killChildProcessGroups(): number {
  let killed = 0;
  for (const entry of readProcessTable() ?? []) {
    if (entry.ppid !== process.pid || entry.pgrp !== entry.pid) continue;
    try {
      process.kill(-entry.pid, 'SIGKILL');
      killed += 1;
    } catch {
      // Gone meanwhile.
    }
  }
  return killed;
}
