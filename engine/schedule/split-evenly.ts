/**
 * Splits items into `batches` contiguous batches whose sizes differ by at most 1, the longer
 * ones first. Never returns an empty batch: fewer batches when there are fewer items, none for none.
 */
export function splitEvenly<T>(items: readonly T[], batches: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.min(items.length, Math.max(1, Math.floor(Number.isFinite(batches) ? batches : 1)));
  const size = Math.floor(items.length / count);
  const longer = items.length % count;
  const result: T[][] = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    const end = start + size + (index < longer ? 1 : 0);
    result.push(items.slice(start, end));
    start = end;
  }
  return result;
}
