import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES } from '../../engine/config/find-config.js';

interface HelixLanguages {
  'language-server'?: Record<string, { command?: unknown; args?: unknown; 'required-root-patterns'?: unknown }>;
  language?: { name?: unknown; 'language-servers'?: unknown }[];
}

const HELIX_FILE = new URL('../../editors/helix/languages.toml', import.meta.url);
const helix = parse(readFileSync(HELIX_FILE, 'utf8')) as HelixLanguages;
const languages = helix.language ?? [];

describe('the Helix languages.toml', () => {
  it('defines the gauntlet server as `gauntlet lsp --stdio`, started only where the root has a config gauntlet reads', () => {
    const server = helix['language-server']?.gauntlet;
    expect(server).toMatchObject({ command: 'gauntlet', args: ['lsp', '--stdio'] });
    const patterns = server?.['required-root-patterns'];
    expect(patterns).toEqual(expect.arrayContaining(['gauntlet.yaml', '.pre-commit-config.yaml']));
    // Every pattern is a name gauntlet reads at a root: no pattern starts the server where it would find nothing.
    for (const pattern of patterns as string[]) expect(CONFIG_FILE_NAMES).toContain(pattern);
  });

  it('has entries for TypeScript, TSX, JavaScript and JSX', () => {
    expect(languages.map((language) => language.name)).toEqual(expect.arrayContaining(['typescript', 'tsx', 'javascript', 'jsx']));
  });

  it.each(languages.map((language) => [String(language.name), language['language-servers']] as const))(
    'appends gauntlet to the %s servers, after at least one of the language’s own',
    (_name, servers) => {
      expect(Array.isArray(servers)).toBe(true);
      const list = servers as unknown[];
      expect(list.at(-1)).toBe('gauntlet');
      expect(list.length).toBeGreaterThan(1);
      expect(list.filter((server) => server === 'gauntlet')).toHaveLength(1);
    },
  );

  it('keeps typescript-language-server for the TypeScript and JavaScript family', () => {
    for (const name of ['typescript', 'tsx', 'javascript', 'jsx']) {
      expect(languages.find((language) => language.name === name)?.['language-servers']).toEqual(['typescript-language-server', 'gauntlet']);
    }
  });
});
