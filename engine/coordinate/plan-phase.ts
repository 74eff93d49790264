import type { CacheScope } from '../../protocol/config.js';
import { isLinkStamp, type FileStamp } from '../worker/contract.js';
import type { Hook } from '../../protocol/hook.js';
import { composeFileVersion, computeFileKey, computeHookKey, computeProjectKey, digestInputs } from '../cache/keys.js';
import { decideCacheScope } from '../cache/scope.js';
import { identifyTool, NATIVE_TOOL } from '../cache/tool-identity.js';
import { createFileFilter, matchFiles } from '../files/match.js';
import type { NonUtf8File } from '../files/non-utf8.js';
import type { CacheEntry } from '../store/cache-data.js';
import type { ResultCache } from '../store/result-cache.js';
import { traceMark } from '../trace.js';
import { planInputs, type HookInputs } from './plan-inputs.js';
import { toRemoteKey } from '../remote/remote-keys.js';
import type { ShardPart } from './shard-parts.js';
import { rewritesFiles } from '../format/format-job.js';

/** What one hook has to do in a run, once its files are matched and looked up in the cache. */
export interface HookWork {
  hook: Hook;
  /** How its results are reused (see engine/cache/scope.ts). */
  scope: CacheScope;
  /** Every file of the run the hook matches. */
  files: string[];
  /**
   * Files of the run it matches whose names are not UTF-8, as shown (`a\xff.txt`): a hook that is
   * given files cannot be given these, so it ends as an error. Empty for a `pass_files: false` hook.
   */
  nonUtf8: string[];
  /** Why it does not run at all; null when it does. */
  skipReason: string | null;
  /** Results taken from the cache, by file ('' for a result kept for the hook as a whole). */
  cached: Map<string, CacheEntry>;
  /** Files it must run on (hooks that take files), in order. */
  toRun: string[];
  /** An invocation without files (a `pass_files: false` hook, or `always_run` with none) is needed. */
  runWhole: boolean;
  /** Its key: the table its results are kept in (see engine/cache/keys.ts). */
  hookKey: string;
  /** The version under which each file's result is kept in the hook's table; absent for files that cannot be cached. */
  fileKeys: Map<string, string>;
  /** The key of the hook's whole result (scope `project`); null when it is not kept. */
  projectKey: string | null;
  /**
   * Content hash, as planned, of each file the hook checks: the files it runs on, or for a
   * whole result every file it covers. A fixer's changes are measured against them.
   */
  hashes: Map<string, string>;
  /**
   * The stamp, as planned, of every file the verdict rests on: `hashes`' files and the cache
   * inputs (null for an input that is absent). After the hook ran they are stamped again, and
   * a verdict is kept only when none of them changed, even back and forth.
   */
  planned: Map<string, FileStamp | null>;
  /** Cache inputs that bear on each file (config files in its folders), for the check after a batch. */
  inputs: HookInputs;
  /** Keys of its results in a remote cache; null when they are not shared (see engine/remote/). */
  remote: RemoteKeys | null;
  /** Files whose result came from the remote cache (all it matches, for a whole result). */
  remoteHits: number;
  /** It rewrites files in this run (see engine/format/format-job.ts `rewritesFiles`). */
  rewrites: boolean;
}

/** Where a hook's results are in a remote cache: keys as the local ones, with the tool's portable identity. */
export interface RemoteKeys {
  /** The hook's key. */
  hookKey: string;
  /** Of every file whose result can be kept (hits of the local cache too). */
  files: Map<string, string>;
  /** Of the whole result (scope `project`); null when none is kept. */
  project: string | null;
  /** The run covers every file the hook matches: results may also be shared in buckets of files. */
  whole: boolean;
}

export interface PhaseInput {
  root: string;
  hooks: Hook[];
  candidates: string[];
  /**
   * Every file of the repository, or null when the caller does not know them: then no run is
   * taken for a whole-project one, and a `pass_files: false` hook covers the candidates.
   */
  allFiles: string[] | null;
  /** Candidates, then files of the repository, whose names are not UTF-8 (never hashed nor passed). */
  nonUtf8: readonly NonUtf8File[];
  allNonUtf8: readonly NonUtf8File[];
  cache: ResultCache;
  /** False with --no-cache: nothing is read from the cache, every file is read again, verdicts are stored. */
  readCache: boolean;
  stamp: (paths: Iterable<string>, fresh: boolean) => Promise<Map<string, FileStamp | null>>;
  /** Portable identities of the tools of hooks whose results are shared through a remote cache, by hook name. */
  portableTools?: Promise<ReadonlyMap<string, string>>;
  /** In one shard of a sharded run, its part of each hook: a hook given files sees only its files of this shard. */
  shard?: ReadonlyMap<string, ShardPart>;
  /** `--fix`: formatters rewrite files, so a cached verdict that a file is not formatted is no answer. */
  fix?: boolean;
}

/** Matches, hashes and looks up every hook of a phase; decides what is left to run. */
export async function planPhase(input: PhaseInput): Promise<HookWork[]> {
  const all = input.allFiles ?? input.candidates;
  const matched = input.hooks.map((hook) => readShardPart(input, hook)?.files ?? matchFiles(hook, input.candidates));
  const covered = input.hooks.map((hook, index) => (all === input.candidates ? (matched[index] ?? []) : matchFiles(hook, all)));
  const scopes = input.hooks.map((hook) => decideCacheScope(hook).scope);
  // What a hook's verdict rests on: the files it is given (for a whole result, only a run over all
  // it covers keeps one), or, for a hook that takes none, every file it covers.
  const checked = input.hooks.map((hook, index) => (hook.passFiles ? matched[index] : covered[index]) ?? []);
  const listed = input.allFiles === null ? null : new Set(input.allFiles);
  const inputs = input.hooks.map((hook, index) => planInputs(hook, checked[index] ?? [], listed));
  const wanted = new Set<string>();
  input.hooks.forEach((_, index) => {
    for (const file of checked[index] ?? []) wanted.add(file);
    for (const file of inputs[index]?.all ?? []) wanted.add(file);
  });
  const [stamps, tools, portableTools] = await Promise.all([
    input.stamp(wanted, !input.readCache),
    Promise.all(input.hooks.map((hook) => (hook.native ? Promise.resolve(NATIVE_TOOL) : identifyTool(hook.argv[0] ?? '', input.root, hook.env.PATH ?? process.env.PATH)))),
    input.portableTools,
  ]);
  traceMark(`stamped ${wanted.size} files`);
  return input.hooks.map((hook, index) => {
    const hookInputs = inputs[index] ?? planInputs(hook, [], listed);
    const scope = scopes[index] ?? 'file';
    const sharedHashes = hookInputs.shared.map((file) => [file, stamps.get(file)?.hash ?? null] as const);
    const hookKey = computeHookKey(hook, scope, tools[index] ?? '', sharedHashes);
    const nonUtf8 = matchNonUtf8(hook, input);
    const portable = scope === 'off' ? undefined : portableTools?.get(hook.name);
    const whole = input.allFiles !== null && nonUtf8.covered.length === 0 && sameFiles(matched[index] ?? [], covered[index] ?? []);
    const work: HookWork = {
      hook,
      scope,
      // A file git lists that is not on disk (deleted, not yet staged) has no stamp: no hook is given it.
      files: (matched[index] ?? []).filter((file) => stamps.get(file) != null),
      nonUtf8: hook.passFiles ? nonUtf8.matched.map((file) => file.shown) : [],
      skipReason: null,
      cached: new Map(),
      toRun: [],
      runWhole: false,
      hookKey,
      fileKeys: new Map(),
      projectKey: null,
      hashes: new Map(),
      planned: new Map(hookInputs.shared.map((file) => [file, stamps.get(file) ?? null])),
      inputs: hookInputs,
      remote: portable === undefined ? null : { hookKey: computeHookKey(hook, scope, portable, sharedHashes), files: new Map(), project: null, whole },
      remoteHits: 0,
      rewrites: rewritesFiles(hook, input.fix === true),
    };
    // A config file that is a link: what it leads to is not in the key, so no result of the hook is kept.
    const keyable = !hasLink(hookInputs.shared, stamps);
    if (!hook.passFiles || work.files.length === 0) planWhole(work, checked[index] ?? [], nonUtf8, stamps, hookKey, input, keyable);
    else if (scope !== 'project') planFiles(work, stamps, input, keyable);
    else planProject(work, whole, stamps, hookKey, input, keyable);
    return work;
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
  const matched = readShardPart(input, hook)?.nonUtf8 ?? input.nonUtf8.filter((file) => matches(file.path));
  return { matched, covered: input.allNonUtf8.filter((file) => matches(file.path)) };
}

/** A shard's files of a hook given files; null when the hook runs as in a run of its own. */
function readShardPart(input: PhaseInput, hook: Hook): Extract<ShardPart, { kind: 'files' }> | null {
  const part = input.shard?.get(hook.name);
  return part?.kind === 'files' ? part : null;
}

/** A hook run once without files (`pass_files: false`, or `always_run` with nothing matched). */
function planWhole(
  work: HookWork,
  covered: string[],
  nonUtf8: NonUtf8Matches,
  stamps: Map<string, FileStamp | null>,
  hookKey: string,
  input: PhaseInput,
  keyable: boolean,
): void {
  if (!work.hook.alwaysRun && work.files.length === 0) {
    // A file it cannot be given makes the hook an error, not a skip; a `pass_files: false` hook reads it itself.
    if (nonUtf8.matched.length === 0) work.skipReason = 'no matching files';
    if (nonUtf8.matched.length === 0 || work.hook.passFiles) return;
  }
  // With no file at all, or one gauntlet cannot hash, its verdict rests on what gauntlet cannot see: always run it.
  lookUpWhole(work, covered, stamps, hookKey, input, keyable && covered.length > 0 && nonUtf8.covered.length === 0);
  work.runWhole = work.cached.size === 0;
}

/**
 * A hook given its files whose result is kept as a whole: only a run over every file it covers
 * (`whole`, all of them names gauntlet can hash) reads or writes it.
 */
function planProject(work: HookWork, whole: boolean, stamps: Map<string, FileStamp | null>, hookKey: string, input: PhaseInput, keyable: boolean): void {
  work.toRun = work.files.filter((file) => stamps.get(file) != null);
  if (whole) lookUpWhole(work, work.files, stamps, hookKey, input, keyable);
  else for (const file of work.toRun) recordPlanned(work, file, stamps);
  if (work.cached.size > 0) work.toRun = [];
}

/** Looks up a result kept for the hook as a whole, keyed on every file it covers and the inputs of their folders. */
function lookUpWhole(work: HookWork, covered: string[], stamps: Map<string, FileStamp | null>, hookKey: string, input: PhaseInput, keyable: boolean): void {
  for (const file of covered) recordPlanned(work, file, stamps);
  for (const path of work.inputs.folderPaths) work.planned.set(path, stamps.get(path) ?? null);
  if (work.scope === 'off' || !keyable || hasLink(work.inputs.folderPaths, stamps)) return;
  const hashed: Array<readonly [string, string]> = [];
  for (const file of covered) {
    const stamp = stamps.get(file);
    // A file not on disk (git's index may still list it) is not part of what the hook sees.
    if (!stamp) continue;
    // A link: what it leads to is not in the key, so keep nothing.
    if (isLinkStamp(stamp)) return;
    hashed.push([file, stamp.hash]);
  }
  const inputsDigest = digestInputs(work.inputs.folderPaths, stamps);
  work.projectKey = computeProjectKey(hookKey, hashed, inputsDigest);
  if (work.remote) work.remote.project = toRemoteKey('project', computeProjectKey(work.remote.hookKey, hashed, inputsDigest));
  const hit = input.readCache ? input.cache.get(work.projectKey) : null;
  if (hit) work.cached.set('', hit);
}

/** What a file's result rests on besides the file, the same for every file of a folder. */
interface FolderInputs {
  paths: string[];
  /** Digest of those that exist, with their content ('' when none does); null when one is a link. */
  digest: string | null;
}

/**
 * Per-file results: each file's result is looked up in the hook's table by its path, at the version
 * its content and its folders' config files give. Per file, a few map lookups and no hashing.
 */
function planFiles(work: HookWork, stamps: Map<string, FileStamp | null>, input: PhaseInput, keyable: boolean): void {
  const folders = new Map<string, FolderInputs>();
  const none: FolderInputs = { paths: [], digest: '' };
  const readFolder = (file: string): FolderInputs => {
    // Most tools read no config file of a folder: nothing to look up per file.
    if (work.inputs.byFolder.size === 0) return none;
    const folder = file.slice(0, Math.max(0, file.lastIndexOf('/')));
    let found = folders.get(folder);
    if (!found) {
      const paths = work.inputs.forFile(file);
      for (const path of paths) work.planned.set(path, stamps.get(path) ?? null);
      found = { paths, digest: hasLink(paths, stamps) ? null : digestInputs(paths, stamps) };
      folders.set(folder, found);
    }
    return found;
  };
  const formatting = work.rewrites && work.hook.format === true;
  for (const file of work.files) {
    const stamp = stamps.get(file);
    if (!stamp) continue; // gone since git listed it: never passed to a hook
    const { digest } = readFolder(file);
    const cacheable = keyable && work.scope === 'file' && digest !== null && !isLinkStamp(stamp);
    const version = cacheable ? composeFileVersion(stamp.hash, digest) : null;
    if (version !== null && work.remote) work.remote.files.set(file, toRemoteKey('file', computeFileKey(work.remote.hookKey, file, stamp.hash, digest ?? '')));
    const found = version !== null && input.readCache ? input.cache.getFile(work.hookKey, file, version) : null;
    // A formatter that is to fix the file runs again where the verdict was that it is not formatted.
    const hit = found && (found.ok || !formatting) ? found : null;
    if (hit) {
      work.cached.set(file, hit);
      continue;
    }
    if (version !== null) work.fileKeys.set(file, version);
    recordPlanned(work, file, stamps);
    work.toRun.push(file);
  }
}

function recordPlanned(work: HookWork, file: string, stamps: Map<string, FileStamp | null>): void {
  const stamp = stamps.get(file);
  if (stamp) work.hashes.set(file, stamp.hash);
  work.planned.set(file, stamp ?? null);
}

function hasLink(paths: readonly string[], stamps: Map<string, FileStamp | null>): boolean {
  return paths.some((path) => {
    const stamp = stamps.get(path);
    return stamp != null && isLinkStamp(stamp);
  });
}

function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((file) => set.has(file));
}
