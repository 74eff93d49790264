import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Packr } from 'msgpackr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStateSecret, resolveDataDir } from '../../engine/store/state-secret.js';
import { readVersioned } from '../../engine/store/versioned-file.js';
import { useTempRoot } from '../helpers/temp-root.js';
import { bundleSource } from '../helpers/bundle-source.js';

const execFileAsync = promisify(execFile);

const temp = useTempRoot('gauntlet-secret-');

let savedXdg: string | undefined;
beforeEach(() => {
  savedXdg = process.env.XDG_DATA_HOME;
});
afterEach(() => {
  if (savedXdg === undefined) delete process.env.XDG_DATA_HOME;
  else process.env.XDG_DATA_HOME = savedXdg;
});

/** Runs `code` (an ES module body) in a child node whose umask is 000, with XDG_DATA_HOME set. */
async function runAtUmaskZero(xdg: string, code: string): Promise<string> {
  const script = `process.umask(0);\n${code}`;
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, XDG_DATA_HOME: xdg } });
  return stdout;
}

describe('the per-user secret', () => {
  it('is 32 random bytes created on first use, 0600 in a 0700 folder even at umask 000', async () => {
    const xdg = join(temp(), 'data');
    const module = await bundleSource('engine/store/state-secret.ts', temp());
    const printed = await runAtUmaskZero(xdg, `const { loadStateSecret } = await import('${module}');\nprocess.stdout.write((await loadStateSecret()).toString('hex'));`);
    const file = join(xdg, 'gauntlet', 'secret');
    expect(readFileSync(file).toString('hex')).toBe(printed);
    expect(printed).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(xdg, 'gauntlet')).mode & 0o777).toBe(0o700);
  });

  it('is one secret for processes that create it at the same time', async () => {
    const xdg = join(temp(), 'data');
    const module = await bundleSource('engine/store/state-secret.ts', temp());
    const code = `const { loadStateSecret } = await import('${module}');\nprocess.stdout.write((await loadStateSecret()).toString('hex'));`;
    const secrets = await Promise.all(Array.from({ length: 4 }, () => runAtUmaskZero(xdg, code)));
    expect(new Set(secrets).size).toBe(1);
    expect(readFileSync(join(xdg, 'gauntlet', 'secret')).toString('hex')).toBe(secrets[0]);
  });

  it('makes the trust store 0600 in a 0700 folder even at umask 000', async () => {
    const xdg = join(temp(), 'data');
    const repo = join(temp(), 'repo');
    const module = await bundleSource('engine/store/trust.ts', temp());
    await runAtUmaskZero(xdg, `const { trustConfig } = await import('${module}');\nawait trustConfig('${repo}', '${repo}/gauntlet.yaml', 'digest');`);
    expect(statSync(join(xdg, 'gauntlet', 'trust.msgpack')).mode & 0o777).toBe(0o600);
    expect(statSync(join(xdg, 'gauntlet')).mode & 0o777).toBe(0o700);
  });

  it('names its file in one line when it is not 32 bytes, and state files then read as unchecked', async () => {
    const xdg = join(temp(), 'short');
    mkdirSync(join(xdg, 'gauntlet'), { recursive: true });
    writeFileSync(join(xdg, 'gauntlet', 'secret'), 'short');
    process.env.XDG_DATA_HOME = xdg;
    await expect(loadStateSecret()).rejects.toThrow(`${join(xdg, 'gauntlet', 'secret')}: holds 5 bytes, not the 32 gauntlet writes (remove it to make a new one)`);
    const state = join(temp(), 'state.msgpack');
    writeFileSync(state, new Packr({ useRecords: false }).pack({ kind: 'k', version: 1, mac: new Uint8Array(32), data: new Uint8Array(1) }));
    const read = await readVersioned(state, 'k', 1, (data) => data, { label: 'state' });
    expect(read.value).toBeNull();
    expect(read.warning).toMatch(/^state: cannot be checked \(.*holds 5 bytes.*\); ignoring it/);
  });

  it('lives in $XDG_DATA_HOME/gauntlet, else ~/.local/share/gauntlet', () => {
    expect(resolveDataDir({ XDG_DATA_HOME: '/data' })).toBe('/data/gauntlet');
    expect(resolveDataDir({ XDG_DATA_HOME: 'relative' })).toMatch(/\.local\/share\/gauntlet$/);
  });
});
