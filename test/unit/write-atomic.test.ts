import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../engine/store/write-atomic.js';
import { ensureStateDir } from '../../engine/store/state-dir.js';
import { useTempRoot } from '../helpers/temp-root.js';

const root = useTempRoot('gauntlet-write-atomic-');

describe('writing a store file atomically', () => {
  it('creates missing parent folders', async () => {
    const path = join(root(), 'a', 'b', 'file.bin');
    await writeFileAtomic(path, 'content');
    expect(await readFile(path, 'utf8')).toBe('content');
  });

  it('removes its temp file when the rename fails', async () => {
    const target = join(root(), 'occupied');
    await mkdir(join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect((await readdir(root())).sort()).toEqual(['occupied']);
  });

  it('leaves an existing state folder .gitignore as it is', async () => {
    const stateDir = await ensureStateDir(root());
    await writeFile(join(stateDir, '.gitignore'), '*\n!keep\n');
    expect(await ensureStateDir(root())).toBe(stateDir);
    expect(await readFile(join(stateDir, '.gitignore'), 'utf8')).toBe('*\n!keep\n');
  });
});
