import { pathToFileURL } from 'node:url';
import type { DiagnosticReport } from '../../protocol/report.js';

/** Where code scanning finds a file: against this base, which the log maps to the repository root. */
export const SRCROOT = '%SRCROOT%';

/** A SARIF region: 1-based lines and columns, the ends only when known. */
export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

/** A repository-relative path against %SRCROOT%; a path outside the repository as a file: URI. */
export function toArtifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/')) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

function encodeSegment(segment: string): string {
  // encodeURIComponent throws on a lone surrogate.
  return encodeURIComponent(segment.replace(/\p{Cs}/gu, '\uFFFD'));
}

/** SARIF lines and columns are 1-based like gauntlet's; impossible ends are dropped rather than guessed. */
export function toRegion(diagnostic: DiagnosticReport): SarifRegion {
  // Code scanning refuses a result without a startLine of at least 1.
  const startLine = Math.max(1, Math.trunc(diagnostic.line));
  const startColumn = isPositive(diagnostic.column) ? diagnostic.column : null;
  const region: SarifRegion = { startLine };
  if (startColumn !== null) region.startColumn = startColumn;
  const endLine = isPositive(diagnostic.end_line) && diagnostic.end_line >= startLine ? diagnostic.end_line : null;
  if (endLine !== null) region.endLine = endLine;
  const endColumn = diagnostic.end_column;
  if (isPositive(endColumn) && ((endLine ?? startLine) > startLine || endColumn >= (startColumn ?? 1))) region.endColumn = endColumn;
  return region;
}

/** A whole number of at least 1: a line or column a tool really gave. */
export function isPositive(value: number | null): value is number {
  return value !== null && Number.isInteger(value) && value >= 1;
}
