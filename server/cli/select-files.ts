import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listChangedFiles, listFiles, listStagedFiles } from '../../engine/files/git.js';
import { UsageError } from './errors.js';

export interface FileSelection {
  /** Paths named on the command line, relative to cwd. */
  paths: string[];
  changed: boolean;
  staged: boolean;
}

/** What a run covers: the files selected, and every file of the repository. */
export interface SelectedFiles {
  files: string[];
  all: string[];
}

/** The repository-relative files a run covers: every file, the changed or staged ones, or those named. */
export async function selectFiles(root: string, cwd: string, selection: FileSelection): Promise<SelectedFiles> {
  if (selection.changed && selection.staged) throw new UsageError('--changed and --staged cannot be used together');
  const allPromise = listFiles(root);
  const base = selection.staged
    ? await listStagedFiles(root)
    : selection.changed
      ? await listChangedFiles(root)
      : await allPromise;
  const all = await allPromise;
  return { files: await narrowToPaths(root, cwd, selection, base), all };
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
    } else if (known.has(relative) || !(selection.changed || selection.staged)) {
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
