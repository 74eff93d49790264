import { FILE_PLACEHOLDER, FILES_PLACEHOLDER, type Hook } from '../../protocol/hook.js';

/** The word after which every tool that follows the POSIX convention reads operands only. */
const END_OF_OPTIONS = '--';

/** What of a hook decides where its files go in argv and how they are written. */
export type FilePlacement = Pick<Hook, 'argv' | 'passFiles' | 'stdin' | 'filesAfterDoubleDash'>;

/**
 * A repository path as an argv word that no tool reads as an option: `-m0` becomes `./-m0`,
 * which names the same file. Tools then report `./-m0`, which paths.ts reads back as `-m0`.
 */
export function toArgvPath(file: string): string {
  return file.startsWith('-') ? `./${file}` : file;
}

/**
 * The words files become: each as toArgvPath writes it, or, for a hook with
 * `files_after_double_dash`, `--` and then the paths as they are.
 */
export function toFileWords(hook: Pick<Hook, 'filesAfterDoubleDash'>, files: readonly string[]): string[] {
  if (hook.filesAfterDoubleDash !== true) return files.map(toArgvPath);
  return files.length === 0 ? [] : [END_OF_OPTIONS, ...files];
}

/** The words a hook's argv holds besides its template and the files themselves: the `--` of files_after_double_dash. */
export function listSeparatorWords(hook: Pick<Hook, 'filesAfterDoubleDash'>): string[] {
  return hook.filesAfterDoubleDash === true ? [END_OF_OPTIONS] : [];
}

/** The hook's argv with a batch's files at `{files}`, or appended when there is none. */
export function placeFiles(hook: FilePlacement, batch: readonly string[]): string[] {
  if (!hook.passFiles) return [...hook.argv];
  const words = toFileWords(hook, batch);
  const at = hook.argv.indexOf(FILES_PLACEHOLDER);
  if (at === -1) return [...hook.argv, ...words];
  return [...hook.argv.slice(0, at), ...words, ...hook.argv.slice(at + 1)];
}

/** The argv with the file at `{file}` (or `{files}`); appended only when the hook does not read stdin. */
export function placeFile(hook: FilePlacement, file: string): string[] {
  const words = toFileWords(hook, [file]);
  const at = hook.argv.findIndex((word) => word === FILE_PLACEHOLDER || word === FILES_PLACEHOLDER);
  if (at !== -1) return [...hook.argv.slice(0, at), ...words, ...hook.argv.slice(at + 1)];
  return hook.stdin === true ? [...hook.argv] : [...hook.argv, ...words];
}
