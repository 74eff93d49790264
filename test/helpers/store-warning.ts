import { expect } from 'vitest';

/**
 * Checks the warning of a store file gauntlet could not read: one line, naming the file (`label`,
 * e.g. `.gauntlet/cache.msgpack`) first and saying what it does instead. Returns the text.
 */
export function expectOneLineWarning(warning: string | null, label: string, fallback: string): string {
  expect(warning).not.toBeNull();
  const text = warning ?? '';
  expect(text).not.toContain('\n');
  expect(text.startsWith(`${label}: `)).toBe(true);
  expect(text).toContain(fallback);
  return text;
}
