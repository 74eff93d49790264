import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { ParserSpec } from '../../protocol/parser.js';
import { parseGnu } from './gnu.js';
import { parseRegex } from './regex.js';

/** What every parser needs besides the output: whose findings, and where the repository is. */
export interface ParseContext {
  /** Hook name stamped on every diagnostic. */
  hook: string;
  /** Absolute repository root; tool paths are made relative to it. */
  root: string;
}

/**
 * Turns a hook's captured output into diagnostics with the hook's parser.
 * Pure: no I/O, safe in worker threads. A `regex` spec with an invalid pattern
 * throws (the config loader rejects those with validateRegexPattern first).
 */
export function parseOutput(spec: ParserSpec, output: string, context: ParseContext): Diagnostic[] {
  switch (spec.type) {
    case 'none':
      return [];
    case 'gnu':
      return parseGnu(output, context);
    case 'regex':
      return parseRegex(spec.pattern, output, context);
  }
}
