import { copyFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** What the build writes last: the bundles the CLI, the language server and every pool run. */
const BUILT_FILES = ['dist/bin/gauntlet.js', 'dist/worker/entry.js'];
/** Folders whose files go into the build. */
const SOURCE_FOLDERS = ['protocol', 'engine', 'server'];

/** The worker as built: a worker thread cannot load TypeScript on Node 20, so pools under test run the bundle. */
export const BUILT_WORKER_URL = pathToFileURL(path.join(REPO, 'dist/worker/entry.js'));

/** Small workers that fail as a thread can (test/fixtures/workers/). */
export type FixtureWorker = 'crash-running' | 'crash-booting' | 'hang-booting';

let checked: string | null = null;

/**
 * Throws a one-line error when dist/ is missing or older than a source file: a test of the built
 * code would otherwise pass or fail for code that is no longer the source. Checked once.
 */
export function checkBuildFresh(): void {
  checked ??= findStaleness();
  if (checked !== '') throw new Error(checked);
}

function findStaleness(): string {
  let built = Infinity;
  for (const file of BUILT_FILES) {
    try {
      built = Math.min(built, statSync(path.join(REPO, file)).mtimeMs);
    } catch {
      return `${file} is missing: run npm run build`;
    }
  }
  for (const folder of SOURCE_FOLDERS) {
    for (const entry of readdirSync(path.join(REPO, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (statSync(file).mtimeMs > built) return `dist/ is older than ${path.relative(REPO, file)}: run npm run build`;
    }
  }
  return '';
}

/** The built worker, checked fresh first. */
export function builtWorkerUrl(): URL {
  checkBuildFresh();
  return BUILT_WORKER_URL;
}

/** A fixture worker, in place (the crashing one wraps the built worker, checked fresh first). */
export function fixtureWorkerUrl(name: FixtureWorker): URL {
  if (name === 'crash-running') checkBuildFresh();
  return new URL(`../fixtures/workers/${name}.mjs`, import.meta.url);
}

/**
 * A copy of a fixture worker in `folder`, and a way to put the built worker in its place: a pool
 * started on the copy spawns failing threads until `heal`, and sound ones after.
 */
export function stageWorker(name: FixtureWorker, folder: string): { url: URL; heal: () => void } {
  const file = path.join(folder, 'worker.mjs');
  copyFileSync(fileURLToPath(fixtureWorkerUrl(name)), file);
  return {
    url: pathToFileURL(file),
    heal: () => writeFileSync(file, `import ${JSON.stringify(builtWorkerUrl().href)};\n`),
  };
}
