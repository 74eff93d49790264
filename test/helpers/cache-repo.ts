import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { hookOf, TempRepo, type CliResult, type EnvOverrides } from './e2e.js';
import { fixtureHook } from './paths.js';

/** How a run of the built CLI ended. */
export type CliRun = CliResult;

/**
 * The cache tests' view of a temp repository (see TempRepo): runs take env overrides
 * directly, and `runText` gets the text output and the JSON report from one run.
 */
export class CacheRepo {
  private reports = 0;

  private constructor(private readonly repo: TempRepo) {}

  static async create(): Promise<CacheRepo> {
    return new CacheRepo(await TempRepo.create());
  }

  get root(): string {
    return this.repo.root;
  }

  get scratch(): string {
    return this.repo.scratch;
  }

  write(relative: string, content: string | Uint8Array = ''): void {
    this.repo.write(relative, content);
  }

  read(relative: string): string {
    return this.repo.read(relative);
  }

  writeConfig(config: object): void {
    this.repo.writeConfig(config);
  }

  /** A new empty folder in the scratch folder, e.g. for a hook's invocation log. */
  logDir(name: string): string {
    return this.repo.scratchDir(name);
  }

  git(...args: string[]): Promise<string> {
    return this.repo.git(...args);
  }

  commitAll(message = 'commit'): Promise<void> {
    return this.repo.commitAll(message);
  }

  run(args: string[], env: EnvOverrides = {}): Promise<CliRun> {
    return this.repo.run(args, { env });
  }

  /** `gauntlet run --format json ARGS`, with the report parsed. */
  async runJson(args: string[] = [], env: EnvOverrides = {}): Promise<{ run: CliRun; report: RunReport }> {
    const { result, report } = await this.repo.runJson(args, { env });
    return { run: result, report };
  }

  /** `gauntlet run ARGS` with its text output, and the JSON report written beside it with `--output`. */
  async runText(args: string[] = [], env: EnvOverrides = {}): Promise<{ run: CliRun; report: RunReport }> {
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
    this.repo.remove();
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
export const hookIn = hookOf;

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

/**
 * Three text files, one with a BAD line, checked by a file-level hook and a project-level hook,
 * both recording their invocations.
 */
export async function makeCheckedRepo(makeRepo: () => Promise<CacheRepo>): Promise<{ repo: CacheRepo; checkLog: string; projectLog: string }> {
  const repo = await makeRepo();
  const checkLog = repo.logDir('check');
  const projectLog = repo.logDir('project');
  repo.write('a.txt', 'alpha\n');
  repo.write('b.txt', 'beta\nBAD line\n');
  repo.write('c.txt', 'gamma\n');
  repo.write('notes.md', 'not checked\n');
  repo.writeConfig({
    max_workers: 1,
    hooks: [
      { name: 'check', command: [fixtureHook('record-check.sh'), checkLog], files: ['*.txt'] },
      { name: 'project', command: [fixtureHook('record-check.sh'), projectLog], files: ['*.txt'], pass_files: false },
    ],
  });
  return { repo, checkLog, projectLog };
}
