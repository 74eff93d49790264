import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ensureStateDir, STATE_DIR_NAME } from '../store/state-dir.js';
import { writeFileAtomic } from '../store/write-atomic.js';
import { isMissingError, runGitBytes } from './run-git.js';

/** Folder, under the state folder, that holds the unstaged changes a staged run set aside. */
const PATCH_DIR_NAME = 'patches';
const PATCH_NAME_PATTERN = /^unstaged-(\d{8}T\d{9}Z)-(\d+)\.patch$/;

/** A saved patch of unstaged changes, and the process that saved it. */
export interface SavedPatch {
  /** Absolute path. */
  path: string;
  /** Path as the user should type it: relative to the repository root. */
  shown: string;
  pid: number;
}

/** A patch of unstaged changes that could not be put back; the message says how to, in one line. */
export class PatchRestoreError extends Error {
  override readonly name = 'PatchRestoreError';
}

/** The one line that tells the user how to put a saved patch back by hand. */
export function describeManualRestore(patch: SavedPatch, why: string): string {
  return `${why}: your unstaged changes are saved in ${patch.shown}; restore them with "git apply --whitespace=nowarn ${patch.shown}" from the repository root (if it refuses, first "git checkout -- <its files>"), then delete the patch`;
}

/** Writes a patch atomically under `.gauntlet/patches/`, named by the time and this process. */
export async function savePatch(root: string, content: Uint8Array): Promise<SavedPatch> {
  const folder = join(await ensureStateDir(root), PATCH_DIR_NAME);
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const path = join(folder, `unstaged-${stamp}-${process.pid}.patch`);
  await writeFileAtomic(path, content);
  return { path, shown: relative(root, path), pid: process.pid };
}

/** The saved patches, oldest first; none when the folder does not exist. */
export async function listSavedPatches(root: string): Promise<SavedPatch[]> {
  const folder = join(root, STATE_DIR_NAME, PATCH_DIR_NAME);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (isMissingError(error)) return [];
    throw error;
  }
  const patches: SavedPatch[] = [];
  for (const name of names.sort()) {
    const match = PATCH_NAME_PATTERN.exec(name);
    if (match) patches.push({ path: join(folder, name), shown: relative(root, join(folder, name)), pid: Number(match[2]) });
  }
  return patches;
}

/** Forgets a patch once its changes are back in the work tree. */
export async function removePatch(patch: SavedPatch): Promise<void> {
  await rm(patch.path, { force: true });
}

/** True while the process that saved the patch still runs (its run will put the changes back). */
export function isPatchOwnerAlive(patch: SavedPatch): boolean {
  // This process has stashed nothing yet when it asks: a patch under its pid is a dead run's (a container's pid 1).
  if (patch.pid === process.pid) return false;
  try {
    process.kill(patch.pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user holds the pid, so it is alive.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Applies a patch to the work tree; false when it does not apply (nothing is changed then). */
export async function applyPatch(root: string, patch: SavedPatch, options: { reverse?: boolean; check?: boolean } = {}): Promise<boolean> {
  const flags = ['--whitespace=nowarn', ...(options.reverse ? ['--reverse'] : []), ...(options.check ? ['--check'] : [])];
  // A second try without autocrlf, as pre-commit does: the patch was taken from what git stores.
  for (const config of [[], ['-c', 'core.autocrlf=false']]) {
    try {
      await runGitBytes(root, [...config, 'apply', ...flags, patch.path]);
      return true;
    } catch {
      // `git apply` is all or nothing: a failed try leaves the work tree as it was.
    }
  }
  return false;
}
