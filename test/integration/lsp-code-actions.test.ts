import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { CodeActionRequest, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoTest as it } from '../helpers/e2e.js';
import { ESLINT_BIN } from '../helpers/external-tools.js';
import { trustedRepo, withClient, type LspClient } from '../helpers/lsp-client.js';

/** This repository's ESLint (a devDependency), run on the file with the fixable no-var rule and nothing else. */
const ESLINT_HOOK = { name: 'eslint', command: [ESLINT_BIN, '--no-config-lookup', '--rule', '{"no-var":"warn"}', '-f', 'json'], parser: 'eslint', files: '*.js' };
const SOURCE = 'var a = 1;\nvar b = 2;\nexport { a, b };\n';

function requestActions(client: LspClient, diagnostics: LspDiagnostic[], only?: string[]): Promise<(CodeAction | { command: string })[] | null> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.uri('a.js') },
    range,
    context: { diagnostics, ...(only === undefined ? {} : { only }) },
  });
}

/** The text an action's edit makes of `text`. */
function applyAction(client: LspClient, action: CodeAction | { command: string } | undefined, text: string): string {
  const edits = action !== undefined && 'edit' in action ? (action.edit?.changes?.[client.uri('a.js')] ?? []) : [];
  return TextDocument.applyEdits(TextDocument.create(client.uri('a.js'), 'javascript', 1, text), edits);
}

describe('gauntlet lsp: code actions from real ESLint', () => {
  it('offers each fix as a quick fix, all of them as a fix-all, the rule page as codeDescription, and nothing for a newer version', { timeout: 60_000 }, async ({ makeRepo }) => {
    expect(existsSync(ESLINT_BIN)).toBe(true);
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [ESLINT_HOOK] });
    repo.write('a.js', SOURCE);
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.js', SOURCE);
      const { params } = await client.waitForPublish('a.js', (diagnostics) => diagnostics.length === 2, 'two no-var warnings');
      const [first] = params.diagnostics;
      expect(first).toMatchObject({ source: 'eslint', code: 'no-var', codeDescription: { href: 'https://eslint.org/docs/latest/rules/no-var' } });

      const quick = await requestActions(client, first ? [first] : []);
      expect(quick?.map((action) => ('kind' in action ? action.kind : null))).toEqual(['quickfix', 'source.fixAll.gauntlet']);
      expect(quick?.[0]).toMatchObject({ title: 'Fix this no-var problem', isPreferred: true, diagnostics: [first] });
      expect(applyAction(client, quick?.[0], SOURCE)).toBe('let a = 1;\nvar b = 2;\nexport { a, b };\n');

      const fixAll = await requestActions(client, [], ['source.fixAll']);
      expect(fixAll).toHaveLength(1);
      expect(applyAction(client, fixAll?.[0], SOURCE)).toBe('let a = 1;\nlet b = 2;\nexport { a, b };\n');

      // The result is cached; a reopened document gets the same fixes from the cache.
      await client.waitFor(() => existsSync(path.join(repo.root, '.gauntlet', 'cache.msgpack')), 'the cache to be saved');
      await client.close('a.js');
      await client.waitForPublish('a.js', (diagnostics) => diagnostics.length === 0, 'the clear on close');
      const before = client.publishesFor('a.js').length;
      await client.open('a.js', SOURCE);
      await client.waitFor(() => client.publishesFor('a.js').slice(before).some((publish) => publish.params.diagnostics.length === 2), 'the cached result');
      expect(applyAction(client, (await requestActions(client, [], ['source.fixAll.gauntlet']))?.[0], SOURCE)).toBe('let a = 1;\nlet b = 2;\nexport { a, b };\n');

      // An unsaved edit: ESLint here checks only saved files, so its fixes are of version 1 and the editor is at 2.
      await client.change('a.js', `// edited\n${SOURCE}`);
      expect(await requestActions(client, first ? [first] : [])).toEqual([]);
      expect(await requestActions(client, [], ['source.fixAll.gauntlet'])).toEqual([]);
    });
  });

  it('advertises its code action kinds', async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [ESLINT_HOOK] });
    await withClient(repo, { xdg }, (client) => {
      expect(client.initializeResult?.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.gauntlet'] });
      return Promise.resolve();
    });
  });
});
