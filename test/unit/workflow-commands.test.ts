import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, formatCommand, formatLogLine } from '../../server/cli/workflow-commands.js';

/** How the runner reads a `::name k=v,...::data` line back (actions/runner, ActionCommand.TryParseV2), for round trips. */
function parseCommand(line: string): { name: string; properties: Record<string, string>; data: string } | null {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith('::')) return null;
  const end = trimmed.indexOf('::', 2);
  if (end < 0) return null;
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const equals = pair.indexOf('=');
      if (equals > 0) properties[pair.slice(0, equals)] = unescape(pair.slice(equals + 1), true);
    }
  }
  return { name, properties, data: unescape(trimmed.slice(end + 2), false) };
}

/** The runner's unescaping, in its order: `%25` last, so `%253A` stays `%3A`. */
function unescape(text: string, property: boolean): string {
  let out = text.replaceAll('%0D', '\r').replaceAll('%0A', '\n');
  if (property) out = out.replaceAll('%3A', ':').replaceAll('%2C', ',');
  return out.replaceAll('%25', '%');
}

describe('workflow command escaping, as GitHub\'s toolkit escapes', () => {
  it.each([
    ['plain text', 'plain text', 'plain text'],
    ['100% sure', '100%25 sure', '100%25 sure'],
    ['two\nlines', 'two%0Alines', 'two%0Alines'],
    ['crlf\r\nend', 'crlf%0D%0Aend', 'crlf%0D%0Aend'],
    ['a: b, c', 'a: b, c', 'a%3A b%2C c'],
    ['%0A is not a newline', '%250A is not a newline', '%250A is not a newline'],
    ['::error::x', '::error::x', '%3A%3Aerror%3A%3Ax'],
    ['ünï ✓', 'ünï ✓', 'ünï ✓'],
  ])('writes %j as data %j and as a property %j', (text, data, property) => {
    expect(escapeCommandData(text)).toBe(data);
    expect(escapeCommandProperty(text)).toBe(property);
  });

  it.each([
    'a,b:c.py',
    'x%2Cy%3A.py',
    'line\nbreak',
    'trailing %',
    ':: leading',
  ])('reads back the property and data %j as they were', (text) => {
    const line = formatCommand('error', [['file', text], ['title', text]], text);
    expect(parseCommand(line)).toEqual({ name: 'error', properties: { file: text, title: text }, data: text });
  });

  it('writes properties in order and leaves out those without a value', () => {
    expect(formatCommand('warning', [['file', 'a.py'], ['line', 3], ['col', undefined], ['title', 'hook: X']], 'msg')).toBe(
      '::warning file=a.py,line=3,title=hook%3A X::msg',
    );
    expect(formatCommand('endgroup', [], '')).toBe('::endgroup::');
  });
});

describe('plain log lines', () => {
  it.each([
    ['  - a.py:1 error bad', '  - a.py:1 error bad'],
    ['::error::injected', '\\::error::injected'],
    ['   ::add-mask::x', '\\   ::add-mask::x'],
    ['  | text ##[add-mask]secret', '  | text ##\\[add-mask]secret'],
    ['two\nlines', 'two\\nlines'],
    ['esc \u001b]0;title\u0007 here', 'esc \\x1b]0;title\\x07 here'],
  ])('writes %j as %j, which the runner reads as no command', (text, line) => {
    const written = formatLogLine(text);
    expect(written).toBe(line);
    expect(parseCommand(written)).toBeNull();
    expect(written).not.toContain('##[');
    expect(written).not.toContain('\n');
  });
});
