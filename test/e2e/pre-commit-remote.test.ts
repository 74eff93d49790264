import { chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { diagnosedFiles, repoTest as it, splitLines, type MakeRepo, type TempRepo } from '../helpers/e2e.js';
import { hasTool, runTool } from '../helpers/external-tools.js';
import { makeBarePath } from '../helpers/bare-path.js';
// Without the runner's node_modules/.bin, where prek (the large-repository benchmark's) would be
// found first and would fetch uv from the network to build environments: these compare with pre-commit.
import { omitNodeBins } from '../helpers/init-e2e.js';

const HAS_PRE_COMMIT = hasTool('pre-commit');
/** pre-commit starts Python for every hook, and clones the hook repository into each new store. */
const TOOL_TEST_MS = 120_000;

/** A hook repository, as pre-commit hook authors publish them: a manifest and the scripts it names. */
const MANIFEST = `
- id: no-tabs
  name: no-tabs
  entry: check-tabs.sh
  language: script
  types: [text]
- id: no-fixme
  name: no-fixme
  entry: sh -c '! grep -nH FIXME "$@"' --
  language: system
  files: \\.txt$
- id: no-print
  name: no-print
  entry: 'print\\('
  language: pygrep
  types: [python]
- id: no-orig
  name: no-orig
  entry: remove the .orig files
  language: fail
  files: \\.orig$
- id: has-copyright
  name: has-copyright
  entry: '(?i)copyright'
  language: pygrep
  args: [--negate]
  files: \\.py$
- id: end-of-file
  name: end-of-file
  entry: fix-eol.sh
  language: script
  files: \\.md$
`;

const CHECK_TABS = '#!/bin/sh\nstatus=0\ntab=$(printf \'\\t\')\nfor f in "$@"; do\n  if grep -q "$tab" "$f"; then grep -n "$tab" "$f" | sed "s|^|$f:|"; status=1; fi\ndone\nexit $status\n';
// A fixer that exits 0, as black does: pre-commit fails it for the files it changed.
const FIX_EOL = '#!/bin/sh\nfor f in "$@"; do\n  if [ -n "$(tail -c 1 "$f")" ]; then echo >> "$f"; echo "$f:1: no newline at the end"; fi\ndone\n';

function writeConfig(sha: string, hooksRepo: string): string {
  return `
repos:
- repo: ${hooksRepo}
  rev: ${sha}
  hooks:
  - id: no-tabs
  - id: no-fixme
  - id: no-print
    alias: no-print-src
    name: no-print-src
    exclude: ^docs/
  - id: no-print
    alias: no-print-docs
    name: no-print-docs
    files: ^docs/
  - id: no-orig
  - id: has-copyright
  - id: end-of-file
- repo: meta
  hooks:
  - id: check-hooks-apply
    name: check-hooks-apply
- repo: local
  hooks:
  - id: assign-then-print
    name: assign-then-print
    entry: 'X = 1\\nPRINT'
    language: pygrep
    args: [--multiline, --ignore-case]
  - id: no-env-files
    name: no-env-files
    entry: never commit .env files
    language: fail
    files: \\.env$
`;
}

async function makeHooksRepo(makeRepo: MakeRepo): Promise<{ repo: TempRepo; sha: string }> {
  const repo = await makeRepo();
  repo.write('.pre-commit-hooks.yaml', MANIFEST);
  repo.write('check-tabs.sh', CHECK_TABS);
  repo.write('fix-eol.sh', FIX_EOL);
  for (const script of ['check-tabs.sh', 'fix-eol.sh']) chmodSync(path.join(repo.root, script), 0o755);
  await repo.commitAll();
  return { repo, sha: (await repo.git('rev-parse', 'HEAD')).trim() };
}

async function makeProject(makeRepo: MakeRepo, config: string): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.write('a.py', 'x = 1\nprint(x)\n');
  repo.write('b.py', '# Copyright 2024\nvalue = 2\n');
  repo.write('docs/c.py', '# copyright\nprint("c")\n');
  repo.write('notes.txt', 'FIXME\tnow\n');
  repo.write('clean.txt', 'fine\n');
  repo.write('old.orig', 'old\n');
  repo.write('a.md', '# no newline at the end');
  repo.write('README.md', '# readme\n');
  repo.write('.env', 'SECRET=1\n');
  repo.write('.pre-commit-config.yaml', config);
  await repo.commitAll();
  return repo;
}

/** The files named at the start of a line (`file:...` or the file alone) of a hook's output. */
function namedFiles(output: string, files: ReadonlySet<string>): string[] {
  return splitLines(output).flatMap((line) => {
    const name = /^([^:]+)(?::|$)/.exec(line)?.[1] ?? '';
    return files.has(name) ? [name] : [];
  });
}

interface Verdict {
  failed: boolean;
  files: string[];
}

/** Each hook's verdict in `pre-commit run --all-files` output, by hook name. */
function readPreCommitVerdicts(output: string, files: ReadonlySet<string>): Record<string, Verdict> {
  const verdicts: Record<string, Verdict> = {};
  let current: Verdict | null = null;
  for (const line of splitLines(output)) {
    const status = /^(.+?)\.{3,}.*(Passed|Failed|Skipped)$/.exec(line);
    if (status) {
      current = { failed: status[2] === 'Failed', files: [] };
      verdicts[status[1] ?? ''] = current;
    } else if (current) current.files.push(...namedFiles(line, files));
  }
  return finish(verdicts);
}

function readGauntletVerdicts(report: RunReport, files: ReadonlySet<string>): Record<string, Verdict> {
  const verdicts: Record<string, Verdict> = {};
  for (const hook of report.hooks) verdicts[hook.name] = { failed: hook.status === 'failed', files: [...diagnosedFiles(report, hook.name), ...namedFiles(hook.output, files)] };
  return finish(verdicts);
}

/** Each hook's name, status and whether its result came from the cache, by name. */
function describeHooks(report: RunReport): [string, string, boolean][] {
  return report.hooks.map((hook): [string, string, boolean] => [hook.name, hook.status, hook.cached]).sort(([a], [b]) => a.localeCompare(b));
}

/** Every hook's status, reason and output, for a failed expectation's message. */
function describeOutputs(report: RunReport): string {
  return report.hooks.map((hook) => `${hook.name}: ${hook.status} ${hook.reason ?? ''}\n${hook.output}`).join('\n');
}

function finish(verdicts: Record<string, Verdict>): Record<string, Verdict> {
  for (const verdict of Object.values(verdicts)) verdict.files = [...new Set(verdict.files)].sort();
  return verdicts;
}

describe.runIf(HAS_PRE_COMMIT).concurrent('hooks of remote repositories', () => {
  it('fail and flag the same files hook by hook as pre-commit run --all-files, pre-commit installing them', async ({ makeRepo }) => {
    const hooks = await makeHooksRepo(makeRepo);
    const repo = await makeProject(makeRepo, writeConfig(hooks.sha, hooks.repo.root));
    const files = new Set(splitLines(await repo.git('ls-files')));

    const preCommit = await runTool('pre-commit', ['run', '--all-files', '--color', 'never'], repo.root, { PRE_COMMIT_HOME: repo.scratchDir('pre-commit-home') });
    expect(preCommit.code, preCommit.output).toBe(1);
    const expected = readPreCommitVerdicts(preCommit.output, files);
    await repo.git('checkout', '--', '.');

    // A store of its own: gauntlet's parallel pre-commit runs install the hook repository themselves.
    const { result, report } = await repo.runJson(['--no-cache'], { env: { ...omitNodeBins(), PRE_COMMIT_HOME: repo.scratchDir('gauntlet-home') } });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe('');
    expect(readGauntletVerdicts(report, files), describeOutputs(report)).toEqual(expected);
    expect(expected).toEqual({
      'no-tabs': { failed: true, files: ['notes.txt'] },
      'no-fixme': { failed: true, files: ['notes.txt'] },
      'no-print-src': { failed: true, files: ['a.py'] },
      'no-print-docs': { failed: true, files: ['docs/c.py'] },
      'no-orig': { failed: true, files: ['old.orig'] },
      'has-copyright': { failed: true, files: ['a.py'] },
      'end-of-file': { failed: true, files: ['a.md'] },
      'check-hooks-apply': { failed: false, files: [] },
      'assign-then-print': { failed: true, files: ['a.py'] },
      'no-env-files': { failed: true, files: ['.env'] },
    });
  }, TOOL_TEST_MS);

  it('rerun when the rev changes, and not when nothing does', async ({ makeRepo }) => {
    const hooks = await makeHooksRepo(makeRepo);
    const config = (sha: string): string => `repos:\n- repo: ${hooks.repo.root}\n  rev: ${sha}\n  hooks:\n  - id: no-tabs\n  - id: has-copyright\n`;
    const repo = await makeRepo();
    repo.write('a.py', '# Copyright 2024\n');
    repo.write('notes.txt', 'no tabs\n');
    repo.write('.pre-commit-config.yaml', config(hooks.sha));
    await repo.commitAll();
    const env = { ...omitNodeBins(), PRE_COMMIT_HOME: repo.scratchDir('home') };
    const first = await repo.runJson([], { env });
    expect(first.result.code, describeOutputs(first.report)).toBe(0);
    expect(describeHooks(first.report)).toEqual([['has-copyright', 'passed', false], ['no-tabs', 'passed', false]]);

    const again = await repo.runJson([], { env });
    expect(describeHooks(again.report)).toEqual([['has-copyright', 'passed', true], ['no-tabs', 'passed', true]]);

    hooks.repo.write('check-tabs.sh', '#!/bin/sh\nfor f in "$@"; do echo "$f:1: new rule"; done\nexit 1\n');
    await hooks.repo.commitAll('stricter');
    repo.write('.pre-commit-config.yaml', config((await hooks.repo.git('rev-parse', 'HEAD')).trim()));
    const bumped = await repo.runJson([], { env });
    expect(describeHooks(bumped.report)).toEqual([['has-copyright', 'passed', false], ['no-tabs', 'failed', false]]);
    expect(diagnosedFiles(bumped.report, 'no-tabs')).toEqual(['.pre-commit-config.yaml', 'a.py', 'notes.txt']);
  }, TOOL_TEST_MS);

  it('are skipped with one line saying what to install when neither pre-commit nor prek is on PATH, and the rest runs', async ({ makeRepo }) => {
    const hooks = await makeHooksRepo(makeRepo);
    const repo = await makeProject(makeRepo, writeConfig(hooks.sha, hooks.repo.root));
    const { result, report } = await repo.runJson([], { env: { PATH: await makeBarePath(repo) } });
    expect(result.code, result.stderr).toBe(1);
    expect(splitLines(result.stderr)).toEqual([
      'gauntlet: warning: .pre-commit-config.yaml: skipping 8 hooks "no-tabs", "no-fixme", "no-print", "no-print", "no-orig", "has-copyright", "end-of-file", "check-hooks-apply", which only pre-commit can run (its tool environments): install pre-commit ("pipx install pre-commit") or prek ("npm i -g @j178/prek") to run them through it',
    ]);
    expect(report.hooks.map((hook) => [hook.name, hook.status])).toEqual([
      ['assign-then-print', 'failed'],
      ['no-env-files', 'failed'],
    ]);
  });
});
