import type { FileStamp } from '../../protocol/hash.js';
import type { Hook } from '../../protocol/hook.js';
import { computeFileKey, computeHookKey, computeProjectKey } from '../cache/keys.js';
import { identifyTool } from '../cache/tool-identity.js';
import { createFileFilter, matchFiles } from '../files/match.js';
import type { NonUtf8File } from '../files/non-utf8.js';
import type { CacheEntry } from '../store/cache-data.js';
import type { ResultCache } from '../store/result-cache.js';
import { traceMark } from '../trace.js';

/** What one hook has to do in a run, once its files are matched and looked up in the cache. */
export interface HookWork {
  hook: Hook;
  /** Every file of the run the hook matches. */
  files: string[];
  /**
   * Files of the run it matches whose names are not UTF-8, as shown (`a\xff.txt`): a hook that is
   * given files cannot be given these, so it ends as an error. Empty for a project-level hook.
   */
  nonUtf8: string[];
  /** Why it does not run at all; null when it does. */
  skipReason: string | null;
  /** Results taken from the cache, by file ('' for a project-level hook's single result). */
  cached: Map<string, CacheEntry>;
  /** Files it must run on (file-level hooks), in order. */
  toRun: string[];
  /** A project-level (or file-less) invocation is needed. */
  runWhole: boolean;
  /** The key under which each file's result is stored; absent for files that cannot be cached. */
  fileKeys: Map<string, string>;
  /** The key of a project-level result; null when it cannot be cached. */
  projectKey: string | null;
  /**
   * Content hash, as planned, of each file the hook's verdict depends on: the files it
   * runs on, or for a project-level hook every file it covers. After the hook ran they
   * are compared again: a fixer's changes are measured against them, and a file edited
   * meanwhile gets no cache entry (the verdict may be about content it no longer has).
   */
  hashes: Map<string, string>;
}

export interface PhaseInput {
  root: string;
  hooks: Hook[];
  candidates: string[];
  /** Every file of the repository: what a project-level hook's key covers. */
  allFiles: string[];
  /** Candidates, then files of the repository, whose names are not UTF-8 (never hashed nor passed). */
  nonUtf8: readonly NonUtf8File[];
  allNonUtf8: readonly NonUtf8File[];
  cache: ResultCache;
  /** False with --no-cache: nothing is read from the cache, everything is stored. */
  readCache: boolean;
  stamp: (paths: Iterable<string>) => Promise<Map<string, FileStamp | null>>;
}

/** Matches, hashes and looks up every hook of a phase; decides what is left to run. */
export async function planPhase(input: PhaseInput): Promise<HookWork[]> {
  const matched = input.hooks.map((hook) => matchFiles(hook, input.candidates));
  // A project-level hook checks the whole project, whatever the selection: its key covers every file it matches.
  const covered = input.hooks.map((hook, index) =>
    hook.passFiles || input.allFiles === input.candidates ? (matched[index] ?? []) : matchFiles(hook, input.allFiles),
  );
  const wanted = new Set<string>();
  input.hooks.forEach((hook, index) => {
    for (const file of covered[index] ?? []) wanted.add(file);
    for (const file of hook.cacheInputs) wanted.add(file);
  });
  const [stamps, tools] = await Promise.all([
    input.stamp(wanted),
    Promise.all(input.hooks.map((hook) => identifyTool(hook.argv[0] ?? '', input.root, hook.env.PATH ?? process.env.PATH))),
  ]);
  traceMark(`stamped ${wanted.size} files`);
  return input.hooks.map((hook, index) => {
    const inputs = hook.cacheInputs.map((file) => [file, stamps.get(file)?.hash ?? null] as const);
    const hookKey = computeHookKey(hook, tools[index] ?? '', inputs);
    return planHookWork(hook, matched[index] ?? [], covered[index] ?? [], stamps, hookKey, input);
  });
}

/** Of the files a hook matches, those git listed whose names are not UTF-8: among the candidates, and among all it covers. */
interface NonUtf8Matches {
  matched: NonUtf8File[];
  covered: NonUtf8File[];
}

function matchNonUtf8(hook: Hook, input: PhaseInput): NonUtf8Matches {
  if (input.nonUtf8.length === 0 && input.allNonUtf8.length === 0) return { matched: [], covered: [] };
  const matches = createFileFilter(hook);
  const matched = input.nonUtf8.filter((file) => matches(file.path));
  return { matched, covered: hook.passFiles ? matched : input.allNonUtf8.filter((file) => matches(file.path)) };
}

function planHookWork(
  hook: Hook,
  files: string[],
  covered: string[],
  stamps: Map<string, FileStamp | null>,
  hookKey: string,
  input: PhaseInput,
): HookWork {
  const nonUtf8 = matchNonUtf8(hook, input);
  const work: HookWork = {
    hook, files, nonUtf8: hook.passFiles ? nonUtf8.matched.map((file) => file.shown) : [],
    skipReason: null, cached: new Map(), toRun: [], runWhole: false, fileKeys: new Map(), projectKey: null, hashes: new Map(),
  };
  const needsWhole = !hook.passFiles || files.length === 0;
  if (needsWhole && !hook.alwaysRun && files.length === 0) {
    // A file it cannot be given makes the hook an error, not a skip; a project-level hook reads it itself.
    if (nonUtf8.matched.length === 0) work.skipReason = 'no matching files';
    if (nonUtf8.matched.length === 0 || hook.passFiles) return work;
  }
  if (needsWhole) {
    const hashed = covered.map((file) => [file, stamps.get(file)?.hash] as const);
    for (const [file, hash] of hashed) if (hash !== undefined) work.hashes.set(file, hash);
    // With no file at all, or one gauntlet cannot read by name, its verdict rests on what gauntlet cannot see: always run it.
    const keyable =
      covered.length > 0 && nonUtf8.covered.length === 0 && hashed.every((pair): pair is readonly [string, string] => pair[1] !== undefined);
    if (keyable) {
      work.projectKey = computeProjectKey(hookKey, hashed);
      const hit = input.readCache ? input.cache.get(work.projectKey) : null;
      if (hit) work.cached.set('', hit);
    }
    work.runWhole = work.cached.size === 0;
    return work;
  }
  for (const file of files) {
    const hash = stamps.get(file)?.hash;
    if (hash === undefined) continue; // gone since git listed it: never passed to a hook
    const key = computeFileKey(hookKey, file, hash);
    const hit = input.readCache ? input.cache.get(key) : null;
    if (hit) work.cached.set(file, hit);
    else {
      work.fileKeys.set(file, key);
      work.hashes.set(file, hash);
      work.toRun.push(file);
    }
  }
  return work;
}
