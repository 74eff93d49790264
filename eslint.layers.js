// @ts-check
// The layers of DESIGN.md as lint rules: server -> engine -> protocol, one way; the pool and the
// worker threads meet only in engine/worker/contract.ts. A later entry replaces an earlier one's
// rule for the files both match, so each entry lists every pattern its files obey.

const NO_ENGINE = { regex: '^(\\.\\./)+engine/', message: 'protocol/ imports nothing from engine/ (server -> engine -> protocol).' };
const NO_SERVER = { regex: '^(\\.\\./)+server/', message: 'protocol/ and engine/ import nothing from server/ (server -> engine -> protocol).' };
const NO_NODE = { regex: '^node:', message: 'protocol/ holds types and schemas only: no Node modules, no I/O.' };
const NO_POOL = { regex: '^\\.\\./pool/', message: 'engine/worker/ never imports engine/pool/: what both threads share is in engine/worker/contract.ts.' };
const ONLY_CONTRACT = {
  regex: '^\\.\\./worker/(?!contract\\.js$)',
  message: 'engine/pool/ imports only engine/worker/contract.ts of engine/worker/: the rest runs in the worker thread.',
};

/** @param {...{ regex: string, message: string }} patterns */
function restrictImports(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}

/** Flat config entries, one per layer. */
export const LAYER_BOUNDARIES = [
  { files: ['protocol/**/*.ts'], rules: restrictImports(NO_ENGINE, NO_SERVER, NO_NODE) },
  { files: ['engine/**/*.ts'], rules: restrictImports(NO_SERVER) },
  { files: ['engine/worker/**/*.ts'], rules: restrictImports(NO_SERVER, NO_POOL) },
  { files: ['engine/pool/**/*.ts'], rules: restrictImports(NO_SERVER, ONLY_CONTRACT) },
];
