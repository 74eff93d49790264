import { loadProfiles } from '../../engine/store/profiles.js';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { renderProfileTable, summarizeProfileRow } from '../cli/profile-table.js';

/** The measured run times of a workspace's hooks as a plain-text table (`gauntlet.showProfile`). */
export async function renderProfileText(root: string, config: ResolvedConfig | null): Promise<string> {
  const { profiles, warning } = await loadProfiles(root);
  const names = config ? config.hooks.map((hook) => hook.name) : [...profiles.keys()].sort();
  const lines = renderProfileTable(names.map((name) => summarizeProfileRow(name, profiles.get(name))));
  return [`gauntlet profile of ${root}`, ...(warning ? [`warning: ${warning}`] : []), ...lines].join('\n') + '\n';
}
