import { chmod, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../store/write-atomic.js';

/**
 * Puts a formatter's output in the file it formatted, when the file still holds exactly the
 * text the formatter read: a file changed meanwhile, or one whose bytes are not UTF-8 (read
 * as text, its invalid bytes would be lost), is left as it is. Written atomically through a
 * link to the file it leads to, keeping the file's mode. Returns why it was not written, or null.
 */
export async function writeFormatted(root: string, file: string, input: string, formatted: string): Promise<string | null> {
  try {
    const target = await realpath(path.resolve(root, file));
    const [bytes, info] = await Promise.all([readFile(target), stat(target)]);
    if (!bytes.equals(Buffer.from(input, 'utf8'))) {
      const why = bytes.toString('utf8') === input ? 'is not UTF-8 text' : 'changed while it was being formatted';
      return `${file} ${why}; it was left as it is`;
    }
    await writeFileAtomic(target, formatted);
    await chmod(target, info.mode & 0o7777);
    return null;
  } catch (error) {
    return `could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}
