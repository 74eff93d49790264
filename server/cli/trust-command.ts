import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../engine/config/load-config.js';
import { findRepoRoot } from '../../engine/files/git.js';
import { hashConfig, resolveTrustPath, revokeConfig, trustConfig } from '../lsp/trust-store.js';
import { EXIT_OK } from './errors.js';
import { resolveConfigPath } from './project.js';

export interface TrustCommandOptions {
  config?: string;
  revoke?: boolean;
}

/**
 * `gauntlet trust`: lets the language server run the hooks of this repository's config,
 * as it is now. The config is validated first; a changed config must be trusted again.
 */
export async function trustCommand(options: TrustCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const root = await findRepoRoot(cwd);
  const configPath = resolveConfigPath(root, cwd, options.config);
  const shown = path.relative(cwd, configPath) || configPath;
  if (options.revoke) {
    const removed = await revokeConfig(configPath);
    process.stdout.write(removed ? `no longer trusted: ${shown}\n` : `was not trusted: ${shown}\n`);
    return EXIT_OK;
  }
  // Validate what is trusted: loadConfig's one-line error says what to fix.
  const bytes = await readFile(configPath).catch(() => null);
  const config = await loadConfig(configPath);
  const sha256 = hashConfig(bytes ?? (await readFile(configPath)));
  await trustConfig(configPath, sha256);
  const count = config.hooks.length;
  process.stdout.write(
    `trusted ${shown} (sha256 ${sha256.slice(0, 12)}): editors running "gauntlet lsp" may now run its ${count} hook${count === 1 ? '' : 's'}.\n` +
      `Recorded in ${resolveTrustPath()}; after changing the config, run "gauntlet trust" again.\n`,
  );
  return EXIT_OK;
}
