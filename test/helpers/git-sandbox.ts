import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';

const execFileAsync = promisify(execFile);

// Temp repositories for the tests of engine/files/git.ts: hermetic git, removed after each test.
// Importing this module registers the hooks that set up and tear down the sandbox.

const temps: string[] = [];
let sandbox: string;

beforeAll(async () => {
  sandbox = await realpath(await mkdtemp(join(tmpdir(), 'gauntlet-git-sandbox-')));
  // Hermetic git: no user or system config (a global excludes file would hide test files).
  const emptyConfig = join(sandbox, 'empty-gitconfig');
  await writeFile(emptyConfig, '');
  vi.stubEnv('GIT_CONFIG_GLOBAL', emptyConfig);
  vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
  // Never find a repository above the temp folders (in case the temp dir lives inside one).
  vi.stubEnv('GIT_CEILING_DIRECTORIES', dirname(sandbox));
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) vi.stubEnv(name, undefined);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(sandbox, { recursive: true, force: true });
});

/** The ceiling git searches no further than: the folder holding the sandbox. */
export function readCeiling(): string {
  return dirname(sandbox);
}

afterEach(async () => {
  await Promise.all(temps.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

export async function makeTempDir(): Promise<string> {
  const path = await realpath(await mkdtemp(join(tmpdir(), 'gauntlet-git-')));
  temps.push(path);
  return path;
}

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const identity = ['-c', 'user.name=Gauntlet Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];
  const { stdout } = await execFileAsync('git', [...identity, ...args], { cwd });
  return stdout;
}

export async function makeRepo(): Promise<string> {
  const root = await makeTempDir();
  await git(root, 'init', '-q');
  return root;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export async function commitAll(root: string, message = 'commit'): Promise<void> {
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', message);
}
