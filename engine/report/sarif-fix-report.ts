import type { Fix, FixEdit } from '../../protocol/diagnostic.js';
import type { DiagnosticReport } from '../../protocol/report.js';
import { toArtifactLocation } from './sarif-location.js';

/** What SARIF's deletedRegion can say without the file's text: characters, or lines and columns. */
type SarifDeletedRegion = { charOffset: number; charLength: number } | { startLine: number; startColumn: number; endLine: number; endColumn?: number };

/** A SARIF fix: replacements in the result's own file. */
export interface SarifFix {
  description: { text: string };
  artifactChanges: {
    artifactLocation: { uri: string; uriBaseId?: string };
    replacements: { deletedRegion: SarifDeletedRegion; insertedContent: { text: string } }[];
  }[];
}

/**
 * A diagnostic's fixes as SARIF `fixes`, or undefined when it has none SARIF can state: an edit
 * that starts at the end of a line, or mixes an offset with a line, needs the text to be placed.
 */
export function toSarifFixes(diagnostic: DiagnosticReport): SarifFix[] | undefined {
  const fixes = (diagnostic.fixes ?? []).map((fix) => toSarifFix(fix, diagnostic.file)).filter((fix) => fix !== null);
  return fixes.length > 0 ? fixes : undefined;
}

function toSarifFix(fix: Fix, file: string): SarifFix | null {
  const replacements = fix.edits.map((edit) => {
    const deletedRegion = toDeletedRegion(edit);
    return deletedRegion === null ? null : { deletedRegion, insertedContent: { text: edit.text } };
  });
  if (replacements.some((replacement) => replacement === null)) return null;
  return {
    description: { text: fix.description },
    artifactChanges: [{ artifactLocation: toArtifactLocation(file), replacements: replacements.filter((replacement) => replacement !== null) }],
  };
}

function toDeletedRegion({ start, end }: FixEdit): SarifDeletedRegion | null {
  if (typeof start === 'number' && typeof end === 'number') return { charOffset: start, charLength: end - start };
  if (typeof start === 'number' || typeof end === 'number' || start.column === null) return null;
  // A missing endColumn is the end of the line in SARIF too.
  return { startLine: start.line, startColumn: start.column, endLine: end.line, ...(end.column === null ? {} : { endColumn: end.column }) };
}
