import { rm } from 'node:fs/promises';
import path from 'node:path';
import { loadProfiles, resolveProfilesPath, summarizeProfile } from '../../engine/store/profiles.js';
import { loadProject } from './project.js';
import { calibrateTimeout } from '../../engine/schedule/timeouts.js';
import { formatDuration } from './render-text.js';
import { EXIT_OK, UsageError } from './errors.js';
import { maxOf } from '../../engine/arrays.js';
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
    const summary = profile ? summarizeProfile(profile) : null;
    return {
      name: hook.name,
      runs: summary?.runs ?? 0,
      mean_ms: summary?.meanMs ?? null,
      median_ms: summary?.medianMs ?? null,
      p95_ms: summary?.p95Ms ?? null,
      failure_rate: summary?.failureRate ?? null,
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
  const table = [
    ['hook', 'runs', 'mean', 'median', 'p95', 'failures', 'timeout', 'calibrated'],
    ...rows.map((row) => [
      row.name,
      String(row.runs),
      formatMs(row.mean_ms),
      formatMs(row.median_ms),
      formatMs(row.p95_ms),
      row.failure_rate === null ? '-' : `${Math.round(row.failure_rate * 100)}%`,
      row.timeout_auto ? 'auto' : formatDuration(row.timeout_ms),
      formatMs(row.calibrated_timeout_ms),
    ]),
  ];
  const widths = table[0]!.map((_, column) => maxOf(table.map((line) => (line[column] ?? '').length)));
  for (const line of table) {
    process.stdout.write(`${line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')}\n`);
  }
  return EXIT_OK;
}

function formatMs(ms: number | null): string {
  return ms === null ? '-' : formatDuration(Math.round(ms));
}
