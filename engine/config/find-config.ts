import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** gauntlet's own config file. */
export const GAUNTLET_CONFIG_FILE = 'gauntlet.yaml';
/** Names pre-commit and lefthook look for, in their order of preference. */
export const PRE_COMMIT_FILES = ['.pre-commit-config.yaml', '.pre-commit-config.yml'];
export const LEFTHOOK_FILES = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', '.config/lefthook.yml', '.config/lefthook.yaml'];

/**
 * Every name a project's config may have (relative to the project's folder), the preferred first:
 * gauntlet.yaml, else a pre-commit config, else a lefthook config.
 */
export const CONFIG_FILE_NAMES: readonly string[] = [GAUNTLET_CONFIG_FILE, ...PRE_COMMIT_FILES, ...LEFTHOOK_FILES];

/**
 * What a project with none of CONFIG_FILE_NAMES is told about gauntlet.yaml: what was looked for,
 * and how to get a config.
 */
export const MISSING_CONFIG_DETAIL = `file not found, nor ${PRE_COMMIT_FILES[0]} or ${LEFTHOOK_FILES[0]} beside it (run "gauntlet init" to write one, or pass --config PATH)`;

// `.config/lefthook.yml` is tried before `lefthook.yml`, which its path also ends with.
const NAMES_LONGEST_FIRST = [...CONFIG_FILE_NAMES].sort((a, b) => b.length - a.length);

/** Folders never taken for a project of their own: a dependency shipping its config is not the user's project. */
const FOREIGN_FOLDERS = new Set(['node_modules', '.git']);

/** The first of `names` that is a file in `dir` (a link to one counts), as an absolute path; null when none is. */
export async function findFirstFile(dir: string, names: readonly string[]): Promise<string | null> {
  for (const name of names) {
    const candidate = path.join(dir, name);
    if (await stat(candidate).then((stats) => stats.isFile(), () => false)) return candidate;
  }
  return null;
}

/** The config of the project whose folder is `dir` (see CONFIG_FILE_NAMES); null when it has none. */
export function findConfigFile(dir: string): Promise<string | null> {
  return findFirstFile(dir, CONFIG_FILE_NAMES);
}

/** findConfigFile without waiting: for callers that must answer at once (which folder a file belongs to). */
export function findConfigFileSync(dir: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile() === true) return candidate;
  }
  return null;
}

/**
 * The project folder a config file at `absolute` would make (the folder holding it, or the one
 * above `.config/`); null when the file's name is no config name.
 */
export function projectDirOfConfig(absolute: string): string | null {
  const posix = absolute.split(path.sep).join('/');
  const name = NAMES_LONGEST_FIRST.find((candidate) => posix.endsWith(`/${candidate}`));
  return name === undefined ? null : absolute.slice(0, absolute.length - name.length - 1);
}

/**
 * The folders from `start` up to `top` (both included), innermost first, leaving out any inside
 * a dependency folder (node_modules); empty when `start` is not inside `top`.
 */
export function listEnclosingDirs(top: string, start: string): string[] {
  const relative = path.relative(top, start);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return [];
  const parts = relative === '' ? [] : relative.split(path.sep);
  const foreign = parts.findIndex((part) => FOREIGN_FOLDERS.has(part));
  const kept = foreign === -1 ? parts : parts.slice(0, foreign);
  const dirs: string[] = [];
  for (let depth = kept.length; depth >= 0; depth--) dirs.push(path.join(top, ...kept.slice(0, depth)));
  return dirs;
}

/** The innermost folder from `start` up to `top` that has a config; null when none has. */
export async function findProjectDir(top: string, start: string): Promise<string | null> {
  for (const dir of listEnclosingDirs(top, start)) if ((await findConfigFile(dir)) !== null) return dir;
  return null;
}
