import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listChangedFiles, listFiles, listFilesBetween, listStagedFiles } from '../../engine/files/git.js';
import { UsageError } from './errors.js';

export interface FileSelection {
  /** Paths named on the command line, relative to cwd. */
  paths: string[];
  changed: boolean;
  staged: boolean;
  /** Both or neither: the files changed between the two refs. */
  fromRef?: string | undefined;
  toRef?: string | undefined;
}

/** What a run covers: the files selected, and every file of the repository. */
export interface SelectedFiles {
  files: string[];
  all: string[];
}

/** The repository-relative files a run covers: every file, the changed or staged ones, or those named. */
export async function selectFiles(root: string, cwd: string, selection: FileSelection): Promise<SelectedFiles> {
  checkSelection(selection);
  const allPromise = listFiles(root);
  const base = selection.staged
    ? await listStagedFiles(root)
    : selection.changed
      ? await listChangedFiles(root)
      : selection.fromRef !== undefined && selection.toRef !== undefined
        ? await listFilesBetween(root, selection.fromRef, selection.toRef)
        : await allPromise;
  const all = await allPromise;
  return { files: await narrowToPaths(root, cwd, selection, base), all };
}

/** Throws the usage error of options that choose files in ways that exclude each other. */
export function checkSelection(selection: FileSelection): void {
  if ((selection.fromRef === undefined) !== (selection.toRef === undefined)) {
    throw new UsageError('--from-ref and --to-ref go together: give both (the files changed between the two refs)');
  }
  const chosen = [selection.changed && '--changed', selection.staged && '--staged', selection.fromRef !== undefined && '--from-ref/--to-ref'];
  const given = chosen.filter((option): option is string => option !== false);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} cannot be used together`);
}

async function narrowToPaths(root: string, cwd: string, selection: FileSelection, base: string[]): Promise<string[]> {
  if (selection.paths.length === 0) return base;
  const wanted = await Promise.all(selection.paths.map((arg) => resolveArgument(root, cwd, arg)));
  const known = new Set(base);
  const picked = new Set<string>();
  for (const { relative, isDirectory } of wanted) {
    if (isDirectory) {
      const prefix = relative === '' ? '' : `${relative}/`;
      for (const file of base) if (file.startsWith(prefix)) picked.add(file);
    } else if (known.has(relative) || !(selection.changed || selection.staged || selection.fromRef !== undefined)) {
      // A named file counts even when git ignores it: the user asked for it.
      picked.add(relative);
    }
  }
  return [...picked].sort();
}

async function resolveArgument(root: string, cwd: string, arg: string): Promise<{ relative: string; isDirectory: boolean }> {
  const absolute = path.resolve(cwd, arg);
  const relative = path.relative(root, absolute);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new UsageError(`${arg}: outside the repository ${root}`);
  }
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new UsageError(`${arg}: no such file or directory`);
  return { relative: relative.split(path.sep).join('/'), isDirectory: info.isDirectory() };
}
