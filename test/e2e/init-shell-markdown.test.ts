import { describe, expect } from 'vitest';
import { repoTest as it } from '../helpers/e2e.js';
import { hasTool } from '../helpers/external-tools.js';
import { expectCleanThenCaught, INIT_TEST_MS, linkNodeTools, lintWrittenConfig, omitNodeBins, readWrittenHooks, runSlowly } from '../helpers/init-e2e.js';

const HAS_TOOLS = hasTool('shellcheck') && hasTool('yamllint');

const SCRIPT = '#!/bin/sh\nset -eu\necho "building $1"\n';
const README = '# Tools\n\nRun `scripts/build.sh` to build.\n';

describe.runIf(HAS_TOOLS).concurrent('gauntlet init in a shell and Markdown repository', { timeout: INIT_TEST_MS }, () => {
  it('writes shellcheck (json1) and markdownlint (--json) hooks that pass, then fail on a planted warning and rule violation', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('.gitignore', 'node_modules/\n');
    repo.write('scripts/build.sh', SCRIPT);
    repo.write('README.md', README);
    linkNodeTools(repo, ['markdownlint']);
    await repo.commitAll();

    const init = await runSlowly(repo, ['init'], omitNodeBins());
    expect(init.code, init.stderr).toBe(0);
    expect(repo.read('gauntlet.yaml')).toMatch(/^# yaml-language-server: \$schema=\/\S+\/dist\/gauntlet\.schema\.json\n|^# yamllint disable-line/);
    expect(await lintWrittenConfig(repo)).toBe('');
    const hooks = readWrittenHooks(repo);
    expect(hooks.find((hook) => hook.name === 'shellcheck')).toMatchObject({ command: ['shellcheck', '-f', 'json1'], parser: 'shellcheck' });
    expect(hooks.find((hook) => hook.name === 'markdownlint')).toMatchObject({ command: ['node_modules/.bin/markdownlint', '--json'], parser: 'markdownlint' });

    const planted = { 'scripts/build.sh': '#!/bin/sh\nset -eu\necho building $1\n', 'README.md': '# Tools\n\n\nRun `scripts/build.sh` to build.\n' };
    const report = await expectCleanThenCaught(repo, ['shellcheck', 'markdownlint'], planted, ['shellcheck scripts/build.sh:3', 'markdownlint README.md:3']);
    expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(expect.arrayContaining(['SC2086', 'MD012']));
  });
});
