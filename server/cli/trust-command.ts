import path from 'node:path';
import { ConfigError, formatConfigPath } from '../../engine/config/config-error.js';
import { findRepoRoot } from '../../engine/files/git.js';
import { findProjectDir } from '../../engine/config/find-config.js';
import { listPresentScripts, resolveTrustPath, revokeConfig, trustConfig } from '../../engine/store/trust.js';
import { readWorkspaceConfig } from '../lsp/workspace-config.js';
import { EXIT_OK, UsageError } from './errors.js';
import { printWarning } from './escape-text.js';
import { resolveConfigPath } from './project.js';

export interface TrustCommandOptions {
  config?: string;
  revoke?: boolean;
}

/**
 * `gauntlet trust`: lets the language server run the hooks of this repository's config in this
 * repository, as the config and the scripts its hooks run from the repository are now. The config
 * is validated first; a change to it or to one of those scripts must be trusted again.
 */
export async function trustCommand(options: TrustCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const repoRoot = await findRepoRoot(cwd);
  // Without --config, the project an editor gives this folder: the innermost one up from here with a config, its hooks run there.
  const root = options.config === undefined ? ((await findProjectDir(repoRoot, cwd)) ?? repoRoot) : repoRoot;
  const configPath = await resolveConfigPath(root, cwd, options.config);
  const shown = path.relative(cwd, configPath) || configPath;
  if (options.revoke) {
    const removed = await revokeConfig(root, configPath);
    process.stdout.write(removed ? `no longer trusted: ${shown}\n` : `was not trusted: ${shown}\n`);
    return EXIT_OK;
  }
  // Validate what is trusted: the one-line error says what to fix.
  const read = await readWorkspaceConfig(configPath, root, 'above');
  if (read.kind !== 'missing') for (const warning of read.warnings ?? []) printWarning(warning);
  if (read.kind === 'missing') throw new ConfigError({ file: formatConfigPath(configPath, cwd), detail: 'file not found (create one, or pass --config PATH)' });
  if (read.kind === 'invalid') throw read.error instanceof Error ? read.error : new UsageError(read.message);
  await trustConfig(root, configPath, read.digest);
  const count = read.config.hooks.length;
  const scripts = await listPresentScripts(root, read.scripts);
  const covered = scripts.length === 0 ? '' : ` and ${scripts.length === 1 ? 'the script' : 'the scripts'} it runs (${scripts.join(', ')})`;
  process.stdout.write(
    `trusted ${shown}${covered} in ${root} (digest ${read.digest.slice(0, 12)}): editors running "gauntlet lsp" may now run its ${count} hook${count === 1 ? '' : 's'}.\n` +
      `Recorded in ${resolveTrustPath()}; after changing the config or one of these scripts, run "gauntlet trust" again.\n`,
  );
  return EXIT_OK;
}
