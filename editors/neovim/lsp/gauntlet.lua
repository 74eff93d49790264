-- Neovim 0.11+: put this folder on 'runtimepath' (or copy this file to
-- ~/.config/nvim/lsp/gauntlet.lua) and call vim.lsp.enable('gauntlet').
return {
  cmd = { 'gauntlet', 'lsp', '--stdio' },
  -- The configs the server reads: gauntlet.yaml, else a pre-commit or lefthook config.
  root_markers = { 'gauntlet.yaml', '.pre-commit-config.yaml', '.pre-commit-config.yml', 'lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml' },
}
