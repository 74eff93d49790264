import { IN_ANOTHER_SHARD, type HookReport, type RemoteSummary, type RunReport } from '../../protocol/report.js';
import { maxOf, minOf } from '../arrays.js';
import { sortDiagnostics } from './hook-report.js';
import { weighStatus } from './status.js';
import { assembleRunReport } from './run-report.js';

/** A shard's report and the name it is known by in messages (its file). */
export interface ShardReport {
  label: string;
  report: RunReport;
}

/**
 * Why these reports are not one complete set of shards of one run, in one line naming the report
 * or the shard at fault; null when they are: every report has a shard of the same count, each
 * index comes once and none is missing, and all list the same hooks and were split from the
 * same inputs.
 */
export function checkShardSet(reports: readonly ShardReport[]): string | null {
  const first = reports[0];
  if (first === undefined) return 'no report to merge';
  const byIndex = new Map<number, ShardReport>();
  for (const entry of reports) {
    const { shard } = entry.report;
    if (shard === undefined) return `${entry.label}: not the report of a shard (no "shard" field): merge the reports of gauntlet run --shard I/N`;
    const count = first.report.shard?.count ?? shard.count;
    if (shard.count !== count) return `${entry.label} is shard ${shard.index}/${shard.count}, but ${first.label} is one of ${count} shards`;
    if (shard.index > shard.count) return `${entry.label}: shard ${shard.index}/${shard.count} is past the count`;
    const twin = byIndex.get(shard.index);
    if (twin) return `${twin.label} and ${entry.label} are both shard ${shard.index}/${shard.count}`;
    byIndex.set(shard.index, entry);
    const names = listNames(entry.report);
    if (names !== listNames(first.report)) return `${entry.label} lists other hooks than ${first.label}: every shard must run with the same config and options`;
    if (shard.split !== first.report.shard?.split) {
      return `${entry.label} was split from other files, hooks or costs than ${first.label}: run every shard on the same commit with the same options and --shard-profile`;
    }
  }
  const count = first.report.shard?.count ?? 0;
  const missing: string[] = [];
  for (let index = 1; index <= count; index++) if (!byIndex.has(index)) missing.push(`${index}/${count}`);
  if (missing.length === 0) return null;
  return `shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: merge the reports of all ${count} shards`;
}

/**
 * One report from a complete set of shards' (see checkShardSet), as one run of the same work would
 * give: each hook's part in each shard combined (`in another shard` left out, the worst status
 * winning, counts and durations summed), diagnostics sorted as a run sorts them, the summary built
 * anew. Hooks are listed in shard 1's order; wall time is the slowest shard's.
 */
export function mergeShardReports(reports: readonly RunReport[]): RunReport {
  const ordered = [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const names = [...new Set(ordered.flatMap((report) => report.hooks.map((hook) => hook.name)))];
  const hooks = names.map((name) => mergeHook(ordered.flatMap((report) => report.hooks.filter((hook) => hook.name === name))));
  return assembleRunReport({
    root: ordered[0]?.root ?? '',
    wallMs: Math.max(0, maxOf(ordered.map((report) => report.wall_ms))),
    maxWorkers: Math.max(1, maxOf(ordered.map((report) => report.max_workers))),
    hooks,
    diagnostics: sortDiagnostics(ordered.flatMap((report) => report.diagnostics)),
    remote: mergeRemote(ordered.map((report) => report.summary.remote)),
  });
}

/** The shards' use of the remote cache, added up; null when none used one. */
function mergeRemote(parts: ReadonlyArray<RemoteSummary | null>): RemoteSummary | null {
  const used = parts.filter((part): part is RemoteSummary => part !== null);
  const first = used[0];
  if (!first) return null;
  const sum = (field: Exclude<keyof RemoteSummary, 'url'>): number => used.reduce((total, part) => total + part[field], 0);
  return { url: first.url, lookups: sum('lookups'), hits: sum('hits'), uploads: sum('uploads'), errors: sum('errors'), rejected: sum('rejected'), dropped: sum('dropped'), ms: sum('ms') };
}

/** One hook's entries from every shard (in shard order) as one. */
function mergeHook(entries: readonly HookReport[]): HookReport {
  const parts = entries.filter((entry) => !(entry.status === 'skipped' && entry.reason === IN_ANOTHER_SHARD));
  const first = parts[0] ?? entries[0];
  if (first === undefined) throw new Error('a hook with no entry in any shard');
  if (parts.length <= 1) return first;
  const ran = parts.filter((entry) => entry.status !== 'skipped');
  // The first of the worst: its exit code and reason speak for the hook, as the worst batch does in a run.
  let worst = ran[0] ?? first;
  for (const entry of ran) if (weighStatus(entry.status) > weighStatus(worst.status)) worst = entry;
  const starts = ran.flatMap((entry) => (entry.start_ms === null ? [] : [entry.start_ms]));
  const ends = ran.flatMap((entry) => (entry.end_ms === null ? [] : [entry.end_ms]));
  const sum = (field: 'duration_ms' | 'files' | 'files_cached' | 'files_run' | 'files_cached_remote' | 'batches' | 'diagnostics'): number => parts.reduce((total, entry) => total + entry[field], 0);
  return {
    name: first.name,
    status: worst.status,
    start_ms: starts.length === 0 ? null : minOf(starts),
    end_ms: ends.length === 0 ? null : maxOf(ends),
    duration_ms: sum('duration_ms'),
    exit_code: worst.exit_code,
    files: sum('files'),
    files_cached: sum('files_cached'),
    files_run: sum('files_run'),
    files_cached_remote: sum('files_cached_remote'),
    cached: ran.length > 0 && ran.every((entry) => entry.cached),
    modified_files: [...new Set(parts.flatMap((entry) => entry.modified_files))].sort(),
    batches: sum('batches'),
    diagnostics: sum('diagnostics'),
    output: parts.map((entry) => entry.output).filter(Boolean).join('\n'),
    reason: worst.status === 'passed' ? null : worst.reason,
  };
}

function listNames(report: RunReport): string {
  return JSON.stringify(report.hooks.map((hook) => hook.name).sort());
}
