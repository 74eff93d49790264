import { describe, expect } from 'vitest';
import { expectSameAsUncached } from '../helpers/cache-repo.js';
import { repoTest as it, type TempRepo } from '../helpers/e2e.js';
import { trustedRepo, withClient, type LspClient } from '../helpers/lsp-client.js';

// An editor checks the one file it opens; the cache it leaves behind must not change what the
// command line says of the whole project afterwards.

/** The language server's run, then two CLI runs of mypy. */
const LSP_THEN_CLI_MS = 60_000;

/** mypy's own cache: a run over one file leaves it stale for the others, --no-cache or not. */
const MYPY_CACHE = ['.mypy_cache'];

/** mypy, as a user writes it, in a trusted repository holding `files`. */
async function makeMypyRepo(makeRepo: () => Promise<TempRepo>, files: Record<string, string>): Promise<{ repo: TempRepo; xdg: string }> {
  // One worker: a tool split across batches is another matter (see test/e2e/cache-cross-file.test.ts).
  const trusted = await trustedRepo(makeRepo, { max_workers: 1, hooks: [{ name: 'mypy', command: 'mypy --no-error-summary', files: ['*.py'] }] });
  for (const [name, content] of Object.entries(files)) trusted.repo.write(name, content);
  return trusted;
}

/** Opens a file in the editor and waits until its run has ended, the cache saved. */
async function openAndSettle(client: LspClient, file: string, text: string, diagnostics: number): Promise<void> {
  await client.open(file, text);
  await client.waitForPublish(file, (published) => published.length === diagnostics, `mypy's result on ${file}`);
  // The run ends (its progress with it) once the cache is written.
  await client.waitFor(() => client.progress.some((entry) => JSON.stringify(entry).includes('"kind":"end"')), 'the run to end');
  expect(await client.shutdown()).toBe(0);
}

describe('gauntlet run after the language server checked one file', () => {
  it('lists a finding mypy makes from either file once, as --no-cache does', { timeout: LSP_THEN_CLI_MS }, async ({ makeRepo }) => {
    // b.py imports a.py: mypy reports a.py's error whichever of the two it is given.
    const a = 'x: int = "text"\n';
    const { repo, xdg } = await makeMypyRepo(makeRepo, { 'a.py': a, 'b.py': 'import a\n\nprint(a.x)\n' });
    await withClient(repo, { xdg, capabilities: { window: { workDoneProgress: true } } }, (client) => openAndSettle(client, 'a.py', a, 1));

    const { cached } = await expectSameAsUncached(repo, ['-t', 'mypy'], MYPY_CACHE);

    expect(cached.code).toBe(1);
    expect(cached.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code ?? '-'}`)).toEqual(['a.py:1 assignment']);
  });

  it('reports a call that a change in the imported file broke, as --no-cache does', { timeout: LSP_THEN_CLI_MS }, async ({ makeRepo }) => {
    const a = 'from b import g\n\ng(1)\n';
    const { repo, xdg } = await makeMypyRepo(makeRepo, { 'a.py': a, 'b.py': 'def g(x: int) -> None:\n    pass\n' });
    await withClient(repo, { xdg, capabilities: { window: { workDoneProgress: true } } }, (client) => openAndSettle(client, 'a.py', a, 0));

    repo.write('b.py', 'def g(x: bytes) -> None:\n    pass\n');
    const { uncached } = await expectSameAsUncached(repo, ['-t', 'mypy'], MYPY_CACHE);

    expect(uncached.code).toBe(1);
    expect(uncached.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code ?? '-'}`)).toEqual(['a.py:3 arg-type']);
  });
});
