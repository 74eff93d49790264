import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunReport } from '../../protocol/report.js';
import { buildSarifLog } from '../../engine/report/sarif-report.js';
import { buildJunitXml } from '../../engine/report/junit-report.js';
import { buildCodeQualityReport } from '../../engine/report/gitlab-report.js';
import type { HookTool } from '../../engine/report/tool-docs.js';
import type { RunFormat } from './report-formats.js';
import { readReportLines } from './read-report-lines.js';
import { renderGithubCommands } from './render-github.js';

/** What a report is rendered with besides itself; each may be missing (a merged report), and every format still renders. */
export interface RenderSources {
  /** The config's hooks: SARIF names their tools' home pages and rule pages from them. */
  hooks?: readonly HookTool[];
  /** Where the files the diagnostics name are read for fingerprints; the report's root by default. */
  root?: string;
}

/** Writes the report in `format` to stdout, or to `output`; with `--format text`, `--output` gets the JSON report. */
export async function writeReport(report: RunReport, format: RunFormat, output: string | undefined, cwd: string, sources: RenderSources = {}): Promise<void> {
  const content = await renderReport(report, format, sources);
  if (output === undefined) {
    process.stdout.write(content);
    return;
  }
  await writeFile(path.resolve(cwd, output), content);
}

/** The report as `format` prints it; text is the JSON report (text is rendered as the run goes). */
export async function renderReport(report: RunReport, format: RunFormat, sources: RenderSources = {}): Promise<string> {
  switch (format) {
    case 'sarif': {
      const lineOf = await readReportLines(sources.root ?? report.root, report.diagnostics);
      return `${JSON.stringify(buildSarifLog(report, { lineOf, hooks: sources.hooks }), null, 2)}\n`;
    }
    case 'gitlab': {
      const lineOf = await readReportLines(sources.root ?? report.root, report.diagnostics);
      return `${JSON.stringify(buildCodeQualityReport(report, lineOf), null, 2)}\n`;
    }
    case 'github':
      return renderGithubCommands(report);
    case 'junit':
      return buildJunitXml(report);
    case 'text':
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
