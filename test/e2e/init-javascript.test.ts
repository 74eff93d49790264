import { describe, expect } from 'vitest';
import { repoTest as it, splitLines } from '../helpers/e2e.js';
import { hasTool } from '../helpers/external-tools.js';
import { expectCleanThenCaught, INIT_TEST_MS, linkGauntletPackage, linkNodeTools, lintWrittenConfig, omitNodeBins, readWrittenHooks, runSlowly } from '../helpers/init-e2e.js';

const ESLINT_CONFIG = `export default [
  {
    files: ['**/*.js'],
    rules: { 'no-unused-vars': 'error', 'no-undef': 'error' },
  },
];
`;
const TSCONFIG = '{ "compilerOptions": { "strict": true, "noEmit": true, "module": "nodenext" }, "include": ["src"] }\n';
const PACKAGE = '{ "name": "app", "private": true, "type": "module", "devDependencies": { "eslint": "*", "typescript": "*" } }\n';
const ADD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const TWICE = 'export function twice(x) {\n  return x * 2;\n}\n';

describe.runIf(hasTool('yamllint')).concurrent('gauntlet init in a JavaScript and TypeScript repository', { timeout: INIT_TEST_MS }, () => {
  it('writes eslint (JSON output) and tsc hooks from node_modules/.bin that pass, then fail on a planted error', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('.gitignore', 'node_modules/\n');
    repo.write('eslint.config.js', ESLINT_CONFIG);
    repo.write('tsconfig.json', TSCONFIG);
    repo.write('package.json', PACKAGE);
    repo.write('src/add.ts', ADD);
    repo.write('src/twice.js', TWICE);
    linkNodeTools(repo, ['eslint', 'tsc']);
    linkGauntletPackage(repo);
    await repo.commitAll();

    const init = await runSlowly(repo, ['init'], omitNodeBins());
    expect(init.code, init.stderr).toBe(0);
    expect(splitLines(init.stdout)).toEqual(expect.arrayContaining(['  tsc: 2 files', '  eslint: 3 files']));
    // gauntlet is a dependency here: the modeline points at its schema, relative to the file.
    expect(repo.read('gauntlet.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/gauntlet/dist/gauntlet.schema.json');
    expect(await lintWrittenConfig(repo)).toBe('');
    const hooks = readWrittenHooks(repo);
    expect(hooks.find((hook) => hook.name === 'eslint')).toMatchObject({
      command: ['node_modules/.bin/eslint', '--max-warnings', '0', '--format', 'json', '--no-warn-ignored'],
      parser: 'eslint',
    });
    expect(hooks.find((hook) => hook.name === 'tsc')?.command[0]).toBe('node_modules/.bin/tsc');

    const planted = {
      'src/twice.js': 'export function twice(x) {\n  const unused = 1;\n  return x * 2;\n}\n',
      'src/add.ts': 'export function add(a: number, b: number): number {\n  return a + String(b);\n}\n',
    };
    await expectCleanThenCaught(repo, ['eslint', 'tsc'], planted, ['eslint src/twice.js:2', 'tsc src/add.ts:2']);
  });

  it('lists the tools that configs name but that are not installed, with their install command, and writes no hook for them', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('eslint.config.js', ESLINT_CONFIG);
    repo.write('tsconfig.json', TSCONFIG);
    repo.write('package.json', PACKAGE);
    repo.write('src/add.ts', ADD);
    repo.write('src/twice.js', TWICE);
    repo.write('.markdownlint.json', '{ "MD013": false }\n');
    repo.write('README.md', '# App\n');
    await repo.commitAll();

    const init = await runSlowly(repo, ['init'], omitNodeBins());
    expect(init.code, init.stderr).toBe(0);
    expect(splitLines(init.stdout)).toEqual(
      expect.arrayContaining([
        'node_modules/ is missing: run npm install (or npm ci) first, then gauntlet init --force',
        'left out, named by a config here but not installed (install, then gauntlet init --force):',
        '  tsc (tsconfig.json) not installed: npm install -D typescript',
        '  eslint (eslint.config.js) not installed: npm install -D eslint',
        '  markdownlint (.markdownlint.json) not installed: npm install -D markdownlint-cli',
      ]),
    );
    const names = readWrittenHooks(repo).map((hook) => hook.name);
    expect(names).toContain('conflict-markers');
    for (const missing of ['eslint', 'tsc', 'markdownlint']) expect(names).not.toContain(missing);
    expect(await lintWrittenConfig(repo)).toBe('');
  });
});
