import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Hook } from '../../protocol/hook.js';
import { digestTrust, listPresentScripts, listTrustedScripts } from '../../engine/store/trust.js';
import { useTempRoot } from '../helpers/temp-root.js';

const temp = useTempRoot('gauntlet-trust-digest-');

function hooks(...argvs: string[][]): Hook[] {
  return argvs.map((argv) => ({ argv }) as Hook);
}

describe('what trust covers', () => {
  it('lists the words of each command that name paths in the repository, and a program named by a path', () => {
    const root = '/repo';
    const listed = listTrustedScripts(
      root,
      hooks(['./lint.sh', '--strict', '{files}'], ['python', 'scripts/x.py', '{file}'], ['../tools/check', '/etc/passwd', '../outside.py'], ['flake8']),
    );
    expect(listed).toEqual(['/repo/--strict', '/repo/lint.sh', '/repo/scripts/x.py', '/tools/check']);
  });

  it('changes the digest when the config, a script, or whether a script exists changes', async () => {
    const root = temp();
    const config = Buffer.from('hooks: []\n');
    const scripts = listTrustedScripts(root, hooks(['sh', 'scripts/x.sh']));
    const missing = await digestTrust(root, config, scripts);
    mkdirSync(join(root, 'scripts'));
    writeFileSync(join(root, 'scripts', 'x.sh'), 'echo one\n');
    const one = await digestTrust(root, config, scripts);
    expect(one).not.toBe(missing);
    expect(await digestTrust(root, config, scripts)).toBe(one);
    writeFileSync(join(root, 'scripts', 'x.sh'), 'echo two\n');
    expect(await digestTrust(root, config, scripts)).not.toBe(one);
    expect(await digestTrust(root, Buffer.from('hooks: [ ]\n'), scripts)).not.toBe(await digestTrust(root, config, scripts));
    expect(await listPresentScripts(root, scripts)).toEqual(['scripts/x.sh']);
  });

  it('neither opens a FIFO for long nor takes a folder as a script', { timeout: 3_000 }, async () => {
    const root = temp();
    execFileSync('mkfifo', [join(root, 'pipe')]);
    mkdirSync(join(root, 'folder'));
    const scripts = listTrustedScripts(root, hooks(['./pipe', 'folder']));
    expect(await digestTrust(root, Buffer.from(''), scripts)).toMatch(/^[0-9a-f]{64}$/);
    expect(await listPresentScripts(root, scripts)).toEqual([]);
  });
});
