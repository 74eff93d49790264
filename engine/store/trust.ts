import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { FILE_PLACEHOLDER, FILES_PLACEHOLDER, type Hook } from '../../protocol/hook.js';
import { resolveDataDir } from './state-secret.js';
import { withLockFile } from './lock-file.js';
import { openRegularFile } from './read-regular.js';
import { readVersioned, writeVersioned } from './versioned-file.js';
import { ensurePrivateDir } from './write-atomic.js';

// Trust: which configs may run their hooks from an editor. What is trusted is a digest of the
// config and the scripts it runs (the first half), recorded per repository in the user's data folder (the second).

/** Scripts larger than this (a compiled program named by path) are known by size and mtime, not hashed on every check. */
const MAX_HASHED_SCRIPT_BYTES = 16 * 1_024 * 1_024;
/** Bumped when what the digest covers changes, so older trust never matches. */
const DIGEST_FORMAT = 'gauntlet-trust-2';

/**
 * The files a config's hooks may run from the repository, absolute: every argv word that
 * names a path inside `root` (where the hooks run), and each program named by a path (`./lint.sh`,
 * `../tools/x`) wherever it is. Which of them exist is decided when they are hashed.
 */
export function listTrustedScripts(root: string, hooks: readonly Hook[]): string[] {
  const found = new Set<string>();
  for (const hook of hooks) {
    hook.argv.forEach((word, index) => {
      if (word === '' || word === FILES_PLACEHOLDER || word === FILE_PLACEHOLDER) return;
      const absolute = path.resolve(root, word);
      if (index === 0 ? word.includes('/') : isInside(root, absolute)) found.add(absolute);
    });
  }
  return [...found].sort();
}

/**
 * What trust is granted to: the config's bytes and the content of each script it runs (see
 * `listTrustedScripts`), as one sha256 (hex). Editing the config or any of those scripts, or
 * creating one that was missing, changes it.
 */
export async function digestTrust(root: string, configBytes: Uint8Array, scripts: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(`${DIGEST_FORMAT}\0${configBytes.length}\0`).update(configBytes);
  for (const script of scripts) {
    const name = isInside(root, script) ? path.relative(root, script) : script;
    hash.update(`\0${name}\0${await describeScript(script)}`);
  }
  return hash.digest('hex');
}

/** What `digestConfigTrust` gives: the digest, and the scripts it covers (see `listTrustedScripts`). */
export interface TrustGrant {
  digest: string;
  scripts: string[];
}

/**
 * The digest trust is granted to for a config read from `bytes` whose hooks run in `root`: of the
 * scripts its hooks run, or of `scripts` listed when it was read before. Both are taken from the
 * root as the kernel resolves it: a hook runs with it as its folder, so `../tools/x` is found from
 * the real folder, not from a link an editor opened the repository through.
 */
export async function digestConfigTrust(root: string, bytes: Uint8Array, from: { hooks: readonly Hook[] } | { scripts: readonly string[] }): Promise<TrustGrant> {
  const realRoot = await realpath(root).catch(() => root);
  const scripts = 'hooks' in from ? listTrustedScripts(realRoot, from.hooks) : [...from.scripts];
  return { digest: await digestTrust(realRoot, bytes, scripts), scripts };
}

/** The scripts of `listTrustedScripts` that exist as regular files, relative to `root` when inside it. */
export async function listPresentScripts(root: string, scripts: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const script of scripts) {
    if ((await describeScript(script)).startsWith('none')) continue;
    present.push(isInside(root, script) ? path.relative(root, script) : script);
  }
  return present;
}

/**
 * Descriptions already taken, by path, with the stat they were taken at: the server checks trust
 * on every open and save, and a script whose size, mtime, ctime and inode are unchanged (ctime
 * cannot be set back) is not read again.
 */
const described = new Map<string, { stat: string; description: string }>();
/** A file changed less than this long ago may change again within its mtime's granularity: it is read each time. */
const SETTLED_MS = 2_000;

/** A script's content as a hash; `none` when there is no regular file (a FIFO is never opened for long). */
async function describeScript(file: string): Promise<string> {
  const opened = await openRegularFile(file, true);
  if (!opened.ok) return 'none';
  const { handle, stats } = opened;
  try {
    const stat = `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}:${stats.dev}`;
    const known = described.get(file);
    if (known?.stat === stat) return known.description;
    if (stats.size > MAX_HASHED_SCRIPT_BYTES) return `large:${stats.size}:${stats.mtimeMs}:${stats.ino}`;
    const description = `sha256:${createHash('sha256').update(await handle.readFile()).digest('hex')}`;
    if (Date.now() - Math.max(stats.mtimeMs, stats.ctimeMs) > SETTLED_MS) described.set(file, { stat, description });
    return description;
  } catch {
    return 'none';
  } finally {
    await handle.close();
  }
}

function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

const TRUST_KIND = 'gauntlet-trust';
// 2: keyed on the repository root, granted to the config and the scripts it runs.
const TRUST_VERSION = 2;
const TRUST_FILE = 'trust.msgpack';

/** One trusted config: the digest of what was trusted (see digestTrust), and when. */
interface TrustEntry {
  digest: string;
  at: number;
}

/** Trusted configs by the real path of the repository root joined with the config's path in it. */
type TrustData = Map<string, TrustEntry>;

/**
 * Where trust decisions live: `$XDG_DATA_HOME/gauntlet/trust.msgpack`, by default
 * `~/.local/share/gauntlet/trust.msgpack`, mode 0600 in a 0700 folder.
 */
export function resolveTrustPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(resolveDataDir(env), TRUST_FILE);
}

/** True when hooks of the config at `configPath` may run in `root` while what they run digests to `digest`. */
export async function isTrusted(root: string, configPath: string, digest: string, file = resolveTrustPath()): Promise<boolean> {
  const { value } = await readTrust(file);
  return value?.get(await trustKey(root, configPath))?.digest === digest;
}

/** Records that the config at `configPath` may run its hooks in `root` while what they run digests to `digest`. */
export async function trustConfig(root: string, configPath: string, digest: string, file = resolveTrustPath()): Promise<void> {
  const key = await trustKey(root, configPath);
  await updateTrust(file, (data) => data.set(key, { digest, at: Date.now() }));
}

/** Forgets the trust of the config at `configPath` in `root`; false when it was not trusted. */
export async function revokeConfig(root: string, configPath: string, file = resolveTrustPath()): Promise<boolean> {
  const key = await trustKey(root, configPath);
  let removed = false;
  await updateTrust(file, (data) => {
    removed = data.delete(key);
  });
  return removed;
}

/** Reads the trust file; a missing or damaged one trusts nothing (with a warning for damage). */
export function readTrust(file = resolveTrustPath()): Promise<{ value: TrustData | null; warning: string | null }> {
  return readVersioned(file, TRUST_KIND, TRUST_VERSION, decodeTrust, { label: file, fallback: 'no config is trusted' });
}

// Read, changed and written under a lock: two `gauntlet trust` at once, or one and an editor's button, each keep their grant.
async function updateTrust(file: string, change: (data: TrustData) => void): Promise<void> {
  await ensurePrivateDir(path.dirname(file));
  await withLockFile(`${file}.lock`, async () => {
    const data = (await readTrust(file)).value ?? new Map<string, TrustEntry>();
    change(data);
    const encoded: Record<string, TrustEntry> = Object.fromEntries(data);
    await writeVersioned(file, TRUST_KIND, TRUST_VERSION, { configs: encoded }, { private: true });
  });
}

function decodeTrust(value: unknown): TrustData | null {
  if (typeof value !== 'object' || value === null) return null;
  const configs = (value as { configs?: unknown }).configs;
  if (typeof configs !== 'object' || configs === null || Array.isArray(configs)) return null;
  const data: TrustData = new Map();
  for (const [key, entry] of Object.entries(configs as Record<string, unknown>)) {
    const { digest, at } = (entry ?? {}) as Partial<TrustEntry>;
    if (typeof digest !== 'string' || typeof at !== 'number') return null;
    data.set(key, { digest, at });
  }
  return data;
}

/**
 * The repository root where the hooks run (its real path, so a symlinked folder and its target
 * are one repository) joined with the config's path inside it. Never the config's own real
 * path: a config linked from a trusted repository into another one is not trusted there.
 */
async function trustKey(root: string, configPath: string): Promise<string> {
  const absoluteRoot = path.resolve(root);
  const realRoot = await realpath(absoluteRoot).catch(() => absoluteRoot);
  return path.join(realRoot, path.relative(absoluteRoot, path.resolve(configPath)));
}
