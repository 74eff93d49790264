import type { Fix, Severity } from '../../protocol/diagnostic.js';

// The result cache's values, as the engine uses them and as `.gauntlet/cache.msgpack` stores them.

/**
 * A diagnostic as cached, a tuple for size; its hook is implied by the entry's table. The rule's
 * page and the fixes follow only when the diagnostic has either (most have neither).
 */
export type CachedDiagnostic =
  | [file: string, line: number, column: number | null, endLine: number | null, endColumn: number | null, severity: Severity, code: string | null, message: string]
  | [file: string, line: number, column: number | null, endLine: number | null, endColumn: number | null, severity: Severity, code: string | null, message: string, url: string | null, fixes: Fix[] | null];

/** What one hook found on one file's content (or, for a project-level hook, on all its files). */
export interface CacheEntry {
  ok: boolean;
  diagnostics: CachedDiagnostic[];
}

/**
 * Which kind of process a run is: the command line's runs, or a long-lived process's (the language
 * server's) saves. Each kind counts its own runs, so many editor saves do not age out what the
 * command line uses, nor the other way round.
 */
export type RunKind = 'cli' | 'lsp';

export const RUN_KINDS: readonly RunKind[] = ['cli', 'lsp'];

/** Saving runs of each kind so far. */
export type RunCounts = Record<RunKind, number>;

/** What the last command-line run that saved found in the caches, for `gauntlet cache stats`. */
export interface HitFigures {
  lastHits: number;
  lastLookups: number;
  /** The last run's lookups in a remote cache, and its hits there (0 without one). */
  lastRemoteHits: number;
  lastRemoteLookups: number;
}

/**
 * The version of the cache's file layout (cache-codec.ts), in the envelope of the file and of each
 * journal frame: bumped with any change to it. 5: tables per hook, a journal, runs counted by kind.
 */
export const CACHE_VERSION = 5;

/**
 * An entry, or a stamp, not used in this many saving runs of a kind is gone for that kind; it is
 * dropped when every kind that used it let it go idle.
 */
export const MAX_IDLE_RUNS = 20;

export function emptyFigures(): HitFigures {
  return { lastHits: 0, lastLookups: 0, lastRemoteHits: 0, lastRemoteLookups: 0 };
}
