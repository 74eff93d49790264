import { EXTENSION_TAGS, INTERPRETER_TAGS, NAME_TAGS, UNCERTAIN_EXTENSION_TAGS } from './identify-table.js';
import { escapeRegex, foldLetter } from './python-regex.js';

/** Tags identify gives from the file system rather than the name. */
const MODE_TAGS = ['file', 'symlink', 'directory', 'socket', 'executable', 'non-executable', 'text', 'binary'];

function parseTable(table: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of table.split(' ')) {
    const colon = entry.lastIndexOf(':');
    map.set(entry.slice(0, colon), entry.slice(colon + 1).split(','));
  }
  return map;
}

const EXTENSIONS = parseTable(EXTENSION_TAGS);
const UNCERTAIN_EXTENSIONS = parseTable(UNCERTAIN_EXTENSION_TAGS);
const NAMES = parseTable(NAME_TAGS);
const INTERPRETERS = parseTable(INTERPRETER_TAGS);
const KNOWN_TAGS = new Set([...MODE_TAGS, ...[EXTENSIONS, UNCERTAIN_EXTENSIONS, NAMES, INTERPRETERS].flatMap((map) => [...map.values()].flat())]);

/** True for a tag pre-commit (identify) knows. */
export function isKnownTag(tag: string): boolean {
  return KNOWN_TAGS.has(tag);
}

/** The tags identify reads from a file's name alone, as `tags_from_filename` does. */
export function tagsFromFilename(path: string): Set<string> {
  const baseName = path.slice(path.lastIndexOf('/') + 1);
  const tags = new Set<string>();
  // `Dockerfile.dev` is a Dockerfile: the whole name, then each dot-separated part.
  for (const part of [baseName, ...baseName.split('.')]) {
    const named = NAMES.get(part);
    if (named) {
      named.forEach((tag) => tags.add(tag));
      break;
    }
  }
  const extension = extensionOf(baseName);
  if (extension !== null) (EXTENSIONS.get(extension) ?? UNCERTAIN_EXTENSIONS.get(extension) ?? []).forEach((tag) => tags.add(tag));
  return tags;
}

/** The tags of an interpreter named on a `#!` line (`/usr/bin/python3.11` -> python, python3). */
export function tagsFromInterpreter(interpreter: string): string[] {
  let name = interpreter.slice(interpreter.lastIndexOf('/') + 1);
  while (name !== '') {
    const tags = INTERPRETERS.get(name);
    if (tags) return tags;
    const dot = name.lastIndexOf('.');
    name = dot === -1 ? '' : name.slice(0, dot);
  }
  return [];
}

/** Lower-cased extension as Python's `os.path.splitext` finds it (leading dots are not one). */
function extensionOf(baseName: string): string | null {
  const match = /^\.*[^.].*\.([^.]*)$/.exec(baseName);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

/** The extensions and names that carry `tag`. */
function sourcesOf(tag: string): { extensions: string[]; names: string[] } {
  const having = (map: Map<string, string[]>): string[] => [...map].filter(([, tags]) => tags.includes(tag)).map(([key]) => key);
  return { extensions: [...having(EXTENSIONS), ...having(UNCERTAIN_EXTENSIONS)], names: having(NAMES) };
}

/** A regex source matching the paths whose name gives `tag`; null when no name does. */
export function filenameTagRegex(tag: string): string | null {
  const { extensions, names } = sourcesOf(tag);
  const parts: string[] = [];
  if (extensions.length > 0) {
    const folded = extensions.map((extension) => [...extension].map((char) => (/[a-z]/.test(char) ? foldLetter(char) : escapeRegex(char))).join(''));
    parts.push(`(?:^|/)\\.*[^/.][^/]*\\.(?:${folded.join('|')})$`);
  }
  const whole = names.filter((name) => name.includes('.')).map(escapeRegex);
  if (whole.length > 0) parts.push(`(?:^|/)(?:${whole.join('|')})$`);
  const partial = names.filter((name) => !name.includes('.')).map(escapeRegex);
  if (partial.length > 0) parts.push(`(?:^|/)(?:[^/]*\\.)?(?:${partial.join('|')})(?:\\.[^/]*)?$`);
  return parts.length === 0 ? null : parts.join('|');
}

/** Gauntlet globs for the paths whose name gives `tag` (lower-case extensions only). */
export function filenameTagGlobs(tag: string): string[] {
  const { extensions, names } = sourcesOf(tag);
  const globs = extensions.length === 1 ? [`*.${extensions[0] ?? ''}`] : extensions.length > 1 ? [`*.{${extensions.join(',')}}`] : [];
  for (const name of names) {
    globs.push(name);
    if (!name.includes('.')) globs.push(`${name}.*`, `*.${name}`, `*.${name}.*`);
  }
  return globs;
}

/** Tags that come only from the file system: which files have them needs a look at the files. */
export const FILESYSTEM_TAGS: ReadonlySet<string> = new Set(MODE_TAGS);
