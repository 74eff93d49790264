import type { Hook } from '../../protocol/hook.js';
import type { JobResult } from '../worker/contract.js';
import type { JobRunner } from '../pool/job-runner.js';

/** A version command prints a line or two; it has this long to do so. */
const VERSION_TIMEOUT_MS = 10_000;
const VERSION_OUTPUT_CAP_BYTES = 64 * 1_024;

/** Runs a hook's `version_command` through the runner, as a job of the hook with no files, its output kept whole. */
export function runVersionCommand(runner: JobRunner, request: { id: number; hook: Hook; argv: string[]; root: string; signal: AbortSignal }): Promise<JobResult> {
  const { id, hook, argv, root, signal } = request;
  return runner.run(
    {
      id,
      hook: hook.name,
      argv,
      root,
      files: [],
      env: hook.env,
      timeoutMs: VERSION_TIMEOUT_MS,
      outputCapBytes: VERSION_OUTPUT_CAP_BYTES,
      parser: { type: 'none' },
      okExitCodes: [0],
      failOnDiagnostics: false,
    },
    { signal },
  );
}
