// Bundles the extension and vscode-languageclient into one file with esbuild (the gauntlet
// checkout's devDependency), and ships gauntlet.yaml's JSON Schema beside it. Run by `vscode:prepublish`.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'dist');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src', 'extension.ts')],
  outfile: path.join(out, 'extension.js'),
  bundle: true,
  minify: true,
  platform: 'node',
  // VS Code loads an extension's main file with require(); `vscode` is the host's own module.
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
// The schema generated from gauntlet's zod schema and committed in protocol/ (see engine/config/json-schema.ts).
await copyFile(path.join(here, '..', '..', 'protocol', 'gauntlet.schema.json'), path.join(out, 'gauntlet.schema.json'));
