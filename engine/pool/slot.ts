import type { Worker } from 'node:worker_threads';
import type { Remote } from 'comlink/dist/esm/comlink.mjs';
import type { WorkerApi } from '../worker/contract.js';

/**
 * Where a worker thread is in its life: `booting` until it says it is ready, then `idle` and
 * `busy` in turn, `retiring` while the pool stops it and kills what it ran, `dead` once it has.
 */
export type SlotState = 'booting' | 'idle' | 'busy' | 'retiring' | 'dead';

/** The states a slot may move to from each; anything else is a late event about a thread already leaving. */
const NEXT_STATES: Readonly<Record<SlotState, readonly SlotState[]>> = {
  booting: ['idle', 'retiring'],
  idle: ['busy', 'retiring'],
  busy: ['idle', 'retiring'],
  retiring: ['dead'],
  dead: [],
};

/** Why the pool ends a task itself rather than with the worker's answer: its result's status, and a one-line reason. */
export interface Ending {
  status: 'error' | 'cancelled';
  reason: string;
}

/** The ending of work a caller cancelled, or that a closing pool ends. */
export const CANCELLED: Ending = { status: 'cancelled', reason: 'cancelled' };

/** The ending of work the pool could not get done. */
export function makeFailure(reason: string): Ending {
  return { status: 'error', reason };
}

/** A unit of work for one worker: how to run it, and what it yields if the pool must end it. */
export interface Pending {
  label: string;
  timeoutMs: number;
  call: (api: Remote<WorkerApi>) => Promise<unknown>;
  cancel: ((api: Remote<WorkerApi>) => Promise<void>) | null;
  fallback: (ending: Ending) => unknown;
  signal: AbortSignal | undefined;
  onStart: (() => void) | undefined;
  resolve: (value: unknown) => void;
}

/** The task a busy slot runs, the way to end it with a result of the pool's making, and when it has ended. */
export interface Running {
  pending: Pending;
  end: (ending: Ending) => void;
  ended: Promise<void>;
}

/** One worker thread of the pool. */
export interface Slot {
  worker: Worker;
  api: Remote<WorkerApi>;
  /** Where the thread publishes the process group of the job it runs (0: none). */
  pgid: Int32Array;
  state: SlotState;
  /** Set while `busy`. */
  current: Running | null;
}

/**
 * Moves a slot to its next state, the one place a slot's state changes. False, and no change,
 * when the move is not one of NEXT_STATES: a thread already retiring neither becomes idle when
 * its job's answer arrives late nor retires a second time when it then exits.
 */
export function moveSlot(slot: Slot, next: SlotState): boolean {
  if (!NEXT_STATES[slot.state].includes(next)) return false;
  slot.state = next;
  if (next !== 'busy') slot.current = null;
  return true;
}
