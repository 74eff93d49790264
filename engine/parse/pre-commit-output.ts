import type { Diagnostic } from '../../protocol/diagnostic.js';

/** `pre-commit run`'s (and prek's) own lines around a hook's output, not the hook's words. */
const STATUS_LINE = /^.*?\.{2,}(?:\([^)]*\))?(?:Passed|Failed|Skipped)\s*$/;
const DETAIL_LINE = /^- (?:hook id: .*|duration: .*|exit code: -?\d+|files were modified by this hook)\s*$/;
const INFO_LINE = /^\[INFO\] /;
const EXIT_CODE_LINE = /^- exit code: /m;
const MODIFIED_LINE = /^- files were modified by this hook\s*$/m;

/** A hook's output as pre-commit printed it, cleaned for parsing. */
export interface PreCommitOutput {
  /** The hook's own output, without pre-commit's status and detail lines. */
  text: string;
  /**
   * pre-commit failed the hook only because the repository's diff changed while it ran (the tool
   * itself exited 0): gauntlet judges that by the hook's own files, since any hook running at the
   * same time may have changed the diff.
   */
  modifiedOnly: boolean;
}

/**
 * Strips what `pre-commit run HOOK --files ...` adds to a hook's output: the `name.....Passed`
 * status line, the `- hook id:`, `- exit code:`, `- duration:` and `- files were modified by
 * this hook` lines, `[INFO]` lines of environment installs, and the blank lines around the rest.
 */
export function stripPreCommitOutput(output: string): PreCommitOutput {
  const kept = output
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !STATUS_LINE.test(line) && !DETAIL_LINE.test(line) && !INFO_LINE.test(line));
  while (kept.length > 0 && kept[0]?.trim() === '') kept.shift();
  while (kept.length > 0 && kept.at(-1)?.trim() === '') kept.pop();
  const text = kept.length === 0 ? '' : `${kept.join('\n')}\n`;
  return { text, modifiedOnly: MODIFIED_LINE.test(output) && !EXIT_CODE_LINE.test(output) };
}

/**
 * Findings for the files a hook's output names on a line of their own (what pre-commit's `fail`
 * and `pygrep --negate` print), when no other finding is about them: a failure then rests on
 * those files, and is cached with them.
 */
export function findListedFiles(hook: string, text: string, files: readonly string[], found: readonly Diagnostic[]): Diagnostic[] {
  const given = new Set(files);
  const known = new Set(found.map((diagnostic) => diagnostic.file));
  const lines = text.split('\n').map((line) => line.trimEnd());
  const listed = [...new Set(lines.filter((line) => given.has(line) && !known.has(line)))];
  const message = lines.find((line) => line.trim() !== '' && !given.has(line))?.trim() ?? `listed by ${hook}`;
  return listed.map((file) => ({ hook, file, line: 1, column: null, endLine: null, endColumn: null, severity: 'error', code: null, message }));
}
