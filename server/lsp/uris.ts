import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The absolute path of a `file:` URI; null for any other scheme or a malformed URI. */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** The `file:` URI of an absolute path. */
export function pathToUri(absolute: string): string {
  return pathToFileURL(absolute).href;
}

/** A path relative to root as the engine writes it (POSIX), or null when it is not inside root. */
export function toRepoRelative(root: string, absolute: string): string | null {
  const relative = path.relative(root, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/** The absolute path of a repository-relative engine path. */
export function fromRepoRelative(root: string, file: string): string {
  return path.join(root, ...file.split('/'));
}
