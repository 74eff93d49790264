import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { ParserSpec } from '../../protocol/parser.js';
import { parseCheckstyle } from './checkstyle.js';
import { parseErrorformat } from './errorformat.js';
import { parseGnu } from './gnu.js';
import { parseJsonMapping } from './json-mapping.js';
import { parseJsonPreset } from './json-presets.js';
import { parseRegex } from './regex.js';
import { parseSarif } from './sarif.js';

/** What every parser needs besides the output: whose findings, and where the repository is. */
export interface ParseContext {
  /** Hook name stamped on every diagnostic. */
  hook: string;
  /** Absolute repository root; tool paths are made relative to it. */
  root: string;
  /**
   * Whether a file exists, for errorformat's %O/%P/%Q lines, which Vim takes only for
   * existing files; the file system when absent. Takes an absolute path.
   */
  fileExists?: (path: string) => boolean;
  /**
   * The files the hook was given (repository-relative). Line-based parsers read a name with
   * spaces only when it is one of these: by its shape alone it cannot be told from the message.
   */
  files?: readonly string[];
}

/**
 * Turns a hook's captured output into diagnostics with the hook's parser.
 * No I/O but errorformat's file checks (see ParseContext.fileExists); safe in worker threads. Malformed lines and records are skipped;
 * a structured parser (sarif, checkstyle, JSON) throws a one-line Error when the
 * output holds no document it can read at all, and so does a `regex` or
 * `errorformat` spec that does not compile (the config loader rejects those first).
 */
export function parseOutput(spec: ParserSpec, output: string, context: ParseContext): Diagnostic[] {
  switch (spec.type) {
    case 'none':
      return [];
    case 'gnu':
      return parseGnu(output, context);
    case 'regex':
      return parseRegex(spec.pattern, output, context);
    case 'errorformat':
      return parseErrorformat(spec.formats, output, context);
    case 'sarif':
      return parseSarif(output, context);
    case 'checkstyle':
      return parseCheckstyle(output, context);
    case 'json-preset':
      return parseJsonPreset(spec.preset, output, context);
    case 'json':
      return parseJsonMapping(spec.mapping, output, context);
  }
}
