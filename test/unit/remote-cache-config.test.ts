import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/load-config.js';
import { useConfigFiles } from '../helpers/config-files.js';

const { writeConfig, loadFailure } = useConfigFiles();

const HOOKS = ['hooks:', '  - name: lint', '    command: flake8'];
const CREDENTIALS_IN_URL = 'holds a user:password; give credentials only in the environment (GAUNTLET_REMOTE_CACHE or GAUNTLET_REMOTE_CACHE_HEADER)';

/** remote_cache lines: a URL, then `headers:` with these lines. */
function withHeaders(...lines: string[]): string[] {
  return ['  url: http://cache.example', '  headers:', ...lines];
}

/** A row refusing header `name` (after `before`), with the message naming it at its line. */
function refuseHeader(what: string, name: string, value: string, before: string[] = []): [string, string[], string] {
  const detail = `"${name}" carries credentials; set it in the environment instead (GAUNTLET_REMOTE_CACHE_HEADER="${name}: ...")`;
  return [what, withHeaders(...before, `    ${name}: ${value}`), `gauntlet.yaml:${7 + before.length}:5: remote_cache.headers: ${detail}`];
}

describe('remote_cache in gauntlet.yaml', () => {
  it('takes the defaults: read and write, 2 s per request, no headers', async () => {
    const config = await loadConfig(await writeConfig(...HOOKS, 'remote_cache:', '  url: http://cache.example:8080/gauntlet/'));
    expect(config.remoteCache).toEqual({ url: 'http://cache.example:8080/gauntlet', readOnly: false, timeoutMs: 2_000, headers: {} });
  });

  it('takes every setting as written', async () => {
    const config = await loadConfig(
      await writeConfig(...HOOKS, 'remote_cache:', '  url: https://cache.example', '  read_only: true', '  timeout_ms: 300', '  headers:', '    X-Team: core'),
    );
    expect(config.remoteCache).toEqual({ url: 'https://cache.example', readOnly: true, timeoutMs: 300, headers: { 'X-Team': 'core' } });
  });

  it('has no remote cache without the section', async () => {
    expect((await loadConfig(await writeConfig(...HOOKS))).remoteCache).toBeUndefined();
  });

  it.each<[string, string[], string]>([
    ['a user:password in the URL', ['  url: http://ci:hunter2@cache.example'], `gauntlet.yaml:5:8: remote_cache.url: ${CREDENTIALS_IN_URL}`],
    ['a token as the URL’s user', ['  url: https://hunter2@cache.example'], `gauntlet.yaml:5:8: remote_cache.url: ${CREDENTIALS_IN_URL}`],
    refuseHeader('an Authorization header', 'Authorization', 'Bearer hunter2'),
    refuseHeader('a proxy-authorization header in lower case', 'proxy-authorization', 'Basic aHVudGVyMg=='),
    refuseHeader('a Cookie header', 'Cookie', 'session=hunter2', ['    X-Team: core']),
  ])('refuses %s in one line naming the field, never the secret', async (_what, lines, message) => {
    const failure = await loadFailure(...HOOKS, 'remote_cache:', ...lines);
    expect(failure).toBe(message);
    expect(failure).not.toContain('hunter2');
    expect(failure).not.toContain('aHVudGVyMg');
  });

  it.each<[string, string[], string]>([
    ['another scheme', ['  url: grpc://cache.example:9092'], 'gauntlet.yaml:5:8: remote_cache.url: expected an http:// or https:// URL, not grpc://'],
    ['a query', ['  url: http://cache.example/?x=1'], 'gauntlet.yaml:5:8: remote_cache.url: expected a URL without "?" or "#" parts'],
    ['an empty URL', ['  url: " "'], 'gauntlet.yaml:5:8: remote_cache.url: expected an http:// or https:// URL'],
    ['no URL', ['  read_only: true'], 'gauntlet.yaml:5:3: remote_cache.url: required field is missing'],
    ['a timeout of zero', ['  url: http://cache.example', '  timeout_ms: 0'], 'gauntlet.yaml:6:15: remote_cache.timeout_ms: expected a positive whole number of milliseconds'],
    ['a key it does not know', ['  url: http://cache.example', '  readonly: true'], 'gauntlet.yaml:6:3: remote_cache: unknown field "readonly" (did you mean "read_only"?)'],
    ['a header name with a space', withHeaders('    "X Team": core'), 'gauntlet.yaml:7:5: remote_cache.headers: "X Team" is not a valid header name'],
    ['a header value with a line break', withHeaders('    X-Team: "core\\r\\nX-Other: 1"'), 'gauntlet.yaml:7:5: remote_cache.headers: the value of "X-Team" holds a line break'],
  ])('refuses %s in one line naming the field', async (_what, lines, message) => {
    expect(await loadFailure(...HOOKS, 'remote_cache:', ...lines)).toBe(message);
  });

  it('takes version_command as a string or a list of words', async () => {
    const config = await loadConfig(
      await writeConfig('hooks:', '  - name: a', '    command: flake8', '    version_command: flake8 --version', '  - name: b', '    command: x', '    version_command: [x, "-V x"]'),
    );
    expect(config.hooks.map((hook) => hook.versionArgv)).toEqual([
      ['flake8', '--version'],
      ['x', '-V x'],
    ]);
  });
});
