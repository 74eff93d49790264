import { runGit, runGitBytes } from './run-git.js';
import {
  applyPatch,
  describeManualRestore,
  isPatchOwnerAlive,
  listSavedPatches,
  PatchRestoreError,
  removePatch,
  savePatch,
  type SavedPatch,
} from './unstaged-patches.js';

/** Unstaged changes set aside while the work tree holds what the index holds. */
export interface UnstagedStash {
  patch: SavedPatch;
  /** Repository-relative files reset to their index content, as text (names that are not UTF-8 show U+FFFD). */
  files: string[];
  /** The same names as git gave them, each ended by a NUL byte: what goes back to git. */
  fileNames: Buffer;
  /** Files added with `git add -N`, as git gave them, each ended by a NUL byte: out of the index meanwhile, added back after. */
  intentToAdd: Buffer;
}

/** How the unstaged changes came back. */
export interface RestoreOutcome {
  /** A fixer's rewrites clashed with the changes: the fixer's edits of these files were dropped. */
  rolledBack: string[];
}

const DIFF_ARGS = ['--no-color', '--no-ext-diff', '--no-renames', '--ignore-submodules=all'];

/**
 * Makes the work tree hold the staged content of tracked files, as pre-commit does: the
 * unstaged changes (binary, deletions and modes too; submodules and untracked files are left
 * alone) go to a patch under `.gauntlet/patches/`, then the index's versions are checked out.
 * Null when there is nothing unstaged. Plumbing commands only, so no diff config of the user
 * (prefixes, textconv, external diff) reshapes the patch.
 */
export async function stashUnstaged(root: string): Promise<UnstagedStash | null> {
  // A process sets changes aside once: any patch there is another run's, alive or dead.
  const [held] = await listSavedPatches(root);
  if (held) {
    throw new PatchRestoreError(
      isPatchOwnerAlive(held)
        ? `another gauntlet (pid ${held.pid}) is checking the staged content of this repository: wait for it to finish`
        : describeManualRestore(held, 'a staged run was interrupted'),
    );
  }
  // Names as bytes, never decoded on their way back to git: a name that is not UTF-8 must stay the same file.
  const intentToAdd = await runGitBytes(root, ['diff', '--name-only', '-z', '--diff-filter=A', ...DIFF_ARGS, '--']);
  // Without this, the diff would hold their whole content and the index has none to check out.
  if (intentToAdd.length > 0) await runGitBytes(root, ['rm', '--cached', '--quiet', '--pathspec-from-file=-', '--pathspec-file-nul'], intentToAdd);
  try {
    const tree = (await runGit(root, ['write-tree'])).trim();
    const [fileNames, content] = await Promise.all([
      runGitBytes(root, ['diff-index', '--name-only', '-z', ...DIFF_ARGS, tree, '--']),
      runGitBytes(root, ['diff-index', '--patch', '--binary', ...DIFF_ARGS, tree, '--']),
    ]);
    // A file whose stat changed but not its content is listed, with nothing to patch.
    if (content.length === 0) {
      await addIntentToAdd(root, intentToAdd);
      return null;
    }
    const patch = await savePatch(root, content);
    const files = fileNames.toString('utf8').split('\0').filter((entry) => entry !== '');
    const stash = { patch, files, fileNames, intentToAdd };
    try {
      await checkOutIndex(root, fileNames);
    } catch (error) {
      await restoreUnstaged(root, stash);
      throw error;
    }
    return stash;
  } catch (error) {
    if (error instanceof PatchRestoreError) throw error;
    await addIntentToAdd(root, intentToAdd).catch(() => undefined);
    throw error;
  }
}

/**
 * Puts the unstaged changes back. When a fixer's rewrites keep the patch from applying, the
 * files of the patch get their index content again (dropping the fixer's edits of them) and the
 * patch applies on that: the user's changes always win. When even that fails, the patch stays
 * and a PatchRestoreError says how to apply it by hand.
 */
export async function restoreUnstaged(root: string, stash: UnstagedStash): Promise<RestoreOutcome> {
  let rolledBack: string[] = [];
  if (!(await applyPatch(root, stash.patch))) {
    await checkOutIndex(root, stash.fileNames);
    if (!(await applyPatch(root, stash.patch))) throw new PatchRestoreError(describeManualRestore(stash.patch, 'the unstaged changes did not apply again'));
    rolledBack = stash.files;
  }
  await removePatch(stash.patch);
  await addIntentToAdd(root, stash.intentToAdd);
  return { rolledBack };
}

/**
 * Puts back the changes of staged runs that were killed before they could (SIGKILL, a crash):
 * returns the patches restored. Patches of a run still going are its own to restore. A patch
 * that no longer applies stays, and a PatchRestoreError says how to apply it by hand.
 */
export async function restoreInterruptedStashes(root: string): Promise<SavedPatch[]> {
  const restored: SavedPatch[] = [];
  for (const patch of await listSavedPatches(root)) {
    if (isPatchOwnerAlive(patch)) continue;
    // Applied already when the run died between putting the changes back and removing the patch.
    const back = (await applyPatch(root, patch)) || (await applyPatch(root, patch, { reverse: true, check: true }));
    if (!back) throw new PatchRestoreError(describeManualRestore(patch, 'a staged run was interrupted and its patch no longer applies'));
    await removePatch(patch);
    restored.push(patch);
  }
  return restored;
}

/** Overwrites the work-tree copies of files (NUL-ended names) with their index content, recreating deleted ones. */
async function checkOutIndex(root: string, names: Buffer): Promise<void> {
  // checkout-index, unlike `git checkout`, runs no post-checkout hook.
  if (names.length > 0) await runGitBytes(root, ['checkout-index', '--force', '--quiet', '-z', '--stdin'], names);
}

async function addIntentToAdd(root: string, names: Buffer): Promise<void> {
  if (names.length > 0) await runGitBytes(root, ['add', '--intent-to-add', '--pathspec-from-file=-', '--pathspec-file-nul'], names);
}
