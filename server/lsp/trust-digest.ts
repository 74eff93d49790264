import { createHash } from 'node:crypto';
import path from 'node:path';
import { FILE_PLACEHOLDER, FILES_PLACEHOLDER, type Hook } from '../../protocol/hook.js';
import { openRegularFile } from '../../engine/store/read-regular.js';

/** Scripts larger than this (a compiled program named by path) are known by size and mtime, not hashed on every check. */
const MAX_HASHED_SCRIPT_BYTES = 16 * 1_024 * 1_024;
/** Bumped when what the digest covers changes, so older trust never matches. */
const DIGEST_FORMAT = 'gauntlet-trust-2';

/**
 * The files a config's hooks may run from the repository, absolute: every argv word that
 * names a path inside `root` (where the hooks run), and each program named by a path (`./lint.sh`,
 * `../tools/x`) wherever it is. Which of them exist is decided when they are hashed.
 */
export function listTrustedScripts(root: string, hooks: readonly Hook[]): string[] {
  const found = new Set<string>();
  for (const hook of hooks) {
    hook.argv.forEach((word, index) => {
      if (word === '' || word === FILES_PLACEHOLDER || word === FILE_PLACEHOLDER) return;
      const absolute = path.resolve(root, word);
      if (index === 0 ? word.includes('/') : isInside(root, absolute)) found.add(absolute);
    });
  }
  return [...found].sort();
}

/**
 * What trust is granted to: the config's bytes and the content of each script it runs (see
 * `listTrustedScripts`), as one sha256 (hex). Editing the config or any of those scripts, or
 * creating one that was missing, changes it.
 */
export async function digestTrust(root: string, configBytes: Uint8Array, scripts: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(`${DIGEST_FORMAT}\0${configBytes.length}\0`).update(configBytes);
  for (const script of scripts) {
    const name = isInside(root, script) ? path.relative(root, script) : script;
    hash.update(`\0${name}\0${await describeScript(script)}`);
  }
  return hash.digest('hex');
}

/** The scripts of `listTrustedScripts` that exist as regular files, relative to `root` when inside it. */
export async function listPresentScripts(root: string, scripts: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const script of scripts) {
    if ((await describeScript(script)).startsWith('none')) continue;
    present.push(isInside(root, script) ? path.relative(root, script) : script);
  }
  return present;
}

/**
 * Descriptions already taken, by path, with the stat they were taken at: the server checks trust
 * on every open and save, and a script whose size, mtime, ctime and inode are unchanged (ctime
 * cannot be set back) is not read again.
 */
const described = new Map<string, { stat: string; description: string }>();
/** A file changed less than this long ago may change again within its mtime's granularity: it is read each time. */
const SETTLED_MS = 2_000;

/** A script's content as a hash; `none` when there is no regular file (a FIFO is never opened for long). */
async function describeScript(file: string): Promise<string> {
  const opened = await openRegularFile(file, true);
  if (!opened.ok) return 'none';
  const { handle, stats } = opened;
  try {
    const stat = `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}:${stats.dev}`;
    const known = described.get(file);
    if (known?.stat === stat) return known.description;
    if (stats.size > MAX_HASHED_SCRIPT_BYTES) return `large:${stats.size}:${stats.mtimeMs}:${stats.ino}`;
    const description = `sha256:${createHash('sha256').update(await handle.readFile()).digest('hex')}`;
    if (Date.now() - Math.max(stats.mtimeMs, stats.ctimeMs) > SETTLED_MS) described.set(file, { stat, description });
    return description;
  } catch {
    return 'none';
  } finally {
    await handle.close();
  }
}

function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
