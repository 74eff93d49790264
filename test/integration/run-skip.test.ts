import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../protocol/events.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { WorkerPool } from '../../engine/pool/pool.js';
import { builtWorkerUrl } from '../helpers/built.js';
import { runOnce, type OneRunRequest } from '../helpers/run-once.js';
import { useTempRoot } from '../helpers/temp-root.js';

const getRoot = useTempRoot('gauntlet-run-skip-');
const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

/** Two hooks that each leave a marker file when they run, so a hook that never ran leaves none. */
async function setUp(): Promise<Omit<OneRunRequest, 'signal' | 'skip'>> {
  const root = getRoot();
  const touch = (name: string): object => ({ name, command: ['sh', '-c', `touch ${name}.ran`], files: ['*.txt'], pass_files: false, parser: 'none' });
  writeFileSync(path.join(root, 'gauntlet.yaml'), JSON.stringify({ hooks: [touch('first'), touch('second')] }));
  writeFileSync(path.join(root, 'a.txt'), 'text\n');
  const pool = new WorkerPool({ workerUrl: builtWorkerUrl(), size: 2 });
  pools.push(pool);
  return { root, config: await loadConfig(path.join(root, 'gauntlet.yaml')), files: ['a.txt'], optimize: true, maxWorkers: 2, failFast: false, pool };
}

describe('runHooks leaving hooks out', () => {
  it('reports a skipped hook with its reason, first, as finished at once, and never runs it', async () => {
    const request = await setUp();
    const events: RunEvent[] = [];
    const report = await runOnce({ ...request, skip: new Map([['second', 'skipped by SKIP']]), onEvent: (event) => events.push(event) });
    expect(report.hooks.map((hook) => [hook.name, hook.status, hook.reason])).toEqual([
      ['second', 'skipped', 'skipped by SKIP'],
      ['first', 'passed', null],
    ]);
    expect(events.slice(0, 2).map((event) => event.type)).toEqual(['run-started', 'hook-finished']);
    expect(existsSync(path.join(request.root, 'first.ran'))).toBe(true);
    expect(existsSync(path.join(request.root, 'second.ran'))).toBe(false);
  });

  it('cancels every hook without running any when its signal was aborted before it began', async () => {
    const request = await setUp();
    const report = await runOnce({ ...request, signal: AbortSignal.abort() });
    expect(report.hooks.map((hook) => hook.status)).toEqual(['cancelled', 'cancelled']);
    expect(existsSync(path.join(request.root, 'first.ran'))).toBe(false);
    expect(existsSync(path.join(request.root, 'second.ran'))).toBe(false);
  });
});
