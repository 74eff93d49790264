import { describe, expect, it } from 'vitest';
import { buildPygrep } from '../../engine/config/import/pre-commit-pygrep.js';
import { PYGREP_CASES, printCase } from '../helpers/pygrep-cases.js';

describe('pygrep', () => {
  it.each(PYGREP_CASES)('$name', ({ entry, args, content, printed }) => {
    expect(printCase(entry, args ?? [], 'f.txt', Buffer.from(content))).toBe(printed);
  });

  it.each([
    { entry: '(?>a)b', reason: 'atomic groups are not supported' },
    { entry: 'a++', reason: 'possessive quantifiers are not supported' },
    { entry: 'a(?i:b)', reason: 'inline flags are only supported at the start of the pattern' },
    { entry: '(a', reason: 'Unterminated group' },
  ])('refuses the Python regex $entry, saying why', ({ entry, reason }) => {
    const built = buildPygrep(entry, []);
    expect(built).toEqual({ ok: false, field: 'entry', reason: expect.stringContaining(reason) as string });
  });

  it('refuses an argument pygrep does not take', () => {
    expect(buildPygrep('x', ['--count'])).toEqual({ ok: false, field: 'args', reason: 'pygrep takes only -i/--ignore-case, --multiline and --negate, not "--count"' });
  });
});
