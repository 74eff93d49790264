import type { ResolvedConfig } from '../../protocol/hook.js';
import type { RemoteSettings } from '../../engine/remote/remote-session.js';
import { hasCredentials, parseHeaderLines, parseRemoteUrl } from '../../engine/remote/remote-url.js';
import { UsageError } from './errors.js';

/**
 * The remote cache a run uses: `--remote-cache URL` over GAUNTLET_REMOTE_CACHE over gauntlet.yaml's
 * `remote_cache.url`; `--no-remote-cache` (false) none. Credentials come only from the environment:
 * a `user:password@` in GAUNTLET_REMOTE_CACHE, or GAUNTLET_REMOTE_CACHE_HEADER ("Name: value" lines).
 * GAUNTLET_REMOTE_CACHE_READ_ONLY=1 or 0 overrides `read_only`. Null when there is none.
 */
export function resolveRemoteSettings(config: ResolvedConfig, flag: string | boolean | undefined, env: NodeJS.ProcessEnv): RemoteSettings | null {
  if (flag === false) return null;
  const fromEnv = env.GAUNTLET_REMOTE_CACHE?.trim() || undefined;
  if (typeof flag === 'string' && hasCredentials(flag)) {
    throw new UsageError('--remote-cache: the URL holds a user:password; give credentials in the environment (GAUNTLET_REMOTE_CACHE or GAUNTLET_REMOTE_CACHE_HEADER)');
  }
  const source = typeof flag === 'string' ? '--remote-cache' : fromEnv !== undefined ? 'GAUNTLET_REMOTE_CACHE' : 'remote_cache.url';
  const text = typeof flag === 'string' ? flag : (fromEnv ?? config.remoteCache?.url);
  if (text === undefined) return null;
  const parsed = parseRemoteUrl(text);
  if (!parsed.ok) throw new UsageError(`${source}: ${parsed.problem}`);
  const headers: Record<string, string> = { ...config.remoteCache?.headers };
  if (parsed.url.authorization !== null) headers.Authorization = parsed.url.authorization;
  const extra = parseHeaderLines(env.GAUNTLET_REMOTE_CACHE_HEADER ?? '');
  if (!extra.ok) throw new UsageError(`GAUNTLET_REMOTE_CACHE_HEADER: ${extra.problem}`);
  Object.assign(headers, extra.headers);
  return {
    url: parsed.url.base,
    headers,
    readOnly: readFlag(env.GAUNTLET_REMOTE_CACHE_READ_ONLY) ?? config.remoteCache?.readOnly ?? false,
    timeoutMs: config.remoteCache?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

const DEFAULT_TIMEOUT_MS = 2_000;

function readFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^(1|true|yes)$/i.test(value.trim())) return true;
  if (/^(0|false|no)$/i.test(value.trim())) return false;
  throw new UsageError(`GAUNTLET_REMOTE_CACHE_READ_ONLY: expected 1 or 0, got "${value.slice(0, 20)}"`);
}
