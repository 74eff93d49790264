import type { HookProfile } from '../store/profiles.js';

/** `timeout: auto` never goes below this. */
const MIN_AUTO_TIMEOUT_MS = 10_000;
/** How far past its usual worst case a hook may run before it counts as hung. */
const AUTO_TIMEOUT_FACTOR = 3;

/**
 * The timeout of one batch of a `timeout: auto` hook: 3 × the p95 of its past
 * batch durations, each scaled up to this batch's file count, and at least
 * 10 s. Null when the hook has no profile yet (the configured default applies).
 */
export function calibrateTimeout(profile: HookProfile | undefined, batchFiles: number): number | null {
  const samples = profile?.samples ?? [];
  if (samples.length === 0) return null;
  const scaled = samples
    .map((sample) => {
      const batches = Math.max(1, sample.batches);
      const perBatchMs = sample.durationMs / batches;
      const perBatchFiles = sample.files / batches;
      return perBatchFiles > 0 && batchFiles > perBatchFiles ? (perBatchMs * batchFiles) / perBatchFiles : perBatchMs;
    })
    .sort((a, b) => a - b);
  const p95 = scaled[Math.max(0, Math.ceil(scaled.length * 0.95) - 1)] ?? 0;
  return Math.max(MIN_AUTO_TIMEOUT_MS, Math.ceil(AUTO_TIMEOUT_FACTOR * p95));
}
