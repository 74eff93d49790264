import type { RemoteCacheConfigSchema } from '../../protocol/config.js';
import type { RemoteCacheSettings } from '../../protocol/hook.js';
import { CREDENTIAL_HEADERS, checkHeader, hasCredentials, parseRemoteUrl } from '../remote/remote-url.js';
import type * as z from 'zod/mini';

type FieldPath = readonly PropertyKey[];
type Fail = (path: FieldPath, detail: string, key?: PropertyKey) => never;

/**
 * `remote_cache:` checked beyond its schema. gauntlet.yaml is committed: credentials in it would
 * be shared with everyone who reads the repository, so they come only from the environment.
 */
export function resolveRemoteCache(config: z.output<typeof RemoteCacheConfigSchema>, at: FieldPath, fail: Fail): RemoteCacheSettings {
  if (hasCredentials(config.url)) {
    fail([...at, 'url'], 'holds a user:password; give credentials only in the environment (GAUNTLET_REMOTE_CACHE or GAUNTLET_REMOTE_CACHE_HEADER)');
  }
  const parsed = parseRemoteUrl(config.url);
  if (!parsed.ok) fail([...at, 'url'], parsed.problem);
  for (const [name, value] of Object.entries(config.headers)) {
    if (CREDENTIAL_HEADERS.has(name.toLowerCase())) {
      fail([...at, 'headers'], `"${name}" carries credentials; set it in the environment instead (GAUNTLET_REMOTE_CACHE_HEADER="${name}: ...")`, name);
    }
    const problem = checkHeader(name, value);
    if (problem !== null) fail([...at, 'headers'], problem, name);
  }
  return { url: parsed.url.base, readOnly: config.read_only, timeoutMs: config.timeout_ms, headers: config.headers };
}
