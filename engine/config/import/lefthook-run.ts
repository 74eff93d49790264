import { FILES_PLACEHOLDER } from '../../../protocol/hook.js';

/** lefthook's file templates; each stands for the files gauntlet selects for the hook. */
const FILE_TEMPLATES = /\{(?:staged_files|all_files|files|push_files)\}/g;
/** `{0}`, `{1}`...: the git hook's own arguments, which a pre-commit hook has none of. */
const ARGUMENT_TEMPLATES = /\{\d+\}/g;
const NAME_TEMPLATE = /\{lefthook_job_name\}/g;
/** `git add` (or its alias `git stage`), git's global options allowed between: a command that stages files. */
const GIT_ADD = /(?:^|[^\w.-])git(?:\s+(?:-[Cc]\s+\S+|--?[\w-]+(?:=\S+)?))*\s+(?:add|stage)(?=\s|$|[;&|)])/m;

/** A `run:` string made into argv, whether files are passed to it, and whether it runs `git add`. */
export interface TranslatedRun {
  argv: string[];
  passFiles: boolean;
  stagesFiles: boolean;
}

/**
 * lefthook runs `run:` with `sh -c`, after pasting the file list into it. gauntlet never
 * builds shell text from file names: the templates become `"$@"` and the files are passed
 * as the script's positional arguments (`sh -c SCRIPT sh FILE...`), one argv element each.
 * Environment values that refer to variables (`$PATH:bin`; lefthook expands them) are
 * exported by the script itself, so `sh` expands them the same way.
 */
export function translateRun(run: string, options: { name: string; templates: Record<string, string>; env: Record<string, string> }): TranslatedRun {
  let script = run;
  for (const [name, value] of Object.entries(options.templates)) script = script.split(`{${name}}`).join(value);
  const passFiles = script.search(FILE_TEMPLATES) !== -1;
  script = script.replace(FILE_TEMPLATES, '"$@"').replace(ARGUMENT_TEMPLATES, '').replace(NAME_TEMPLATE, options.name);
  const exports = Object.entries(options.env)
    .filter(([, value]) => value.includes('$'))
    .map(([name, value]) => `export ${name}="${quoteExpandable(value)}"; `)
    .join('');
  script = `${exports}${script.trim()}`;
  const stagesFiles = GIT_ADD.test(script);
  return { argv: passFiles ? ['sh', '-c', script, 'sh', FILES_PLACEHOLDER] : ['sh', '-c', script], passFiles, stagesFiles };
}

/** The environment values passed as they are (those without `$`). */
export function literalEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => !value.includes('$')));
}

/** Double-quoted shell text in which only `$NAME` and `${NAME}` expand, as in Go's os.ExpandEnv. */
function quoteExpandable(value: string): string {
  return value.replace(/[\\"`]/g, '\\$&').replace(/\$(?![A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]*\})/g, '\\$');
}

/** Seconds in a Go duration (`15s`, `1m30s`, `500ms`), or null when it is not one. */
export function parseGoDuration(text: string): number | null {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3_600 };
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text.trim()) return null;
  const seconds = parts.reduce((sum, part) => sum + Number(part[1]) * (units[part[2] ?? ''] ?? 0), 0);
  return seconds > 0 ? seconds : null;
}
