/**
 * A check the worker runs itself, with no subprocess: pre-commit's `pygrep` and `fail` languages.
 * The hook's argv then only names the check (for cache keys and messages); nothing is spawned.
 */
export type NativeCommand = PygrepCommand | FailCommand;

/** pre-commit's pygrep: a Python regex searched in each file, line by line or (multiline) whole. */
export interface PygrepCommand {
  type: 'pygrep';
  /**
   * The pattern as a JavaScript RegExp source, already carrying every Python flag and meaning
   * (see translatePythonRegex's text mode); searched in the file's bytes read as latin1.
   */
  source: string;
  /** The regex as the config wrote it, for messages. */
  pattern: string;
  /** `--multiline`: the regex is searched in the whole file, and the matched lines are printed. */
  multiline: boolean;
  /** `--negate`: a file with no match fails, and is printed by name. */
  negate: boolean;
}

/** pre-commit's fail: every file given fails, with the hook's `entry` as the message. */
export interface FailCommand {
  type: 'fail';
  message: string;
}

/** How a hook's output is cleaned before parsing: `pre-commit` strips `pre-commit run`'s status lines. */
export type OutputFilter = 'pre-commit';
