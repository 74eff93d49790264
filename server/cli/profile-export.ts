import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadProfiles } from '../../engine/store/profiles.js';
import { buildPortableProfile, renderPortableProfile } from '../../engine/store/shard-profile.js';
import { writeFileAtomic } from '../../engine/store/write-atomic.js';
import { EXIT_OK } from './errors.js';
import { printWarning } from './escape-text.js';

/**
 * `gauntlet profile --export FILE`: the fitted cost of each hook of the config that has been
 * measured, as the portable profile `gauntlet run --shard I/N --shard-profile FILE` splits by.
 */
export async function exportProfile(root: string, config: ResolvedConfig, file: string, cwd: string): Promise<number> {
  const { profiles, warning } = await loadProfiles(root);
  if (warning) printWarning(warning);
  const profile = buildPortableProfile(profiles, config.hooks.map((hook) => hook.name));
  await writeFileAtomic(path.resolve(cwd, file), renderPortableProfile(profile));
  if (profile.hooks.length === 0) printWarning(`${file}: no hook has been measured yet (run gauntlet run first): shards will be split by file count`);
  const missing = config.hooks.length - profile.hooks.length;
  process.stdout.write(`profile exported: ${file} (${profile.hooks.length} hook${profile.hooks.length === 1 ? '' : 's'}${missing > 0 ? `, ${missing} never measured` : ''})\n`);
  return EXIT_OK;
}
