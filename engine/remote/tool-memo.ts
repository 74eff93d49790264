import { join } from 'node:path';
import { resolveDataDir } from '../store/state-secret.js';
import { readVersioned, writeVersioned } from '../store/versioned-file.js';
import { ensurePrivateDir } from '../store/write-atomic.js';

/**
 * What was learnt of tools, by the local identity of their executables (path, size, mtime, ctime,
 * inode): the hash of an executable's content, and what a version command printed. Hashing a
 * large binary or running `tool --version` then happens once per tool upgrade, not once per run.
 * Tools are the machine's, not a repository's: the memo is the user's, in gauntlet's data folder.
 * What a version command printed is kept per checkout, though: `npx eslint --version` says what
 * each checkout installed.
 */
export interface ToolMemo {
  /** By local identity: sha256 hex of the content (a script's without its `#!` line), and whether it is a script. */
  programs: Map<string, { sha256: string; script: boolean }>;
  /** By local identity of the program, the path it was found at, the checkout and the version command's words: what it printed. */
  versions: Map<string, string>;
}

const MEMO_FILE = 'tools.msgpack';
const MEMO_KIND = 'gauntlet-tools';
const MEMO_VERSION = 1;
/** Entries kept of each table: the newest, far more than a config names. */
const MAX_ENTRIES = 256;

/** The user's memo; empty when absent or unreadable (it is only a shortcut). */
export async function loadToolMemo(): Promise<ToolMemo> {
  const file = join(resolveDataDir(), MEMO_FILE);
  const read = await readVersioned(file, MEMO_KIND, MEMO_VERSION, decodeMemo, { label: file, fallback: 'tools are identified again' });
  return read.value ?? { programs: new Map(), versions: new Map() };
}

export async function saveToolMemo(memo: ToolMemo): Promise<void> {
  await ensurePrivateDir(resolveDataDir());
  const newest = <T>(map: Map<string, T>): Array<[string, T]> => [...map].slice(-MAX_ENTRIES);
  await writeVersioned(join(resolveDataDir(), MEMO_FILE), MEMO_KIND, MEMO_VERSION, { programs: newest(memo.programs), versions: newest(memo.versions) });
}

function decodeMemo(value: unknown): ToolMemo | null {
  const raw = value as { programs?: unknown; versions?: unknown } | null;
  if (!raw || !Array.isArray(raw.programs) || !Array.isArray(raw.versions)) return null;
  const programs = new Map<string, { sha256: string; script: boolean }>();
  for (const item of raw.programs as unknown[]) {
    const [key, entry] = Array.isArray(item) ? (item as unknown[]) : [];
    const { sha256, script } = (entry ?? {}) as { sha256?: unknown; script?: unknown };
    if (typeof key !== 'string' || typeof sha256 !== 'string' || typeof script !== 'boolean') return null;
    programs.set(key, { sha256, script });
  }
  const versions = new Map<string, string>();
  for (const item of raw.versions as unknown[]) {
    const [key, output] = Array.isArray(item) ? (item as unknown[]) : [];
    if (typeof key !== 'string' || typeof output !== 'string') return null;
    versions.set(key, output);
  }
  return { programs, versions };
}
