import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { ParserSpec } from '../../protocol/parser.js';
import { parseGnu } from './gnu.js';
import type { ParseContext } from './parse-context.js';

/**
 * Turns a hook's captured output into diagnostics with the hook's parser.
 * No I/O but errorformat's file checks (see ParseContext.fileExists); safe in worker threads. Malformed lines and records are skipped;
 * a structured parser (sarif, checkstyle, JSON) rejects with a one-line Error when the
 * output holds no document it can read at all, and so does a `regex` or
 * `errorformat` spec that does not compile (the config loader rejects those first).
 * Each parser but the default `gnu` is loaded the first time a hook uses it: a worker
 * starts without the code (and the XML library) of parsers no hook of the run names.
 */
export async function parseOutput(spec: ParserSpec, output: string, context: ParseContext): Promise<Diagnostic[]> {
  switch (spec.type) {
    case 'none':
      return [];
    case 'gnu':
      return parseGnu(output, context);
    case 'regex':
      return (await import('./regex.js')).parseRegex(spec.pattern, output, context);
    case 'errorformat':
      return (await import('./errorformat.js')).parseErrorformat(spec.formats, output, context);
    case 'sarif':
      return (await import('./sarif.js')).parseSarif(output, context);
    case 'checkstyle':
      return (await import('./checkstyle.js')).parseCheckstyle(output, context);
    case 'json-preset':
      return (await import('./json-presets.js')).parseJsonPreset(spec.preset, output, context);
    case 'json':
      return (await import('./json-mapping.js')).parseJsonMapping(spec.mapping, output, context);
  }
}
