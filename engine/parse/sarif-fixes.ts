import type { Fix, FixEdit, FixPlace } from '../../protocol/diagnostic.js';
import { describeFix, keepFixes, readLinePlace, readOffset, toFix, toFixEdit } from './fix-values.js';
import { isRecord, readInteger, readPath, readRecords, readText, type JsonRecord } from './json-values.js';

/** SARIF's lines and columns are 1-based. */
const ONE_BASED = { line: 0, column: 0 };

/**
 * A SARIF result's `fixes`: [{description, artifactChanges: [{artifactLocation, replacements:
 * [{deletedRegion, insertedContent}]}]}]. A fix that changes another file than the result's is
 * left out: gauntlet applies a fix to the document the diagnostic is on, whole or not at all.
 */
export function readSarifFixes(result: JsonRecord, file: string | null, code: string | null, resolve: (artifact: JsonRecord) => string | null): Fix[] {
  if (file === null) return [];
  return keepFixes(
    readRecords(result.fixes).map((fix) => {
      const changes = readRecords(fix.artifactChanges);
      const own = changes.every((change) => isRecord(change.artifactLocation) && resolve(change.artifactLocation) === file);
      if (!own) return null;
      const edits = changes.flatMap((change) => readRecords(change.replacements).map(readReplacement));
      return toFix(readText(readPath(fix, ['description', 'text'])) ?? readText(readPath(fix, ['description', 'markdown'])) ?? describeFix(code), true, edits);
    }),
  );
}

/** One replacement: its deleted region by characters (charOffset, charLength) or by lines and columns. */
function readReplacement(replacement: JsonRecord): FixEdit | null {
  const region = isRecord(replacement.deletedRegion) ? replacement.deletedRegion : null;
  if (region === null) return null;
  const inserted = readPath(replacement, ['insertedContent', 'text']);
  const text = inserted === undefined ? '' : inserted;
  const offset = readOffset(region.charOffset);
  if (offset !== null) {
    const length = region.charLength === undefined ? 0 : readOffset(region.charLength);
    return length === null ? null : toFixEdit(offset, offset + length, text);
  }
  // endLine defaults to startLine; a missing endColumn is the end of that line (SARIF 2.1.0, 3.30.2).
  const start: FixPlace | null = readLinePlace(region.startLine, region.startColumn, ONE_BASED, 1);
  const end = readLinePlace(readInteger(region.endLine) ?? region.startLine, region.endColumn, ONE_BASED, null);
  return toFixEdit(start, end, text);
}
