import { readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import type { TempRepo } from './e2e.js';
import { fixtureHook } from './paths.js';

/** Files of the sharding repository: three folders, some with planted problems (`bad`) and fixes to make (`fixme`). */
export function writeShardSources(repo: TempRepo): number {
  let count = 0;
  for (let index = 0; index < 150; index++) {
    repo.write(`src/m${index % 5}/f${index}.txt`, index % 17 === 0 ? 'fixme\n' : index % 23 === 0 ? 'bad\n' : `line ${index}\n`);
    count += 1;
  }
  for (let index = 0; index < 80; index++) {
    repo.write(`docs/d${index}.md`, index % 13 === 0 ? 'bad\n' : `doc ${index}\n`);
    count += 1;
  }
  for (let index = 0; index < 60; index++) {
    repo.write(`lib/p${index % 3}/x${index}.py`, index % 11 === 0 ? 'bad\n' : `x = ${index}\n`);
    count += 1;
  }
  return count;
}

/**
 * Hooks of every kind a split must handle, each logging the jobs it really runs (log-jobs.sh): a
 * fixer, a checker of the files it rewrites and others, a hook given no files, a `require_serial`
 * one, a `cache: project` one, one run per file, and an `always_run` one that matches nothing.
 */
export function writeShardConfig(repo: TempRepo): void {
  const jobs = fixtureHook('log-jobs.sh');
  repo.writeConfig({
    hooks: [
      { name: 'fix', command: [fixtureHook('log-fix.sh'), 'fix'], files: ['src/**'], modifies_files: true, fix_ok: true },
      { name: 'lint', command: [jobs, 'lint'], files: ['*.txt', '*.md'] },
      { name: 'whole', command: [jobs, 'whole'], pass_files: false },
      { name: 'serial', command: [jobs, 'serial'], files: ['docs/**'], require_serial: true },
      { name: 'project', command: [jobs, 'project'], files: ['*.py'], cache: 'project' },
      { name: 'each', command: [jobs, 'each', '{file}'], files: ['lib/p1/**'] },
      { name: 'always', command: [jobs, 'always'], files: ['*.none'], always_run: true },
    ],
  });
}

/** A committed repository of the shard sources and config (see writeShardSources, writeShardConfig). */
export async function makeShardRepo(makeRepo: () => Promise<TempRepo>): Promise<TempRepo> {
  const repo = await makeRepo();
  writeShardSources(repo);
  writeShardConfig(repo);
  await repo.commitAll();
  return repo;
}

/** A fresh, empty job log folder in the scratch folder. */
export function makeJobLog(repo: TempRepo, name: string): string {
  const folder = repo.scratchPath(name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Every job log-jobs.sh and log-fix.sh recorded in a folder, as `hook<tab>file`, sorted. */
export function readJobs(folder: string): string[] {
  return readdirSync(folder)
    .flatMap((name) => readFileSync(path.join(folder, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .sort();
}

/**
 * A report with what depends on timing or on how work was batched left out: times, batch counts,
 * the order batches' output was joined in, and the batch count a reason names.
 */
export function normalizeReport(report: RunReport): unknown {
  return {
    ...report,
    wall_ms: 0,
    hooks: report.hooks.map((hook) => ({
      ...hook,
      start_ms: null,
      end_ms: null,
      duration_ms: 0,
      batches: 0,
      output: hook.output.split('\n').filter(Boolean).sort(),
      reason: hook.reason?.replace(/ \(in 1 of \d+ batches at least\)$/u, '') ?? null,
    })),
  };
}

/** Parses a JSON report file, failing the test with its text when it is not one. */
export function readReportFile(file: string): RunReport {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as RunReport;
  } catch {
    expect.fail(`${file} is not JSON: ${text.slice(0, 200)}`);
  }
}
