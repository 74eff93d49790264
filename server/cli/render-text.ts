import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { HookReport, RunReport } from '../../protocol/report.js';
import { isFailure, type HookStatus } from '../../engine/report/status.js';
import type { Colors } from './colors.js';
import { escapeTerminalText } from './escape-text.js';

export interface TextOptions {
  colors: Colors;
  /** Only failures: hook lines and diagnostics of hooks that did not pass. */
  quiet: boolean;
  /** Each hook's raw output under its line. */
  verbose: boolean;
}

const LABELS: Record<HookStatus, string> = {
  passed: 'pass',
  failed: 'FAIL',
  timeout: 'TIME',
  error: 'ERR ',
  cancelled: 'stop',
  skipped: 'skip',
};

/** The line (and, with -v, the output) printed when a hook finishes. */
export function renderHookLine(hook: HookReport, options: TextOptions): string {
  if (options.quiet && !isFailure(hook.status)) return '';
  const c = options.colors;
  const paint = { passed: c.green, failed: c.red, timeout: c.red, error: c.red, cancelled: c.yellow, skipped: c.dim }[hook.status];
  const parts = [paint(LABELS[hook.status]), c.bold(hook.name)];
  if (hook.cached) parts.push(c.dim('cached'));
  else if (hook.status !== 'skipped' && hook.status !== 'cancelled') parts.push(c.dim(formatDuration(hook.duration_ms)));
  if (!hook.cached && hook.files_cached > 0) parts.push(c.dim(`${hook.files_cached}/${hook.files} files cached`));
  if (hook.diagnostics > 0) parts.push(`${hook.diagnostics} diagnostic${hook.diagnostics === 1 ? '' : 's'}`);
  if (hook.reason && hook.status !== 'cancelled') parts.push(c.dim(`(${escapeFor(c, hook.reason)})`));
  let text = `${parts.join('  ')}\n`;
  if (hook.modified_files.length > 0) {
    const count = hook.modified_files.length;
    text += `    modified by ${hook.name}: ${count} file${count === 1 ? '' : 's'} (${escapeFor(c, hook.modified_files.join(', '))})\n`;
  }
  if (options.verbose && hook.output) text += indent(escapeFor(c, hook.output));
  else if (isFailure(hook.status) && hook.diagnostics === 0 && hook.output) text += indent(escapeFor(c, tail(hook.output, 20)));
  return text;
}

/** The fields of a diagnostic that the text output shows. */
type ShownDiagnostic = Pick<Diagnostic, 'hook' | 'file' | 'line' | 'column' | 'severity' | 'code' | 'message'>;

/** Diagnostics grouped by file (they come sorted), `path:line:col severity message [hook]`. */
export function renderDiagnostics(diagnostics: ShownDiagnostic[], failedHooks: Set<string>, options: TextOptions): string {
  const c = options.colors;
  const shown = options.quiet ? diagnostics.filter((d) => failedHooks.has(d.hook)) : diagnostics;
  let text = '';
  let lastFile: string | null = null;
  for (const d of shown) {
    if (lastFile !== null && d.file !== lastFile) text += '\n';
    lastFile = d.file;
    const where = `${escapeFor(c, d.file)}:${d.line}${d.column === null ? '' : `:${d.column}`}`;
    const severity = d.severity === 'error' ? c.red(d.severity) : d.severity === 'warning' ? c.yellow(d.severity) : c.cyan(d.severity);
    const code = d.code ? `${escapeFor(c, d.code)} ` : '';
    text += `${c.bold(where)} ${severity} ${code}${escapeFor(c, d.message)} ${c.dim(`[${d.hook}]`)}\n`;
  }
  return text;
}

/** What follows the hook lines: the diagnostics (of failed hooks only with -q), then the closing line. */
export function renderReportEnd(report: RunReport, options: TextOptions): string {
  const failed = new Set(report.hooks.filter((hook) => isFailure(hook.status)).map((hook) => hook.name));
  const diagnostics = renderDiagnostics(report.diagnostics, failed, options);
  return `${diagnostics === '' ? '' : `\n${diagnostics}`}\n${renderSummary(report, options)}`;
}

/** The closing line: counts per status and wall time. */
export function renderSummary(report: RunReport, options: TextOptions): string {
  const c = options.colors;
  const s = report.summary;
  const counts = [
    c.green(`${s.passed} passed`),
    s.failed > 0 ? c.red(`${s.failed} failed`) : `${s.failed} failed`,
    s.timed_out > 0 ? c.red(`${s.timed_out} timed out`) : '',
    s.errored > 0 ? c.red(`${s.errored} errored`) : '',
    s.cancelled > 0 ? c.yellow(`${s.cancelled} cancelled`) : '',
    s.skipped > 0 ? c.dim(`${s.skipped} skipped`) : '',
  ].filter(Boolean);
  const workers = `${report.max_workers} worker${report.max_workers === 1 ? '' : 's'}`;
  const remote = s.files_cached_remote > 0 ? `, ${s.files_cached_remote} result${s.files_cached_remote === 1 ? '' : 's'} from the remote cache` : '';
  return `${counts.join(', ')} in ${formatDuration(report.wall_ms)} (${workers}${remote})\n`;
}

export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms}ms` : `${(ms / 1_000).toFixed(2)}s`;
}

/** A hook's text as the terminal may show it: colour codes only where colour is on. */
function escapeFor(colors: Colors, text: string): string {
  return escapeTerminalText(text, colors.isColorSupported);
}

function indent(text: string): string {
  return text.replace(/\n$/, '').split('\n').map((line) => `    ${line}\n`).join('');
}

function tail(text: string, lines: number): string {
  const all = text.replace(/\n$/, '').split('\n');
  return all.length <= lines ? text : [`... ${all.length - lines} lines above`, ...all.slice(-lines)].join('\n');
}
