import { realpathSync } from 'node:fs';
import path from 'node:path';
import { runGit } from '../../engine/files/run-git.js';

/** The line that marks a hook script as gauntlet's; uninstall and re-install look for it. */
export const HOOK_MARKER = '# gauntlet: installed by `gauntlet install`';
/** Where a replaced hook is kept, next to the hook. */
export const BACKUP_SUFFIX = '.gauntlet-backup';

/** Where git runs the pre-commit hook from: `core.hooksPath` when set, else `.git/hooks` (worktrees too). */
export async function findHookPath(root: string, name = 'pre-commit'): Promise<string> {
  const stdout = await runGit(root, ['rev-parse', '--git-path', 'hooks']);
  return path.join(path.resolve(root, stdout.trim()), name);
}

/** True when a hook file's text is one `gauntlet install` wrote. */
export function isGauntletHook(text: string): boolean {
  return text.split('\n', 3).includes(HOOK_MARKER);
}

/** The git hooks gauntlet installs. */
export type GitHookName = 'pre-commit' | 'pre-push';

/** What the hook runs: this Node binary and this gauntlet, with a config file when given. */
export interface HookTarget {
  node: string;
  cli: string;
  /** Repository-relative config path, for a config other than gauntlet.yaml. */
  config?: string;
  /** Only hooks of this stage; every hook when absent. */
  stage?: string;
}

/** The arguments `gauntlet run` gets from the hook, besides the files it chooses. */
export function renderRunOptions(target: HookTarget): string[] {
  return [...(target.config === undefined ? [] : ['--config', target.config]), ...(target.stage === undefined ? [] : ['--stage', target.stage])];
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
export function renderHookScript(target: HookTarget, hook: GitHookName = 'pre-commit'): string {
  if (hook === 'pre-push') return renderPrePushScript(target);
  const args = ['run', '--staged', ...renderRunOptions(target)].map(quoteShell).join(' ');
  return [
    ...renderPreamble(target, [
      '# Checks the staged content before each commit; `gauntlet uninstall` removes this hook,',
      '# `git commit --no-verify` skips it once. gauntlet runs from the repository root.',
    ]),
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

/**
 * The pre-push script: git gives a line per ref pushed (`<local ref> <local sha> <remote ref>
 * <remote sha>`); each is checked with `gauntlet run --from-ref <remote sha> --to-ref <local sha>`,
 * as pre-commit does. A deleted ref is skipped; a ref the remote lacks is compared from the parent
 * of its first commit no remote branch has, and a history entirely new is checked whole.
 */
function renderPrePushScript(target: HookTarget): string {
  const options = renderRunOptions(target).map(quoteShell).join(' ');
  // Its stdin is git's list of refs, which the loop reads: the hooks get none of it.
  const run = (indent: string, args: string): string => `${indent}run_gauntlet ${args}${options === '' ? '' : ` ${options}`} </dev/null || status=1`;
  return [
    ...renderPreamble(target, [
      '# Checks the files each push changes (as they are in the work tree); `gauntlet uninstall --hook pre-push`',
      '# removes this hook, `git push --no-verify` skips it once. gauntlet runs from the repository root.',
    ]),
    'run_gauntlet() {',
    '  if [ -x "$node" ] && [ -f "$cli" ]; then "$node" "$cli" "$@"; return; fi',
    '  if command -v gauntlet >/dev/null 2>&1; then gauntlet "$@"; return; fi',
    '  echo "gauntlet: not found at $cli nor on PATH; run gauntlet install --hook pre-push again, or push with --no-verify" >&2',
    '  return 1',
    '}',
    'remote="$1"',
    'status=0',
    'while read -r _ local_sha _ remote_sha; do',
    '  case "$local_sha" in *[!0]*) ;; *) continue ;; esac # a deleted ref: nothing to check',
    '  if case "$remote_sha" in *[!0]*) true ;; *) false ;; esac && git cat-file -e "$remote_sha^{commit}" 2>/dev/null; then',
    '    from="$remote_sha"',
    '  else',
    '    first=$(git rev-list --topo-order --reverse "$local_sha" --not --remotes="$remote" | head -n 1)',
    '    [ -n "$first" ] || continue # every commit is on the remote already',
    '    if ! from=$(git rev-parse --quiet --verify "$first^" 2>/dev/null); then',
    run('      ', 'run'),
    '      continue',
    '    fi',
    '  fi',
    run('  ', 'run --from-ref "$from" --to-ref "$local_sha"'),
    'done',
    'exit "$status"',
    '',
  ].join('\n');
}

/** The first lines of every hook script: shebang, marker, what it does, and where gauntlet is. */
function renderPreamble(target: HookTarget, comment: string[]): string[] {
  return ['#!/bin/sh', HOOK_MARKER, ...comment, `node=${quoteShell(target.node)}`, `cli=${quoteShell(target.cli)}`];
}

/** Single-quotes a word for sh. */
function quoteShell(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
