import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCliEnv, runGauntlet } from '../helpers/e2e.js';
import { hasTool } from '../helpers/external-tools.js';

const ROUNDS = 5;

/**
 * A file system whose mtimes have whole seconds: ext2 with 128-byte inodes, in an image mounted
 * on a loop device. Mounting needs root; on CI (CI set) that is a requirement, not a reason to skip.
 */
function canMount(): boolean {
  const root = process.getuid?.() === 0;
  if (!root && process.env.CI !== undefined) throw new Error('mounting a test file system needs root on CI');
  return root && hasTool('mkfs.ext2') && hasTool('mount');
}

describe.runIf(canMount())('a file system with 1-second mtimes', () => {
  let base: string;
  let mountPoint: string;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'gauntlet-ext2-'));
    const image = path.join(base, 'fs.img');
    mountPoint = path.join(base, 'mnt');
    mkdirSync(mountPoint);
    execFileSync('dd', ['if=/dev/zero', `of=${image}`, 'bs=1M', 'count=8'], { stdio: 'ignore' });
    execFileSync('mkfs.ext2', ['-q', '-F', '-I', '128', image], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'loop', image, mountPoint]);
  });

  afterAll(() => {
    try {
      execFileSync('umount', [mountPoint]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('never passes a same-size rewrite made within the second of the run before', { timeout: 120_000 }, async () => {
    const repo = path.join(mountPoint, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo, env: makeCliEnv() });
    const file = path.join(repo, 'a.txt');
    execFileSync('sh', ['-c', `printf '%s\\n' '{"hooks": [{"name": "nobad", "command": ["grep", "-nH", "BAD"], "files": ["*.txt"], "ok_exit_codes": [1]}]}' > gauntlet.yaml`], { cwd: repo });
    let sameSecond = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Start at the top of a second, so that both writes land in it.
      await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 20));
      execFileSync('sh', ['-c', "printf 'good\\n' > a.txt"], { cwd: repo });
      const good = await runGauntlet(['run'], { cwd: repo });
      expect(good.code, good.stdout + good.stderr).toBe(0);
      const before = statSync(file).mtimeMs;
      execFileSync('sh', ['-c', "printf 'BAD!\\n' > a.txt"], { cwd: repo });
      if (statSync(file).mtimeMs === before) sameSecond += 1;
      const bad = await runGauntlet(['run'], { cwd: repo });
      expect(bad.code, `round ${round}: ${bad.stdout}${bad.stderr}`).toBe(1);
    }
    // The rounds really exercised equal stats: otherwise this test proves nothing.
    expect(sameSecond).toBeGreaterThan(0);
  });
});
