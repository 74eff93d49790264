import { describe, expect, it } from 'vitest';
import { combineAll, combineAny, translatePythonRegex } from '../../engine/config/import/python-regex.js';
import { regexToShapes } from '../../engine/config/import/regex-shape.js';
import { shapesToGlobs } from '../../engine/config/import/glob-shape.js';
import { createMatcher } from '../../engine/files/match.js';

const PATHS = [
  'a.py', 'setup.py', 'src/setup.py', 'src/b.py', 'src/deep/c.py', 'docs/conf.py', 'docs/index.md', 'tests/test_a.py',
  'README.md', 'X.PY', '.hidden.py', 'srcfoo/x.py', 'vendor/lib.js', 'src/vendor/d.py', 'bin/tool',
];

function translate(pattern: string): string {
  const translated = translatePythonRegex(pattern);
  if (!translated.ok) throw new Error(translated.reason);
  return translated.source;
}

/** What a pattern selects, searched like Python's re.search. */
function select(source: string): string[] {
  const regex = new RegExp(source);
  return PATHS.filter((path) => regex.test(path));
}

/** What the globs written for a pattern select, with gauntlet's glob rules. */
function selectByGlobs(source: string): string[] | null {
  const shapes = regexToShapes(source);
  const globs = shapes === null ? null : shapesToGlobs(shapes);
  if (globs === null) return null;
  const matches = createMatcher(globs === 'all' ? [] : globs, []);
  return PATHS.filter((path) => matches(path));
}

describe('translatePythonRegex', () => {
  it('keeps a plain pattern as it is', () => {
    expect(translate('^src/.*\\.py$')).toBe('^src/.*\\.py$');
  });

  it('drops whitespace and comments of a verbose pattern, as pre-commit configs often write them', () => {
    const source = translate('(?x)^(\n  docs/.*|   # the docs\n  setup\\.py\n)$\n');
    expect(source).toBe('^(docs/.*|setup\\.py)$');
    expect(select(source)).toEqual(['setup.py', 'docs/conf.py', 'docs/index.md']);
  });

  it('keeps whitespace inside a class of a verbose pattern', () => {
    expect(translate('(?x)[ ]a')).toBe('[ ]a');
  });

  it('turns (?i) into letter classes, JavaScript having no inline flags', () => {
    const source = translate('(?i)\\.py$');
    expect(select(source)).toContain('X.PY');
    expect(select(source)).toContain('a.py');
  });

  it('rewrites named groups, \\A and \\Z, and a ] first in a class', () => {
    expect(translate('\\A(?P<dir>src)/[]a]\\Z')).toBe('^(?:src)/[\\]a]$');
  });

  it('drops (?#...) comments', () => {
    expect(translate('^src(?# the sources)/')).toBe('^src/');
  });

  it('refuses what JavaScript cannot do, with a reason', () => {
    expect(translatePythonRegex('(a)\\1')).toEqual({ ok: false, reason: 'backreferences are not supported' });
    expect(translatePythonRegex('(?>a)')).toMatchObject({ ok: false });
    expect(translatePythonRegex('a*+')).toMatchObject({ ok: false });
    const late = translatePythonRegex('a(?i)b');
    expect(late.ok ? '' : late.reason).toMatch(/inline flags/);
    expect(translatePythonRegex('[a')).toMatchObject({ ok: false });
  });

  it('searches anywhere in the path, as re.search does', () => {
    expect(select(translate('setup\\.py'))).toEqual(['setup.py', 'src/setup.py']);
  });
});

describe('combining patterns', () => {
  it('requires every pattern of combineAll, each searched anywhere', () => {
    const both = combineAll(['^src/', '\\.py$', 'deep']) ?? '';
    expect(select(both)).toEqual(['src/deep/c.py']);
    expect(combineAll(['', 'x'])).toBe('x');
    expect(combineAll([])).toBeUndefined();
  });

  it('accepts any pattern of combineAny', () => {
    expect(select(combineAny(['^docs/', '^tests/']) ?? '')).toEqual(['docs/conf.py', 'docs/index.md', 'tests/test_a.py']);
  });
});

describe('writing regexes as globs', () => {
  const cases = [
    '\\.py$',
    '^src/',
    '^src/.*\\.py$',
    '^(src|tests)/',
    '^(docs/.*|setup\\.py)$',
    '^setup\\.py$',
    '(^|/)setup\\.py$',
    '.*\\.md$',
    '^src',
    'vendor/',
    '^src/[^/]*\\.py$',
    '^docs/.+',
    '^(a|src/b)\\.py$',
  ];
  for (const pattern of cases) {
    it(`selects the same files with globs as with the regex ${pattern}`, () => {
      const source = translate(pattern);
      expect(selectByGlobs(source)).toEqual(select(source));
    });
  }

  it('writes base-name globs for extensions and folder globs for prefixes', () => {
    expect(shapesToGlobs(regexToShapes('\\.py$') ?? [])).toEqual(['*.py']);
    expect(shapesToGlobs(regexToShapes('^(src|tests)/') ?? [])).toEqual(['src/**', 'tests/**']);
    expect(shapesToGlobs(regexToShapes('^setup\\.py$') ?? [])).toEqual(['./setup.py']);
    expect(shapesToGlobs(regexToShapes('^src/.*\\.py$') ?? [])).toEqual(['src/**/*.py']);
  });

  it('gives up on what globs cannot say', () => {
    expect(regexToShapes('^src/(?!vendor)')).toBeNull();
    expect(regexToShapes('\\d+\\.py$')).toBeNull();
    expect(regexToShapes('^a?b')).toBeNull();
  });
});
