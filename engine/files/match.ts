import picomatch from 'picomatch';
import type { Hook } from '../../protocol/hook.js';

/**
 * Dotfiles are ordinary files to a linter; paths are always POSIX inside the engine.
 * No `basename` option: picomatch applies it to every pattern, slashed ones included.
 */
const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, windows: false };

/** Tests a repository-relative POSIX path against a compiled set of globs. */
type PathTest = (path: string, baseName: string) => boolean;

/** What of a hook decides which files it checks. */
type FileSelector = Pick<Hook, 'files' | 'exclude' | 'filesRegex' | 'excludeRegex'>;

/**
 * Compiles include and exclude globs once into a fast predicate. A glob without
 * `/` matches a file's base name anywhere (`*.py`); one with `/` matches the
 * repository-relative path (`src/**\/*.ts`). No include globs means every file;
 * an exclude match always wins.
 */
export function createMatcher(include: readonly string[], exclude: readonly string[]): (path: string) => boolean {
  const isIncluded = include.length === 0 ? () => true : compileGlobs(include);
  const isExcluded = exclude.length === 0 ? () => false : compileGlobs(exclude);
  return (path) => {
    const baseName = path.slice(path.lastIndexOf('/') + 1);
    return isIncluded(path, baseName) && !isExcluded(path, baseName);
  };
}

/**
 * The files, in order, that a hook's `files` and `exclude` globs select, narrowed by its
 * `filesRegex` and `excludeRegex` when set (searched anywhere in the path, as pre-commit does).
 */
export function matchFiles(hook: FileSelector, files: readonly string[]): string[] {
  return files.filter(createFileFilter(hook));
}

/** The test matchFiles applies to each path, compiled once. */
export function createFileFilter(hook: FileSelector): (path: string) => boolean {
  const matches = createMatcher(hook.files, hook.exclude);
  const included = hook.filesRegex === undefined ? null : new RegExp(hook.filesRegex);
  const excluded = hook.excludeRegex === undefined ? null : new RegExp(hook.excludeRegex);
  return (file) => matches(file) && (included === null || included.test(file)) && (excluded === null || !excluded.test(file));
}

function compileGlobs(globs: readonly string[]): PathTest {
  const baseNameRegexes: RegExp[] = [];
  const pathRegexes: RegExp[] = [];
  for (const glob of globs) {
    // `./src/*.ts` means the same as `src/*.ts`; paths never start with `./`.
    const normalized = glob.startsWith('./') ? glob.slice(2) : glob;
    const regex = picomatch.makeRe(normalized, GLOB_OPTIONS);
    if (glob.includes('/')) pathRegexes.push(regex);
    else baseNameRegexes.push(regex);
  }
  return (path, baseName) =>
    baseNameRegexes.some((regex) => regex.test(baseName)) || pathRegexes.some((regex) => regex.test(path));
}
