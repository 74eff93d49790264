import { rm } from 'node:fs/promises';
import path from 'node:path';
import { loadProfiles, resolveProfilesPath } from '../../engine/store/profiles.js';
import { loadProject } from './project.js';
import { calibrateTimeout } from '../../engine/schedule/timeouts.js';
import { formatDuration } from './render-text.js';
import { EXIT_OK, UsageError } from './errors.js';
import { formatMs, renderProfileTable, summarizeProfileRow } from './profile-table.js';
import { printWarning } from './escape-text.js';

export interface ProfileCommandOptions {
  config?: string;
  format: 'text' | 'json';
  reset?: boolean;
  /** `--export FILE`: write the portable profile there. */
  export?: string;
  /** `--from-reports REPORT...`: with --export, fit the costs from these JSON reports. */
  fromReports?: string[];
}

/** `gauntlet profile`: what gauntlet has learned of each hook's run time. */
export async function profileCommand(options: ProfileCommandOptions): Promise<number> {
  if (options.fromReports !== undefined && options.export === undefined) throw new UsageError('--from-reports goes with --export FILE: the reports are what the exported costs are fitted from');
  if (options.export !== undefined) {
    const { exportProfile } = await import('./profile-export.js');
    return exportProfile(options.export, { config: options.config, reports: options.fromReports }, process.cwd());
  }
  const { root, config } = await loadProject(process.cwd(), options.config);
  if (options.reset) {
    await rm(resolveProfilesPath(root), { force: true });
    process.stdout.write(`profile cleared: ${path.relative(process.cwd(), resolveProfilesPath(root)) || resolveProfilesPath(root)}\n`);
    return EXIT_OK;
  }
  const { profiles, warning } = await loadProfiles(root);
  if (warning) printWarning(warning);
  const rows = config.hooks.map((hook) => {
    const profile = profiles.get(hook.name);
    return {
      ...summarizeProfileRow(hook.name, profile),
      timeout_ms: hook.timeoutMs,
      timeout_auto: hook.autoTimeout,
      // What `timeout: auto` gives a batch no larger than the ones measured.
      calibrated_timeout_ms: profile ? calibrateTimeout(profile, 0) : null,
    };
  });
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ schema: 'gauntlet-profile/1', root, hooks: rows }, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines = renderProfileTable(rows, {
    headers: ['timeout', 'calibrated'],
    cells: (row) => [row.timeout_auto ? 'auto' : formatDuration(row.timeout_ms), formatMs(row.calibrated_timeout_ms)],
  });
  for (const line of lines) process.stdout.write(`${line}\n`);
  return EXIT_OK;
}
