import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { makeCliEnv, repoTest as it, waitForCli } from '../helpers/e2e.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook, GAUNTLET_BIN } from '../helpers/paths.js';

const NEOVIM_SETUP = fileURLToPath(new URL('../../editors/neovim', import.meta.url));
const HAS_NVIM = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
// In CI a missing editor is a broken set-up (.ci/setup installs it), never a reason to skip.
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

interface NeovimResult {
  ok: boolean;
  /** The hooks present in vim.diagnostic.get() at each DiagnosticChanged, in order. */
  changes: string[][];
  diagnostics: { source: string; message: string; lnum: number; col: number; end_col: number; severity: number }[];
}

/** A Lua string literal. */
function lua(text: string): string {
  return JSON.stringify(text);
}

/**
 * An init that loads editors/neovim (the 0.7 code path where the newer API is missing), opens
 * `file`, waits until both hooks' diagnostics are in, writes what vim.diagnostic.get() holds to
 * `resultFile` as JSON, and quits (which shuts the language server down).
 */
function makeInit(file: string, resultFile: string): string {
  return `
vim.opt.runtimepath:prepend(${lua(NEOVIM_SETUP)})
require('gauntlet').setup({ cmd = { ${lua(process.execPath)}, ${lua(GAUNTLET_BIN)}, 'lsp', '--stdio' } })
local changes = {}
local function sources()
  local seen, list = {}, {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source and not seen[d.source] then seen[d.source] = true; table.insert(list, d.source) end
  end
  table.sort(list)
  return list
end
vim.api.nvim_create_autocmd('DiagnosticChanged', { callback = function() table.insert(changes, sources()) end })
-- nested: the :edit below must fire BufEnter and FileType, which start and attach the client.
vim.api.nvim_create_autocmd('VimEnter', { nested = true, callback = function()
  vim.cmd('edit ' .. vim.fn.fnameescape(${lua(file)}))
  local ok = vim.wait(20000, function() return #sources() == 2 end, 50)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, { source = d.source, message = d.message, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity })
  end
  vim.fn.writefile({ vim.fn.json_encode({ ok = ok, changes = changes, diagnostics = out }) }, ${lua(resultFile)})
  vim.cmd('qa!')
end })
`;
}

describe('gauntlet lsp in Neovim', () => {
  if (!HAS_NVIM && !IN_CI) {
    it.skip('needs nvim on PATH (bash .ci/setup installs it)', () => undefined);
    return;
  }

  it('shows both hooks’ diagnostics in vim.diagnostic.get(), the fast one first', { timeout: 45_000 }, async ({ makeRepo }) => {
    expect(HAS_NVIM, 'nvim is not installed: bash .ci/setup installs it').toBe(true);
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const mark = makeMark();
    repo.writeConfig({
      hooks: [
        {
          name: 'slow',
          command: ['sh', '-c', `sleep 1; printf '%s:2:3: warning: slow finding\\n' "$1"; exit 1`, 'sh'],
          files: '*.txt',
          env: { [MARK_VARIABLE]: mark },
        },
        { name: 'fast', command: [fixtureHook('report-each.sh'), 'fast finding'], files: '*.txt' },
      ],
    });
    repo.write('notes.txt', 'first line\nsecond line\n');
    const trusted = await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
    expect(trusted.code).toBe(0);

    const init = repo.scratchPath('init.lua');
    const resultFile = repo.scratchPath('result.json');
    writeFileSync(init, makeInit(repo.root + '/notes.txt', resultFile));
    const nvim = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init], {
      cwd: repo.root,
      env: makeCliEnv({ XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: repo.scratchDir('config'), XDG_STATE_HOME: repo.scratchDir('state') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ended = await waitForCli(nvim, 40_000);

    expect(existsSync(resultFile), `no result from Neovim (exit ${String(ended.code)}): ${ended.stderr}`).toBe(true);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as NeovimResult;
    expect(result.ok).toBe(true);
    const bySource = Object.fromEntries(result.diagnostics.map((d) => [d.source, d]));
    expect(bySource.fast).toMatchObject({ message: 'fast finding', lnum: 0, col: 0, end_col: 5, severity: 1 });
    expect(bySource.slow).toMatchObject({ message: 'slow finding', lnum: 1, col: 2, end_col: 6, severity: 2 });
    expect(result.changes.find((sources) => sources.length > 0)).toEqual(['fast']);
    expect(ended.code).toBe(0);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });
});
