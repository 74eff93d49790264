import path from 'node:path';
import { readRegularFile } from '../../engine/store/read-regular.js';
import type { ConfigMark } from './init-tools.js';

/** Far past any real tool config; a larger file is not read. */
const MAX_CONFIG_BYTES = 4 * 1_024 * 1_024;

/** A config file's text, or null when it is missing, not a regular file or too large. */
export async function readConfigText(root: string, file: string): Promise<string | null> {
  const read = await readRegularFile(path.join(root, file), MAX_CONFIG_BYTES, true);
  return read.ok ? read.bytes.toString('utf8') : null;
}

/** The first of `marks` present in the repository, as it is named to a user (`pyproject.toml [tool.ruff]`); null for none. */
export async function findConfig(root: string, marks: readonly ConfigMark[]): Promise<string | null> {
  for (const mark of marks) {
    const file = typeof mark === 'string' ? mark : mark.file;
    const text = await readConfigText(root, file);
    if (text === null) continue;
    if (typeof mark === 'string') return file;
    const header = mark.section.exec(text)?.[0];
    if (header !== undefined) return `${file} ${header.slice(0, -1)}]`;
  }
  return null;
}

/**
 * The lines of a `[header]` section of an ini or TOML file, up to the next section header
 * (sub-tables such as `[tool.mypy.overrides]` end it too); null when the file has no such section.
 */
export function readSection(text: string, header: string): string[] | null {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === header);
  if (start === -1) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^\s*\[/.test(line));
  return end === -1 ? rest : rest.slice(0, end);
}
