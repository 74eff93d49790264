/** The fields of a hook that ordering looks at. */
export interface OrderableHook {
  name: string;
  timeoutMs: number;
}

/**
 * Orders hooks fastest first so failures show up early: hooks with a profile by ascending mean
 * duration, then never-profiled hooks by ascending timeout (the only hint of their cost). Ties
 * keep config order. With `optimize` false, config order is kept as is. Returns a new array.
 */
export function orderHooks<T extends OrderableHook>(
  hooks: readonly T[],
  meanMs: (name: string) => number | null,
  optimize: boolean,
): T[] {
  if (!optimize) return [...hooks];
  const keyed = hooks.map((hook, index) => ({ hook, index, mean: readMean(meanMs, hook.name) }));
  keyed.sort((a, b) => {
    if (a.mean !== null && b.mean !== null) return compareNumbers(a.mean, b.mean) || a.index - b.index;
    if (a.mean !== null) return -1;
    if (b.mean !== null) return 1;
    return compareNumbers(a.hook.timeoutMs, b.hook.timeoutMs) || a.index - b.index;
  });
  return keyed.map((entry) => entry.hook);
}

function readMean(meanMs: (name: string) => number | null, name: string): number | null {
  const mean = meanMs(name);
  // A NaN or infinite mean would break the sort's ordering; treat it as never profiled.
  return mean !== null && Number.isFinite(mean) ? mean : null;
}

// Comparison instead of subtraction: Infinity - Infinity (two hooks without a timeout) is NaN.
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
