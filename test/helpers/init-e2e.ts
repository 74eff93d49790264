import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { RunReport } from '../../protocol/report.js';
import { spawnGauntlet, statusesOf, waitForCli, type CliResult, type EnvOverrides, type TempRepo } from './e2e.js';
import { runTool } from './external-tools.js';

/** Real linters on a loaded machine (tsc alone can take seconds): far past a normal run, short of a hang. */
const SLOW_RUN_DEADLINE_MS = 120_000;

/** A test of init runs every real linter of a repository two or three times. */
export const INIT_TEST_MS = 240_000;

/** This project's own folder: its node_modules holds the JavaScript tools the test repositories borrow. */
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A hook as `gauntlet init` writes it, as far as the tests read it. */
export interface WrittenHook {
  name: string;
  command: string[];
  env?: Record<string, string>;
  parser?: unknown;
}

/** Runs the built CLI in the repository with a deadline that real linters fit in. */
export function runSlowly(repo: TempRepo, args: string[], env?: EnvOverrides): Promise<CliResult> {
  return waitForCli(spawnGauntlet(args, { cwd: repo.root, env }), SLOW_RUN_DEADLINE_MS);
}

/**
 * PATH without the node_modules/.bin folders that npm and npx put first for the test runner,
 * so that a repository sees only the JavaScript tools it has itself.
 */
export function omitNodeBins(): EnvOverrides {
  const folders = (process.env.PATH ?? '').split(path.delimiter);
  return { PATH: folders.filter((folder) => !folder.endsWith(path.join('node_modules', '.bin'))).join(path.delimiter) };
}

/** `gauntlet run --format json` with that deadline, and its report. */
async function runReport(repo: TempRepo): Promise<{ result: CliResult; report: RunReport }> {
  const result = await runSlowly(repo, ['run', '--format', 'json']);
  try {
    return { result, report: JSON.parse(result.stdout) as RunReport };
  } catch {
    throw new Error(`no JSON report (exit ${String(result.code)}):\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}

/** The hooks of the gauntlet.yaml that init wrote. */
export function readWrittenHooks(repo: TempRepo): WrittenHook[] {
  return (parse(repo.read('gauntlet.yaml')) as { hooks: WrittenHook[] }).hooks;
}

/** What `yamllint -d default` says of the written gauntlet.yaml: nothing for a clean file. */
export async function lintWrittenConfig(repo: TempRepo): Promise<string> {
  return (await runTool('yamllint', ['-d', 'default', 'gauntlet.yaml'], repo.root)).output;
}

/**
 * Makes the repository look installed: node_modules/.bin/NAME links to this project's own copy
 * of each tool (node follows the link to the package, whose own dependencies then resolve).
 */
export function linkNodeTools(repo: TempRepo, names: readonly string[]): void {
  const bin = path.join(repo.root, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  for (const name of names) symlinkSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', name), path.join(bin, name));
}

/** Makes gauntlet a dependency of the repository, as `npm install -D gauntlet` would (this checkout, built). */
export function linkGauntletPackage(repo: TempRepo): void {
  mkdirSync(path.join(repo.root, 'node_modules'), { recursive: true });
  symlinkSync(PROJECT_ROOT, path.join(repo.root, 'node_modules', 'gauntlet'));
}

/**
 * What a starter config must do: pass on the clean tree, then, with `planted` written over it,
 * fail with each of `hooks` failing and each of `findings` (`hook file:line`) reported.
 */
export async function expectCleanThenCaught(repo: TempRepo, hooks: readonly string[], planted: Record<string, string>, findings: readonly string[]): Promise<RunReport> {
  const clean = await runReport(repo);
  expect(clean.report.diagnostics).toEqual([]);
  expect(clean.result.code, clean.result.stdout).toBe(0);
  expect(statusesOf(clean.report)).toMatchObject(Object.fromEntries(hooks.map((hook) => [hook, 'passed'])));

  for (const [file, text] of Object.entries(planted)) repo.write(file, text);
  const broken = await runReport(repo);
  expect(broken.result.code).toBe(1);
  expect(statusesOf(broken.report)).toMatchObject(Object.fromEntries(hooks.map((hook) => [hook, 'failed'])));
  expect(listFindings(broken.report)).toEqual(expect.arrayContaining([...findings]));
  return broken.report;
}

/** `hook file:line` of each diagnostic, to name what a failing run found. */
function listFindings(report: RunReport): string[] {
  return report.diagnostics.map((diagnostic) => `${diagnostic.hook} ${diagnostic.file}:${diagnostic.line}`);
}
