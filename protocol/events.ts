import type { Diagnostic } from './diagnostic.js';
import type { HookReport, RunReport } from './report.js';

/** What the coordinator tells a front end while a run goes on. */
export type RunEvent =
  | { type: 'run-started'; hooks: string[]; workers: number }
  | { type: 'hook-started'; hook: string }
  | { type: 'hook-finished'; hook: HookReport; diagnostics: Diagnostic[] }
  | { type: 'warning'; message: string }
  | { type: 'run-finished'; report: RunReport };
