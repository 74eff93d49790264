import { posix } from 'node:path';

/**
 * Makes a path as a tool reported it repository-relative POSIX: `./a.py` and
 * `a/../a.py` become `a.py`, `<root>/src/a.py` becomes `src/a.py`. Relative
 * paths are taken as relative to `root` (hooks run there). Paths outside the
 * root are returned absolute and normalised. Backslashes are left alone: on
 * POSIX they are ordinary file name characters.
 */
export function toRepoPath(file: string, root: string): string {
  const normal = stripTrailingSlash(posix.normalize(file));
  if (posix.isAbsolute(normal)) return relativiseUnderRoot(normal, root);
  if (normal === '..' || normal.startsWith('../')) {
    // Escapes the root, so only an absolute path names it without ambiguity.
    return relativiseUnderRoot(stripTrailingSlash(posix.join(root, normal)), root);
  }
  return normal;
}

function relativiseUnderRoot(absolute: string, root: string): string {
  const normalRoot = stripTrailingSlash(posix.normalize(root));
  if (absolute === normalRoot) return '.';
  const prefix = normalRoot.endsWith('/') ? normalRoot : `${normalRoot}/`;
  return absolute.startsWith(prefix) ? absolute.slice(prefix.length) : absolute;
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
