import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';

/** Timing and file count a hand-built hook entry has when it ran. */
export interface HookDefaults {
  files: number;
  durationMs: number;
}

/** A report entry for a hook, with plausible values for its status; `fields` override. */
export function makeHookReport(name: string, status: HookReport['status'], defaults: HookDefaults, fields: Partial<HookReport> = {}): HookReport {
  const ran = status !== 'skipped';
  return {
    name,
    status,
    start_ms: ran ? 0 : null,
    end_ms: ran ? defaults.durationMs : null,
    duration_ms: ran ? defaults.durationMs : 0,
    exit_code: ran ? 0 : null,
    files: defaults.files,
    files_cached: 0,
    files_run: ran ? defaults.files : 0,
    files_cached_remote: 0,
    cached: false,
    modified_files: [],
    batches: ran ? 1 : 0,
    diagnostics: 0,
    output: '',
    reason: status === 'passed' ? null : `${name} ${status}`,
    ...fields,
  };
}

/** A diagnostic at line 3, column 5 of `file`; `fields` override. */
export function makeDiagnosticReport(
  hook: string,
  file: string,
  defaults: Pick<DiagnosticReport, 'code' | 'message'>,
  fields: Partial<DiagnosticReport> = {},
): DiagnosticReport {
  return { hook, file, line: 3, column: 5, end_line: null, end_column: null, severity: 'error', ...defaults, ...fields };
}

/** Checks that `xml` is well formed and parses it with attributes as strings and suites, cases and properties as lists. */
export function parseJunitXml(xml: string): unknown {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    // Decodes numeric character references (&#10;) as well as the five named ones.
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml);
}

/** A run report around hand-built hooks and diagnostics (the summary is not what the tests read). */
export function makeRunReport(root: string, wallMs: number, hooks: HookReport[], diagnostics: DiagnosticReport[]): RunReport {
  return {
    schema: 'gauntlet-report/1',
    ok: false,
    root,
    wall_ms: wallMs,
    max_workers: 2,
    hooks,
    diagnostics,
    summary: { hooks: hooks.length, passed: 0, failed: 0, timed_out: 0, errored: 0, cancelled: 0, skipped: 0, files_cached: 0, files_run: 0, cache_hit_rate: 0, files_cached_remote: 0, remote: null },
  };
}
