import { createHash } from 'node:crypto';
import type { DiagnosticReport } from '../../protocol/report.js';
import { groupBy } from '../arrays.js';

/**
 * The text of line `line` (1-based) of a repository-relative `file`, as the caller could read it;
 * '' when it could not (a missing or unreadable file, a line past its end). The engine reads no
 * repository file for a report: the front end reads them, or passes nothing.
 */
export type LineLookup = (file: string, line: number) => string;

/** A lookup for reports rendered without the files (a merged report, a unit test): every line is empty. */
export const NO_LINES: LineLookup = () => '';

/** The key of gauntlet's fingerprint in a SARIF result's `partialFingerprints`; a new way of hashing gets a new version. */
export const FINGERPRINT_KEY = 'gauntlet/v1';

/** Hex digits kept of the SHA-256: 128 bits, the size of the MD5 GitLab's example shows. */
const FINGERPRINT_HEX_DIGITS = 32;

/** What a diagnostic is a finding of: `<hook>/<code>`, or the hook alone when the tool gave no code. */
export function describeCheck(hook: string, code: string | null): string {
  return code === null ? hook : `${hook}/${code}`;
}

/** A line as the fingerprint sees it: runs of whitespace as one space, none at either end, so re-indenting keeps it. */
export function normaliseLineText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * One fingerprint per diagnostic (in the same order): a hash of its check, its file and the
 * normalised text of its line, so a finding keeps its fingerprint when lines above it are
 * added or removed, and gets a new one when its own line changes. Findings of one check on
 * lines of the same text in one file are told apart by their rank among them, counted from
 * the top of the file: the second `x = 1` flagged in a file is the second, wherever it moves.
 * GitLab shows findings with one fingerprint as one, and SARIF consumers match on it.
 */
export function fingerprintDiagnostics(diagnostics: readonly DiagnosticReport[], lineOf: LineLookup): string[] {
  const keys = diagnostics.map((diagnostic) => [
    describeCheck(diagnostic.hook, diagnostic.code),
    diagnostic.file,
    normaliseLineText(lineOf(diagnostic.file, diagnostic.line)),
  ]);
  // Rank within each group by place in the file, whatever order the report lists them in.
  const byPlace = diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => a.diagnostic.line - b.diagnostic.line || (a.diagnostic.column ?? 0) - (b.diagnostic.column ?? 0) || a.index - b.index);
  const ranks = new Array<number>(diagnostics.length).fill(1);
  for (const group of groupBy(byPlace, ({ index }) => JSON.stringify(keys[index])).values()) {
    group.forEach(({ index }, rank) => (ranks[index] = rank + 1));
  }
  return keys.map((key, index) => hashFingerprint([...(key ?? []), String(ranks[index] ?? 1)]));
}

/** A fingerprint per diagnostic object, for builders that keep or drop diagnostics after fingerprinting them all. */
export function mapFingerprints(diagnostics: readonly DiagnosticReport[], lineOf: LineLookup): Map<DiagnosticReport, string> {
  const fingerprints = fingerprintDiagnostics(diagnostics, lineOf);
  return new Map(diagnostics.map((diagnostic, index) => [diagnostic, fingerprints[index] ?? '']));
}

function hashFingerprint(parts: string[]): string {
  // JSON keeps the parts apart whatever characters they hold.
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}
