import { loadProfiles, summarizeProfile } from '../../engine/store/profiles.js';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { formatDuration } from '../cli/render-text.js';
import { maxOf } from '../../engine/arrays.js';

/** The measured run times of a workspace's hooks as a plain-text table (`gauntlet.showProfile`). */
export async function renderProfileText(root: string, config: ResolvedConfig | null): Promise<string> {
  const { profiles, warning } = await loadProfiles(root);
  const names = config ? config.hooks.map((hook) => hook.name) : [...profiles.keys()].sort();
  const rows = [
    ['hook', 'runs', 'mean', 'median', 'p95', 'failures'],
    ...names.map((name) => {
      const profile = profiles.get(name);
      const summary = profile ? summarizeProfile(profile) : null;
      return [
        name,
        String(summary?.runs ?? 0),
        formatMs(summary?.meanMs ?? null),
        formatMs(summary?.medianMs ?? null),
        formatMs(summary?.p95Ms ?? null),
        summary ? `${Math.round(summary.failureRate * 100)}%` : '-',
      ];
    }),
  ];
  const widths = (rows[0] ?? []).map((_, column) => maxOf(rows.map((row) => (row[column] ?? '').length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd());
  return [`gauntlet profile of ${root}`, ...(warning ? [`warning: ${warning}`] : []), ...lines].join('\n') + '\n';
}

function formatMs(ms: number | null): string {
  return ms === null ? '-' : formatDuration(Math.round(ms));
}
