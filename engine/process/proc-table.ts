import { closeSync, openSync, readdirSync, readSync } from 'node:fs';

/** What gauntlet reads of a process in /proc/PID/stat. */
export interface ProcEntry {
  pid: number;
  /** One letter: R, S, D, Z (zombie), ... */
  state: string;
  ppid: number;
  pgrp: number;
}

/** A stat line is a few hundred bytes; a command name is at most 64. */
const STAT_BYTES = 1_024;
// One buffer for every read: polling a busy machine's hundreds of processes every few ms must
// not allocate per file (readFileSync takes 64 KiB for a procfs file, whose size reads as 0).
const statBuffer = Buffer.alloc(STAT_BYTES);

/**
 * The processes of the machine, from Linux's /proc; null where there is no procfs. Read
 * synchronously (callers are on their way out, or poll a group they are killing).
 */
export function readProcessTable(): ProcEntry[] | null {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return null;
  }
  const entries: ProcEntry[] = [];
  for (const name of names) {
    const first = name.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    const entry = readStat(name);
    if (entry) entries.push(entry);
  }
  return entries;
}

function readStat(pid: string): ProcEntry | null {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return null; // The process ended while we looked.
  }
  try {
    const length = readSync(fd, statBuffer, 0, STAT_BYTES, 0);
    const stat = statBuffer.toString('latin1', 0, length);
    // Fields after the parenthesised command (which may hold spaces and parentheses): state, ppid, pgrp, ...
    const [state = '', ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 3);
    return { pid: Number(pid), state, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
