import { performance } from 'node:perf_hooks';

const ENABLED = process.env.GAUNTLET_TRACE === '1';

/**
 * With GAUNTLET_TRACE=1, writes a mark to stderr: milliseconds since the process
 * started, and what was just done. Shows where gauntlet's own time goes.
 */
export function traceMark(label: string): void {
  if (ENABLED) process.stderr.write(`gauntlet: trace ${performance.now().toFixed(1)} ms ${label}\n`);
}
