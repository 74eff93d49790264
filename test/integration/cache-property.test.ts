import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/load-config.js';
import { listFiles } from '../../engine/files/git.js';
import { WorkerPool } from '../../engine/pool/pool.js';
import { builtWorkerUrl } from '../helpers/built.js';
import { runOnce } from '../helpers/run-once.js';
import type { ResolvedConfig } from '../../protocol/hook.js';
import type { RunReport } from '../../protocol/report.js';
import { listDiagnostics } from '../helpers/cache-repo.js';
import { Chooser, FIRST_NOTES, FIRST_SOURCES, Mirror, PARTIAL_RUN_SHARE, toText, Walk } from '../helpers/cache-walk.js';
import { TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

// A seeded random walk over a repository: edits, reverts, renames, deletions, new files, a tool
// config changed, branches switched, same-size edits in quick succession, runs over a few files.
// After every step the cached run must say what a run that cannot use the cache says.
// GAUNTLET_PROPERTY_SEED replays a walk; GAUNTLET_PROPERTY_STEPS sets its length.

const DEFAULT_STEPS = 200;
const STEPS = Number(process.env.GAUNTLET_PROPERTY_STEPS ?? DEFAULT_STEPS);
const SEED = Number(process.env.GAUNTLET_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** About 0.2 s a step on a busy 2-core machine, with room to spare. */
const PROPERTY_TEST_MS = 60_000 + STEPS * 500;

/** The hooks: a per-file checker, and a cross-file checker whose verdict also rests on xref.cfg. */
const CONFIG = {
  max_workers: 2,
  hooks: [
    { name: 'bad', command: ['grep', '-nH', 'BAD'], files: ['*.x', '*.txt'], ok_exit_codes: [1] },
    { name: 'xref', command: [fixtureHook('xref.sh')], files: ['*.x'], cache: 'project', cache_inputs: ['xref.cfg'], require_serial: true },
  ],
};

/** One hook's verdict as a user sees it. */
interface HookVerdict {
  status: string;
  diagnostics: string[];
}

function summarize(report: RunReport): Record<string, HookVerdict> {
  return Object.fromEntries(
    report.hooks.map((hook) => [
      hook.name,
      { status: hook.status, diagnostics: listDiagnostics({ diagnostics: report.diagnostics.filter((d) => d.hook === hook.name) }).sort() },
    ]),
  );
}

async function setUp(repo: TempRepo, walk: Walk, choose: Chooser): Promise<ResolvedConfig> {
  repo.writeConfig(CONFIG);
  for (let i = 0; i < FIRST_SOURCES; i++) walk.write(`src/m${String(i).padStart(2, '0')}.x`, toText(choose.lines()));
  for (let i = 0; i < FIRST_NOTES; i++) walk.write(`docs/d${i}.txt`, toText([choose.chance(0.1) ? 'BAD note' : `note ${i}`]));
  walk.write('xref.cfg', 'ignore omega\n');
  await repo.git('checkout', '-q', '-b', 'main');
  await repo.commitAll('first');
  await repo.git('branch', 'side');
  return loadConfig(path.join(repo.root, 'gauntlet.yaml'));
}

describe('the result cache, over a random walk of changes', () => {
  it(`gives after every step the verdict of a run without cache (seed ${SEED}, ${STEPS} steps)`, { timeout: PROPERTY_TEST_MS }, async () => {
    const repo = await TempRepo.create();
    const pool = new WorkerPool({ workerUrl: builtWorkerUrl(), size: 2 });
    const choose = new Chooser(SEED);
    const walk = new Walk(repo, choose);
    const mirror = new Mirror(repo.scratchDir('mirror'));
    try {
      const config = await setUp(repo, walk, choose);
      const request = { config, optimize: true, maxWorkers: 2, failFast: false, pool };
      let files = await listFiles(repo.root);
      for (let step = 1; step <= STEPS; step++) {
        const change = await walk.change(files);
        files = await listFiles(repo.root);
        for (const file of files) if (file !== 'gauntlet.yaml') walk.remember(file, repo.read(file));
        const checked = files.filter((file) => /\.(x|txt)$/.test(file));
        const selected = choose.chance(PARTIAL_RUN_SHARE) ? choose.sample(checked, 1 + choose.below(4)).sort() : files;
        walk.steps.push(`${step}. ${change}${selected === files ? '' : `; run over ${selected.join(' ')}`}`);

        const cached = await runOnce({ ...request, root: repo.root, files: selected, allFiles: files, useCache: true });
        mirror.sync(repo.root, files);
        const reference = await runOnce({ ...request, root: mirror.root, files: selected, allFiles: files, useCache: false });

        const [got, want] = [summarize(cached), summarize(reference)];
        const replay = `GAUNTLET_PROPERTY_SEED=${SEED} GAUNTLET_PROPERTY_STEPS=${STEPS}`;
        const story = [
          `seed ${SEED}, step ${step} of ${STEPS} (replay with ${replay})`,
          `steps:\n${walk.steps.join('\n')}`,
          `cached run: ${JSON.stringify(got, null, 1)}`,
          `reference run: ${JSON.stringify(want, null, 1)}`,
        ].join('\n');
        expect(got, story).toEqual(want);
      }
    } finally {
      await pool.close();
      repo.remove();
    }
  });
});
