import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { readRegularFile } from '../../engine/store/read-regular.js';
import { STATE_DIR_NAME } from '../../engine/store/state-dir.js';
import { printWarning } from './escape-text.js';

const GITIGNORE = '.gitignore';
/** The line added: the folder, wherever it is, never a file of that name. */
const IGNORE_LINE = `${STATE_DIR_NAME}/`;
/** Far past any real .gitignore; a larger (or special) file is left alone. */
const MAX_GITIGNORE_BYTES = 16 * 1_024 * 1_024;

/**
 * Adds `.gauntlet/` to the repository's .gitignore (creating it if missing) unless a line
 * already ignores the folder, so its state files are never committed; says what it did on stdout.
 * The file's other lines, and its final newline, stay as they are.
 */
export async function ignoreStateDir(root: string, cwd = process.cwd()): Promise<void> {
  const file = path.join(root, GITIGNORE);
  const shown = path.relative(cwd, file) || file;
  const read = await readRegularFile(file, MAX_GITIGNORE_BYTES, true);
  if (!read.ok && read.code !== 'ENOENT') {
    printWarning(`${shown} ${read.problem}; add the line ${IGNORE_LINE} to it yourself`);
    return;
  }
  const text = read.ok ? read.bytes.toString('utf8') : null;
  const addition = appendIgnoreLine(text ?? '');
  if (addition === null) return;
  await appendFile(file, addition);
  process.stdout.write(text === null ? `created ${shown} ignoring ${IGNORE_LINE}\n` : `added ${IGNORE_LINE} to ${shown}\n`);
}

/** What to append to a .gitignore so it ignores `.gauntlet/`; null when a line already does. */
export function appendIgnoreLine(text: string): string | null {
  if (text.split(/\r?\n/).some(isStateDirPattern)) return null;
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${separator}${IGNORE_LINE}\n`;
}

/** True for `.gauntlet`, `/.gauntlet/`, `.gauntlet/**`, `**\/.gauntlet` and the like. */
function isStateDirPattern(line: string): boolean {
  const pattern = line
    .replace(/(?<!\\)\s+$/, '')
    .replace(/^\/|^\*\*\//, '')
    .replace(/\/(\*\*?)?$/, '');
  return pattern === STATE_DIR_NAME;
}
