-- gauntlet for Neovim: every hook's diagnostics, the moment each hook finishes.
--
--   require('gauntlet').setup()                          -- `gauntlet` on PATH
--   require('gauntlet').setup({ cmd = { 'npx', 'gauntlet', 'lsp', '--stdio' } })
--
-- On Neovim 0.11+ this registers the config with vim.lsp.config and enables it
-- (it then starts on FileType, beside each language's own server). On 0.7 to 0.10
-- it starts one client per repository (the folder holding gauntlet.yaml, or a
-- .pre-commit-config.yaml or lefthook.yml the server reads instead) with
-- vim.lsp.start_client and attaches it to every file buffer there on BufEnter.
local M = {}

M.defaults = {
  cmd = { 'gauntlet', 'lsp', '--stdio' },
  -- The workspace root is the nearest folder up from the file that holds one of these: the
  -- configs the server reads (gauntlet.yaml first, else a pre-commit or lefthook config).
  root_markers = { 'gauntlet.yaml', '.pre-commit-config.yaml', '.pre-commit-config.yml', 'lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml' },
  -- Force the 0.7 code path even where vim.lsp.enable exists (tests, debugging).
  legacy = false,
}

local uv = vim.loop

--- The nearest folder at or above `path` that holds a root marker, or nil.
local function find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '' do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

--- Neovim 0.7 to 0.10: one client per root, attached to each file buffer under it.
local function setup_legacy(opts)
  local clients = {} -- root -> client id
  local function attach(bufnr)
    if vim.bo[bufnr].buftype ~= '' then
      return
    end
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name == '' then
      return
    end
    local root = find_root(name, opts.root_markers)
    if not root then
      return
    end
    local id = clients[root]
    if id == nil or vim.lsp.get_client_by_id(id) == nil then
      id = vim.lsp.start_client({
        name = 'gauntlet',
        cmd = opts.cmd,
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
        on_attach = opts.on_attach,
        capabilities = opts.capabilities,
      })
      clients[root] = id
    end
    if id and not vim.lsp.buf_is_attached(bufnr, id) then
      vim.lsp.buf_attach_client(bufnr, id)
    end
  end
  local group = vim.api.nvim_create_augroup('gauntlet_lsp', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'FileType' }, {
    group = group,
    callback = function(args)
      attach(args.buf)
    end,
  })
  -- Buffers already open when setup ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      attach(bufnr)
    end
  end
end

--- Neovim 0.11+: the built-in configuration and enabling.
local function setup_modern(opts)
  vim.lsp.config('gauntlet', {
    cmd = opts.cmd,
    root_markers = opts.root_markers,
    -- No `filetypes`: gauntlet attaches to every filetype, beside the language's own server.
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  })
  vim.lsp.enable('gauntlet')
end

function M.setup(user)
  -- Shallow: a list the user gives (cmd, root_markers) replaces the default, never merges into it.
  local opts = vim.tbl_extend('force', {}, M.defaults, user or {})
  if not opts.legacy and vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    setup_modern(opts)
  else
    setup_legacy(opts)
  end
end

--- Runs a gauntlet command on the server (gauntlet.runWorkspace, gauntlet.clearCache, gauntlet.showProfile).
function M.command(name)
  local params = { command = 'gauntlet.' .. name, arguments = {} }
  vim.lsp.buf_request(0, 'workspace/executeCommand', params, function(err, result)
    if err then
      vim.notify('gauntlet: ' .. tostring(err.message or err), vim.log.levels.ERROR)
    elseif type(result) == 'string' then
      vim.notify(result)
    elseif result ~= nil then
      vim.notify(vim.inspect(result))
    end
  end)
end

return M
