import type { PygrepCommand } from '../../../protocol/native-command.js';
import { translatePythonRegex } from './python-regex.js';

/** pygrep's own options (its argparse), as a hook's `args` may give them. */
const IGNORE_CASE_FLAGS = new Set(['-i', '--ignore-case']);

/** A pygrep hook's check, or the one-line reason it cannot be run (the caller names the hook). */
export type PygrepBuild = { ok: true; command: PygrepCommand } | { ok: false; field: 'args' | 'entry'; reason: string };

/**
 * pre-commit's `language: pygrep`: `entry` is a Python regex, `args` may add `-i`/`--ignore-case`,
 * `--multiline` (re.MULTILINE | re.DOTALL, searched in the whole file) and `--negate`. The regex
 * is translated once here, with those flags spelled out in it, for the worker to run.
 */
export function buildPygrep(entry: string, args: readonly string[]): PygrepBuild {
  let ignoreCase = false;
  let multiline = false;
  let negate = false;
  for (const arg of args) {
    if (IGNORE_CASE_FLAGS.has(arg)) ignoreCase = true;
    else if (arg === '--multiline') multiline = true;
    else if (arg === '--negate') negate = true;
    else return { ok: false, field: 'args', reason: `pygrep takes only -i/--ignore-case, --multiline and --negate, not ${JSON.stringify(arg)}` };
  }
  const translated = translatePythonRegex(entry, { ignoreCase, multiline, dotAll: multiline });
  if (!translated.ok) return { ok: false, field: 'entry', reason: `cannot run the Python regex ${JSON.stringify(entry)}: ${translated.reason}` };
  return { ok: true, command: { type: 'pygrep', source: translated.source, pattern: entry, multiline, negate } };
}
