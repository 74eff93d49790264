import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../protocol/diagnostic.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);

/** The captures were made by running each tool inside src/, so src/ is the repository root for them. */
export const CAPTURE_SRC = fileURLToPath(new URL('src', CAPTURES));

/** A tool's output as captured in test/fixtures/parse/. */
export function readCapture(name: string): string {
  return readFileSync(new URL(name, CAPTURES), 'utf8');
}

/** What a test spells out of a diagnostic; the rest defaults. */
export type DiagnosticFields = Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line' | 'message'>;

/** A diagnostic of `hook` with the location fields defaulting to "unknown" and the severity to error. */
export function expectedDiagnostic(hook: string, fields: DiagnosticFields): Diagnostic {
  return { hook, column: null, endLine: null, endColumn: null, severity: 'error', code: null, ...fields };
}
