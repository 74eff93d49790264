import type { HookProfile, HookSample } from '../../engine/store/profiles.js';

/** One run of a hook that took `durationMs`. */
export function sample(durationMs: number, overrides: Partial<HookSample> = {}): HookSample {
  return { durationMs, files: 3, batches: 1, ok: true, at: 1_700_000_000_000 + durationMs, ...overrides };
}

/** A profile of runs with these durations, none failed. */
export function profileOf(durations: number[]): HookProfile {
  return { runs: durations.length, failures: 0, samples: durations.map((durationMs) => sample(durationMs)) };
}
