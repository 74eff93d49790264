import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCliEnv, repoTest, waitForCli, type CliResult, type TempRepo } from '../helpers/e2e.js';

const execFileAsync = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** `npm pack` runs prepack, a whole build (tsc, then esbuild) on a loaded machine. */
const PACK_DEADLINE_MS = 240_000;
const INSTALL_DEADLINE_MS = 60_000;
/** What the installed command needs at run time: the CLI, its worker and the schema. */
const RUNTIME_FILES = ['package/dist/bin/gauntlet.js', 'package/dist/worker/entry.js', 'package/dist/gauntlet.schema.json', 'package/dist/THIRD-PARTY-NOTICES.txt'];
/** Hook fails when a text file has a TODO; grep's `file:line:text` is what the gnu parser reads. */
const TODO_HOOK = { name: 'no-todo', command: ['sh', '-c', '! grep -Hn TODO "$@"', 'no-todo'], files: ['*.txt'] };

/** A copy of the work tree as a fresh clone would have it (tracked and new files, nothing ignored), sharing node_modules. */
async function copyWorkTree(to: string): Promise<void> {
  const { stdout } = await execFileAsync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    env: makeCliEnv(),
    maxBuffer: 64 * 1_024 * 1_024,
  });
  for (const relative of stdout.split('\0')) {
    const from = path.join(REPO_ROOT, relative);
    // A deleted file is still in the index until the deletion is committed.
    if (relative === '' || !existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(to, relative)), { recursive: true });
    copyFileSync(from, path.join(to, relative));
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(to, 'node_modules'), 'dir');
}

/** Runs the installed command (argv, no shell) to its end. */
function runInstalled(bin: string, args: string[], cwd: string): Promise<CliResult> {
  return waitForCli(spawn(bin, args, { cwd, env: makeCliEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('the npm package, packed from a fresh copy and installed globally', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'gauntlet-package-'));
  const clone = path.join(base, 'clone');
  const prefix = path.join(base, 'prefix');
  const gauntlet = path.join(prefix, 'bin', 'gauntlet');
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let entries: string[] = [];

  beforeAll(async () => {
    await copyWorkTree(clone);
    // No dist/ in the copy: prepack must build it.
    await execFileAsync('npm', ['pack', '--pack-destination', base], { cwd: clone, env: makeCliEnv(), timeout: PACK_DEADLINE_MS, maxBuffer: 64 * 1_024 * 1_024 });
    const tarball = path.join(base, `gauntlet-${version}.tgz`);
    entries = (await execFileAsync('tar', ['-tzf', tarball])).stdout.split('\n').filter((line) => line !== '');
    // --offline: the package has no dependencies to fetch, everything it runs is bundled.
    const install = ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball];
    await execFileAsync('npm', install, { cwd: base, env: makeCliEnv(), timeout: INSTALL_DEADLINE_MS });
  }, PACK_DEADLINE_MS + INSTALL_DEADLINE_MS);

  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('holds the CLI, its worker, the schema, the bundled libraries’ notices, LICENSE, README and package.json', () => {
    expect(entries).toEqual(expect.arrayContaining([...RUNTIME_FILES, 'package/LICENSE', 'package/README.md', 'package/package.json']));
  });

  it('holds no source maps, no sources and no module-by-module tsc output', () => {
    const extra = entries.filter((entry) => entry.endsWith('.map') || entry.endsWith('.ts') || !/^package\/(dist\/(bin|worker)\/|dist\/gauntlet\.schema\.json$|dist\/THIRD-PARTY-NOTICES\.txt$|LICENSE$|README\.md$|package\.json$)/.test(entry));
    expect(extra).toEqual([]);
  });

  it('installs without a node_modules of its own', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'gauntlet');
    expect(readdirSync(installed).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
  });

  it("prints package.json's version for --version", async () => {
    const result = await runInstalled(gauntlet, ['--version'], base);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints the same schema as the one it ships', async () => {
    const result = await runInstalled(gauntlet, ['schema'], base);
    expect(result.code).toBe(0);
    const shipped = readFileSync(path.join(prefix, 'lib', 'node_modules', 'gauntlet', 'dist', 'gauntlet.schema.json'), 'utf8');
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(shipped));
  });

  /** A repository whose one text file has `text`, with the TODO hook. */
  async function makeTodoRepo(makeRepo: () => Promise<TempRepo>, text: string): Promise<TempRepo> {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [TODO_HOOK] });
    repo.write('notes.txt', text);
    await repo.commitAll();
    return repo;
  }

  repoTest('runs a passing hook and exits 0', async ({ makeRepo }) => {
    const repo = await makeTodoRepo(makeRepo, 'all done\n');
    const result = await runInstalled(gauntlet, ['run'], repo.root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no-todo');
  });

  repoTest('runs a failing hook, names the file and exits 1', async ({ makeRepo }) => {
    const repo = await makeTodoRepo(makeRepo, 'first line\nTODO: finish\n');
    const result = await runInstalled(gauntlet, ['run'], repo.root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('notes.txt:2');
  });
});
