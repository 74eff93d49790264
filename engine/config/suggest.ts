/** Farther than this and a suggestion is more likely to confuse than help. */
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * The candidate closest to `word` by edit distance, or null when none is close
 * enough to be a plausible typo ("timout" -> "timeout").
 */
export function suggestClosest(word: string, candidates: readonly string[]): string | null {
  const lowered = word.toLowerCase();
  // A one-letter word is within distance 2 of every short key; only suggest when most of it survives.
  const limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, Math.floor(word.length / 2)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = measureEditDistance(lowered, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function measureEditDistance(a: string, b: string): number {
  // Three rolling rows: the swap rule looks two rows back.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
