-- Drives editors/neovim in `nvim --headless`: opens a file, waits for its hooks' diagnostics
-- of the buffer's version, applies a quick fix and formats, then writes the buffer's text
-- after each step as JSON and quits (which shuts the language server down).
--
-- The init sets vim.g.gauntlet_driver before loading this file:
--   setup       editors/neovim (put on 'runtimepath')
--   cmd         the server command
--   file        the file to open
--   sources     the hooks whose diagnostics must be in before the quick fix
--   fix_source  the hook whose diagnostic's quick fix is applied
--   timeout_ms  how long each wait may take
--   result      where to write the result
local config = vim.g.gauntlet_driver
vim.opt.runtimepath:prepend(config.setup)
require('gauntlet').setup({ cmd = config.cmd })

local version = vim.version()
-- 0.8 brought vim.lsp.buf.code_action's `apply`/`filter` and vim.lsp.buf.format.
local modern = vim.fn.has('nvim-0.8') == 1
local result = {
  nvim = string.format('%d.%d.%d', version.major, version.minor, version.patch),
  fix_path = modern and 'vim.lsp.buf.code_action' or 'buf_request_sync',
  format_path = modern and 'vim.lsp.buf.format' or 'vim.lsp.buf.formatting_sync',
}

-- Per document version, the LSP diagnostics last published for it (the raw ones: their `data`
-- names the fix, and 0.7's vim.diagnostic keeps only part of it).
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, handler_config)
  if params and params.version then
    published[params.version] = params.diagnostics
  end
  return publish(err, params, ctx, handler_config)
end

local function wait(what, predicate)
  if not vim.wait(config.timeout_ms, predicate, 20) then
    error('no ' .. what .. ' within ' .. config.timeout_ms .. ' ms')
  end
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n') .. (vim.bo[bufnr].eol and '\n' or '')
end

--- The diagnostics published for the buffer's current version once every wanted hook is among them.
local function current_diagnostics(bufnr)
  local diagnostics = published[vim.lsp.util.buf_versions[bufnr]]
  if not diagnostics then
    return nil
  end
  local seen = {}
  for _, d in ipairs(diagnostics) do
    seen[d.source or ''] = true
  end
  for _, source in ipairs(config.sources) do
    if not seen[source] then
      return nil
    end
  end
  return diagnostics
end

local function is_quick_fix(action)
  return action.kind == 'quickfix' and action.edit ~= nil
end

--- Applies the quick fix of `diagnostic` as the Neovim version at hand lets a script do it.
local function apply_quick_fix(bufnr, diagnostic)
  local context = { diagnostics = { diagnostic }, only = { 'quickfix' } }
  if modern then
    local tick = vim.b[bufnr].changedtick
    vim.api.nvim_win_set_cursor(0, { diagnostic.range.start.line + 1, diagnostic.range.start.character })
    vim.lsp.buf.code_action({ context = context, filter = is_quick_fix, apply = true })
    wait('edit from the quick fix', function() return vim.b[bufnr].changedtick ~= tick end)
    return
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = diagnostic.range, context = context }
  local answers = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, config.timeout_ms) or {}
  for client_id, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      if is_quick_fix(action) then
        vim.lsp.util.apply_workspace_edit(action.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)
        return
      end
    end
  end
  error('no quick fix for ' .. vim.inspect(diagnostic) .. ' in ' .. vim.inspect(answers))
end

local function format_buffer(bufnr)
  if modern then
    vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = config.timeout_ms })
  else
    vim.lsp.buf.formatting_sync(nil, config.timeout_ms)
  end
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(config.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local diagnostics
  wait('diagnostics from ' .. table.concat(config.sources, ', '), function()
    diagnostics = current_diagnostics(bufnr)
    return diagnostics ~= nil
  end)
  result.sources = {}
  local target
  for _, d in ipairs(diagnostics) do
    table.insert(result.sources, d.source)
    if d.source == config.fix_source and target == nil then
      target = d
    end
  end
  if target == nil then
    error('no diagnostic from ' .. config.fix_source .. ' in ' .. vim.inspect(diagnostics))
  end
  apply_quick_fix(bufnr, target)
  result.fixed = buffer_text(bufnr)
  format_buffer(bufnr)
  result.formatted = buffer_text(bufnr)
end

-- nested: the :edit must fire BufEnter and FileType, which start and attach the client.
vim.api.nvim_create_autocmd('VimEnter', { nested = true, callback = function()
  local ok, err = pcall(run)
  result.ok = ok
  result.error = ok and vim.NIL or tostring(err)
  vim.fn.writefile({ vim.fn.json_encode(result) }, config.result)
  vim.cmd('qa!')
end })
