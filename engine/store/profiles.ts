import { readVersioned, writeVersioned } from './versioned-file.js';
import { ensureStateDir, resolveStatePath, STATE_DIR_NAME } from './state-dir.js';
import { withLockFile } from './lock-file.js';
import { readFileVersion } from './file-version.js';
import { medianOf } from '../arrays.js';
import type { HookReport } from '../../protocol/report.js';
import { measuresCost } from '../report/status.js';

/** One run of one hook, as measured by the coordinator. */
export interface HookSample {
  /** Wall-clock time from the hook's first batch starting to its last batch finishing. */
  durationMs: number;
  files: number;
  batches: number;
  ok: boolean;
  /** When the run finished, epoch milliseconds. */
  at: number;
}

/** What gauntlet remembers about one hook's run times. */
export interface HookProfile {
  runs: number;
  failures: number;
  /** The most recent samples, oldest first, at most `SAMPLE_WINDOW`. */
  samples: HookSample[];
}

/** Profiles by hook name. */
export type Profiles = Map<string, HookProfile>;

/** Figures shown by `gauntlet profile`; durations are null for a hook without samples. */
export interface ProfileSummary {
  runs: number;
  failures: number;
  failureRate: number;
  meanMs: number | null;
  medianMs: number | null;
  p95Ms: number | null;
  lastFiles: number | null;
}

/** How many recent samples each hook keeps. */
export const SAMPLE_WINDOW = 20;

const PROFILES_FILE = 'profiles.msgpack';
const PROFILES_KIND = 'gauntlet-profiles';
// 2: signed with the user's secret (engine/store/versioned-file.ts).
export const PROFILES_VERSION = 2;
const PERCENTILE_95 = 0.95;
const READ_OPTIONS = {
  label: `${STATE_DIR_NAME}/${PROFILES_FILE}`,
  fallback: 'starting with an empty profile',
};

// What each Profiles map held when loaded (same object references), to tell our changes from others'.
const loadedEntries = new WeakMap<Profiles, ReadonlyMap<string, HookProfile>>();
/** What this process recorded for one hook since its map was loaded or last saved: a profile of its own runs. */
type Recorded = HookProfile;
// Runs this process recorded, by hook, since the map was loaded or last saved: a save adds them to the disk's.
const recordedHooks = new WeakMap<Profiles, Map<string, Recorded>>();
// Maps loaded from a file that could not be read: their save rewrites it, changes or not.
const unreadable = new WeakSet<Profiles>();
// The file's version each map was last brought up to date with (see `reloadProfiles`).
const seenVersions = new WeakMap<Profiles, string | null>();

/** Where the profiles of the repository at `root` live. */
export function resolveProfilesPath(root: string): string {
  return resolveStatePath(root, PROFILES_FILE);
}

/** Loads the profiles; a missing file is empty, a bad one is empty with a one-line warning. */
export async function loadProfiles(root: string): Promise<{ profiles: Profiles; warning: string | null }> {
  const before = await readFileVersion(resolveProfilesPath(root));
  const read = await readProfilesFile(root);
  const profiles = read.value ?? new Map<string, HookProfile>();
  loadedEntries.set(profiles, new Map(profiles));
  if (read.warning !== null) unreadable.add(profiles);
  seenVersions.set(profiles, before);
  return { profiles, warning: read.warning };
}

/**
 * Brings a long-lived map up to date with what other processes saved since it was loaded or
 * saved, keeping the runs this process recorded and has not saved. Returns a warning when the
 * file could not be read (the map is then left as it is).
 */
export async function reloadProfiles(root: string, profiles: Profiles): Promise<string | null> {
  const before = await readFileVersion(resolveProfilesPath(root));
  if (before === null || before === seenVersions.get(profiles)) return null;
  const read = await readProfilesFile(root);
  seenVersions.set(profiles, before);
  if (read.value === null) {
    // Said once: the next save rewrites the unreadable file.
    unreadable.add(profiles);
    return read.warning;
  }
  adoptMerged(profiles, mergeProfiles(profiles, read.value));
  return null;
}

/** Takes the merged state as the map's own and as its base: what differs from it later is this process's. */
function adoptMerged(profiles: Profiles, merged: Profiles): void {
  profiles.clear();
  for (const [hook, profile] of merged) profiles.set(hook, profile);
  loadedEntries.set(profiles, new Map(merged));
}

/**
 * Saves the profiles atomically, merged with what is on disk now, and brings `profiles` up to
 * date with the merged result. A map with nothing of this process's (a run that ran no hook)
 * leaves the file as it is.
 */
export async function saveProfiles(root: string, profiles: Profiles): Promise<void> {
  if (!hasOwnChanges(profiles)) return;
  await ensureStateDir(root);
  await withLockFile(`${resolveProfilesPath(root)}.lock`, () => saveLocked(root, profiles));
}

async function saveLocked(root: string, profiles: Profiles): Promise<void> {
  // Merge-on-save: our runs added to the disk's, so concurrent runs keep each other's work.
  const onDisk = (await readProfilesFile(root)).value ?? new Map<string, HookProfile>();
  const merged = mergeProfiles(profiles, onDisk);
  const previousBase = loadedEntries.get(profiles);
  const previousRecorded = recordedHooks.get(profiles);
  // Adopt the merged state before awaiting the write, so samples recorded meanwhile count as ours next time.
  adoptMerged(profiles, merged);
  recordedHooks.delete(profiles);
  try {
    await writeVersioned(resolveProfilesPath(root), PROFILES_KIND, PROFILES_VERSION, encodeProfiles(merged));
    unreadable.delete(profiles);
    seenVersions.set(profiles, await readFileVersion(resolveProfilesPath(root)));
  } catch (error) {
    // Nothing was written: what was ours before stays ours for the next save.
    if (previousBase === undefined) loadedEntries.delete(profiles);
    else loadedEntries.set(profiles, previousBase);
    for (const [hook, recorded] of previousRecorded ?? []) addRecorded(profiles, hook, recorded);
    throw error;
  }
}

/** Adds one run of `hook`, counting runs and failures and keeping the last `SAMPLE_WINDOW` samples. */
export function recordSample(profiles: Profiles, hook: string, sample: HookSample): void {
  let profile = profiles.get(hook);
  if (profile === undefined) {
    profile = { runs: 0, failures: 0, samples: [] };
    profiles.set(hook, profile);
  }
  profile.runs += 1;
  if (!sample.ok) profile.failures += 1;
  profile.samples.push({ ...sample });
  if (profile.samples.length > SAMPLE_WINDOW) profile.samples.splice(0, profile.samples.length - SAMPLE_WINDOW);
  addRecorded(profiles, hook, { runs: 1, failures: sample.ok ? 0 : 1, samples: [{ ...sample }] });
}

/**
 * What a hook's report entry says of its cost: a sample when its processes ran to an end (passed,
 * failed or timed out), null when nothing ran (cached, skipped) or what ran says nothing of its cost.
 */
export function sampleHookReport(report: HookReport, at: number): HookSample | null {
  const ran = report.batches > 0 && measuresCost(report.status);
  return ran ? { durationMs: report.duration_ms, files: report.files_run, batches: report.batches, ok: report.status === 'passed', at } : null;
}

/** Counts and duration statistics of one hook; p95 is nearest-rank over the retained samples. */
export function summarizeProfile(profile: HookProfile): ProfileSummary {
  const durations = profile.samples.map((sample) => sample.durationMs).sort((a, b) => a - b);
  return {
    runs: profile.runs,
    failures: profile.failures,
    failureRate: profile.runs === 0 ? 0 : profile.failures / profile.runs,
    meanMs: computeMean(durations),
    medianMs: medianOf(durations),
    p95Ms: computeNearestRank(durations, PERCENTILE_95),
    lastFiles: profile.samples.at(-1)?.files ?? null,
  };
}

/** Mean duration of `hook` over its retained samples, or null when it was never profiled. */
export function meanDuration(profiles: Profiles, hook: string): number | null {
  const samples = profiles.get(hook)?.samples ?? [];
  return computeMean(samples.map((sample) => sample.durationMs));
}

function readProfilesFile(root: string): Promise<{ value: Profiles | null; warning: string | null }> {
  return readVersioned(resolveProfilesPath(root), PROFILES_KIND, PROFILES_VERSION, parseProfiles, READ_OPTIONS);
}

function addRecorded(profiles: Profiles, hook: string, added: Recorded): void {
  let byHook = recordedHooks.get(profiles);
  if (byHook === undefined) {
    byHook = new Map();
    recordedHooks.set(profiles, byHook);
  }
  byHook.set(hook, addRuns(byHook.get(hook), added));
}

/** `added` on top of `profile`: counts summed, samples merged by time without duplicates, the last `SAMPLE_WINDOW` kept. */
function addRuns(profile: Recorded | undefined, added: Recorded): HookProfile {
  if (profile === undefined) return { runs: added.runs, failures: added.failures, samples: added.samples.slice(-SAMPLE_WINDOW) };
  const byKey = new Map<string, HookSample>();
  for (const sample of [...profile.samples, ...added.samples]) {
    byKey.set(`${sample.at}/${sample.durationMs}/${sample.files}/${sample.batches}/${sample.ok}`, sample);
  }
  const samples = [...byKey.values()].sort((a, b) => a.at - b.at).slice(-SAMPLE_WINDOW);
  return { runs: profile.runs + added.runs, failures: profile.failures + added.failures, samples };
}

/** Whether a save could write anything of this process's: see `mergeProfiles` for what is ours. */
function hasOwnChanges(profiles: Profiles): boolean {
  const base = loadedEntries.get(profiles);
  if (base === undefined || unreadable.has(profiles) || (recordedHooks.get(profiles)?.size ?? 0) > 0) return true;
  if (base.size !== profiles.size) return true;
  for (const [hook, profile] of profiles) if (base.get(hook) !== profile) return true;
  return false;
}

function mergeProfiles(inMemory: Profiles, onDisk: Profiles): Profiles {
  const base = loadedEntries.get(inMemory);
  const recorded = recordedHooks.get(inMemory);
  const hooks = new Set([...inMemory.keys(), ...onDisk.keys(), ...(base?.keys() ?? [])]);
  const merged: Profiles = new Map();
  for (const hook of [...hooks].sort()) {
    const added = recorded?.get(hook);
    if (added !== undefined && inMemory.has(hook)) {
      merged.set(hook, addRuns(onDisk.get(hook), added));
      continue;
    }
    // No base (map not from loadProfiles): all in memory is ours. Else ours = set or deleted here.
    const ours = base === undefined ? inMemory.has(hook) : added !== undefined || inMemory.get(hook) !== base.get(hook);
    const profile = ours ? inMemory.get(hook) : onDisk.get(hook);
    if (profile !== undefined) merged.set(hook, profile);
  }
  return merged;
}

function encodeProfiles(profiles: Profiles): unknown {
  return [...profiles].map(([hook, profile]) => ({
    hook,
    runs: profile.runs,
    failures: profile.failures,
    samples: profile.samples.map(({ durationMs, files, batches, ok, at }) => ({ durationMs, files, batches, ok, at })),
  }));
}

function parseProfiles(data: unknown): Profiles | null {
  if (!Array.isArray(data)) return null;
  const profiles: Profiles = new Map();
  for (const entry of data as unknown[]) {
    if (!isRecord(entry) || typeof entry.hook !== 'string') return null;
    const profile = parseProfile(entry);
    if (profile === null) return null;
    profiles.set(entry.hook, profile);
  }
  return profiles;
}

function parseProfile(entry: Record<string, unknown>): HookProfile | null {
  const { runs, failures, samples } = entry;
  if (!isCount(runs) || !isCount(failures) || failures > runs || !Array.isArray(samples)) return null;
  const parsed: HookSample[] = [];
  for (const sample of samples as unknown[]) {
    const valid = parseSample(sample);
    if (valid === null) return null;
    parsed.push(valid);
  }
  return { runs, failures, samples: parsed.slice(-SAMPLE_WINDOW) };
}

function parseSample(sample: unknown): HookSample | null {
  if (!isRecord(sample)) return null;
  const { durationMs, files, batches, ok, at } = sample;
  const valid =
    isNonNegative(durationMs) && isCount(files) && isCount(batches) && typeof ok === 'boolean' && isNonNegative(at);
  return valid ? { durationMs, files, batches, ok, at } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function computeMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function computeNearestRank(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] ?? null;
}
