import type { HookConfig } from '../../protocol/config.js';
import { FILES_PLACEHOLDER, RANGE_PLACEHOLDERS } from '../../protocol/hook.js';

type FieldPath = readonly PropertyKey[];
type Fail = (path: FieldPath, detail: string, key?: PropertyKey) => never;

/**
 * Checks what `format` and `range_format` ask of the rest of a hook: a formatter reads one
 * file on stdin and gauntlet writes what it prints, so it takes no batch and rewrites nothing
 * itself; range placeholders are replaced only for a range formatter, which needs at least one.
 */
export function checkFormatFields(hook: HookConfig, argv: readonly string[], at: FieldPath, fail: Fail): void {
  const named = `hook "${hook.name}"`;
  const placeholders = RANGE_PLACEHOLDERS.filter((placeholder) => argv.some((word) => word.includes(placeholder)));
  if (hook.range_format && !hook.format) {
    fail([...at, 'range_format'], `${named}: range_format is only for a formatter (add format: true, or remove range_format)`);
  }
  if (!hook.format) {
    const first = placeholders[0];
    if (first !== undefined) fail([...at, 'command'], `${named}: "${first}" is only replaced for a hook with format: true and range_format: true`);
    return;
  }
  if (!hook.pass_files) fail([...at, 'format'], `${named}: a formatter formats one file at a time on stdin (remove format, or set pass_files: true)`);
  if (hook.modifies_files) {
    fail([...at, 'format'], `${named}: gauntlet writes a formatter's output itself with --fix (remove modifies_files, or remove format)`);
  }
  if (hook.always_run) fail([...at, 'format'], `${named}: a formatter needs a file to format (remove always_run)`);
  if (argv.includes(FILES_PLACEHOLDER)) fail([...at, 'command'], `${named}: a formatter reads one file on stdin: write "{file}" for its path, not "{files}"`);
  if (hook.range_format && placeholders.length === 0) {
    fail([...at, 'range_format'], `${named}: the command has none of ${RANGE_PLACEHOLDERS.join(', ')} (put them where the tool takes its range)`);
  }
  if (!hook.range_format && placeholders.length > 0) {
    fail([...at, 'command'], `${named}: "${placeholders[0] ?? ''}" is only replaced with range_format: true (add it, or remove the placeholder)`);
  }
}
