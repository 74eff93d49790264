import { reportError } from './report-error.js';

/**
 * A subcommand's action: runs its body and sets the process's exit code from the code it returns,
 * or from the error it throws (printed in one line). A command that works in a repository first
 * puts back the unstaged changes a killed staged run left aside.
 */
export function setExitCodeFrom<A extends unknown[]>(body: (...args: A) => Promise<number>, inRepository = true): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      if (inRepository) {
        const { restoreInterruptedRuns } = await import('./staged-content.js');
        await restoreInterruptedRuns(process.cwd());
      }
      process.exitCode = await body(...args);
    } catch (error) {
      process.exitCode = reportError(error, process.argv.includes('--verbose') || process.argv.includes('-v'));
    }
  };
}
