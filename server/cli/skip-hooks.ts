import { UsageError } from './errors.js';

/** What a run leaves out, by hook name, and the warnings about names SKIP gave that no hook has. */
export interface SkipChoice {
  skip: Map<string, string>;
  warnings: string[];
}

/**
 * The hooks to leave out: those named by `--skip` (an unknown name is a usage error, as with
 * --tool) and by the `SKIP` variable, comma-separated as pre-commit reads it (an unknown name is
 * only a warning: other tools read the same variable).
 */
export function chooseSkippedHooks(flags: string[] | undefined, variable: string | undefined, known: string[]): SkipChoice {
  checkHookNames('--skip', flags, known);
  const skip = new Map<string, string>();
  const fromVariable = (variable ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const warnings = fromVariable
    .filter((name) => !known.includes(name))
    .map((name) => `SKIP names "${name}", which is no hook of this config (known: ${known.join(', ')}); ignored`);
  for (const name of fromVariable) if (known.includes(name)) skip.set(name, 'skipped by SKIP');
  for (const name of flags ?? []) skip.set(name, 'skipped by --skip');
  return { skip, warnings };
}

/** Throws the usage error of an option naming hooks the config does not have. */
export function checkHookNames(option: string, names: string[] | undefined, known: string[]): void {
  const unknown = (names ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`${option}: unknown hook ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${known.join(', ')})`);
  }
}
