import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { CONFIG_BYTES_LIMIT } from '../../protocol/limits.js';
import { readRegularFile } from '../store/read-regular.js';
import { readVersioned, writeVersioned } from '../store/versioned-file.js';
import { STATE_DIR_NAME, ensureStateDir, resolveStatePath } from '../store/state-dir.js';

/** Set by the bundler to a hash of gauntlet's sources; absent when running unbundled. */
declare const GAUNTLET_BUILD_ID: string | undefined;

const CACHE_FILE = 'config.msgpack';
const CACHE_KIND = 'gauntlet-config';
// 2: signed with the user's secret (engine/store/versioned-file.ts).
export const CONFIG_CACHE_VERSION = 2;

interface CachedConfig {
  key: string;
  config: ResolvedConfig;
}

/**
 * Loads a config through a cache of its last validated form, keyed on the
 * file's bytes, its path and the build of gauntlet that validated it. A hit
 * spares loading the YAML parser and the schema, the bulk of start-up; a miss,
 * or an unbundled build (no build id to key on), loads and validates as usual. The cache is
 * signed with the user's secret (see store/state-secret.ts): a config.msgpack committed to a
 * repository never stands in for its gauntlet.yaml; it is `warn`ed about, ignored and overwritten.
 */
export async function loadConfigCached(
  path: string,
  root: string,
  load: (path: string, bytes?: Buffer) => Promise<ResolvedConfig>,
  warn: (message: string) => void = () => undefined,
): Promise<ResolvedConfig> {
  const build = typeof GAUNTLET_BUILD_ID === 'string' ? GAUNTLET_BUILD_ID : null;
  // Never blocks on a FIFO nor reads without bound; a file that cannot be read so is the loader's to report.
  const read = build === null ? null : await readRegularFile(path, CONFIG_BYTES_LIMIT, true);
  const bytes = read?.ok === true ? read.bytes : null;
  if (build === null || bytes === null) return load(path);
  const key = createHash('sha256').update(build).update('\0').update(path).update('\0').update(bytes).digest('base64url');
  const cacheFile = resolveStatePath(root, CACHE_FILE);
  const cached = await readVersioned(cacheFile, CACHE_KIND, CONFIG_CACHE_VERSION, readCached, { label: `${STATE_DIR_NAME}/${CACHE_FILE}`, fallback: 'reading the config itself' });
  if (cached.warning !== null) warn(cached.warning);
  if (cached.value?.key === key) return cached.value.config;
  // The bytes the key was made of are the ones validated: an edit meanwhile cannot slip under the key.
  const config = await load(path, bytes);
  // Best effort: a failed write only costs the next run its shortcut.
  await ensureStateDir(root)
    .then(() => writeVersioned(cacheFile, CACHE_KIND, CONFIG_CACHE_VERSION, { key, config } satisfies CachedConfig))
    .catch(() => undefined);
  return config;
}

function readCached(data: unknown): CachedConfig | null {
  const value = data as Partial<CachedConfig> | null;
  if (!value || typeof value.key !== 'string' || typeof value.config !== 'object' || value.config === null) return null;
  return value as CachedConfig;
}
