import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../engine/pool/pool.js';
import { builtWorkerUrl } from '../helpers/built.js';

const ESLINT_CAPTURE = fileURLToPath(new URL('../fixtures/parse/eslint.json', import.meta.url));
const pool = new WorkerPool({ workerUrl: builtWorkerUrl(), size: 1 });
afterAll(() => pool.close());

describe('a worker parsing a report with fixes', () => {
  it('hands the fixes and rule pages to the main thread with the diagnostics', async () => {
    const result = await pool.run({
      id: 1,
      hook: 'eslint',
      argv: ['cat', ESLINT_CAPTURE],
      root: fileURLToPath(new URL('../fixtures/parse/src/', import.meta.url)),
      files: [],
      env: {},
      timeoutMs: 10_000,
      outputCapBytes: 1_048_576,
      parser: { type: 'json-preset', preset: 'eslint' },
      okExitCodes: [0],
      failOnDiagnostics: false,
    });
    const noVar = result.diagnostics.find((diagnostic) => diagnostic.code === 'no-var');
    expect(noVar?.fixes).toEqual([{ description: 'Fix this no-var problem', safe: true, edits: [{ start: 18, end: 32, text: 'let count = 0;' }] }]);
    expect(noVar?.url).toBe('https://eslint.org/docs/latest/rules/no-var');
  });
});
