import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { resolveDataDir } from '../../engine/store/state-secret.js';
import { withLockFile } from '../../engine/store/lock-file.js';
import { readVersioned, writeVersioned } from '../../engine/store/versioned-file.js';
import { ensurePrivateDir } from '../../engine/store/write-atomic.js';

const TRUST_KIND = 'gauntlet-trust';
// 2: keyed on the repository root, granted to the config and the scripts it runs.
const TRUST_VERSION = 2;
const TRUST_FILE = 'trust.msgpack';

/** One trusted config: the digest of what was trusted (see trust-digest.ts), and when. */
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
