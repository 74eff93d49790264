// Bundles the CLI and the worker entry with esbuild: one parse of a few files
// starts far faster than Node resolving hundreds of modules (see README, Start-up).
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { renderThirdPartyNotices } from './third-party-notices.mjs';

/** A hash of every source file: caches keyed on it (the validated config) die with any change. */
async function hashSources() {
  const hash = createHash('sha256');
  for (const folder of ['protocol', 'engine', 'server']) {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name)).sort();
    for (const file of files) hash.update(file).update(await readFile(file));
  }
  return hash.update(await readFile('package.json')).digest('base64url').slice(0, 16);
}

const shared = {
  bundle: true,
  minify: process.env.GAUNTLET_NO_MINIFY !== "1",
  sourcemap: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  metafile: true,
  // Bundled CommonJS dependencies call require(); ESM output has none of its own.
  banner: { js: "import { createRequire as __gauntletRequire } from 'node:module'; const require = __gauntletRequire(import.meta.url);" },
  define: { GAUNTLET_BUILD_ID: JSON.stringify(await hashSources()) },
  // msgpackr's pure-JS build: its main entry also loads a native add-on, which costs start-up time
  // (libc detection, a dlopen) and gains nothing at the sizes gauntlet reads and writes.
  alias: { msgpackr: 'msgpackr/pack' },
};

// Chunk names carry hashes: clear out the previous build's.
await Promise.all([rm('dist/bin', { recursive: true, force: true }), rm('dist/worker', { recursive: true, force: true })]);
const builds = await Promise.all([
  // Chunks sit in dist/bin so that the pool's `../worker/entry.js` resolves to dist/worker/entry.js.
  build({ ...shared, entryPoints: { gauntlet: 'server/main.ts' }, outdir: 'dist/bin', splitting: true, chunkNames: '[name]-[hash]' }),
  // Split too: each parser but gnu is a chunk of its own, loaded by the first job that names it.
  build({ ...shared, entryPoints: { entry: 'engine/worker/entry.ts' }, outdir: 'dist/worker', splitting: true, chunkNames: '[name]-[hash]' }),
]);

// gauntlet.yaml's JSON Schema for editors, generated from the zod schema (tsc has just emitted it).
const { renderConfigJsonSchema } = await import('../dist/engine/config/json-schema.js');
await writeFile('dist/gauntlet.schema.json', renderConfigJsonSchema());
await writeFile('dist/THIRD-PARTY-NOTICES.txt', await renderThirdPartyNotices(builds.map((result) => result.metafile)));
