import { execFile } from 'node:child_process';
import { lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { split } from 'shlex';
import { tagsFromFilename, tagsFromInterpreter } from './file-types.js';

const execFileAsync = promisify(execFile);

/** What identify learns from the files themselves rather than their names. */
export interface FileFacts {
  /** identify tags a symlink `symlink` and nothing else, so no hook gets one by default. */
  symlinks: ReadonlySet<string>;
  executables: ReadonlySet<string>;
  /** Tags from the `#!` line of each executable whose name gives no tags. */
  interpreterTags: ReadonlyMap<string, readonly string[]>;
  /** Files whose name says neither text nor binary and whose first KiB is binary (read only on request). */
  binaryContent: ReadonlySet<string>;
}

const SYMLINK_MODE = '120000';
const EXECUTABLE_MODE = '100755';
const GITLINK_MODE = '160000';
const SHEBANG_BYTES = 512;
const TEXT_SAMPLE_BYTES = 1_024;
const READ_CONCURRENCY = 32;
const GIT_MAX_BUFFER_BYTES = 256 * 1_024 * 1_024;
const ESCAPE = 0x1b;
const DELETE = 0x7f;

/** identify's test: binary when a control character other than \a \b \t \n \v \f \r and ESC, or DEL, occurs. */
function isBinary(sample: Buffer): boolean {
  return sample.some((byte) => byte < 0x07 || (byte > 0x0d && byte < 0x20 && byte !== ESCAPE) || byte === DELETE);
}

/**
 * Looks at the repository's files the way pre-commit's identify does: symlinks, executable
 * bits (from the index for tracked files), `#!` lines of executables without a telling name,
 * and, when `content` is set, whether files with an unknown name hold text.
 */
export async function collectFileFacts(root: string, options: { content: boolean }): Promise<FileFacts> {
  const modes = await listModes(root);
  const symlinks = new Set<string>();
  const executables = new Set<string>();
  for (const [path, mode] of modes) {
    if (mode === SYMLINK_MODE) symlinks.add(path);
    else if (mode === EXECUTABLE_MODE) executables.add(path);
  }
  const interpreterTags = new Map<string, string[]>();
  const binaryContent = new Set<string>();
  const regular = [...modes.keys()].filter((path) => !symlinks.has(path));
  await forEachLimited(regular, async (path) => {
    const nameTags = tagsFromFilename(path);
    if (nameTags.size === 0 && executables.has(path)) {
      const tags = tagsFromInterpreter(parseShebang(await readStart(join(root, path), SHEBANG_BYTES))[0] ?? '');
      if (tags.length > 0) interpreterTags.set(path, tags);
    }
    if (options.content && !nameTags.has('text') && !nameTags.has('binary')) {
      if (isBinary(await readStart(join(root, path), TEXT_SAMPLE_BYTES))) binaryContent.add(path);
    }
  });
  return { symlinks, executables, interpreterTags, binaryContent };
}

/** Mode of every tracked file (from the index) and untracked, not ignored file (from disk). */
async function listModes(root: string): Promise<Map<string, string>> {
  const git = async (args: string[]): Promise<string[]> => {
    const { stdout } = await execFileAsync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: GIT_MAX_BUFFER_BYTES });
    return stdout.split('\0').filter((entry) => entry !== '');
  };
  const [indexed, untracked] = await Promise.all([git(['ls-files', '-z', '-s']), git(['ls-files', '-z', '-o', '--exclude-standard'])]);
  const modes = new Map<string, string>();
  for (const entry of indexed) {
    const tab = entry.indexOf('\t');
    const mode = entry.slice(0, entry.indexOf(' '));
    if (tab !== -1 && mode !== GITLINK_MODE) modes.set(entry.slice(tab + 1), mode);
  }
  await forEachLimited(untracked, async (path) => {
    const info = await lstat(join(root, path)).catch(() => null);
    if (!info || info.isDirectory()) return;
    modes.set(path, info.isSymbolicLink() ? SYMLINK_MODE : (info.mode & 0o111) !== 0 ? EXECUTABLE_MODE : '100644');
  });
  return modes;
}

/** The command of a `#!` line, as identify's `parse_shebang` reads it; empty without one. */
export function parseShebang(start: Buffer): string[] {
  if (start.toString('latin1', 0, 2) !== '#!') return [];
  const end = start.indexOf(0x0a);
  const line = start.toString('latin1', 2, end === -1 ? start.length : end);
  if (!/^[\x20-\x7e\t\r\v\f]*$/.test(line)) return [];
  let words: string[];
  try {
    words = split(line.trim());
  } catch {
    words = line.trim().split(/\s+/);
  }
  if (words[0] !== '/usr/bin/env') return words;
  return words[1] === '-S' ? words.slice(2) : words.slice(1);
}

async function readStart(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return Buffer.alloc(0);
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return Buffer.alloc(0);
  } finally {
    await handle.close();
  }
}

async function forEachLimited<T>(items: readonly T[], action: (item: T) => Promise<void>): Promise<void> {
  const pending = items.values();
  const lane = async (): Promise<void> => {
    for (const item of pending) await action(item);
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, lane));
}
