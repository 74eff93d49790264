import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { repoTest as it, type TempRepo } from '../helpers/e2e.js';
import { sources, withClient, type LspClient } from '../helpers/lsp-client.js';
import { fixtureHook } from '../helpers/paths.js';

const REPORT = fixtureHook('report-each.sh');
/** A client that can offer "Trust", and says yes. */
const ASKING = { window: { showMessage: {} } };

const PRE_COMMIT_CONFIG = [
  'repos:',
  '  - repo: local',
  '    hooks:',
  '      - id: pc-lint',
  '        name: pre-commit lint',
  `        entry: ${REPORT} pre-commit-finding`,
  '        language: system',
  '        files: \\.txt$',
  '',
].join('\n');

const LEFTHOOK_CONFIG = ['pre-commit:', '  commands:', '    lh-lint:', '      glob: "*.txt"', `      run: ${REPORT} lefthook-finding {staged_files}`, ''].join('\n');

/** A gauntlet.yaml hook reporting `message` on each .txt file. */
function reportingConfig(name: string, message: string): object {
  return { hooks: [{ name, command: [REPORT, message], files: '*.txt' }] };
}

async function trustIn(repo: TempRepo, xdg: string, cwd = ''): Promise<void> {
  const trusted = await repo.run(['trust'], { cwd, env: { XDG_DATA_HOME: xdg } });
  expect(trusted.stderr).toBe('');
  expect(trusted.code).toBe(0);
}

function messagesOf(client: LspClient, relative: string): string[][] {
  return client.publishesFor(relative).map((publish) => publish.params.diagnostics.map(({ message }) => (typeof message === 'string' ? message : message.value)).sort());
}

function lastMessages(client: LspClient, relative: string): string[] | undefined {
  return messagesOf(client, relative).at(-1);
}

describe('gauntlet lsp: the configs gauntlet run reads', () => {
  it.for([
    { file: '.pre-commit-config.yaml', text: PRE_COMMIT_CONFIG, message: 'pre-commit-finding', hook: 'pc-lint' },
    { file: 'lefthook.yml', text: LEFTHOOK_CONFIG, message: 'lefthook-finding', hook: 'lh-lint' },
  ])('runs the hooks of a $file in a repository without gauntlet.yaml once the user trusts it', { timeout: 30_000 }, async ({ file, text, message, hook }, { makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    repo.write(file, text);
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg, capabilities: ASKING }, async (client) => {
      client.answer = 'Trust';
      await client.open('a.txt', 'a\n');
      const published = await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, `the ${file} hook's finding`);
      expect(published.params.diagnostics[0]).toMatchObject({ message, source: hook });
      expect(client.messageRequests.map((request) => request.message)).toEqual([expect.stringContaining(`hooks of ${file} in ${repo.root}`)]);
    });
  });

  it('registers a watcher for every config name and switches to a gauntlet.yaml created beside a .pre-commit-config.yaml, asking trust again', { timeout: 40_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    repo.write('.pre-commit-config.yaml', PRE_COMMIT_CONFIG);
    repo.write('a.txt', 'a\n');
    const capabilities = { ...ASKING, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };
    await withClient(repo, { xdg, capabilities }, async (client) => {
      client.answer = 'Trust';
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => lastMessages(client, 'a.txt')?.[0] === 'pre-commit-finding', 'the pre-commit hook');
      const globs = client.registrations.flatMap((registration) => (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((watcher) => watcher.globPattern));
      expect(globs).toEqual(expect.arrayContaining(['**/gauntlet.yaml', '**/.pre-commit-config.yaml', '**/lefthook.yml', '**/.lefthook.yml']));

      client.answer = null;
      repo.writeConfig(reportingConfig('g-lint', 'gauntlet-finding'));
      await client.fileChanged('gauntlet.yaml', FileChangeType.Created);
      await client.waitFor(() => client.messageRequests.length === 2, 'trust to be asked for gauntlet.yaml');
      expect(client.messageRequests[1]?.message).toContain(`hooks of gauntlet.yaml in ${repo.root}`);
      // The pre-commit config is no longer the one in use: its findings go, and nothing runs until gauntlet.yaml is trusted.
      await client.waitFor(() => lastMessages(client, 'a.txt')?.length === 0, 'the old config’s findings to be cleared');

      await trustIn(repo, xdg);
      await client.save('a.txt');
      await client.waitFor(() => lastMessages(client, 'a.txt')?.[0] === 'gauntlet-finding', 'the gauntlet.yaml hook');
      expect(lastMessages(client, 'a.txt')).toEqual(['gauntlet-finding']);
    });
  });
});

describe('gauntlet lsp: projects inside a workspace folder', () => {
  it('serves files under packages/web with its own config, run there, and the other files with the root config', { timeout: 40_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const cwdFile = repo.scratchPath('web-cwd');
    repo.writeConfig(reportingConfig('root-lint', 'root-finding'));
    repo.write('top.txt', 'top\n');
    repo.write('packages/web/src/a.txt', 'a\n');
    await trustIn(repo, xdg);

    await withClient(repo, { xdg }, async (client) => {
      await client.open('packages/web/src/a.txt', 'a\n');
      await client.open('top.txt', 'top\n');
      // Before packages/web has a config, the root's serves its files too.
      await client.waitFor(() => lastMessages(client, 'packages/web/src/a.txt')?.[0] === 'root-finding', 'the root hook on the nested file');

      // The nested config's hook records where it runs and reports on the paths it is given.
      const web = { hooks: [{ name: 'web-lint', command: ['sh', '-c', 'pwd > "$0"; for f; do printf "%s:1:1: error: web-finding %s\\n" "$f" "$f"; done; exit 1', cwdFile], files: 'src/*.txt' }] };
      repo.writeConfig(web, 'packages/web/gauntlet.yaml');
      await trustIn(repo, xdg, 'packages/web');
      await client.fileChanged('packages/web/gauntlet.yaml', FileChangeType.Created);

      await client.waitFor(() => lastMessages(client, 'packages/web/src/a.txt')?.[0] === 'web-finding src/a.txt', 'the nested hook on the nested file');
      expect(readFileSync(cwdFile, 'utf8').trim()).toBe(path.join(repo.root, 'packages', 'web'));
      await client.save('top.txt');
      await client.waitFor(() => client.publishesFor('top.txt').length >= 2, 'the root hook again after a save');
      expect(lastMessages(client, 'top.txt')).toEqual(['root-finding']);
      // Once the nested project took the file, the root project published nothing more for it.
      const nested = client.publishesFor('packages/web/src/a.txt').map((publish) => sources(publish.params.diagnostics));
      const taken = nested.findIndex((found) => found.includes('web-lint'));
      expect(nested.slice(taken).flat()).toEqual(nested.slice(taken).map(() => 'web-lint'));
      await client.waitFor(() => existsSync(path.join(repo.root, 'packages', 'web', '.gauntlet', 'cache.msgpack')), 'the nested project’s own cache');

      // A workspace run leaves the nested project's files to it: the root's hook reports on top.txt alone.
      const answer = (await client.executeCommand('gauntlet.runWorkspace')) as { workspaces: { root: string }[] };
      expect(answer.workspaces.map((workspace) => workspace.root).sort()).toEqual([repo.root, path.join(repo.root, 'packages', 'web')]);
      expect(lastMessages(client, 'packages/web/src/a.txt')).toEqual(['web-finding src/a.txt']);
      expect(lastMessages(client, 'top.txt')).toEqual(['root-finding']);
    });
  });

  it('runs nothing of an untrusted nested config while the root config still runs', { timeout: 30_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const marker = repo.scratchPath('nested-ran');
    repo.writeConfig(reportingConfig('root-lint', 'root-finding'));
    repo.writeConfig({ hooks: [{ name: 'web-lint', command: ['sh', '-c', 'touch "$0"', marker], files: '*.txt' }] }, 'packages/web/gauntlet.yaml');
    repo.write('top.txt', 'top\n');
    repo.write('packages/web/a.txt', 'a\n');
    await trustIn(repo, xdg);

    await withClient(repo, { xdg }, async (client) => {
      await client.open('packages/web/a.txt', 'a\n');
      await client.open('top.txt', 'top\n');
      await client.waitForPublish('top.txt', (diagnostics) => diagnostics.length === 1, 'the root hook');
      await client.waitFor(() => client.messages.some((message) => message.message.includes(`in ${path.join(repo.root, 'packages', 'web')} are not trusted`)), 'the nested trust message');
      await client.save('packages/web/a.txt');
      await sleep(500);
      expect(existsSync(marker)).toBe(false);
      expect(client.publishesFor('packages/web/a.txt').flatMap((publish) => publish.params.diagnostics)).toEqual([]);

      await trustIn(repo, xdg, 'packages/web');
      await client.save('packages/web/a.txt');
      await client.waitFor(() => existsSync(marker), 'the nested hook once trusted');
    });
  });
});
