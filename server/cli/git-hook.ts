import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The line that marks a hook script as gauntlet's; uninstall and re-install look for it. */
export const HOOK_MARKER = '# gauntlet: installed by `gauntlet install`';
/** Where a replaced hook is kept, next to the hook. */
export const BACKUP_SUFFIX = '.gauntlet-backup';

/** Where git runs the pre-commit hook from: `core.hooksPath` when set, else `.git/hooks` (worktrees too). */
export async function findHookPath(root: string, name = 'pre-commit'): Promise<string> {
  const { stdout } = await execFileAsync('git', ['rev-parse', '--git-path', 'hooks'], { cwd: root, encoding: 'utf8' });
  return path.join(path.resolve(root, stdout.trim()), name);
}

/** True when a hook file's text is one `gauntlet install` wrote. */
export function isGauntletHook(text: string): boolean {
  return text.split('\n', 3).includes(HOOK_MARKER);
}

/** What the hook runs: this Node binary and this gauntlet, with a config file when given. */
export interface HookTarget {
  node: string;
  cli: string;
  /** Repository-relative config path, for a config other than gauntlet.yaml. */
  config?: string;
}

/** The running gauntlet: the real path of its entry script, so an `npm link` symlink still resolves. */
export function currentTarget(config?: string): HookTarget {
  const entry = process.argv[1] ?? '';
  let cli = path.resolve(entry);
  try {
    cli = realpathSync(cli);
  } catch {
    // Kept as given: the hook falls back to `gauntlet` on PATH when it is gone.
  }
  return config === undefined ? { node: process.execPath, cli } : { node: process.execPath, cli, config };
}

/**
 * The hook script. It runs this Node binary on this gauntlet by absolute path (GUI git clients
 * and IDEs often run hooks without the user's PATH, and node version managers put node on it
 * per shell), and falls back to `gauntlet` on PATH when either has moved.
 */
export function renderHookScript(target: HookTarget): string {
  const args = ['run', '--staged', ...(target.config === undefined ? [] : ['--config', target.config])].map(quoteShell).join(' ');
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Checks the staged files before each commit; `gauntlet uninstall` removes this hook,',
    '# `git commit --no-verify` skips it once. gauntlet runs from the repository root.',
    `node=${quoteShell(target.node)}`,
    `cli=${quoteShell(target.cli)}`,
    'if [ -x "$node" ] && [ -f "$cli" ]; then',
    `  exec "$node" "$cli" ${args}`,
    'fi',
    'if command -v gauntlet >/dev/null 2>&1; then',
    `  exec gauntlet ${args}`,
    'fi',
    'echo "gauntlet: not found at $cli nor on PATH; run gauntlet install again, or commit with --no-verify" >&2',
    'exit 1',
    '',
  ].join('\n');
}

/** Single-quotes a word for sh. */
function quoteShell(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
