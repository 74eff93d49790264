/** How serious a finding is; tools' own words are mapped onto these four. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One finding of one hook on one file. Lines and columns are 1-based. */
export interface Diagnostic {
  hook: string;
  /** Repository-relative POSIX path. */
  file: string;
  line: number;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: Severity;
  code: string | null;
  message: string;
}
