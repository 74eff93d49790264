import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { GAUNTLET_VERSION } from '../../protocol/version.js';

/** The tool of a check the worker runs itself (Hook.native): gauntlet, so an upgrade reruns it. */
export const NATIVE_TOOL = `gauntlet:${GAUNTLET_VERSION}`;

/**
 * Who the program of a command is: its resolved path, size and mtime, so that
 * upgrading a tool invalidates what it found. A program not found is
 * `missing:NAME` (the run then reports it; nothing is cached for it).
 */
export async function identifyTool(program: string, root: string, pathVariable: string | undefined): Promise<string> {
  const resolved = await resolveProgram(program, root, pathVariable);
  if (resolved === null) return `missing:${program}`;
  const info = await stat(resolved);
  return `${resolved}:${info.size}:${info.mtimeMs}`;
}

/** The file a command's first word runs, as execvp would find it; null when there is none. */
export async function resolveProgram(program: string, root: string, pathVariable: string | undefined): Promise<string | null> {
  if (program.includes('/')) {
    const candidate = path.resolve(root, program);
    return (await isExecutable(candidate)) ? candidate : null;
  }
  for (const folder of (pathVariable ?? '').split(path.delimiter)) {
    if (folder === '') continue;
    const candidate = path.resolve(root, folder, program);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
