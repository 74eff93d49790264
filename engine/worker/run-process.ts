import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { OutputCapture } from './capture.js';
import { killProcessGroup, signalProcessGroup } from '../process/kill-group.js';

/** How long a process's pipes may stay open after it exited (a background grandchild holds them). */
const STRAGGLER_MS = 300;
/** How long to wait for the exit status of a leader already killed. */
const REAP_WAIT_MS = 1_000;

export interface ProcessOptions {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  capBytes: number;
  signal: AbortSignal;
  /** Written to the process's stdin, which is then closed; stdin is /dev/null without it. */
  stdin?: string;
  /** Called with the process group id once the process runs. */
  onSpawn?: (pgid: number) => void;
}

/** How a process ended, recorded rather than thrown. */
export interface ProcessOutcome {
  ended: 'exit' | 'timeout' | 'cancelled' | 'spawn-error';
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
  /** The errno code when it could not start (ENOENT, EACCES, ...). */
  spawnError: string | null;
}

/**
 * Runs argv (never through a shell) as the leader of a new process group,
 * drains and caps its output, and on timeout or abort kills the whole group.
 * Always settles, and only once nothing of the group is left.
 */
export function runProcess(options: ProcessOptions): Promise<ProcessOutcome> {
  const [file, ...args] = options.argv;
  const started = performance.now();
  const stdout = new OutputCapture(options.capBytes);
  const stderr = new OutputCapture(options.capBytes);

  return new Promise((resolve) => {
    let ended: ProcessOutcome['ended'] = 'exit';
    let spawnError: string | null = null;
    let exit: { code: number | null; signal: string | null } | null = null;
    let onExit: () => void = () => undefined;
    const exited = new Promise<void>((resolve) => (onExit = resolve));
    let killing: Promise<void> | null = null;
    let settled = false;

    const child = spawn(file ?? '', args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
    const pgid = child.pid;
    // Published first thing: should the thread be stopped now, its pool still finds the group to kill.
    if (pgid !== undefined) options.onSpawn?.(pgid);
    stdout.drain(child.stdout);
    stderr.drain(child.stderr);
    if (child.stdin) {
      // A tool may exit without reading all of it (EPIPE): its exit status tells what happened.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }

    const settle = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(straggler);
      options.signal.removeEventListener('abort', onAbort);
      child.stdin?.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
      const finish = (): void =>
        resolve({
          ended,
          exitCode: exit?.code ?? null,
          signal: exit?.signal ?? null,
          durationMs: Math.round(performance.now() - started),
          stdout: stdout.text(),
          stderr: stderr.text(),
          truncated: stdout.truncated || stderr.truncated,
          spawnError,
        });
      if (pgid === undefined) return finish();
      // Whatever the leader left behind in its group dies with the job; then its exit status is in.
      void (killing ?? killProcessGroup(pgid, 0))
        .then(() => (exit ? undefined : waitUntil(exited, REAP_WAIT_MS)))
        .then(finish);
    };

    const stop = (reason: 'timeout' | 'cancelled'): void => {
      if (killing || settled || pgid === undefined) return;
      ended = reason;
      killing = killProcessGroup(pgid);
      void killing.then(settle);
    };
    const onAbort = (): void => stop('cancelled');

    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    let straggler: NodeJS.Timeout | undefined;

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (pgid !== undefined) return; // errors after a successful spawn surface as exit or close
      ended = 'spawn-error';
      spawnError = error.code ?? error.message;
      settle();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      onExit();
      straggler = setTimeout(() => {
        if (pgid !== undefined) signalProcessGroup(pgid, 'SIGKILL');
        settle();
      }, STRAGGLER_MS);
    });
    child.on('close', () => {
      if (!killing) settle();
    });

    if (pgid !== undefined) {
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

/** Waits for a promise, but no longer than `ms`; leaves no timer behind. */
function waitUntil(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
