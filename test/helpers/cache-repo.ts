import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { GAUNTLET_BIN } from './paths.js';

const execFileAsync = promisify(execFile);

/** A CLI run that takes longer than this is a hang: it is killed and the test fails on its result. */
const CLI_DEADLINE_MS = 25_000;

/** Variables that would make a run depend on the machine or on the test runner. */
const SCRUBBED_VARIABLES = ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GAUNTLET_FAILPOINT_CRASH_WORKER'];

/** How a run of the built CLI ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Hermetic git and no colour or CI settings from the test runner; `undefined` removes a variable. */
function makeEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
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

/**
 * A git work tree in a temp folder (`root`), with a scratch folder beside it for the logs that
 * fixture hooks write, so those never become files of the repository.
 */
export class CacheRepo {
  readonly root: string;
  readonly scratch: string;
  private reports = 0;

  private constructor(readonly base: string) {
    this.root = path.join(base, 'repo');
    this.scratch = path.join(base, 'scratch');
    mkdirSync(this.root);
    mkdirSync(this.scratch);
  }

  static async create(): Promise<CacheRepo> {
    const repo = new CacheRepo(realpathSync(mkdtempSync(path.join(tmpdir(), 'gauntlet-cache-e2e-'))));
    try {
      await repo.git('init', '-q');
    } catch (error) {
      repo.remove();
      throw error;
    }
    return repo;
  }

  /** Writes a file relative to the work tree, creating folders. */
  write(relative: string, content: string | Uint8Array = ''): void {
    const file = path.join(this.root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  read(relative: string): string {
    return readFileSync(path.join(this.root, relative), 'utf8');
  }

  /** Writes the config as JSON, which is YAML too. */
  writeConfig(config: object): void {
    this.write('gauntlet.yaml', `${JSON.stringify(config, null, 2)}\n`);
  }

  /** A new empty folder in the scratch folder, e.g. for a hook's invocation log. */
  logDir(name: string): string {
    const folder = path.join(this.scratch, name);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  async git(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: this.root, env: makeEnv({}) });
    return stdout;
  }

  async commitAll(message = 'commit'): Promise<void> {
    await this.git('add', '-A');
    await this.git('commit', '-q', '-m', message);
  }

  /** Runs the built CLI in the work tree. */
  run(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
    if (!existsSync(GAUNTLET_BIN)) throw new Error(`${GAUNTLET_BIN} is missing: run "npm run build" first`);
    const child = spawn(process.execPath, [GAUNTLET_BIN, ...args], { cwd: this.root, env: makeEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      const deadline = setTimeout(() => child.kill('SIGKILL'), CLI_DEADLINE_MS);
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

  /** `gauntlet run --format json ARGS`, with the report parsed. */
  async runJson(args: string[] = [], env: Record<string, string | undefined> = {}): Promise<{ run: CliRun; report: RunReport }> {
    const run = await this.run(['run', '--format', 'json', ...args], env);
    try {
      return { run, report: JSON.parse(run.stdout) as RunReport };
    } catch {
      throw new Error(`no JSON report (exit ${String(run.code)}):\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    }
  }

  /** `gauntlet run ARGS` with its text output, and the JSON report written beside it with `--output`. */
  async runText(args: string[] = [], env: Record<string, string | undefined> = {}): Promise<{ run: CliRun; report: RunReport }> {
    this.reports += 1;
    const file = path.join(this.scratch, `report.${this.reports}.json`);
    const run = await this.run(['run', '--output', file, ...args], env);
    try {
      return { run, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport };
    } catch {
      throw new Error(`no JSON report in ${file} (exit ${String(run.code)}):\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    }
  }

  remove(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}

/** The argv (after the log folder) of each invocation a recording fixture hook logged in `folder`, in no particular order. */
export function readCalls(folder: string): string[][] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.startsWith('call.'))
    .map((name) => {
      const text = readFileSync(path.join(folder, name), 'utf8');
      return text === '' ? [] : text.slice(0, -1).split('\0');
    });
}

/** The report entry of one hook; throws when there is none of that name. */
export function hookIn(report: RunReport, name: string): RunReport['hooks'][number] {
  const hook = report.hooks.find((entry) => entry.name === name);
  if (!hook) throw new Error(`no hook "${name}" in the report (has: ${report.hooks.map((h) => h.name).join(', ')})`);
  return hook;
}

/** `it` with a `makeRepo` fixture whose repositories are removed when the test ends. */
export const cacheRepoTest = test.extend<{ makeRepo: () => Promise<CacheRepo> }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads the fixtures a fixture needs from this pattern
  makeRepo: async ({}, use) => {
    const made: CacheRepo[] = [];
    await use(async () => {
      const repo = await CacheRepo.create();
      made.push(repo);
      return repo;
    });
    for (const repo of made) repo.remove();
  },
});
