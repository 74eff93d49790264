import { describe, expect, it } from 'vitest';
import type { HookReport, HookStatus, RunReport } from '../../protocol/report.js';
import { IN_ANOTHER_SHARD } from '../../protocol/report.js';
import { checkShardSet, mergeShardReports } from '../../engine/report/merge-reports.js';
import { makeDiagnosticReport, makeHookReport, makeRunReport } from '../helpers/report-fixtures.js';

const AWAY = 'away';

/** A shard's entry for hook `name`: `away` for a hook whose work fell to other shards. */
function entry(name: string, status: HookStatus | typeof AWAY, fields: Partial<HookReport> = {}): HookReport {
  if (status === AWAY) return makeHookReport(name, 'skipped', { files: 0, durationMs: 0 }, { reason: IN_ANOTHER_SHARD });
  return makeHookReport(name, status, { files: 10, durationMs: 100 }, fields);
}

function shard(index: number, count: number, hooks: HookReport[], wallMs = 500, split = 'same-inputs'): RunReport {
  return { ...makeRunReport('/repo', wallMs, hooks, []), shard: { index, count, split } };
}

describe('mergeShardReports', () => {
  it.each<[string, Array<HookStatus | typeof AWAY>, HookStatus, string | null]>([
    ['passed where it ran, away elsewhere', [AWAY, 'passed', AWAY], 'passed', null],
    ['passed in every shard', ['passed', 'passed'], 'passed', null],
    ['failed in one shard', ['passed', 'failed', 'passed'], 'failed', 'x failed'],
    ['timed out in one, failed in another', ['failed', 'timeout'], 'timeout', 'x timeout'],
    ['errored in one, failed in another', ['error', 'failed'], 'error', 'x error'],
    ['cancelled in one shard', ['passed', 'cancelled'], 'cancelled', 'x cancelled'],
    ['skipped alike in every shard', ['skipped', 'skipped'], 'skipped', 'x skipped'],
    ['away everywhere', [AWAY, AWAY], 'skipped', IN_ANOTHER_SHARD],
  ])('gives a hook %s the status %s', (_, statuses, status, reason) => {
    const merged = mergeShardReports(statuses.map((one, index) => shard(index + 1, statuses.length, [entry('x', one)])));
    expect(merged.hooks.map((hook) => [hook.status, hook.reason])).toEqual([[status, reason]]);
    expect(merged.ok).toBe(!['failed', 'timeout', 'error', 'cancelled'].includes(status));
  });

  it('sums counts and durations, joins outputs and modified files, and keeps the widest span', () => {
    const merged = mergeShardReports([
      shard(2, 3, [entry('lint', 'passed', { files: 4, files_run: 3, files_cached: 1, batches: 2, duration_ms: 40, start_ms: 9, end_ms: 60, output: 'b', modified_files: ['b.txt'], diagnostics: 1 })], 700),
      shard(1, 3, [entry('lint', 'failed', { files: 6, files_run: 6, files_cached: 0, batches: 1, duration_ms: 70, start_ms: 20, end_ms: 90, output: 'a', modified_files: ['a.txt', 'b.txt'], exit_code: 3, diagnostics: 2 })], 300),
      shard(3, 3, [entry('lint', AWAY)]),
    ]);
    expect(merged.hooks).toEqual([
      expect.objectContaining({ status: 'failed', exit_code: 3, files: 10, files_run: 9, files_cached: 1, batches: 3, duration_ms: 110, start_ms: 9, end_ms: 90, output: 'a\nb', modified_files: ['a.txt', 'b.txt'], diagnostics: 3, cached: false }),
    ]);
    expect(merged.wall_ms).toBe(700);
    expect(merged.summary).toEqual(expect.objectContaining({ hooks: 1, failed: 1, files_run: 9, files_cached: 1, cache_hit_rate: 0.1 }));
  });

  it('lists hooks in shard 1’s order and sorts diagnostics as a run does', () => {
    const first = { ...shard(1, 2, [entry('b', 'passed'), entry('a', AWAY)]), diagnostics: [makeDiagnosticReport('b', 'z.txt', { code: null, message: 'late' })] };
    const second = { ...shard(2, 2, [entry('a', 'failed'), entry('b', AWAY)]), diagnostics: [makeDiagnosticReport('a', 'm.txt', { code: 'E1', message: 'early' })] };
    const merged = mergeShardReports([second, first]);
    expect(merged.hooks.map((hook) => hook.name)).toEqual(['b', 'a']);
    expect(merged.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['m.txt', 'z.txt']);
    expect(merged.shard).toBeUndefined();
  });

  it('says a hook served wholly from the cache in every shard that ran it is cached', () => {
    const merged = mergeShardReports([shard(1, 2, [entry('x', 'passed', { cached: true })]), shard(2, 2, [entry('x', 'passed', { cached: true })])]);
    expect(merged.hooks[0]?.cached).toBe(true);
  });
});

describe('checkShardSet', () => {
  const named = (label: string, report: RunReport): { label: string; report: RunReport } => ({ label, report });
  const hooks = (): HookReport[] => [entry('x', 'passed')];

  it.each<[string, Array<{ label: string; report: RunReport }>, string | null]>([
    ['a complete set', [named('a', shard(2, 2, hooks())), named('b', shard(1, 2, hooks()))], null],
    ['one shard of one', [named('a', shard(1, 1, hooks()))], null],
    ['a missing shard', [named('a', shard(1, 3, hooks())), named('b', shard(3, 3, hooks()))], 'shard 2/3 is missing: merge the reports of all 3 shards'],
    ['missing shards', [named('a', shard(2, 4, hooks()))], 'shards 1/4, 3/4, 4/4 are missing: merge the reports of all 4 shards'],
    ['a shard twice', [named('a', shard(1, 2, hooks())), named('b', shard(1, 2, hooks()))], 'a and b are both shard 1/2'],
    ['another count', [named('a', shard(1, 2, hooks())), named('b', shard(2, 3, hooks()))], 'b is shard 2/3, but a is one of 2 shards'],
    ['a report of no shard', [named('a', makeRunReport('/r', 1, hooks(), []))], 'a: not the report of a shard (no "shard" field): merge the reports of gauntlet run --shard I/N'],
    ['a shard split from other inputs', [named('a', shard(1, 2, hooks())), named('b', shard(2, 2, hooks(), 1, 'other-inputs'))], 'b was split from other files, hooks or costs than a: run every shard on the same commit with the same options and --shard-profile'],
    ['other hooks', [named('a', shard(1, 2, hooks())), named('b', shard(2, 2, [entry('y', 'passed')]))], 'b lists other hooks than a: every shard must run with the same config and options'],
    ['no report', [], 'no report to merge'],
  ])('judges %s', (_, reports, problem) => {
    expect(checkShardSet(reports)).toBe(problem);
  });
});
