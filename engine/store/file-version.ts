import { stat } from 'node:fs/promises';

/**
 * Identifies one version of a store file on disk: inode, size and mtime (an atomic write
 * replaces the inode); null when absent. Equal versions mean nobody wrote it in between.
 */
export async function readFileVersion(file: string): Promise<string | null> {
  const info = await stat(file).catch(() => null);
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : null;
}
