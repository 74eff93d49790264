import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeCliEnv, type EnvOverrides } from './e2e.js';

const execFileAsync = promisify(execFile);

/** lefthook, installed as an npm devDependency. */
export const LEFTHOOK_BIN = fileURLToPath(new URL('../../node_modules/.bin/lefthook', import.meta.url));

/** ESLint, installed as an npm devDependency: a real linter whose findings carry fixes. */
export const ESLINT_BIN = fileURLToPath(new URL('../../node_modules/.bin/eslint', import.meta.url));

/** prettier, installed as an npm devDependency: a real formatter for the format hooks' tests. */
export const PRETTIER_BIN = fileURLToPath(new URL('../../node_modules/.bin/prettier', import.meta.url));

/** The recording fixture hook (see test/fixtures/hooks/record-args.sh). */
export const RECORD_HOOK = fileURLToPath(new URL('../fixtures/hooks/record-args.sh', import.meta.url));

/** Runs to a tool's end must not take longer than this. */
const TOOL_DEADLINE_MS = 25_000;

/**
 * Whether an external tool the test compares against is installed. Elsewhere its tests are
 * skipped; on CI (CI set) a missing tool is an error, so that a comparison never silently vanishes.
 */
export function hasTool(command: string): boolean {
  const found = command.includes('/') ? isExecutable(command) : (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && isExecutable(path.join(dir, command)));
  if (!found && process.env.CI !== undefined) throw new Error(`${command} is missing: install it (bash .ci/setup) to run these tests`);
  return found;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How a run of an external tool ended. */
export interface ToolResult {
  code: number;
  output: string;
}

/** Runs a tool in `cwd` with the hermetic test environment; never throws on a non-zero exit. */
export async function runTool(program: string, args: string[], cwd: string, env: EnvOverrides = {}): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await execFileAsync(program, args, { cwd, env: makeCliEnv(env), timeout: TOOL_DEADLINE_MS, encoding: 'utf8' });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** What record-args.sh saw, per hook name: each invocation's arguments. */
export function readRecords(folder: string): Map<string, string[][]> {
  const records = new Map<string, string[][]>();
  if (!existsSync(folder)) return records;
  for (const name of readdirSync(folder).filter((entry) => /^[^.]+(?:-[^.]+)*\.\d+$/.test(entry))) {
    const hook = name.slice(0, name.lastIndexOf('.'));
    const text = readFileSync(path.join(folder, name), 'utf8');
    const args = text === '' ? [] : text.slice(0, -1).split('\0');
    records.set(hook, [...(records.get(hook) ?? []), args]);
  }
  return records;
}

/** Per hook name, every file it was given (sorted), from records. */
export function filesPerHook(records: Map<string, string[][]>): Record<string, string[]> {
  const files: Record<string, string[]> = {};
  for (const hook of [...records.keys()].sort()) files[hook] = [...new Set(records.get(hook)?.flat())].sort();
  return files;
}
