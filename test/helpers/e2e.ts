import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { RunReport } from '../../protocol/report.js';
import { test } from 'vitest';
import { GAUNTLET_BIN } from './paths.js';
import type { ProfileRow } from '../../server/cli/profile-table.js';
import { checkBuildFresh } from './built.js';

const execFileAsync = promisify(execFile);

/** A CLI run that takes longer than this is a hang: it is killed and the test fails on its result. */
const CLI_DEADLINE_MS = 25_000;

/** Variables that would make a run depend on the machine or on the test runner. */
const SCRUBBED_VARIABLES = [
  'FORCE_COLOR',
  'NO_COLOR',
  'CI',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_COMMON_DIR',
];

/** How a run of the built CLI ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** What `gauntlet profile --format json` prints. */
export interface ProfileJson {
  schema: string;
  root: string;
  /** The other fields are renamed and reshaped as the product evolves; not relied upon. */
  hooks: (ProfileRow & Record<string, unknown>)[];
}

/** Extra variables for one run; undefined removes a variable. */
export type EnvOverrides = Record<string, string | undefined>;

/**
 * The environment of a CLI run: hermetic git (no user or system config, fixed identity, never a
 * repository above the temp folder) and no colour or CI settings leaking in from the runner.
 */
export function makeCliEnv(overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SCRUBBED_VARIABLES) delete env[name];
  Object.assign(env, {
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: realpathSync(tmpdir()),
    GIT_AUTHOR_NAME: 'Gauntlet Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Gauntlet Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Starts the built CLI (argv, no shell); the caller owns the child. */
export function spawnGauntlet(args: string[], options: { cwd: string; env?: EnvOverrides }): ChildProcess {
  checkBuildFresh();
  return spawn(process.execPath, [GAUNTLET_BIN, ...args], {
    cwd: options.cwd,
    env: makeCliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a spawned CLI's output until it exits; kills it past the deadline. */
export function waitForCli(child: ChildProcess, deadlineMs = CLI_DEADLINE_MS): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.once('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs the built CLI to its end. */
export function runGauntlet(args: string[], options: { cwd: string; env?: EnvOverrides }): Promise<CliResult> {
  return waitForCli(spawnGauntlet(args, options));
}

/** The non-empty lines of a text. */
export function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** Polls until `check` is true; false when the time is up. */
export async function waitUntil(check: () => boolean, timeoutMs: number, pollMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return true;
}

/**
 * A temporary folder holding a git work tree (`root`) and a scratch folder outside it for files
 * hooks write (pid files, argv dumps), so they never become part of the repository.
 */
export class TempRepo {
  readonly root: string;
  readonly scratch: string;

  private constructor(readonly base: string) {
    this.root = path.join(base, 'repo');
    this.scratch = path.join(base, 'scratch');
    mkdirSync(this.root);
    mkdirSync(this.scratch);
  }

  /** A fresh temp folder; a git repository unless `git` is false. The caller removes it. */
  static async create(options: { git?: boolean } = {}): Promise<TempRepo> {
    const repo = new TempRepo(realpathSync(mkdtempSync(path.join(tmpdir(), 'gauntlet-e2e-'))));
    try {
      if (options.git !== false) await repo.git('init', '-q');
    } catch (error) {
      repo.remove();
      throw error;
    }
    return repo;
  }

  /** Writes a file (folders created) relative to the work tree. */
  write(relative: string, content: string | Uint8Array = ''): void {
    const file = path.join(this.root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  read(relative: string): string {
    return readFileSync(path.join(this.root, relative), 'utf8');
  }

  exists(relative: string): boolean {
    return existsSync(path.join(this.root, relative));
  }

  /** Writes a config as JSON, which is valid YAML. */
  writeConfig(config: object, file = 'gauntlet.yaml'): void {
    this.write(file, `${JSON.stringify(config, null, 2)}\n`);
  }

  /** A path in the scratch folder. */
  scratchPath(name: string): string {
    return path.join(this.scratch, name);
  }

  /** A new empty folder in the scratch folder. */
  scratchDir(name: string): string {
    const folder = path.join(this.scratch, name);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  async git(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync('git', ['-c', 'commit.gpgsign=false', ...args], {
      cwd: this.root,
      env: makeCliEnv(),
    });
    return stdout;
  }

  async commitAll(message = 'commit'): Promise<void> {
    await this.git('add', '-A');
    await this.git('commit', '-q', '-m', message);
  }

  /** Runs the CLI in the work tree (or in `cwd`, relative to it). */
  run(args: string[], options: { cwd?: string; env?: EnvOverrides } = {}): Promise<CliResult> {
    return runGauntlet(args, { cwd: path.join(this.root, options.cwd ?? ''), env: options.env });
  }

  /** Runs the CLI with `--format json` and parses the report from stdout. */
  async runJson(args: string[], options: { cwd?: string; env?: EnvOverrides } = {}): Promise<{ result: CliResult; report: RunReport }> {
    const result = await this.run(['run', '--format', 'json', ...args], options);
    let report: RunReport;
    try {
      report = JSON.parse(result.stdout) as RunReport;
    } catch {
      throw new Error(`no JSON report (exit ${String(result.code)}):\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
    }
    return { result, report };
  }

  remove(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}

/** The report entry of one hook; throws when the report has none of that name. */
export function hookOf(report: RunReport, name: string): RunReport['hooks'][number] {
  const hook = report.hooks.find((entry) => entry.name === name);
  if (!hook) throw new Error(`no hook "${name}" in the report (has: ${report.hooks.map((h) => h.name).join(', ')})`);
  return hook;
}

/** Each hook's status, by name. */
export function statusesOf(report: RunReport): Record<string, string> {
  return Object.fromEntries(report.hooks.map((hook) => [hook.name, hook.status]));
}

/** The files a hook's diagnostics name, sorted. */
export function diagnosedFiles(report: RunReport, hook: string): string[] {
  return report.diagnostics
    .filter((diagnostic) => diagnostic.hook === hook)
    .map((diagnostic) => diagnostic.file)
    .sort();
}

/** The argv of each invocation write-args.sh recorded in a folder (in no particular order). */
export function readInvocations(folder: string): string[][] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /^args\.\d+$/.test(name))
    .map((name) => {
      const text = readFileSync(path.join(folder, name), 'utf8');
      return text === '' ? [] : text.slice(0, -1).split('\0');
    });
}

/** Makes a temp repository that is removed when the test ends. */
/** A config of one hook that always passes: enough for commands that need one (install). */
export const PASSING_CONFIG = { hooks: [{ name: 'ok', command: ['true'], pass_files: false, always_run: true }] };

export type MakeRepo = (options?: { git?: boolean }) => Promise<TempRepo>;

/**
 * `it` with a `makeRepo` fixture: every repository a test makes is removed after that test,
 * which keeps tests independent even when they run concurrently.
 */
export const repoTest = test.extend<{ makeRepo: MakeRepo }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads the fixtures a fixture needs from this pattern
  makeRepo: async ({}, use) => {
    const made: TempRepo[] = [];
    await use(async (options) => {
      const repo = await TempRepo.create(options);
      made.push(repo);
      return repo;
    });
    for (const repo of made) repo.remove();
  },
});
