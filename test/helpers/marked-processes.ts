import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { isAlive } from './processes.js';

/** Name of the variable a test sets in a hook's `env` to find every process the hook started. */
export const MARK_VARIABLE = 'GAUNTLET_E2E_MARK';

/** A value unique to one test, for `env: { [MARK_VARIABLE]: mark }`. */
export function makeMark(): string {
  return `mark-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Pids of live (non-zombie) processes whose environment holds `MARK_VARIABLE=mark`: a hook's
 * process and every descendant that inherited its environment, wherever they were reparented.
 */
export function findMarkedProcesses(mark: string): number[] {
  const needle = `${MARK_VARIABLE}=${mark}`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (environ.split('\0').includes(needle) && isAlive(Number(entry))) found.push(Number(entry));
  }
  return found;
}
