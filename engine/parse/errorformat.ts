import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import type { Diagnostic, Severity } from '../../protocol/diagnostic.js';
import { compileErrorformat, type CompiledFormat } from './errorformat-compile.js';
import { toDiagnostics, type Finding } from './finding.js';
import type { ParseContext } from './parse-context.js';
import { DEFAULT_SEVERITY, readSeverity, toSeverityFromCode } from './severity.js';

/** Compiled format lists kept between parse calls; a worker parses with few distinct specs. */
const CACHE_LIMIT = 32;
const cache = new Map<string, CompiledFormat[]>();

/** What one matched line says; fields it does not give are null. */
interface LineFields {
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  type: string | null;
  code: string | null;
  message: string;
  tail: string;
}

/** A quickfix entry being built; a multi-line message fills it from its %C and %Z lines. */
interface Entry extends Omit<LineFields, 'tail'> {
  firstLine: string;
  /** %G lines are entries for Vim, but general messages, not findings. */
  general: boolean;
}

/** The scanner's state between lines, as Vim's qf_list keeps it. */
interface ScanState {
  multiline: boolean;
  multiignore: boolean;
  fileStack: string[];
  directoryStack: string[];
  last: Entry | null;
  /** Index of the format a `%>` asked to try first on the next line. */
  startAt: number;
  entries: Entry[];
  /** Takes an absolute path. */
  fileExists: (path: string) => boolean;
}

/**
 * Reads output with Vim errorformats, line by line, as Vim's quickfix does: the first
 * format that matches a line wins; %A/%E/%W/%I/%N open a multi-line message that
 * %C lines extend and a %Z line ends; %-... drops a line, %+... keeps the whole
 * line as message; %P/%Q push and pop a current file for later lines, %D/%X a
 * directory that relative file names are taken in. As in Vim, a %O/%P/%Q line
 * counts only when its file exists (context.fileExists, the file system by default).
 * Lines no format matches are skipped. Throws when a format does not compile (the
 * config loader rejects those first).
 */
export function parseErrorformat(formats: readonly string[], output: string, context: ParseContext): Diagnostic[] {
  const compiled = compileAll(formats);
  const state: ScanState = {
    multiline: false,
    multiignore: false,
    fileStack: [],
    directoryStack: [],
    last: null,
    startAt: 0,
    entries: [],
    fileExists: (path) => (context.fileExists ?? existsSync)(posix.resolve(context.root, path)),
  };
  for (const line of output.split(/\r?\n/)) scanLine(compiled, line, state, false);
  return toDiagnostics(state.entries.filter((entry) => !entry.general).map(toFinding), context);
}

function compileAll(formats: readonly string[]): CompiledFormat[] {
  const key = JSON.stringify(formats);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const compiled = formats.map((format) => compileErrorformat(format));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, compiled);
  return compiled;
}

/** Vim's qf_parse_line; `multiscan` is the rest of a file line, scanned again from the format that matched it. */
function scanLine(formats: readonly CompiledFormat[], text: string, state: ScanState, multiscan: boolean, from?: number): void {
  const startAt = from ?? state.startAt;
  state.startAt = 0;
  let matched: { format: CompiledFormat; index: number; fields: LineFields } | null = null;
  for (let index = startAt; index < formats.length && matched === null; index++) {
    const format = formats[index];
    if (format === undefined) continue;
    // A line's rest (%r of a file line) is only tried against more file lines.
    if (multiscan && !isFileLine(format)) continue;
    if ((format.prefix === 'C' || format.prefix === 'Z') && !state.multiline) continue;
    const match = format.regex.exec(text);
    if (match === null) continue;
    const fields = readFields(format, match.groups ?? {}, text, multiscan);
    // As in Vim, a file line only counts when the file exists: `%P%f` must not swallow every line.
    if (isFileLine(format) && fields.file !== null && !state.fileExists(resolveFile(fields.file, state))) continue;
    matched = { format, index, fields };
  }
  if (matched === null) {
    state.multiline = false;
    state.multiignore = false;
    return;
  }
  const { format, index, fields } = matched;
  if (format.continueHere) state.startAt = index;
  switch (format.prefix) {
    case 'D':
      if (fields.file !== null) state.directoryStack.push(posix.join(state.directoryStack.at(-1) ?? '', fields.file));
      return;
    case 'X':
      state.directoryStack.pop();
      return;
    case 'C':
    case 'Z':
      // Vim ends here for continuation lines: their %- and %+ flags only shape the message.
      if (!state.multiignore && state.last !== null) mergeInto(state.last, { ...fields, file: placeFile(fields.file, state) });
      if (format.prefix === 'Z') state.multiline = state.multiignore = false;
      return;
    case 'O':
    case 'P':
    case 'Q':
      if (format.prefix === 'P' && fields.file !== null) state.fileStack.push(fields.file);
      if (format.prefix === 'Q') state.fileStack.pop();
      if (fields.tail.trim() !== '') {
        scanLine(formats, fields.tail.trimStart(), state, true, index);
        return;
      }
      break;
    case 'A':
    case 'E':
    case 'W':
    case 'I':
    case 'N':
      state.multiline = true;
      state.multiignore = false;
      break;
    default:
      break;
  }
  if (format.flag === '-') {
    if (state.multiline) state.multiignore = true;
    return;
  }
  if (isFileLine(format)) return;
  const entry: Entry = { ...fields, file: placeFile(fields.file, state), firstLine: text, general: format.prefix === 'G' };
  state.last = entry;
  state.entries.push(entry);
}

function readFields(format: CompiledFormat, groups: Record<string, string | undefined>, text: string, multiscan: boolean): LineFields {
  const prefixType = 'EWIN'.includes(format.prefix || '-') ? format.prefix : null;
  const type = groups.t ?? prefixType;
  const pointer = groups.p === undefined ? null : groups.p.length + 1;
  return {
    file: emptyToNull(groups.f),
    line: toNumber(groups.l),
    column: toNumber(groups.v) ?? pointer ?? toNumber(groups.c),
    endLine: toNumber(groups.e),
    endColumn: toNumber(groups.k),
    type: type === null || type === '' ? null : type,
    code: emptyToNull(groups.code ?? groups.n),
    message: format.flag === '+' && !multiscan ? text : (groups.m ?? ''),
    tail: groups.r ?? '',
  };
}

/** A %C or %Z line appends its message and fills what the entry still lacks. */
function mergeInto(entry: Entry, fields: LineFields): void {
  if (fields.message !== '') entry.message = entry.message === '' ? fields.message : `${entry.message}\n${fields.message}`;
  entry.file ??= fields.file;
  entry.line ??= fields.line;
  entry.column ??= fields.column;
  entry.endLine ??= fields.endLine;
  entry.endColumn ??= fields.endColumn;
  entry.type ??= fields.type;
  entry.code ??= fields.code;
}

/** The file a finding is on: its own, or the one a %P line pushed, under the directory a %D line entered. */
function placeFile(file: string | null, state: ScanState): string | null {
  const named = file ?? state.fileStack.at(-1) ?? null;
  return named === null ? null : resolveFile(named, state);
}

function isFileLine(format: CompiledFormat): boolean {
  return format.prefix === 'O' || format.prefix === 'P' || format.prefix === 'Q';
}

/** A file name as a %D line's directory places it (relative to the repository when no directory was entered). */
function resolveFile(file: string, state: ScanState): string {
  const directory = state.directoryStack.at(-1);
  return directory === undefined || posix.isAbsolute(file) ? file : posix.join(directory, file);
}

function toFinding(entry: Entry): Finding {
  const message = entry.message.trim() === '' ? entry.firstLine : entry.message;
  return { ...entry, severity: toEntrySeverity(entry), message };
}

/** %t (or the %E/%W/%I/%N prefix) decides; an unknown letter in `%t%n` (pylint's C0114) falls back on the code's family. */
function toEntrySeverity(entry: Entry): Severity {
  const severity = readSeverity(entry.type ?? undefined);
  if (severity !== null) return severity;
  if (entry.type !== null && entry.code?.startsWith(entry.type) === true) return toSeverityFromCode(entry.code);
  return DEFAULT_SEVERITY;
}

function toNumber(digits: string | undefined): number | null {
  if (digits === undefined || digits === '') return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

function emptyToNull(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : text;
}
