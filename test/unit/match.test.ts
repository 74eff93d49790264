import { describe, expect, it } from 'vitest';
import { createMatcher, matchFiles } from '../../engine/files/match.js';

describe('createMatcher', () => {
  it('matches every file when there are no include globs', () => {
    const matches = createMatcher([], []);
    expect(['a.py', 'src/deep/b.ts', '.env'].every(matches)).toBe(true);
  });

  it('matches a glob without a slash against the base name at any depth', () => {
    const matches = createMatcher(['*.py'], []);
    expect(matches('setup.py')).toBe(true);
    expect(matches('pkg/sub/mod.py')).toBe(true);
    expect(matches('pkg/sub/mod.pyc')).toBe(false);
    expect(matches('py/readme.md')).toBe(false);
  });

  it('matches a plain file name anywhere in the tree', () => {
    const matches = createMatcher(['Dockerfile'], []);
    expect(matches('Dockerfile')).toBe(true);
    expect(matches('services/api/Dockerfile')).toBe(true);
    expect(matches('services/api/Dockerfile.dev')).toBe(false);
  });

  it('matches a glob with a slash against the whole repository-relative path', () => {
    const matches = createMatcher(['src/**/*.ts'], []);
    expect(matches('src/a.ts')).toBe(true);
    expect(matches('src/deep/er/b.ts')).toBe(true);
    expect(matches('lib/src/b.ts')).toBe(false);
    expect(matches('b.ts')).toBe(false);
  });

  it('lets a single-star path glob cover one directory level only', () => {
    const matches = createMatcher(['docs/*.md'], []);
    expect(matches('docs/index.md')).toBe(true);
    expect(matches('docs/guide/intro.md')).toBe(false);
  });

  it('treats a leading ./ as the repository root', () => {
    const matches = createMatcher(['./setup.py'], []);
    expect(matches('setup.py')).toBe(true);
    expect(matches('pkg/setup.py')).toBe(false);
  });

  it('lets an exclude glob win over an include glob', () => {
    const matches = createMatcher(['*.ts'], ['*.d.ts', 'vendor/**']);
    expect(matches('src/a.ts')).toBe(true);
    expect(matches('src/types.d.ts')).toBe(false);
    expect(matches('vendor/lib/x.ts')).toBe(false);
  });

  it('excludes from every file when there are no include globs', () => {
    const matches = createMatcher([], ['**/generated/**']);
    expect(matches('src/a.ts')).toBe(true);
    expect(matches('src/generated/a.ts')).toBe(false);
  });

  it('matches dotfiles and files inside dot directories', () => {
    expect(createMatcher(['*.js'], [])('.eslintrc.js')).toBe(true);
    expect(createMatcher(['*.yml'], [])('.github/workflows/ci.yml')).toBe(true);
    expect(createMatcher(['.github/**'], [])('.github/workflows/ci.yml')).toBe(true);
    expect(createMatcher(['**/*.json'], [])('.vscode/settings.json')).toBe(true);
  });

  it('expands braces in both kinds of glob', () => {
    const byName = createMatcher(['*.{js,mjs,cjs}'], []);
    expect(['a.js', 'lib/b.mjs', 'c.cjs'].every(byName)).toBe(true);
    expect(byName('d.ts')).toBe(false);
    const byPath = createMatcher(['{src,test}/**/*.ts'], []);
    expect(byPath('src/a.ts')).toBe(true);
    expect(byPath('test/unit/b.ts')).toBe(true);
    expect(byPath('docs/c.ts')).toBe(false);
  });

  it('lets a leading ** match files at the root too', () => {
    const matches = createMatcher(['**/*.rs'], []);
    expect(matches('main.rs')).toBe(true);
    expect(matches('crates/core/src/lib.rs')).toBe(true);
  });

  it('matches when any one of several include globs does', () => {
    const matches = createMatcher(['*.py', 'scripts/*'], []);
    expect(matches('a/b.py')).toBe(true);
    expect(matches('scripts/deploy')).toBe(true);
    expect(matches('bin/deploy')).toBe(false);
  });
});

describe('matchFiles', () => {
  it('keeps the matching files in their original order', () => {
    const files = ['z.py', 'src/a.ts', 'b.py', 'vendor/c.py', '.hidden.py'];
    expect(matchFiles({ files: ['*.py'], exclude: ['vendor/**'] }, files)).toEqual(['z.py', 'b.py', '.hidden.py']);
  });

  it('returns every file for a hook without globs', () => {
    const files = ['a', 'b/c'];
    expect(matchFiles({ files: [], exclude: [] }, files)).toEqual(files);
  });
});
