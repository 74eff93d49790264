import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { hookOf, statusesOf, TempRepo, type CliResult, type EnvOverrides } from './e2e.js';
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

/** The files of every invocation a recording fixture hook logged in `folder`: sorted, one list per invocation. */
export function readCallFiles(folder: string): string[][] {
  return readCalls(folder)
    .map((argv) => [...argv].sort())
    .sort((a, b) => a.join('\n').localeCompare(b.join('\n')));
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
 * A repository holding `files`, checked by one hook as a user writes it, on one worker: a tool
 * whose files are shared out among workers is a matter of its own.
 */
export async function makeToolRepo(makeRepo: () => Promise<CacheRepo>, hook: object, files: Record<string, string>): Promise<CacheRepo> {
  const repo = await makeRepo();
  for (const [name, content] of Object.entries(files)) repo.write(name, content);
  repo.writeConfig({ max_workers: 1, hooks: [hook] });
  return repo;
}

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

/** What a user sees of one run: its exit code, each hook's status, and every diagnostic as one line. */
export interface Verdict {
  code: number | null;
  statuses: Record<string, string>;
  diagnostics: string[];
}

/** One line per diagnostic, in the report's order: what a comparison failure shows. */
export function listDiagnostics(report: Pick<RunReport, 'diagnostics'>): string[] {
  return report.diagnostics.map((d) => `${d.hook} ${d.file}:${d.line}:${d.column ?? '-'} ${d.severity} [${d.code ?? '-'}] ${d.message}`);
}

/** The diagnostics a report lists more than once. */
export function findRepeated(report: Pick<RunReport, 'diagnostics'>): string[] {
  const seen = new Set<string>();
  return listDiagnostics(report).filter((line) => seen.has(line) || (seen.add(line), false));
}

/** `gauntlet run --format json ARGS` in a temp repository (TempRepo or CacheRepo), reduced to its verdict. */
export async function runVerdict(repo: Pick<RunnableRepo, 'run'>, args: string[] = []): Promise<Verdict & { report: RunReport }> {
  const result = await repo.run(['run', '--format', 'json', ...args]);
  let report: RunReport;
  try {
    report = JSON.parse(result.stdout) as RunReport;
  } catch {
    throw new Error(`no JSON report (exit ${String(result.code)}):\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return { code: result.code, statuses: statusesOf(report), diagnostics: listDiagnostics(report), report };
}

/** A temp repository the verdict helpers can run the CLI in (TempRepo or CacheRepo). */
export interface RunnableRepo {
  root: string;
  run(args: string[]): Promise<CliResult>;
}

/**
 * Runs ARGS as a user would (the cache in use), then again with --no-cache, which cannot use it,
 * and expects the same verdict from both, with no diagnostic listed twice. `toolCaches`: folders
 * of the tools' own caches (such as .mypy_cache), removed before the --no-cache run so that it
 * says what a fresh run of the tools says. Returns both runs.
 */
export async function expectSameAsUncached(
  repo: RunnableRepo,
  args: string[] = [],
  toolCaches: string[] = [],
): Promise<{ cached: Verdict & { report: RunReport }; uncached: Verdict & { report: RunReport } }> {
  const cached = await runVerdict(repo, args);
  for (const folder of toolCaches) rmSync(path.join(repo.root, folder), { recursive: true, force: true });
  const uncached = await runVerdict(repo, [...args, '--no-cache']);
  const strip = ({ code, statuses, diagnostics }: Verdict): Verdict => ({ code, statuses, diagnostics });
  expect(strip(cached), 'the cached run against --no-cache').toEqual(strip(uncached));
  expect(findRepeated(cached.report), 'diagnostics listed twice').toEqual([]);
  return { cached, uncached };
}
