import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture hook script. */
export function fixtureHook(name: string): string {
  return fileURLToPath(new URL(`../fixtures/hooks/${name}`, import.meta.url));
}

/** Absolute path of the built CLI. */
export const GAUNTLET_BIN = fileURLToPath(new URL('../../dist/bin/gauntlet.js', import.meta.url));
