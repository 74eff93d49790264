import { createHash } from 'node:crypto';
import { digest } from './digest.js';
import type { CacheScope } from '../../protocol/config.js';
import type { FileStamp } from '../worker/contract.js';
import type { Hook } from '../../protocol/hook.js';

/**
 * Bumped when what a key covers changes, so older entries simply miss. 3: a file named `-x`
 * is passed as `./-x`; results from when a tool read it as an option must not be served.
 */
const KEY_VERSION = 3;

/**
 * Everything that decides a hook's verdict on a file, other than the file:
 * its effective definition, the tool's identity, and its cache inputs' content.
 */
export function computeHookKey(hook: Hook, scope: CacheScope, tool: string, inputs: ReadonlyArray<readonly [path: string, hash: string | null]>): string {
  return digest(
    JSON.stringify([
      KEY_VERSION,
      scope,
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
      // Only for formatters, so that every other hook's key stays as it was.
      ...(hook.format === true ? ['format'] : []),
    ]),
  );
}

/**
 * Where one file's result is kept locally: in its hook's table (the hook's key), under its path,
 * at this version: its content and the config files of its folders. Nothing hashed per file.
 */
export function composeFileVersion(contentHash: string, inputsDigest: string): string {
  return inputsDigest === '' ? contentHash : `${contentHash}\0${inputsDigest}`;
}

/** The key of one file's result in a remote cache: the hook's key, the path, the content, the config files of its folders. */
export function computeFileKey(hookKey: string, path: string, contentHash: string, inputsDigest: string): string {
  return digest(`${hookKey}\0${path}\0${contentHash}\0${inputsDigest}`);
}

/** The key of a hook's whole result: the hook's key, every file it covers with content, the config files of their folders. */
export function computeProjectKey(hookKey: string, files: ReadonlyArray<readonly [path: string, hash: string]>, inputsDigest: string): string {
  const hash = createHash('sha256').update(hookKey).update(`\0${inputsDigest}`);
  for (const [path, contentHash] of files) hash.update(`\0${path}\0${contentHash}`);
  return hash.digest().subarray(0, 16).toString('base64url');
}

/** One digest of the inputs that exist among `paths`, with their content; '' when none does. */
export function digestInputs(paths: readonly string[], stamps: ReadonlyMap<string, FileStamp | null>): string {
  const present = paths.flatMap((path) => {
    const hash = stamps.get(path)?.hash;
    return hash === undefined ? [] : [`${path}\0${hash}`];
  });
  return present.length === 0 ? '' : digest(present.join('\0'));
}
