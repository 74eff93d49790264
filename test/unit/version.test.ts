import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GAUNTLET_VERSION } from '../../protocol/version.js';

/** What `gauntlet --version`, the language server and SARIF logs say must be what npm installed. */
describe("gauntlet's version", () => {
  it("is package.json's", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(GAUNTLET_VERSION).toBe(pkg.version);
  });

  it('is a semantic version npm accepts', () => {
    expect(GAUNTLET_VERSION).toMatch(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/);
  });
});
