import { describe, expect, it } from 'vitest';
import { checkHeader, hasCredentials, parseHeaderLines, parseRemoteUrl } from '../../engine/remote/remote-url.js';

/** `Basic` credentials as a client sends them. */
function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('a remote cache URL', () => {
  it.each<[string, string, string | null]>([
    ['http://cache.example:8080/gauntlet', 'http://cache.example:8080/gauntlet', null],
    ['https://cache.example/', 'https://cache.example', null],
    ['http://cache.example', 'http://cache.example', null],
    ['  http://cache.example/a/b//  ', 'http://cache.example/a/b', null],
    ['HTTP://Cache.Example:80/x', 'http://cache.example/x', null],
    ['http://127.0.0.1:9090', 'http://127.0.0.1:9090', null],
    ['http://[::1]:9090/c', 'http://[::1]:9090/c', null],
    ['http://ci:s3cret@cache.example/c', 'http://cache.example/c', basic('ci', 's3cret')],
    ['http://token@cache.example', 'http://cache.example', basic('token', '')],
    ['http://:only-password@cache.example', 'http://cache.example', basic('', 'only-password')],
    ['http://us%40er:p%3Ass%2Fw@cache.example', 'http://cache.example', basic('us@er', 'p:ss/w')],
  ])('reads %s as the base %s, credentials taken out', (text, base, authorization) => {
    expect(parseRemoteUrl(text)).toEqual({ ok: true, url: { base, authorization } });
  });

  it.each<[string, string]>([
    ['', 'expected an http:// or https:// URL such as http://cache.example:8080/gauntlet'],
    ['cache.example:8080', 'expected an http:// or https:// URL, not cache.example://'],
    ['/srv/cache', 'expected an http:// or https:// URL such as http://cache.example:8080/gauntlet'],
    ['grpc://cache.example:9092', 'expected an http:// or https:// URL, not grpc://'],
    ['file:///srv/cache', 'expected an http:// or https:// URL, not file://'],
    ['ftp://user:s3cret@cache.example', 'expected an http:// or https:// URL, not ftp://'],
    ['http://cache.example/?token=s3cret', 'expected a URL without "?" or "#" parts'],
    ['http://cache.example/c#part', 'expected a URL without "?" or "#" parts'],
    ['http://cache.example:99999', 'expected an http:// or https:// URL such as http://cache.example:8080/gauntlet'],
    ['http://ci:100%s3cret@cache.example', 'the user:password holds a "%" that starts no escape such as %40 (write "%" itself as %25)'],
    ['http://c%i:s3cret@cache.example', 'the user:password holds a "%" that starts no escape such as %40 (write "%" itself as %25)'],
  ])('refuses "%s" in one line that does not repeat it', (text, problem) => {
    expect(parseRemoteUrl(text)).toEqual({ ok: false, problem });
    if (text.includes('s3cret')) expect(problem).not.toContain('s3cret');
  });

  it.each<[string, boolean]>([
    ['http://cache.example', false],
    ['http://ci:s3cret@cache.example', true],
    ['http://token@cache.example', true],
    ['https://:pw@cache.example', true],
    ['  http://a:b@cache.example  ', true],
    ['not a url at all', false],
    ['http://cache.example/user:pw@path', false],
  ])('tells whether %s holds credentials: %s', (text, expected) => {
    expect(hasCredentials(text)).toBe(expected);
  });
});

describe('header lines from GAUNTLET_REMOTE_CACHE_HEADER', () => {
  it.each<[string, string, Record<string, string>]>([
    ['nothing', '', {}],
    ['blank lines', '\n  \n', {}],
    ['one header', 'Authorization: Bearer abc', { Authorization: 'Bearer abc' }],
    ['spaces around name and value', '  X-Team :  core  ', { 'X-Team': 'core' }],
    ['a value holding colons', 'X-When: 12:30:00', { 'X-When': '12:30:00' }],
    ['an empty value', 'X-Empty:', { 'X-Empty': '' }],
    ['lines of their own, CRLF too', 'A: 1\r\nB: 2\n\nC: 3', { A: '1', B: '2', C: '3' }],
    ['a header given twice, the last one kept', 'A: 1\nA: 2', { A: '2' }],
  ])('reads %s', (_what, text, headers) => {
    expect(parseHeaderLines(text)).toEqual({ ok: true, headers });
  });

  it.each<[string, string, number]>([
    ['a name with a space', 'X Token: abc', 1],
    ['an empty name', 'A: 1\n: abc', 2],
    ['a name with a slash', 'A: 1\n\nX/Token: abc', 3],
    ['a bare token', 'Bearer s3cretTokenValue', 1],
    ['a value without its name', 'A: 1\nBasic czNjcmV0OnMzY3JldA==', 2],
    ['a value with a colon, without its name', 'Bearer s3cret:Token', 1],
  ])('refuses a line with %s, naming it by number and never showing its text', (_what, text, line) => {
    const parsed = parseHeaderLines(text);
    expect(parsed).toEqual({ ok: false, problem: `line ${line} is not "Name: value" (a header name, a colon, then its value)` });
    for (const word of text.split(/[\s:]+/)) if (word.length > 1) expect(JSON.stringify(parsed)).not.toContain(word);
  });
});

describe('a header as configured', () => {
  it.each<[string, string, string | null]>([
    ['X-Team', 'core', null],
    ['X-Empty', '', null],
    ['X Team', 'core', '"X Team" is not a valid header name'],
    ['X-Team:', 'core', '"X-Team:" is not a valid header name'],
    ['X-Team', 'core\r\nX-Other: 1', 'the value of "X-Team" holds a line break'],
    ['X-Team', 'core\n', 'the value of "X-Team" holds a line break'],
    ['X-Team', 'a\0b', 'the value of "X-Team" holds a line break'],
  ])('%s: %s gives %s', (name, value, problem) => {
    expect(checkHeader(name, value)).toBe(problem);
  });
});
