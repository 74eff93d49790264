import { chmodSync, existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { repoTest as it, type TempRepo } from '../helpers/e2e.js';
import { withClient, type LspClient } from '../helpers/lsp-client.js';

const LINT_CONFIG = { hooks: [{ name: 'lint', command: ['./lint.sh'], files: '*.txt' }] };

/** Writes an executable `lint.sh` at the repository's root that touches `marker` (relative to the root or absolute). */
function writeLint(repo: TempRepo, marker: string): void {
  repo.write('lint.sh', `#!/bin/sh\ntouch '${marker}'\n`);
  chmodSync(path.join(repo.root, 'lint.sh'), 0o755);
}

async function trust(repo: TempRepo, xdg: string): Promise<void> {
  const trusted = await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
  expect(trusted.stderr).toBe('');
  expect(trusted.code).toBe(0);
}

function trustMessages(client: LspClient): string[] {
  return client.messages.map((message) => message.message).filter((message) => message.includes('gauntlet trust'));
}

describe('gauntlet lsp: what trust covers', () => {
  it('runs nothing from a repository whose config is a link to a trusted repository’s config, and says how to trust it', { timeout: 30_000 }, async ({ makeRepo }) => {
    const trusted = await makeRepo();
    const xdg = trusted.scratchDir('xdg');
    trusted.writeConfig(LINT_CONFIG);
    writeLint(trusted, trusted.scratchPath('trusted-ran'));
    await trust(trusted, xdg);

    const attacker = await makeRepo();
    symlinkSync(path.relative(attacker.root, path.join(trusted.root, 'gauntlet.yaml')), path.join(attacker.root, 'gauntlet.yaml'));
    writeLint(attacker, 'PWNED');
    attacker.write('a.txt', 'a\n');
    const pwned = path.join(attacker.root, 'PWNED');

    await withClient(attacker, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.save('a.txt');
      await client.waitFor(() => trustMessages(client).length > 0, 'the trust message');
      await sleep(500);
      expect(trustMessages(client)).toHaveLength(1);
      expect(trustMessages(client)[0]).toContain(attacker.root);
      expect(existsSync(pwned)).toBe(false);
      expect(existsSync(trusted.scratchPath('trusted-ran'))).toBe(false);

      // Trusting the repository itself is what lets its hooks run.
      await trust(attacker, xdg);
      await client.save('a.txt');
      await client.waitFor(() => existsSync(pwned), 'the hook of the repository trusted in its own right');
    });
  });

  it('asks again when a script a trusted hook runs is edited, and runs the edited script only once trusted again', { timeout: 30_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const before = repo.scratchPath('old-script-ran');
    const after = repo.scratchPath('new-script-ran');
    repo.writeConfig(LINT_CONFIG);
    writeLint(repo, before);
    repo.write('a.txt', 'a\n');
    await trust(repo, xdg);

    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => existsSync(before), 'the trusted script to run');
      expect(trustMessages(client)).toEqual([]);

      // Edited outside the editor: the next save checks the trust before running anything.
      writeLint(repo, after);
      await client.save('a.txt');
      await client.waitFor(() => trustMessages(client).length > 0, 'the trust message after the script changed');
      await sleep(500);
      expect(existsSync(after)).toBe(false);

      await trust(repo, xdg);
      await client.save('a.txt');
      await client.waitFor(() => existsSync(after), 'the edited script to run once trusted again');
    });
  });

  it('covers a script named as an argument of the hook’s program', { timeout: 30_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const edited = repo.scratchPath('edited-ran');
    repo.writeConfig({ hooks: [{ name: 'lint', command: ['sh', 'scripts/check.sh'], files: '*.txt' }] });
    repo.write('scripts/check.sh', 'exit 0\n');
    repo.write('a.txt', 'a\n');
    await trust(repo, xdg);
    repo.write('scripts/check.sh', `touch '${edited}'\n`);

    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.save('a.txt');
      await client.waitFor(() => trustMessages(client).length > 0, 'the trust message');
      await sleep(500);
      expect(existsSync(edited)).toBe(false);
    });
  });
});
