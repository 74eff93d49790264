import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFileSet, listFilesBetween } from '../../engine/files/git.js';
import type { FileListing, NonUtf8File } from '../../engine/files/non-utf8.js';
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

/** What a run covers: the files selected, and every file of the repository when it was listed. */
export interface SelectedFiles {
  files: string[];
  /** Null when the run needs no list of every file (see selectFiles). */
  all: string[] | null;
  /** The same two sets of files whose names are not UTF-8 (no hook can be given them). */
  nonUtf8: NonUtf8File[];
  allNonUtf8: NonUtf8File[];
}

const NO_FILES: FileListing = { files: [], nonUtf8: [] };

/**
 * The repository-relative files a run covers: every file, the changed or staged ones, those between
 * two refs, or those named. The selection is one `checkSelection` accepted. Every file of the
 * repository is listed only when the run covers them or `needsAll` says a hook does (a hook that
 * checks the project as a whole): a run over named files lists none of them otherwise.
 */
export async function selectFiles(root: string, cwd: string, selection: FileSelection, needsAll: Promise<boolean> = Promise.resolve(true)): Promise<SelectedFiles> {
  const named = selection.paths.length > 0;
  // The arguments first: a bad one is the error to report, before any wait on the config.
  const paths = named ? await Promise.all(selection.paths.map((arg) => resolveArgument(root, cwd, arg))) : [];
  const scope = selection.staged ? 'staged' : selection.changed ? 'changed' : 'all';
  const between = selection.fromRef !== undefined && selection.toRef !== undefined;
  // Named files alone need no listing: a folder among them does, as does a hook of the whole project.
  const listsAll = !named || (await needsAll) || (!between && scope === 'all' && paths.some((entry) => entry.isDirectory));
  const allPromise = listsAll ? listFileSet(root, 'all') : Promise.resolve(null);
  const basePromise = between
    ? listFilesBetween(root, selection.fromRef ?? '', selection.toRef ?? '')
    : scope === 'all'
      ? allPromise.then((all) => all ?? NO_FILES)
      : listFileSet(root, scope);
  // Awaited together: when several fail, no rejection is left unhandled.
  const [base, all] = await Promise.all([basePromise, allPromise]);
  const allNonUtf8 = all?.nonUtf8 ?? base.nonUtf8;
  if (!named) return { files: base.files, all: all?.files ?? null, nonUtf8: base.nonUtf8, allNonUtf8 };
  // Such a name cannot be typed as an argument Node reads (it arrives decoded), but a folder holding it can.
  const folders = paths.filter((entry) => entry.isDirectory).map((entry) => toFolderPrefix(entry.relative));
  const nonUtf8 = base.nonUtf8.filter((file) => folders.some((prefix) => file.path.startsWith(prefix)));
  return { files: narrowToPaths(selection, paths, base.files), all: all?.files ?? null, nonUtf8, allNonUtf8 };
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

function narrowToPaths(selection: FileSelection, wanted: readonly NamedPath[], base: string[]): string[] {
  const known = new Set(base);
  const picked = new Set<string>();
  for (const { relative, isDirectory } of wanted) {
    if (isDirectory) {
      const prefix = toFolderPrefix(relative);
      for (const file of base) if (file.startsWith(prefix)) picked.add(file);
    } else if (known.has(relative) || !(selection.changed || selection.staged || selection.fromRef !== undefined)) {
      // A named file counts even when git ignores it: the user asked for it.
      picked.add(relative);
    }
  }
  return [...picked].sort();
}

function toFolderPrefix(relative: string): string {
  return relative === '' ? '' : `${relative}/`;
}

/** A path named on the command line, repository-relative. */
interface NamedPath {
  relative: string;
  isDirectory: boolean;
}

async function resolveArgument(root: string, cwd: string, arg: string): Promise<NamedPath> {
  const absolute = path.resolve(cwd, arg);
  const relative = path.relative(root, absolute);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new UsageError(`${arg}: outside the repository ${root}`);
  }
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new UsageError(`${arg}: no such file or directory`);
  return { relative: relative.split(path.sep).join('/'), isDirectory: info.isDirectory() };
}
