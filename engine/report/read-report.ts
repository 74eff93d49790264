import { runReportSchema } from '../../protocol/report-schema.js';
import type { RunReport } from '../../protocol/report.js';
import { readJsonFile } from '../store/read-json-file.js';

/** A report holds at most 25,000 diagnostics a hook and 1 MiB of output a process: far less than this. */
const REPORT_BYTES_LIMIT = 512 * 1_024 * 1_024;

/** Reads a JSON report (`gauntlet run --format json`) a user names, or the one-line problem with it. */
export async function readRunReport(path: string): Promise<{ ok: true; report: RunReport } | { ok: false; problem: string; missing: boolean }> {
  const read = await readJsonFile(path, REPORT_BYTES_LIMIT, runReportSchema, 'the JSON report of a shard', 'gauntlet run --shard I/N --format json');
  if (!read.ok) return read;
  // The schema's output is a RunReport: a field the type gains and the schema lacks fails to compile here.
  const report: RunReport = read.value;
  return { ok: true, report };
}
