// Shared helpers of the benchmarks: temp git repositories, timing, statistics.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GAUNTLET = fileURLToPath(new URL('../../dist/bin/gauntlet.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/hooks/', import.meta.url));

/** A git repository in a temp folder holding `files` ({path: content}); removed at exit. */
export function makeRepo(files) {
  const root = mkdtempSync(path.join(tmpdir(), 'gauntlet-bench-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q'], { cwd: root });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    execFileSync('mkdir', ['-p', path.dirname(file)]);
    writeFileSync(file, content);
  }
  return root;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs argv to its end; resolves with wall milliseconds, exit code and stdout. */
export function timeCommand(argv, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], ...options });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout }));
  });
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}
