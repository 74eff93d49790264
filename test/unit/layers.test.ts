import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { LAYER_BOUNDARIES } from '../../eslint.layers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * ESLint with the layer rules of eslint.config.js alone: no type information, so it lints any text
 * at once (`npm run lint` applies them, with the other rules, to every file).
 */
const linter = new ESLint({
  cwd: REPO,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...LAYER_BOUNDARIES],
});

/** The layer-rule messages of one import written in `file`. */
async function lintImport(file: string, from: string): Promise<string[]> {
  const [result] = await linter.lintText(`import { x } from '${from}';\nexport const y = x;\n`, { filePath: file });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('the layer rules', () => {
  it.each([
    ['protocol/report.ts', '../engine/run.js', /protocol\/ imports nothing from engine/],
    ['protocol/report.ts', '../server/main.js', /import nothing from server/],
    ['protocol/report.ts', 'node:fs', /no Node modules/],
    ['engine/run.ts', '../server/main.js', /import nothing from server/],
    ['engine/coordinate/plan-phase.ts', '../../server/cli/errors.js', /import nothing from server/],
    ['engine/worker/entry.ts', '../pool/pool.js', /never imports engine\/pool/],
    ['engine/worker/entry.ts', '../../server/worker-url.js', /import nothing from server/],
    ['engine/pool/pool.ts', '../worker/run-job.js', /imports only engine\/worker\/contract\.ts/],
    ['engine/pool/pool.ts', '../../server/main.js', /import nothing from server/],
  ])('rejects in %s an import of %s', async (file, from, message) => {
    const messages = await lintImport(file, from);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^no-restricted-imports: /);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ['protocol/report.ts', './diagnostic.js'],
    ['protocol/config.ts', 'zod/mini'],
    ['engine/pool/pool.ts', '../worker/contract.js'],
    ['engine/pool/pool.ts', '../process/kill-group.js'],
    ['engine/worker/entry.ts', './contract.js'],
    ['engine/run.ts', '../protocol/report.js'],
    ['server/main.ts', '../engine/run.js'],
  ])('allows in %s an import of %s', async (file, from) => {
    expect(await lintImport(file, from)).toEqual([]);
  });

});
