import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { readVersioned, writeVersioned } from '../../engine/store/versioned-file.js';

const TRUST_KIND = 'gauntlet-trust';
const TRUST_VERSION = 1;
const TRUST_FILE = 'trust.msgpack';

/** One trusted config: the content that was trusted, and when. */
interface TrustEntry {
  sha256: string;
  at: number;
}

/** Trusted configs by absolute (real) path. */
type TrustData = Map<string, TrustEntry>;

/**
 * Where trust decisions live: `$XDG_DATA_HOME/gauntlet/trust.msgpack`, by default
 * `~/.local/share/gauntlet/trust.msgpack`. A relative XDG_DATA_HOME is ignored, as the XDG base directory spec says.
 */
export function resolveTrustPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.local', 'share');
  return path.join(base, 'gauntlet', TRUST_FILE);
}

/** The sha256 (hex) of a config's bytes: what trust is granted to. */
export function hashConfig(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True when this exact content of the config at `configPath` was trusted. */
export async function isTrusted(configPath: string, sha256: string, file = resolveTrustPath()): Promise<boolean> {
  const { value } = await readTrust(file);
  return value?.get(await canonicalPath(configPath))?.sha256 === sha256;
}

/** Records that the config at `configPath` may run its hooks while its content hashes to `sha256`. */
export async function trustConfig(configPath: string, sha256: string, file = resolveTrustPath()): Promise<void> {
  const key = await canonicalPath(configPath);
  await updateTrust(file, (data) => data.set(key, { sha256, at: Date.now() }));
}

/** Forgets the trust of the config at `configPath`; false when it was not trusted. */
export async function revokeConfig(configPath: string, file = resolveTrustPath()): Promise<boolean> {
  const key = await canonicalPath(configPath);
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

async function updateTrust(file: string, change: (data: TrustData) => void): Promise<void> {
  const data = (await readTrust(file)).value ?? new Map<string, TrustEntry>();
  change(data);
  const encoded: Record<string, TrustEntry> = Object.fromEntries(data);
  await writeVersioned(file, TRUST_KIND, TRUST_VERSION, { configs: encoded });
}

function decodeTrust(value: unknown): TrustData | null {
  if (typeof value !== 'object' || value === null) return null;
  const configs = (value as { configs?: unknown }).configs;
  if (typeof configs !== 'object' || configs === null || Array.isArray(configs)) return null;
  const data: TrustData = new Map();
  for (const [key, entry] of Object.entries(configs as Record<string, unknown>)) {
    const { sha256, at } = (entry ?? {}) as Partial<TrustEntry>;
    if (typeof sha256 !== 'string' || typeof at !== 'number') return null;
    data.set(key, { sha256, at });
  }
  return data;
}

/** The real path when it exists, so that a symlinked folder and its target are one config. */
async function canonicalPath(configPath: string): Promise<string> {
  const absolute = path.resolve(configPath);
  return realpath(absolute).catch(() => absolute);
}
