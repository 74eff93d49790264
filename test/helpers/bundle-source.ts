import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundles a source module (repository-relative) into one ES module in `folder` and returns its
 * path: a child node process of a test loads the sources through it, as Node 20 runs no TypeScript.
 */
export async function bundleSource(source: string, folder: string): Promise<string> {
  const outfile = path.join(folder, `${path.basename(source, '.ts')}.mjs`);
  await build({
    entryPoints: [path.join(REPO, source)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require(); ESM output has none of its own.
    banner: { js: "import { createRequire as __testRequire } from 'node:module'; const require = __testRequire(import.meta.url);" },
  });
  return outfile;
}
