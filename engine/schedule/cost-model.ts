/** What running a hook costs, in milliseconds of process time. */
export interface HookCost {
  /** Fixed cost of starting one invocation (one batch): interpreter start, config loading, warm-up. */
  startupMs: number;
  /** Cost of each file the hook is given. */
  perFileMs: number;
}

/** One past run of a hook. */
export interface CostSample {
  /** Process time summed over all batches of the run. */
  durationMs: number;
  /** Files the hook got in that run; for a project-level hook, the files it checked (all it matches). */
  files: number;
  /** Invocations (batches) the run was split into. */
  batches: number;
}

// Below this share of b·b·f·f the normal equations are singular: every sample has one files/batches ratio.
const COLLINEAR_TOLERANCE = 1e-9;

/** The sums of the normal equations of `duration ≈ batches·startup + files·perFile`. */
interface NormalSums {
  batchBatch: number;
  batchFile: number;
  fileFile: number;
  batchDuration: number;
  fileDuration: number;
}

/**
 * Fits `durationMs ≈ batches·startupMs + files·perFileMs` to past runs by least squares, with
 * both coefficients at least 0. Null without a usable sample.
 *
 * When the samples cannot tell the two costs apart (one sample, or all with the same
 * files/batches ratio), start-up is assumed free: `startupMs = 0, perFileMs = mean(duration/files)`,
 * or for project-level hooks (no files) `startupMs = mean(duration/batches), perFileMs = 0`.
 * Splitting then looks free until a run with another batch count shows what start-up costs,
 * and the fit corrects itself.
 */
export function fitCost(samples: readonly CostSample[]): HookCost | null {
  const usable = samples.filter(isUsable);
  if (usable.length === 0) return null;
  const sums = sumNormalEquations(usable);
  const determinant = sums.batchBatch * sums.fileFile - sums.batchFile * sums.batchFile;
  if (determinant <= COLLINEAR_TOLERANCE * sums.batchBatch * sums.fileFile) return fitWithoutSplits(usable);
  const startupMs = (sums.fileFile * sums.batchDuration - sums.batchFile * sums.fileDuration) / determinant;
  const perFileMs = (sums.batchBatch * sums.fileDuration - sums.batchFile * sums.batchDuration) / determinant;
  // With two regressors the constrained optimum lies on the axis of the coefficient that went negative.
  if (startupMs < 0) return { startupMs: 0, perFileMs: sums.fileDuration / sums.fileFile };
  if (perFileMs < 0) return { startupMs: sums.batchDuration / sums.batchBatch, perFileMs: 0 };
  return { startupMs, perFileMs };
}

/** Estimated process time of a hook run on `files` files split into `batches` invocations. */
export function estimateMs(cost: HookCost, files: number, batches: number): number {
  return Math.max(0, batches) * cost.startupMs + Math.max(0, files) * cost.perFileMs;
}

// A corrupt or foreign profile entry must not poison the fit; a run has at least one invocation.
function isUsable(sample: CostSample): boolean {
  return (
    Number.isFinite(sample.durationMs) &&
    sample.durationMs >= 0 &&
    Number.isFinite(sample.files) &&
    sample.files >= 0 &&
    Number.isFinite(sample.batches) &&
    sample.batches > 0
  );
}

function sumNormalEquations(samples: readonly CostSample[]): NormalSums {
  const sums: NormalSums = { batchBatch: 0, batchFile: 0, fileFile: 0, batchDuration: 0, fileDuration: 0 };
  for (const { durationMs, files, batches } of samples) {
    sums.batchBatch += batches * batches;
    sums.batchFile += batches * files;
    sums.fileFile += files * files;
    sums.batchDuration += batches * durationMs;
    sums.fileDuration += files * durationMs;
  }
  return sums;
}

/** The fallback for samples that all share one files/batches ratio. */
function fitWithoutSplits(samples: readonly CostSample[]): HookCost {
  const withFiles = samples.filter((sample) => sample.files > 0);
  if (withFiles.length === 0) {
    return { startupMs: averageOf(samples.map((sample) => sample.durationMs / sample.batches)), perFileMs: 0 };
  }
  return { startupMs: 0, perFileMs: averageOf(withFiles.map((sample) => sample.durationMs / sample.files)) };
}

function averageOf(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return values.length === 0 ? 0 : total / values.length;
}
