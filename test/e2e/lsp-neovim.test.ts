import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { makeCliEnv, repoTest as it, waitForCli, type TempRepo } from '../helpers/e2e.js';
import { FIX_FILE, FIX_SOURCES, FIX_TEXTS, makeFixRepo, writeMarkedFolders } from '../helpers/editor-repos.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook, GAUNTLET_BIN } from '../helpers/paths.js';

const NEOVIM_SETUP = fileURLToPath(new URL('../../editors/neovim', import.meta.url));
const FIX_DRIVER = fileURLToPath(new URL('../helpers/nvim-fix-driver.lua', import.meta.url));
/** How long each of the fix driver's waits may take; Neovim itself gets a little longer. */
const DRIVER_TIMEOUT_MS = 20_000;
const HAS_NVIM = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
// In CI a missing editor is a broken set-up (.ci/setup installs it), never a reason to skip.
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

interface NeovimResult {
  ok: boolean;
  /** The hooks present in vim.diagnostic.get() at each DiagnosticChanged, in order. */
  changes: string[][];
  diagnostics: { source: string; message: string; lnum: number; col: number; end_col: number; severity: number }[];
}

/** What test/helpers/nvim-fix-driver.lua writes. */
interface FixResult {
  ok: boolean;
  error: string | null;
  nvim: string;
  fix_path: string;
  format_path: string;
  sources?: string[];
  fixed?: string;
  formatted?: string;
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

/**
 * An init that opens each of `files`, waits until `attached` of them have a gauntlet client,
 * writes each one's client root (null for none) to `resultFile` as JSON, and quits.
 */
function makeRootsInit(files: string[], attached: number, resultFile: string): string {
  return `
vim.opt.runtimepath:prepend(${lua(NEOVIM_SETUP)})
require('gauntlet').setup({ cmd = { ${lua(process.execPath)}, ${lua(GAUNTLET_BIN)}, 'lsp', '--stdio' } })
-- None of these configs is trusted: dismiss the server's "Trust" question, which would wait for a key.
vim.lsp.handlers['window/showMessageRequest'] = function() return vim.NIL end
local files = vim.fn.json_decode(${lua(JSON.stringify(files))})
local function roots()
  local list, count = {}, 0
  for i, file in ipairs(files) do
    local bufnr = vim.fn.bufnr(file)
    list[i] = vim.NIL
    for _, client in pairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
      if bufnr ~= -1 and vim.lsp.buf_is_attached(bufnr, client.id) then list[i] = client.config.root_dir; count = count + 1 end
    end
  end
  return list, count
end
vim.api.nvim_create_autocmd('VimEnter', { nested = true, callback = function()
  for _, file in ipairs(files) do vim.cmd('edit ' .. vim.fn.fnameescape(file)) end
  vim.wait(20000, function() return select(2, roots()) == ${attached} end, 50)
  vim.fn.writefile({ vim.fn.json_encode((roots())) }, ${lua(resultFile)})
  vim.cmd('qa!')
end })
`;
}

/** Runs headless Neovim in the repository with `init`, as a user's session with nothing else configured. */
function startNeovim(repo: TempRepo, xdg: string, init: string): ReturnType<typeof spawn> {
  return spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init], {
    cwd: repo.root,
    env: makeCliEnv({ XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: repo.scratchDir('config'), XDG_STATE_HOME: repo.scratchDir('state') }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    const ended = await waitForCli(startNeovim(repo, xdg, init), 40_000);

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

  it('applies ESLint’s quick fix and formats with prettier, through the code paths of the Neovim version at hand', { timeout: 45_000 }, async ({ makeRepo, annotate }) => {
    expect(HAS_NVIM, 'nvim is not installed: bash .ci/setup installs it').toBe(true);
    const mark = makeMark();
    const { repo, xdg } = await makeFixRepo(makeRepo, mark);
    const init = repo.scratchPath('init.lua');
    const resultFile = repo.scratchPath('result.json');
    const driver = { setup: NEOVIM_SETUP, cmd: [process.execPath, GAUNTLET_BIN, 'lsp', '--stdio'], file: `${repo.root}/${FIX_FILE}`, sources: FIX_SOURCES, fix_source: 'eslint', timeout_ms: DRIVER_TIMEOUT_MS, result: resultFile };
    writeFileSync(init, `vim.g.gauntlet_driver = vim.fn.json_decode(${lua(JSON.stringify(driver))})\ndofile(${lua(FIX_DRIVER)})\n`);
    const ended = await waitForCli(startNeovim(repo, xdg, init), 40_000);

    expect(existsSync(resultFile), `no result from Neovim (exit ${String(ended.code)}): ${ended.stderr}`).toBe(true);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as FixResult;
    expect(result.error, `Neovim ${result.nvim}:\n${ended.stderr}`).toBeNull();
    // 0.7 has neither code_action's `apply` nor buf.format: the driver requests and applies itself.
    const [major = 0, minor = 0] = result.nvim.split('.').map(Number);
    const modern = major > 0 || minor >= 8;
    expect([result.fix_path, result.format_path]).toEqual(modern ? ['vim.lsp.buf.code_action', 'vim.lsp.buf.format'] : ['buf_request_sync', 'vim.lsp.buf.formatting_sync']);
    await annotate(`Neovim ${result.nvim}: quick fix through ${result.fix_path}, format through ${result.format_path}`);
    expect(result.sources).toEqual(expect.arrayContaining(FIX_SOURCES));
    expect(result.fixed).toBe(FIX_TEXTS.fixed);
    expect(result.formatted).toBe(FIX_TEXTS.formatted);
    expect(repo.read(FIX_FILE)).toBe(FIX_TEXTS.saved);
    expect(ended.code).toBe(0);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('roots the workspace at the nearest folder with any config the server reads, and starts nothing where there is none', { timeout: 45_000 }, async ({ makeRepo }) => {
    expect(HAS_NVIM, 'nvim is not installed: bash .ci/setup installs it').toBe(true);
    const repo = await makeRepo();
    const { dirs, roots } = writeMarkedFolders(repo);
    const files = dirs.map((dir) => `${dir}/notes.txt`);
    const init = repo.scratchPath('init.lua');
    const resultFile = repo.scratchPath('result.json');
    writeFileSync(init, makeRootsInit(files, roots.filter((root) => root !== null).length, resultFile));
    const ended = await waitForCli(startNeovim(repo, repo.scratchDir('xdg'), init), 40_000);

    expect(existsSync(resultFile), `no result from Neovim (exit ${String(ended.code)}): ${ended.stderr}`).toBe(true);
    expect(JSON.parse(readFileSync(resultFile, 'utf8'))).toEqual(roots);
    expect(ended.code).toBe(0);
  });
});
