import { escapeMessageLine } from './escape-text.js';

// GitHub Actions workflow commands (`::name key=value,key=value::data`), written as GitHub's
// own toolkit writes them (actions/toolkit, packages/core/src/command.ts) and as the runner
// reads them back (actions/runner, src/Runner.Common/ActionCommand.cs).

/** The kinds of annotation a workflow command makes. */
export type AnnotationKind = 'error' | 'warning' | 'notice';

/** A command's properties, in the order they are written; absent values are left out. */
export type CommandProperties = ReadonlyArray<readonly [name: string, value: string | number | undefined]>;

/** A command's data as the toolkit's escapeData writes it: `%`, CR and LF as `%25`, `%0D`, `%0A`. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** A property value as the toolkit's escapeProperty writes it: also `:` and `,`, which end a value. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

/** One workflow command on one line: `::name key=value,...::data`. */
export function formatCommand(name: string, properties: CommandProperties, data: string): string {
  const written = properties
    .filter((entry): entry is readonly [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`);
  return `::${name}${written.length === 0 ? '' : ` ${written.join(',')}`}::${escapeCommandData(data)}`;
}

/**
 * A line of a tool's text that the runner must read as text, not as a command: one line (its
 * controls escaped, a line break shown as `\n`), never starting with `::` once leading blanks
 * are trimmed (the runner's test), and with no `##[` anywhere (the older form it still finds
 * in the middle of a line: `##[add-mask]...`).
 */
export function formatLogLine(text: string): string {
  const line = escapeMessageLine(text).replace(/##\[/gu, '##\\[');
  return /^\s*::/u.test(line) ? `\\${line}` : line;
}
