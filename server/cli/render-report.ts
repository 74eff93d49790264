import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunReport } from '../../protocol/report.js';
import { buildSarifLog } from '../../engine/report/sarif-report.js';
import { buildJunitXml } from '../../engine/report/junit-report.js';
import type { RunFormat } from './report-formats.js';


/** Writes the report in `format` to stdout, or to `output`; with `--format text`, `--output` gets the JSON report. */
export async function writeReport(report: RunReport, format: RunFormat, output: string | undefined, cwd: string): Promise<void> {
  const content = renderReport(report, format);
  if (output === undefined) {
    process.stdout.write(content);
    return;
  }
  await writeFile(path.resolve(cwd, output), content);
}

/** The report as `format` prints it; text is the JSON report (text is rendered as the run goes). */
export function renderReport(report: RunReport, format: RunFormat): string {
  switch (format) {
    case 'sarif':
      return `${JSON.stringify(buildSarifLog(report), null, 2)}\n`;
    case 'junit':
      return buildJunitXml(report);
    case 'text':
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
