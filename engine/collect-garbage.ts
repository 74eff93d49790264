import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection now. A long-lived process (the language server and its workers)
 * calls it between bursts of small runs: V8 otherwise grows each isolate's heap towards its
 * limit before it collects, and the server's memory would climb for hundreds of saves.
 * Node exposes no collector without `--expose-gc`; the flag is set here and `gc` taken from
 * a fresh context. A no-op where that fails.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('gc');
      collect = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
