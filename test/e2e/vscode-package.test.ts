import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntries } from '../helpers/zip-entries.js';

const execFileAsync = promisify(execFile);

/**
 * vsce itself is not a devDependency: it pulls install scripts npm blocks (@vscode/vsce-sign,
 * keytar). It is fetched through npx, pinned to a release that runs on Node 20.
 */
const VSCE = '@vscode/vsce@3.9.2';
const EXTENSION_DIR = fileURLToPath(new URL('../../editors/vscode/', import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL('../../protocol/gauntlet.schema.json', import.meta.url));
const LANGUAGECLIENT_PACKAGE = fileURLToPath(new URL('../../node_modules/vscode-languageclient/package.json', import.meta.url));
/** The first npx run downloads vsce and its dependencies. */
const VSCE_DEADLINE_MS = 240_000;

interface ExtensionManifest {
  main?: string;
  license?: string;
  repository?: { url?: string };
  engines?: { vscode?: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  contributes?: { yamlValidation?: { fileMatch: string | string[]; url: string }[] };
}

/** Runs vsce through npx in the extension's folder; what it printed on failure (npx could not install it, or vsce failed). */
async function runVsce(args: string[]): Promise<{ stdout: string; stderr: string } | { failed: string }> {
  try {
    return await execFileAsync('npx', ['--yes', VSCE, ...args], { cwd: EXTENSION_DIR, timeout: VSCE_DEADLINE_MS, maxBuffer: 16 * 1_024 * 1_024 });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    return { failed: (stderr ?? '').trim() || message };
  }
}

describe('the VS Code extension package', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'gauntlet-vsix-'));
  const vsix = path.join(out, 'gauntlet.vsix');
  let installProblem: string | null = null;
  let entries = new Map<string, Buffer>();

  beforeAll(async () => {
    const version = await runVsce(['--version']);
    if ('failed' in version) {
      installProblem = version.failed;
      // On CI a package that cannot be built is a failure, never a skipped test.
      if (process.env.CI !== undefined) throw new Error(`${VSCE} could not be installed through npx: ${installProblem}`);
      return;
    }
    const packaged = await runVsce(['package', '--no-dependencies', '--out', vsix]);
    if ('failed' in packaged) throw new Error(`vsce package failed: ${packaged.failed}`);
    entries = readZipEntries(readFileSync(vsix));
  }, VSCE_DEADLINE_MS * 2);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds one bundled script, the schema, the licence, the readme and package.json, nothing else', (context) => {
    if (installProblem !== null) context.skip(`${VSCE} could not be installed through npx (offline?): ${installProblem}`);
    const files = [...entries.keys()].filter((name) => name.startsWith('extension/')).sort();
    expect(files).toEqual(['extension/LICENSE.txt', 'extension/dist/extension.js', 'extension/dist/gauntlet.schema.json', 'extension/package.json', 'extension/readme.md']);
    expect(entries.get('extension/LICENSE.txt')?.toString('utf8')).toMatch(/^MIT License/);
  });

  it('bundles vscode-languageclient into the script, requiring nothing but vscode and Node’s own modules', (context) => {
    if (installProblem !== null) context.skip(`${VSCE} could not be installed through npx (offline?): ${installProblem}`);
    const script = entries.get('extension/dist/extension.js')?.toString('utf8') ?? '';
    expect(script).toContain('gauntlet.showProfile');
    const required = new Set([...script.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? ''));
    expect([...required].filter((name) => name !== 'vscode' && !name.startsWith('node:') && !builtinModules.includes(name))).toEqual([]);
  });

  it('ships the schema gauntlet.yaml is validated against, and maps gauntlet.yaml to it', (context) => {
    if (installProblem !== null) context.skip(`${VSCE} could not be installed through npx (offline?): ${installProblem}`);
    expect(entries.get('extension/dist/gauntlet.schema.json')?.toString('utf8')).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
    const manifest = JSON.parse(entries.get('extension/package.json')?.toString('utf8') ?? '{}') as ExtensionManifest;
    expect(manifest.contributes?.yamlValidation).toEqual([{ fileMatch: expect.arrayContaining(['gauntlet.yaml']) as unknown, url: './dist/gauntlet.schema.json' }]);
  });

  it('declares the bundle as main, MIT, a repository, a build before publishing and the VS Code vscode-languageclient needs', (context) => {
    if (installProblem !== null) context.skip(`${VSCE} could not be installed through npx (offline?): ${installProblem}`);
    const manifest = JSON.parse(entries.get('extension/package.json')?.toString('utf8') ?? '{}') as ExtensionManifest;
    const client = JSON.parse(readFileSync(LANGUAGECLIENT_PACKAGE, 'utf8')) as ExtensionManifest;
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository?.url).toMatch(/^https:\/\//);
    expect(manifest.scripts?.['vscode:prepublish']).toBeDefined();
    expect(manifest.engines?.vscode).toBe(client.engines?.vscode);
    // Bundled: nothing for VS Code to install beside the script.
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});
