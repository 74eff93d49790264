import path from 'node:path';
import { readRunReport } from '../../engine/report/read-report.js';
import { checkShardSet, mergeShardReports, type ShardReport } from '../../engine/report/merge-reports.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.js';
import { makeColors, shouldColor } from './colors.js';
import { renderHookLine, renderReportEnd, type TextOptions } from './render-text.js';
import { writeReport } from './render-report.js';
import type { RunFormat } from './report-formats.js';

/** Options of `gauntlet report merge`, as commander parses them. */
export interface ReportMergeOptions {
  format: RunFormat;
  output?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * `gauntlet report merge REPORT...`: the shards' JSON reports of one run, as the report of the whole
 * run, in any report format. Exit 0 when the merged run is ok, 1 when not, 2 when the reports
 * cannot be read or are not one complete set of shards.
 */
export async function reportMergeCommand(files: string[], options: ReportMergeOptions): Promise<number> {
  const cwd = process.cwd();
  const reports: ShardReport[] = [];
  for (const file of files) {
    const read = await readRunReport(path.resolve(cwd, file));
    if (!read.ok) throw new UsageError(`${file}: ${read.problem}`);
    reports.push({ label: file, report: read.report });
  }
  const problem = checkShardSet(reports);
  if (problem !== null) throw new UsageError(problem);
  const merged = mergeShardReports(reports.map((entry) => entry.report));

  // As `gauntlet run` does: text on stdout unless a machine report goes there; --output gets the report.
  if (options.format === 'text') {
    const text: TextOptions = { colors: makeColors(shouldColor(process.stdout)), quiet: options.quiet === true, verbose: options.verbose === true };
    process.stdout.write(merged.hooks.map((hook) => renderHookLine(hook, text)).join('') + renderReportEnd(merged, text));
  }
  if (options.format !== 'text' || options.output !== undefined) await writeReport(merged, options.format, options.output, cwd);
  return merged.ok ? EXIT_OK : EXIT_FAILED;
}
