/** A remote cache's base URL, checked; credentials taken out of it. */
export interface RemoteUrl {
  /** http(s)://host:port/prefix, without credentials, query or fragment, without a trailing slash. */
  base: string;
  /** `Basic …` from a `user:password@` in the URL; null without one. */
  authorization: string | null;
}

/**
 * Variables that may carry a remote cache's credentials: gauntlet reads them, and hands them to no
 * hook it runs (a tool that prints its environment would put them in the output and the report).
 */
export const CREDENTIAL_VARIABLES: readonly string[] = ['GAUNTLET_REMOTE_CACHE', 'GAUNTLET_REMOTE_CACHE_HEADER'];

/** Header names that carry credentials: never read from gauntlet.yaml, never printed. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks a remote cache URL; a problem is one line, without the URL's credentials. */
export function parseRemoteUrl(text: string): { ok: true; url: RemoteUrl } | { ok: false; problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'expected an http:// or https:// URL such as http://cache.example:8080/gauntlet' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: `expected an http:// or https:// URL, not ${url.protocol}//` };
  if (url.search !== '' || url.hash !== '') return { ok: false, problem: 'expected a URL without "?" or "#" parts' };
  let authorization: string | null = null;
  if (url.username !== '' || url.password !== '') {
    const credentials = decodeCredentials(url);
    if (credentials === null) return { ok: false, problem: 'the user:password holds a "%" that starts no escape such as %40 (write "%" itself as %25)' };
    authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  url.username = '';
  url.password = '';
  return { ok: true, url: { base: url.href.replace(/\/+$/, ''), authorization } };
}

/** `user:password` as written in the URL, percent-escapes decoded; null when one is malformed. */
function decodeCredentials(url: URL): string | null {
  try {
    return `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    return null;
  }
}

/** Whether a URL as written holds a `user:password@`. */
export function hasCredentials(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/**
 * `Name: value` lines (GAUNTLET_REMOTE_CACHE_HEADER holds one, or several on lines of their own),
 * as headers; a problem names the line by its number, never by its text: a line that is not
 * `Name: value` may well be a bare token, or a value with a colon in it.
 */
export function parseHeaderLines(text: string): { ok: true; headers: Record<string, string> } | { ok: false; problem: string } {
  const headers: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).trim();
    if (colon < 0 || !TOKEN.test(name)) return { ok: false, problem: `line ${index + 1} is not "Name: value" (a header name, a colon, then its value)` };
    headers[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, headers };
}

/** Why a header may not be sent as configured; null when it may. */
export function checkHeader(name: string, value: string): string | null {
  if (!TOKEN.test(name)) return `"${name}" is not a valid header name`;
  if (/[\r\n\0]/.test(value)) return `the value of "${name}" holds a line break`;
  return null;
}
