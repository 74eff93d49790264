import { readProcessTable } from './proc-table.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { KILL_GRACE_MS } from '../worker/contract.js';

/** How long to wait for a KILLed group to disappear before giving up on it. */
const KILL_WAIT_MS = 1_000;
const POLL_MS = 25;

/** Sends a signal to a whole process group; false when the group is already gone. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * True while a process of the group is alive. Zombies do not count: orphans
 * wait for an init that may be slow to reap them, yet they run nothing.
 */
function hasLiveMembers(pgid: number): boolean {
  if (!signalProcessGroup(pgid, 0)) return false;
  // No procfs: the signal's answer is all there is.
  return readProcessTable()?.some((entry) => entry.pgrp === pgid && entry.state !== 'Z') ?? true;
}

/** Polls until no live process of the group is left or the time is up; true when it is gone. */
async function waitForGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (hasLiveMembers(pgid)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/**
 * Ends a whole process group: TERM, then KILL after the grace period for
 * anything left (grandchildren that ignore TERM too). Settles once the group
 * is gone, or after a bounded wait when something unkillable lingers.
 */
export async function killProcessGroup(pgid: number, graceMs = KILL_GRACE_MS): Promise<void> {
  if (!signalProcessGroup(pgid, 'SIGTERM')) return;
  if (await waitForGroupGone(pgid, graceMs)) return;
  signalProcessGroup(pgid, 'SIGKILL');
  await waitForGroupGone(pgid, KILL_WAIT_MS);
}
