import { restoreInterruptedStashes, restoreUnstaged, stashUnstaged } from '../../engine/files/stash-unstaged.js';
import { findRepoRoot } from '../../engine/files/git.js';
import { STOP_SIGNALS } from '../stop-signals.js';
import { printWarning } from './escape-text.js';

// A staged run outlives every stop signal until the unstaged changes are back (SIGKILL is left to the next command).

/**
 * Runs `body` while the work tree holds the staged content, then puts the unstaged changes back,
 * whatever happens: an error, or a signal (which calls `onSignal`, for the run to stop, and no
 * longer ends the process until the changes are back).
 */
export async function withStagedContent<T>(root: string, onSignal: () => void, body: () => Promise<T>): Promise<T> {
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const stash = await stashUnstaged(root);
    try {
      return await body();
    } finally {
      if (stash) {
        const { rolledBack } = await restoreUnstaged(root, stash);
        if (rolledBack.length > 0) {
          printWarning(`the fixes made to ${rolledBack.join(', ')} clashed with its unstaged changes and were undone; your changes are back as they were`);
        }
      }
    }
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

/**
 * Before a command works in a repository: puts back the unstaged changes of a staged run that
 * was killed before it could. Outside a repository there is nothing to do (the command says so).
 */
export async function restoreInterruptedRuns(cwd: string): Promise<void> {
  const root = await findRepoRoot(cwd).catch(() => null);
  if (root === null) return;
  for (const patch of await restoreInterruptedStashes(root)) {
    process.stderr.write(`gauntlet: put back the unstaged changes an interrupted staged run had saved (${patch.shown})\n`);
  }
}
