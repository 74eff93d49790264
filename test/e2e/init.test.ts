import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import { repoTest as it, splitLines, statusesOf } from '../helpers/e2e.js';
import { hasTool } from '../helpers/external-tools.js';

const HAS_TOOLS = hasTool('flake8') && hasTool('shellcheck');

describe.runIf(HAS_TOOLS).concurrent('gauntlet init', () => {
  it('writes a config for the installed tools of the file types present, which loads and runs', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('app.py', 'import os\n');
    repo.write('tools/build.sh', '#!/bin/sh\necho $1\n');
    repo.write('notes.txt', 'notes\n');
    const result = await repo.run(['init']);
    expect(result.code, result.stderr).toBe(0);
    const lines = splitLines(result.stdout);
    expect(lines[0]).toMatch(/^wrote gauntlet\.yaml with \d+ hooks:$/);
    expect(lines).toContain('  flake8: 1 file');
    expect(lines).toContain('  shellcheck: 1 file');
    expect(lines.at(-1)).toBe('check it with: gauntlet run');

    const text = repo.read('gauntlet.yaml');
    expect(text).toContain('# flake8: Python lint');
    const config = parse(text) as { hooks: { name: string; files?: string[]; version_command?: string[] }[] };
    const names = config.hooks.map((hook) => hook.name);
    // What lets a remote cache share a script's results (README, "Sharing results").
    expect(config.hooks.find((hook) => hook.name === 'flake8')?.version_command).toEqual(['flake8', '--version']);
    expect(config.hooks.find((hook) => hook.name === 'conflict-markers')?.version_command).toBeUndefined();
    expect(names).toEqual(expect.arrayContaining(['flake8', 'shellcheck', 'conflict-markers']));
    // No YAML or JavaScript file here: no hook for them, whatever is installed.
    expect(names).not.toContain('yamllint');
    expect(names).not.toContain('eslint');

    const { result: run, report } = await repo.runJson(['--stage', 'fast']);
    expect(run.stderr).toBe('');
    expect(statusesOf(report)).toMatchObject({ flake8: 'failed', shellcheck: 'failed', 'conflict-markers': 'passed' });
    expect(report.diagnostics.map((diagnostic) => `${diagnostic.hook} ${diagnostic.file}:${diagnostic.line}`)).toEqual(
      expect.arrayContaining(['flake8 app.py:1', 'shellcheck tools/build.sh:2']),
    );
  });

  it('refuses to overwrite a config without --force', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('app.py', 'print(1)\n');
    repo.write('gauntlet.yaml', '# mine\n');
    const refused = await repo.run(['init']);
    expect(refused.code).toBe(2);
    expect(splitLines(refused.stderr)).toEqual(['gauntlet: gauntlet.yaml already exists (pass --force to overwrite it)']);
    expect(repo.read('gauntlet.yaml')).toBe('# mine\n');
    expect((await repo.run(['init', '--force'])).code).toBe(0);
    expect(repo.read('gauntlet.yaml')).toContain('name: flake8');
  });
});

describe.concurrent('gauntlet schema', () => {
  it('prints the JSON Schema of gauntlet.yaml', async ({ makeRepo }) => {
    const repo = await makeRepo({ git: false });
    const result = await repo.run(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { title: string; properties: Record<string, unknown> };
    expect(schema.title).toBe('gauntlet.yaml');
    expect(Object.keys(schema.properties)).toContain('hooks');
  });
});
