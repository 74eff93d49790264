-- Neovim 0.11+: put this folder on 'runtimepath' (or copy this file to
-- ~/.config/nvim/lsp/gauntlet.lua) and call vim.lsp.enable('gauntlet').
return {
  cmd = { 'gauntlet', 'lsp', '--stdio' },
  root_markers = { 'gauntlet.yaml' },
}
