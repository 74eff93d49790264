import { createMatcher } from '../../files/match.js';
import type { ShapeGlobs } from './glob-shape.js';
import type { GlobSet, ImportedHook, PathTest } from './imported-hook.js';

/** A hook's file selection as gauntlet.yaml globs, and what the globs could not say. */
export interface HookGlobs {
  /** Empty: every file. */
  files: string[];
  exclude: string[];
  /** One line per condition left out, each naming it (`files: ^src/(?!vendor)`). */
  problems: string[];
}

const GLOB_CHARS = /[*?[\]{}()!+@\\]/;

/**
 * Writes an imported hook's conditions (all of `include`, none of `exclude`) as `files` and
 * `exclude` globs. Conditions globs cannot say are left out, and named in `problems`: the
 * hook then sees more files than the source tool would give it, never fewer.
 */
export function writeHookGlobs(hook: Pick<ImportedHook, 'include' | 'exclude'>): HookGlobs {
  const problems: string[] = [];
  let files: ShapeGlobs = 'all';
  const exclude: string[] = [];
  for (const test of hook.include) {
    if (test.regex === '') continue;
    if (test.globs === null) {
      problems.push(`${describe(test)}: no glob says the same; this hook may get more files than before`);
      continue;
    }
    const combined = intersect(files, test.globs.files);
    if (combined === null) {
      problems.push(`${describe(test)}: cannot be combined with the other file conditions as globs; left out`);
      continue;
    }
    files = combined;
    exclude.push(...test.globs.exclude);
  }
  for (const test of hook.exclude) {
    const globs: GlobSet | null = test.globs;
    if (globs === null || globs.files === 'all') {
      problems.push(`${describe(test)}: no glob says the same; those files are not excluded`);
      continue;
    }
    exclude.push(...globs.files);
  }
  return { files: files === 'all' ? [] : unique(files), exclude: unique(exclude), problems };
}

function describe(test: PathTest): string {
  return test.origin === '' ? 'a file condition' : test.origin;
}

/** Globs for the paths both lists select, when globs can say that. */
function intersect(a: ShapeGlobs, b: ShapeGlobs): ShapeGlobs | null {
  if (a === 'all') return b;
  if (b === 'all') return a;
  if (sameSet(a, b)) return a;
  if (a.every(isLiteralPath)) {
    const matches = createMatcher(b, []);
    const kept = a.filter((path) => matches(stripDot(path)));
    // No globs would mean every file: an empty intersection cannot be written.
    return kept.length > 0 ? kept : null;
  }
  if (b.every(isLiteralPath)) return intersect(b, a);
  const names = a.every(isBaseNameGlob) ? a : b.every(isBaseNameGlob) ? b : null;
  const folders = names === a ? b : a;
  if (names === null || !folders.every((glob) => glob.endsWith('/**'))) return null;
  return folders.flatMap((folder) => names.map((name) => `${folder}/${name}`));
}

function isLiteralPath(glob: string): boolean {
  return glob.includes('/') && !GLOB_CHARS.test(glob);
}

function isBaseNameGlob(glob: string): boolean {
  return !glob.includes('/');
}

function stripDot(path: string): string {
  return path.startsWith('./') ? path.slice(2) : path;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((glob) => b.includes(glob));
}

function unique(globs: readonly string[]): string[] {
  return [...new Set(globs)];
}
