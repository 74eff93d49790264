/**
 * The worker threads' script as built: dist/worker/entry.js. The bundled command line and
 * language server sit in dist/bin (tsc's output of this file in dist/server), one folder away.
 */
export const WORKER_URL = new URL('../worker/entry.js', import.meta.url);
