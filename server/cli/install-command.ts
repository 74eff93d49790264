import { access, chmod, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findRepoRoot } from '../../engine/files/git.js';
import { ConfigError } from '../../engine/config/config-error.js';
import { EXIT_OK, UsageError } from './errors.js';
import { loadRunConfig } from './project.js';
import { ignoreStateDir } from './ignore-state-dir.js';
import { BACKUP_SUFFIX, currentTarget, findHookPath, isGauntletHook, renderHookScript, renderRunOptions, type GitHookName } from './git-hook.js';

/** Options of `gauntlet uninstall`. */
export interface UninstallCommandOptions {
  hook: GitHookName;
}

/** Options of `gauntlet install`. */
export interface InstallCommandOptions extends UninstallCommandOptions {
  force?: boolean;
  config?: string;
  stage?: string;
}

const EXECUTABLE_MODE = 0o755;

/**
 * `gauntlet install`: writes the git pre-commit hook that runs `gauntlet run --staged` (or the
 * pre-push hook that checks what a push sends). Rewrites gauntlet's own hook (idempotent); a
 * hook of another tool is replaced only with --force, and kept next to it as `<hook>.gauntlet-backup`.
 * Without a config the hook could run (none found, or one with errors) nothing is written.
 */
export async function installCommand(options: InstallCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const root = await findRepoRoot(cwd);
  const config = options.config === undefined ? undefined : toRepoPath(root, path.resolve(cwd, options.config));
  await checkRunConfig(root, cwd, options.config);
  const hookPath = await findHookPath(root, options.hook);
  const shown = showPath(hookPath, cwd, root);
  const target = { ...currentTarget(config), ...(options.stage === undefined ? {} : { stage: options.stage }) };
  const script = renderHookScript(target, options.hook);
  const existing = await readText(hookPath);
  let note = '';
  const replaced = existing !== null && !isGauntletHook(existing);
  const backup = `${hookPath}${BACKUP_SUFFIX}`;
  if (replaced) {
    if (!options.force) {
      throw new UsageError(`${shown} is another tool's hook (pass --force to replace it; it is then kept as ${options.hook}${BACKUP_SUFFIX})`);
    }
    if ((await readText(backup)) !== null) throw new UsageError(`${showPath(backup, cwd, root)} already exists: move it away first`);
  }
  // Only once the install goes ahead: a refused one changes nothing.
  await ignoreStateDir(root, cwd);
  if (replaced) {
    await rename(hookPath, backup);
    note = `; the previous hook is kept as ${showPath(backup, cwd, root)}`;
  } else if (existing === script) {
    process.stdout.write(`already installed: ${shown}\n`);
    return EXIT_OK;
  }
  await mkdir(path.dirname(hookPath), { recursive: true });
  await writeFile(hookPath, script, { mode: EXECUTABLE_MODE });
  // The mode of writeFile applies only to a new file, and the umask trims it.
  await chmod(hookPath, EXECUTABLE_MODE);
  const extra = renderRunOptions(target).map((word) => ` ${word}`).join('');
  const runs =
    options.hook === 'pre-push'
      ? `gauntlet run --from-ref <remote sha> --to-ref <local sha>${extra}" for each ref before each push`
      : `gauntlet run --staged${extra}" before each commit`;
  process.stdout.write(`${existing === null ? 'installed' : 'updated'} ${shown}: runs "${runs}${note}\n`);
  return EXIT_OK;
}

/**
 * Loads the config the hook will run, as `gauntlet run` does: a hook without a usable one would
 * block every commit, so none is a refusal saying what to do.
 */
async function checkRunConfig(root: string, cwd: string, configPath: string | undefined): Promise<void> {
  try {
    await loadRunConfig(root, cwd, configPath);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const [first = error.message] = error.message.split('\n');
    const more = error.problems.length - 1;
    // A missing or unreadable file says what to do itself; errors inside the file are all listed by a run.
    if (error.position === null && more === 0) throw new UsageError(`not installed: ${first}`, { cause: error });
    const others = more > 0 ? ` (and ${more} more)` : '';
    throw new UsageError(`not installed: ${first}${others}; run "gauntlet run" to see every error, then install again once it is fixed`, { cause: error });
  }
}

/** `gauntlet uninstall`: removes gauntlet's pre-commit (or pre-push) hook and puts back the one it replaced. */
export async function uninstallCommand(options: UninstallCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const root = await findRepoRoot(cwd);
  const hookPath = await findHookPath(root, options.hook);
  const shown = showPath(hookPath, cwd, root);
  const existing = await readText(hookPath);
  if (existing === null) {
    process.stdout.write(`no ${options.hook} hook at ${shown}: nothing to remove\n`);
    return EXIT_OK;
  }
  if (!isGauntletHook(existing)) throw new UsageError(`${shown} is not gauntlet's hook: left in place`);
  await unlink(hookPath);
  const backup = `${hookPath}${BACKUP_SUFFIX}`;
  const restored = await access(backup).then(
    () => true,
    () => false,
  );
  if (restored) await rename(backup, hookPath);
  process.stdout.write(`removed ${shown}${restored ? `; restored the hook it had replaced` : ''}\n`);
  return EXIT_OK;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}

function toRepoPath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`--config: ${absolute} is outside the repository ${root}`);
  return relative.split(path.sep).join('/');
}

/** A path as the user should read it: relative to cwd when it is in the repository, else absolute. */
function showPath(file: string, cwd: string, root: string): string {
  const inRepository = !path.relative(root, file).startsWith('..');
  return inRepository ? path.relative(cwd, file) : file;
}
