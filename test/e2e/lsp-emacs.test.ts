import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { makeCliEnv, repoTest as it, waitForCli, type CliResult, type TempRepo } from '../helpers/e2e.js';
import { FIX_FILE, FIX_SOURCES, FIX_TEXTS, makeFixRepo, writeMarkedFolders } from '../helpers/editor-repos.js';
import { hasTool, runTool } from '../helpers/external-tools.js';
import { TODO_STDIN_HOOK } from '../helpers/lsp-client.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { GAUNTLET_BIN } from '../helpers/paths.js';

const EMACS_SETUP = fileURLToPath(new URL('../../editors/emacs/gauntlet-eglot.el', import.meta.url));
const DRIVER = fileURLToPath(new URL('../helpers/eglot-driver.el', import.meta.url));
// Emacs 28 has no Eglot of its own: Debian's elpa-eglot brings it (29+ has it built in).
const HAS_EMACS = spawnSync('emacs', ['--batch', '--eval', "(require 'eglot)"], { stdio: 'ignore' }).status === 0;
// In CI a missing editor is a broken set-up (.ci/setup installs it), never a reason to skip.
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
/** Seconds each of the driver's waits may take; Emacs itself gets a little longer. */
const DRIVER_TIMEOUT_S = 20;

/** What test/helpers/eglot-driver.el writes. */
interface DriverResult {
  ok: boolean;
  error: string | null;
  emacs: string;
  eglot: string;
  steps: {
    open?: { mode: string; root: string; command: string[] };
    diagnostics?: { source: string; code: string | null; message: string; type: string; line: number; column: number; end_line: number; end_column: number }[];
    buffer?: string;
    'code-action'?: { title: string; text: string };
    format?: string;
    shutdown?: { exit: number };
  };
}

const SCRIPT = '#!/bin/sh\n# TODO: tidy\necho $1\n';
const COMMAND = [process.execPath, GAUNTLET_BIN, 'lsp', '--stdio'];

/** What the driver is told besides the set-up, the server command, the timeout and the result file. */
interface DriverRun {
  file: string;
  sources: string[];
  fix_source?: string;
  steps: string[];
}

/** Runs test/helpers/eglot-driver.el in `emacs --batch` in the repository; the result it wrote and how Emacs ended. */
async function runDriver(repo: TempRepo, xdg: string, run: DriverRun): Promise<{ result: DriverResult; ended: CliResult }> {
  const config = repo.scratchPath('driver.json');
  const resultFile = repo.scratchPath('result.json');
  writeFileSync(config, JSON.stringify({ setup: EMACS_SETUP, command: COMMAND, timeout: DRIVER_TIMEOUT_S, result: resultFile, ...run }));
  const emacs = spawn('emacs', ['--batch', '-l', DRIVER, config], {
    cwd: repo.root,
    env: makeCliEnv({ HOME: repo.scratchDir('home'), XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: repo.scratchDir('config') }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = await waitForCli(emacs, 40_000);
  expect(existsSync(resultFile), `no result from Emacs (exit ${String(ended.code)}): ${ended.stderr}`).toBe(true);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as DriverResult;
  expect(result.error, `Emacs ${result.emacs}, Eglot ${result.eglot}:\n${ended.stderr}`).toBeNull();
  return { result, ended };
}

describe('gauntlet lsp in Emacs (Eglot)', () => {
  if (!HAS_EMACS && !IN_CI) {
    it.skip('needs emacs with eglot on PATH (bash .ci/setup installs emacs-nox and elpa-eglot)', () => undefined);
    return;
  }

  it('shows both hooks’ findings in Flymake, with the hook as source, in the workspace of the nearest gauntlet.yaml', { timeout: 45_000 }, async ({ makeRepo }) => {
    expect(HAS_EMACS, 'emacs with eglot is not installed: bash .ci/setup installs emacs-nox and elpa-eglot').toBe(true);
    expect(hasTool('shellcheck'), 'shellcheck is not installed: bash .ci/setup installs it').toBe(true);
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const mark = makeMark();
    repo.writeConfig({
      hooks: [
        { name: 'shellcheck', command: ['shellcheck', '-f', 'gcc'], files: '*.sh', env: { [MARK_VARIABLE]: mark } },
        { name: 'todo', command: TODO_STDIN_HOOK, stdin: true, files: '*.sh', env: { [MARK_VARIABLE]: mark } },
      ],
    });
    // A checkout of its own below the repository: Emacs's project for the file would be
    // scripts/, which has no gauntlet.yaml; the workspace must be the folder that has one.
    repo.write('scripts/check.sh', SCRIPT);
    await repo.git('-C', 'scripts', 'init', '-q');
    const trusted = await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
    expect(trusted.code).toBe(0);

    const { result, ended } = await runDriver(repo, xdg, {
      file: `${repo.root}/scripts/check.sh`,
      sources: ['shellcheck', 'todo'],
      steps: ['open', 'diagnostics', 'buffer', 'shutdown'],
    });
    expect(result.steps.open).toEqual({ mode: 'sh-mode', root: `${repo.root}/`, command: COMMAND });
    const bySource = Object.fromEntries((result.steps.diagnostics ?? []).map((d) => [d.source, d]));
    expect(bySource.todo).toMatchObject({ message: 'todo', type: 'eglot-warning', line: 2, column: 0 });
    expect(bySource.shellcheck).toMatchObject({ code: 'SC2086', type: 'eglot-note', line: 3, column: 5, end_line: 3, end_column: 7 });
    expect(result.steps.buffer).toBe(SCRIPT);
    expect(result.steps.shutdown).toBeDefined();
    expect(ended.code).toBe(0);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('applies ESLint’s quick fix chosen among eglot-code-actions and formats with prettier through eglot-format-buffer', { timeout: 45_000 }, async ({ makeRepo }) => {
    expect(HAS_EMACS, 'emacs with eglot is not installed: bash .ci/setup installs emacs-nox and elpa-eglot').toBe(true);
    const mark = makeMark();
    const { repo, xdg } = await makeFixRepo(makeRepo, mark);
    const { result, ended } = await runDriver(repo, xdg, {
      file: `${repo.root}/${FIX_FILE}`,
      sources: FIX_SOURCES,
      fix_source: 'eslint',
      steps: ['open', 'diagnostics', 'code-action', 'format', 'shutdown'],
    });

    expect(result.steps.open).toEqual({ mode: 'js-mode', root: `${repo.root}/`, command: COMMAND });
    expect(result.steps['code-action']).toEqual({ title: 'Fix this no-var problem', text: FIX_TEXTS.fixed });
    expect(result.steps.format).toBe(FIX_TEXTS.formatted);
    expect(repo.read(FIX_FILE)).toBe(FIX_TEXTS.saved);
    expect(ended.code).toBe(0);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('roots the workspace at the nearest folder with any config the server reads, and nowhere without one', async ({ makeRepo }) => {
    expect(HAS_EMACS, 'emacs with eglot is not installed: bash .ci/setup installs emacs-nox and elpa-eglot').toBe(true);
    const repo = await makeRepo();
    const { dirs, roots } = writeMarkedFolders(repo);
    const resultFile = repo.scratchPath('roots.json');
    const dirList = dirs.map((dir) => JSON.stringify(dir)).join(' ');
    const lisp = `(with-temp-file ${JSON.stringify(resultFile)} (insert (json-encode (vconcat (mapcar #'gauntlet-eglot-find-root '(${dirList}))))))`;
    const found = await runTool('emacs', ['--batch', '--eval', `(load ${JSON.stringify(EMACS_SETUP)} nil t)`, '--eval', "(require 'json)", '--eval', lisp], repo.root, { HOME: repo.scratchDir('home') });

    expect(found.code, found.output).toBe(0);
    expect(JSON.parse(readFileSync(resultFile, 'utf8'))).toEqual(roots.map((root) => (root === null ? null : `${root}/`)));
  });
});
