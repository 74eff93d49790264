import { describe, expect, it } from 'vitest';
import type { RemoteCacheSettings, ResolvedConfig } from '../../protocol/hook.js';
import type { RemoteSettings } from '../../engine/remote/remote-session.js';
import { UsageError } from '../../server/cli/errors.js';
import { resolveRemoteSettings } from '../../server/cli/remote-settings.js';

const CONFIGURED: RemoteCacheSettings = { url: 'http://yaml.example/c', readOnly: false, timeoutMs: 500, headers: { 'X-Team': 'core' } };
const BASIC_CI = `Basic ${Buffer.from('ci:s3cret').toString('base64')}`;

function makeConfig(remoteCache?: RemoteCacheSettings): ResolvedConfig {
  return { path: '/repo/gauntlet.yaml', maxWorkers: null, failFast: false, hooks: [], ...(remoteCache ? { remoteCache } : {}) };
}

type Flag = string | boolean | undefined;

describe('the remote cache a run uses', () => {
  it.each<[string, RemoteCacheSettings | undefined, Flag, NodeJS.ProcessEnv, Partial<RemoteSettings> | null]>([
    ['none anywhere', undefined, undefined, {}, null],
    ['gauntlet.yaml alone', CONFIGURED, undefined, {}, { url: 'http://yaml.example/c', headers: { 'X-Team': 'core' }, readOnly: false, timeoutMs: 500 }],
    ['the environment over gauntlet.yaml', CONFIGURED, undefined, { GAUNTLET_REMOTE_CACHE: 'http://env.example' }, { url: 'http://env.example', timeoutMs: 500 }],
    ['the environment without gauntlet.yaml, at the default timeout', undefined, undefined, { GAUNTLET_REMOTE_CACHE: 'http://env.example/' }, { url: 'http://env.example', headers: {}, readOnly: false, timeoutMs: 2_000 }],
    ['an empty environment variable as unset', CONFIGURED, undefined, { GAUNTLET_REMOTE_CACHE: '  ' }, { url: 'http://yaml.example/c' }],
    ['the flag over the environment and gauntlet.yaml', CONFIGURED, 'http://flag.example', { GAUNTLET_REMOTE_CACHE: 'http://env.example' }, { url: 'http://flag.example' }],
    ['--no-remote-cache over everything', CONFIGURED, false, { GAUNTLET_REMOTE_CACHE: 'http://env.example' }, null],
    ['the flag without a section or variable', undefined, 'https://flag.example:8443/x/', {}, { url: 'https://flag.example:8443/x', timeoutMs: 2_000 }],
  ])('is %s', (_what, configured, flag, env, expected) => {
    const settings = resolveRemoteSettings(makeConfig(configured), flag, env);
    if (expected === null) expect(settings).toBeNull();
    else expect(settings).toMatchObject(expected);
  });

  it.each<[string, RemoteCacheSettings | undefined, string | undefined, boolean]>([
    ['unset, with gauntlet.yaml saying false', CONFIGURED, undefined, false],
    ['unset, with gauntlet.yaml saying true', { ...CONFIGURED, readOnly: true }, undefined, true],
    ['1 over gauntlet.yaml', CONFIGURED, '1', true],
    ['true', undefined, 'true', true],
    ['YES', undefined, 'YES', true],
    ['0 over gauntlet.yaml saying true', { ...CONFIGURED, readOnly: true }, '0', false],
    ['no', { ...CONFIGURED, readOnly: true }, ' no ', false],
    ['empty', { ...CONFIGURED, readOnly: true }, '', true],
  ])('is read-only by GAUNTLET_REMOTE_CACHE_READ_ONLY %s', (_what, configured, value, readOnly) => {
    const env = { GAUNTLET_REMOTE_CACHE: 'http://env.example', GAUNTLET_REMOTE_CACHE_READ_ONLY: value };
    expect(resolveRemoteSettings(makeConfig(configured), undefined, env)?.readOnly).toBe(readOnly);
  });

  it('sends the credentials of GAUNTLET_REMOTE_CACHE as Basic authorization, and shows the URL without them', () => {
    const settings = resolveRemoteSettings(makeConfig(CONFIGURED), undefined, { GAUNTLET_REMOTE_CACHE: 'https://ci:s3cret@cache.example/c' });
    expect(settings).toEqual({ url: 'https://cache.example/c', headers: { 'X-Team': 'core', Authorization: BASIC_CI }, readOnly: false, timeoutMs: 500 });
  });

  it('adds the headers of GAUNTLET_REMOTE_CACHE_HEADER to gauntlet.yaml’s, which they override', () => {
    const env = { GAUNTLET_REMOTE_CACHE_HEADER: 'Authorization: Bearer tok\nX-Team: platform' };
    expect(resolveRemoteSettings(makeConfig(CONFIGURED), undefined, env)?.headers).toEqual({ 'X-Team': 'platform', Authorization: 'Bearer tok' });
  });

  it('lets GAUNTLET_REMOTE_CACHE_HEADER replace the authorization of the URL', () => {
    const env = { GAUNTLET_REMOTE_CACHE: 'http://ci:s3cret@cache.example', GAUNTLET_REMOTE_CACHE_HEADER: 'Authorization: Bearer tok' };
    expect(resolveRemoteSettings(makeConfig(), undefined, env)?.headers).toEqual({ Authorization: 'Bearer tok' });
  });

  it('reads no header variable when no remote cache is used', () => {
    expect(resolveRemoteSettings(makeConfig(), undefined, { GAUNTLET_REMOTE_CACHE_HEADER: 'not a header' })).toBeNull();
    expect(resolveRemoteSettings(makeConfig(CONFIGURED), false, { GAUNTLET_REMOTE_CACHE_READ_ONLY: 'maybe' })).toBeNull();
  });

  it.each<[string, RemoteCacheSettings | undefined, Flag, NodeJS.ProcessEnv, string]>([
    [
      'credentials in the flag',
      undefined,
      'http://ci:s3cret@cache.example',
      {},
      '--remote-cache: the URL holds a user:password; give credentials in the environment (GAUNTLET_REMOTE_CACHE or GAUNTLET_REMOTE_CACHE_HEADER)',
    ],
    ['a flag that is no URL', undefined, 'cache', {}, '--remote-cache: expected an http:// or https:// URL such as http://cache.example:8080/gauntlet'],
    ['a variable of another scheme', CONFIGURED, undefined, { GAUNTLET_REMOTE_CACHE: 'grpc://ci:s3cret@cache.example' }, 'GAUNTLET_REMOTE_CACHE: expected an http:// or https:// URL, not grpc://'],
    [
      'a variable whose password holds a bare "%"',
      undefined,
      undefined,
      { GAUNTLET_REMOTE_CACHE: 'http://ci:50%s3cret@cache.example' },
      'GAUNTLET_REMOTE_CACHE: the user:password holds a "%" that starts no escape',
    ],
    ['a variable with a query', undefined, undefined, { GAUNTLET_REMOTE_CACHE: 'http://cache.example?k=s3cret' }, 'GAUNTLET_REMOTE_CACHE: expected a URL without "?" or "#" parts'],
    ['a header line that is a bare token', CONFIGURED, undefined, { GAUNTLET_REMOTE_CACHE_HEADER: 'Bearer s3cret' }, 'GAUNTLET_REMOTE_CACHE_HEADER: line 1 is not "Name: value"'],
    ['a read-only value it does not know', CONFIGURED, undefined, { GAUNTLET_REMOTE_CACHE_READ_ONLY: 'maybe' }, 'GAUNTLET_REMOTE_CACHE_READ_ONLY: expected 1 or 0, got "maybe"'],
  ])('is a usage error, in one line naming the source, for %s', (_what, configured, flag, env, message) => {
    let error: unknown = null;
    try {
      resolveRemoteSettings(makeConfig(configured), flag, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).not.toContain('s3cret');
  });
});
