import type { Hook } from '../../protocol/hook.js';

/** A hook as the config loader resolves one, `flake8` on Python files by default; `overrides` replace fields. */
export function makeHook(overrides: Partial<Hook> = {}): Hook {
  return {
    name: 'lint',
    argv: ['flake8'],
    files: ['*.py'],
    exclude: [],
    passFiles: true,
    alwaysRun: false,
    timeoutMs: 60_000,
    autoTimeout: false,
    stage: 'fast',
    parser: { type: 'gnu' },
    okExitCodes: [0],
    failOnDiagnostics: false,
    env: {},
    cacheInputs: [],
    requireSerial: false,
    batchSize: null,
    modifiesFiles: false,
    fixOk: false,
    ...overrides,
  };
}
