import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '../../engine/worker/contract.js';
import type { NativeCommand } from '../../protocol/native-command.js';
import { buildPygrep } from '../../engine/config/import/pre-commit-pygrep.js';
import { runNativeJob } from '../../engine/worker/run-native.js';

const root = mkdtempSync(path.join(tmpdir(), 'gauntlet-native-'));
writeFileSync(path.join(root, 'a.py'), 'x = 1\nprint(x)\n');
writeFileSync(path.join(root, 'b.py'), 'y = 2\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function makeJob(files: string[], native: NativeCommand): Job {
  return { id: 1, hook: 'check', argv: ['pygrep'], root, files, env: {}, timeoutMs: 60_000, outputCapBytes: 1_000_000, parser: { type: 'gnu' }, okExitCodes: [0], failOnDiagnostics: false, native };
}

function pygrep(entry: string, args: string[] = []): NativeCommand {
  const built = buildPygrep(entry, args);
  if (!built.ok) throw new Error(built.reason);
  return built.command;
}

function runNative(job: Job, signal: AbortSignal): ReturnType<typeof runNativeJob> {
  if (!job.native) throw new Error('not a native job');
  return runNativeJob(job, job.native, signal);
}

describe('runNativeJob', () => {
  it('fails with a finding per matching line, and passes a batch with none', async () => {
    const failed = await runNative(makeJob(['a.py', 'b.py'], pygrep('print\\(')), new AbortController().signal);
    expect(failed).toMatchObject({ status: 'failed', exitCode: 1, output: 'a.py:2:print(x)\n', truncated: false });
    expect(failed.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.message])).toEqual([['a.py', 2, 'print(x)']]);
    const passed = await runNative(makeJob(['b.py'], pygrep('print\\(')), new AbortController().signal);
    expect(passed).toMatchObject({ status: 'passed', exitCode: 0, output: '', diagnostics: [], reason: null });
  });

  it('fails every file of a fail hook, printing the entry first, as pre-commit does', async () => {
    const result = await runNative(makeJob(['a.py', 'b.py'], { type: 'fail', message: 'no python here' }), new AbortController().signal);
    expect(result).toMatchObject({ status: 'failed', output: 'no python here\n\na.py\nb.py\n' });
    expect(result.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.message])).toEqual([['a.py', 'no python here'], ['b.py', 'no python here']]);
  });

  it('names the file it cannot read, and is cancelled by its signal', async () => {
    const missing = await runNative(makeJob(['gone.py'], pygrep('x')), new AbortController().signal);
    expect(missing).toMatchObject({ status: 'error', reason: 'could not read gone.py: ENOENT' });
    const controller = new AbortController();
    controller.abort();
    expect(await runNative(makeJob(['a.py'], pygrep('x')), controller.signal)).toMatchObject({ status: 'cancelled', reason: 'cancelled' });
  });

  it('keeps no more output than the cap, and says it cut it', async () => {
    const result = await runNative({ ...makeJob(['a.py'], pygrep('.')), outputCapBytes: 4 }, new AbortController().signal);
    expect(result).toMatchObject({ status: 'failed', truncated: true, output: 'a.py\n[gauntlet: output truncated]\n' });
    expect(result.diagnostics).toHaveLength(2);
  });
});
