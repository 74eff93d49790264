import { createHash } from 'node:crypto';
import { digest } from './digest.js';
import type { Hook } from '../../protocol/hook.js';

/**
 * Bumped when what a key covers changes, so older entries simply miss. 2: a file named `-x`
 * is passed as `./-x`; results from when a tool read it as an option must not be served.
 */
const KEY_VERSION = 2;

/**
 * Everything that decides a hook's verdict on a file, other than the file:
 * its effective definition, the tool's identity, and its cache inputs' content.
 */
export function computeHookKey(hook: Hook, tool: string, inputs: ReadonlyArray<readonly [path: string, hash: string | null]>): string {
  return digest(
    JSON.stringify([
      KEY_VERSION,
      hook.argv,
      Object.entries(hook.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      hook.parser,
      hook.okExitCodes,
      hook.failOnDiagnostics,
      hook.passFiles,
      hook.modifiesFiles,
      hook.stdin === true,
      hook.filesAfterDoubleDash === true,
      tool,
      inputs,
    ]),
  );
}

/** The key of one file's result: the hook's key, the path, the content. */
export function computeFileKey(hookKey: string, path: string, contentHash: string): string {
  return digest(`${hookKey}\0${path}\0${contentHash}`);
}

/** The key of a project-level hook's result: the hook's key and every file it matches, with content. */
export function computeProjectKey(hookKey: string, files: ReadonlyArray<readonly [path: string, hash: string]>): string {
  const hash = createHash('sha256').update(hookKey);
  for (const [path, contentHash] of files) hash.update(`\0${path}\0${contentHash}`);
  return hash.digest().subarray(0, 16).toString('base64url');
}
