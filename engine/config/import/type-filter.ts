import { filenameTagGlobs, filenameTagRegex } from './file-types.js';
import type { FileFacts } from './identify-files.js';
import type { GlobSet, PathTest } from './imported-hook.js';
import { pathToGlob } from './glob-shape.js';
import { combineAny, escapeRegex } from './python-regex.js';

/** The regex that no path matches. */
const NEVER = '(?!)';

/**
 * The paths that carry an identify tag, as pre-commit's `types` sees them: from the name
 * (extension or file name), plus what `facts` found in the files themselves (symlinks,
 * executable bits, `#!` lines, binary content). Exact for the files `facts` looked at.
 */
export function tagTest(tag: string, facts: FileFacts): PathTest {
  const origin = tag;
  const symlinks = [...facts.symlinks];
  const withoutSymlinks = listRegex(symlinks, true);
  switch (tag) {
    case 'file':
      return { regex: withoutSymlinks, globs: { files: 'all', exclude: symlinks.map(pathToGlob) }, origin };
    case 'symlink':
      return listTest(symlinks, origin);
    case 'directory':
    case 'socket':
      return { regex: NEVER, globs: null, origin };
    case 'executable':
      return listTest([...facts.executables], origin);
    case 'non-executable': {
      const left = [...symlinks, ...facts.executables];
      return { regex: listRegex(left, true), globs: { files: 'all', exclude: left.map(pathToGlob) }, origin };
    }
    case 'text': {
      const left = [...symlinks, ...facts.binaryContent];
      const binary = filenameTagRegex('binary') ?? NEVER;
      return {
        regex: `${listRegex(left, true) || '^'}(?![\\s\\S]*?(?:${binary}))`,
        globs: { files: 'all', exclude: [...left.map(pathToGlob), ...filenameTagGlobs('binary')] },
        origin,
      };
    }
    default: {
      const extra = tag === 'binary' ? [...facts.binaryContent] : [...facts.interpreterTags].filter(([, tags]) => tags.includes(tag)).map(([path]) => path);
      const byName = filenameTagRegex(tag);
      const alternatives = [...(extra.length > 0 ? [listRegex(extra, false)] : []), ...(byName === null ? [] : [`[\\s\\S]*?(?:${byName})`])];
      if (alternatives.length === 0) return { regex: NEVER, globs: null, origin };
      const regex = `${withoutSymlinks || '^'}(?:${alternatives.join('|')})`;
      return { regex, globs: { files: [...filenameTagGlobs(tag), ...extra.map(pathToGlob)], exclude: symlinks.map(pathToGlob) }, origin };
    }
  }
}

/** One test that holds when any of `tests` does (pre-commit's `types_or`). */
export function anyTest(tests: readonly PathTest[], origin: string): PathTest {
  const regexes = tests.map((test) => (test.regex === '' ? '[\\s\\S]*' : test.regex));
  return { regex: combineAny(regexes) ?? NEVER, globs: unionGlobs(tests.map((test) => test.globs)), origin };
}

/** Globs for the union of some sets; a path left out by one set is left out only if every set leaves it out. */
function unionGlobs(sets: readonly (GlobSet | null)[]): GlobSet | null {
  if (sets.some((set) => set === null)) return null;
  const present = sets as GlobSet[];
  const files = present.some((set) => set.files === 'all') ? 'all' : [...new Set(present.flatMap((set) => set.files as string[]))];
  const exclude = present[0]?.exclude.filter((glob) => present.every((set) => set.exclude.includes(glob))) ?? [];
  return { files, exclude };
}

/** `^(?:a|b)$`, or with `negate` a prefix that holds for every other path ('' when the list is empty). */
function listRegex(paths: readonly string[], negate: boolean): string {
  if (paths.length === 0) return negate ? '' : NEVER;
  const list = `(?:${paths.map(escapeRegex).join('|')})$`;
  return negate ? `^(?!${list})` : `^${list}`;
}

function listTest(paths: readonly string[], origin: string): PathTest {
  return { regex: listRegex(paths, false), globs: paths.length === 0 ? null : { files: paths.map(pathToGlob), exclude: [] }, origin };
}
