/** How many openings anywhere in a line are tried, once those at line starts have failed. */
const MAX_INLINE_CANDIDATES = 50;

/**
 * Finds the JSON document in a tool's output, tolerating noise before and after it
 * (stderr follows stdout in the captured output: npm warnings, Biome's "experimental"
 * notice, a summary line). Tries the whole output first, then each `{` or `[` that
 * starts a line, then a few inside lines; the first balanced text that parses and that
 * `accept` recognises wins, so noise such as `[1]` is skipped. Null when the output is
 * blank (no findings); throws a one-line Error naming `expected` when nothing fits.
 */
export function readJsonDocument(output: string, accept: (value: unknown) => boolean, expected: string): unknown {
  const text = output.trim();
  if (text === '') return null;
  const whole = tryParse(text);
  if (whole.ok && accept(whole.value)) return whole.value;
  for (const start of listCandidates(output)) {
    const end = findClosing(output, start);
    if (end < 0) continue;
    const parsed = tryParse(output.slice(start, end + 1));
    if (parsed.ok && accept(parsed.value)) return parsed.value;
  }
  const reason = whole.ok ? 'it has another shape' : describeSyntaxError(whole.error);
  throw new Error(`expected ${expected}, found none (${reason})`);
}

/** Every line of the output that is a JSON document, in order; other lines are skipped. */
export function readJsonLines(output: string): unknown[] {
  const documents: unknown[] = [];
  for (const line of output.split(/\r?\n/)) {
    const text = line.trim();
    if (!text.startsWith('{') && !text.startsWith('[')) continue;
    const parsed = tryParse(text);
    if (parsed.ok) documents.push(parsed.value);
  }
  return documents;
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: unknown };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error };
  }
}

function describeSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `not JSON: ${message.split('\n')[0] ?? message}`;
}

/** Openings at the very start of a line first (a document's outermost bracket), then some inside lines. */
function* listCandidates(output: string): Generator<number> {
  const inline: number[] = [];
  for (let index = 0; index < output.length; index++) {
    const char = output[index];
    if (char !== '{' && char !== '[') continue;
    if (index === 0 || output[index - 1] === '\n') yield index;
    else if (inline.length < MAX_INLINE_CANDIDATES) inline.push(index);
  }
  yield* inline;
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when unbalanced. */
function findClosing(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}
