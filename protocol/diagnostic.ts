/** How serious a finding is; tools' own words are mapped onto these four. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * A place in a file's text, as tools give it: a 0-based offset in UTF-16 code units (ESLint's
 * `fix.range`, SARIF's `charOffset`), or a 1-based line and column (Ruff, SARIF regions); a
 * null column is the end of that line. Turned into an editor position against the text only
 * when the fix is applied.
 */
export type FixPlace = number | { line: number; column: number | null };

/** One replacement: the text from `start` up to (not including) `end` becomes `text`. */
export interface FixEdit {
  start: FixPlace;
  end: FixPlace;
  text: string;
}

/** A change a tool proposes for a finding. */
export interface Fix {
  /** What it does, in the tool's words where it has some: the title an editor shows. */
  description: string;
  /** The tool applies it by itself (`eslint --fix`, Ruff's safe fixes); a fix-all applies only these. */
  safe: boolean;
  /** Replacements in the diagnostic's file, none overlapping another. */
  edits: FixEdit[];
}

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
  /** What the tool proposes to change, its own fix before its suggestions; absent when it proposes nothing. */
  fixes?: Fix[];
  /** The page documenting the rule `code`, when the tool gives it or gauntlet knows its shape. */
  url?: string;
}
