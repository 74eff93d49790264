import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join } from 'shlex';
import type { Hook } from '../../protocol/hook.js';
import type { JobResult } from '../worker/contract.js';
import { programName, recognizeTools } from '../cache/recognize-tool.js';
import { resolveProgram } from '../cache/tool-identity.js';
import type { ToolMemo } from './tool-memo.js';

/** Who a hook's tool is, the same on every machine that has the same tool; or why that cannot be told. */
export type ToolFingerprint = { identity: string; problem: null } | { identity: null; problem: string };

/** Runs a hook's version command (in a worker) and gives its result. */
export type RunVersion = (hook: Hook, argv: string[]) => Promise<JobResult>;

/** Programs that run code named after them: what they run, not their binary, is the tool. */
const INTERPRETERS = /^(python[0-9.]*|pypy[0-9.]*|node|nodejs|deno|bun|ruby|perl|php|java|lua|Rscript|sh|bash|dash|zsh|ksh)$/;

/**
 * The portable identity of a hook's tool: the sha256 of its executable's content and, with
 * `version_command`, what that printed (the repository's path in it written `.`). A script or an
 * interpreter tells nothing of the tool's version by its own bytes (`#!/usr/bin/python3` starts
 * every version of flake8), so without a version command its results are not shared.
 */
export async function fingerprintTool(hook: Hook, root: string, memo: ToolMemo, runVersion: RunVersion): Promise<ToolFingerprint> {
  const pathVariable = hook.env.PATH ?? process.env.PATH;
  const program = await identifyProgram(hook.argv[0] ?? '', root, pathVariable, memo);
  if (!program) return { identity: null, problem: `its program "${hook.argv[0] ?? ''}" is not found` };
  let version: string | null = null;
  if (hook.versionArgv) {
    const versionProgram = await identifyProgram(hook.versionArgv[0] ?? '', root, pathVariable, memo);
    if (!versionProgram) return { identity: null, problem: `the program of its version_command "${hook.versionArgv[0] ?? ''}" is not found` };
    // Not the program alone: a runner (`npx eslint`, `uv run ruff`) finds the tool in the checkout, an
    // interpreter linked from a virtualenv (venv/bin/python3) finds its packages by the path it was started at.
    const key = JSON.stringify([versionProgram.local, versionProgram.path, root, hook.versionArgv, hook.env]);
    version = memo.versions.get(key) ?? null;
    if (version === null) {
      const result = await runVersion(hook, hook.versionArgv);
      if (result.status !== 'passed') return { identity: null, problem: `its version_command failed (${result.reason ?? result.status})` };
      version = result.output.split(root).join('.').trim();
      memo.versions.set(key, version);
    }
  } else if (program.script || !namesItself(hook.argv)) {
    const example = suggestVersionCommand(hook.argv);
    const what = example === null ? 'to a command printing the versions of the tools it runs' : `(such as "${example}")`;
    return { identity: null, problem: `its program is a script or runs one, whose version gauntlet cannot see; set version_command ${what}` };
  }
  return { identity: JSON.stringify([program.sha256, version]), problem: null };
}

/** The program a command runs is the tool itself: not a runner, a shell or an interpreter. */
function namesItself(argv: readonly string[]): boolean {
  const name = programName(argv[0] ?? '');
  const tools = recognizeTools(argv);
  return !INTERPRETERS.test(name) && tools.length === 1 && tools[0] === name;
}

/**
 * A version command naming the tool a command runs, not its runner or interpreter (`npx eslint
 * --version`, not `npx --version`, which says nothing of eslint); null when it runs several.
 */
function suggestVersionCommand(argv: readonly string[]): string | null {
  const tools = recognizeTools(argv);
  const tool = tools[0];
  if (tool === undefined || tools.length > 1) return null;
  // `go vet`, `cargo clippy`: the toolchain's own version.
  if (tool.includes(' ')) return `${tool.slice(0, tool.indexOf(' '))} version`;
  const at = argv.findIndex((word) => programName(word) === tool);
  // A tool a shell script runs is not a word of the command: its name alone.
  return at < 0 ? `${tool} --version` : join([...argv.slice(0, at + 1), '--version']);
}

/** A program as found (`path`, before links are followed), its local identity, and what its content is. */
async function identifyProgram(program: string, root: string, pathVariable: string | undefined, memo: ToolMemo): Promise<{ path: string; local: string; sha256: string; script: boolean } | null> {
  const resolved = await resolveProgram(program, root, pathVariable);
  if (resolved === null) return null;
  const real = await realpath(resolved);
  const info = await stat(real);
  const local = `${real}:${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
  let known = memo.programs.get(local);
  if (!known) {
    known = await hashProgram(real);
    memo.programs.set(local, known);
  }
  return { path: resolved, local, ...known };
}

/** The sha256 of a program's content; a script's without its `#!` line, which names a machine's interpreter path. */
async function hashProgram(file: string): Promise<{ sha256: string; script: boolean }> {
  const hash = createHash('sha256');
  let first = true;
  let script = false;
  let skipping = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let data = chunk;
    if (first) {
      first = false;
      script = data.subarray(0, 2).toString('latin1') === '#!';
      skipping = script;
    }
    if (skipping) {
      const end = data.indexOf(0x0a);
      if (end < 0) continue;
      data = data.subarray(end + 1);
      skipping = false;
    }
    hash.update(data);
  }
  return { sha256: hash.digest('hex'), script };
}
