// Bundles the CLI and the worker entry with esbuild: one parse of a few files
// starts far faster than Node resolving hundreds of modules (see README, Start-up).
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const shared = {
  bundle: true,
  minify: true,
  sourcemap: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); ESM output has none of its own.
  banner: { js: "import { createRequire as __gauntletRequire } from 'node:module'; const require = __gauntletRequire(import.meta.url);" },
};

// Chunk names carry hashes: clear out the previous build's.
await Promise.all([rm('dist/bin', { recursive: true, force: true }), rm('dist/worker', { recursive: true, force: true })]);
await Promise.all([
  // Chunks sit in dist/bin so that the pool's `../worker/entry.js` resolves to dist/worker/entry.js.
  build({ ...shared, entryPoints: { gauntlet: 'server/main.ts' }, outdir: 'dist/bin', splitting: true, chunkNames: '[name]-[hash]' }),
  build({ ...shared, entryPoints: ['engine/worker/entry.ts'], outfile: 'dist/worker/entry.js' }),
]);
