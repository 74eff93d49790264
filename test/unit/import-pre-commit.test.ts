import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../engine/config/import/identify-files.js';
import { resolveImportedConfig, type ImportedConfig } from '../../engine/config/import/imported-hook.js';
import { importPreCommit } from '../../engine/config/import/pre-commit.js';
import { renderGauntletYaml } from '../../engine/config/import/render-yaml.js';
import { parseYamlSource } from '../../engine/config/import/yaml-source.js';
import { tagsFromFilename } from '../../engine/config/import/file-types.js';
import { parseShebang } from '../../engine/config/import/identify-files.js';
import { matchFiles } from '../../engine/files/match.js';
import { loadConfig } from '../../engine/config/load-config.js';
import type { ResolvedConfig } from '../../protocol/hook.js';

async function loadWritten(text: string): Promise<ResolvedConfig> {
  const folder = mkdtempSync(path.join(tmpdir(), 'gauntlet-import-'));
  try {
    writeFileSync(path.join(folder, 'gauntlet.yaml'), text);
    return await loadConfig(path.join(folder, 'gauntlet.yaml'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const FACTS: FileFacts = {
  symlinks: new Set(['link.py']),
  executables: new Set(['bin/tool', 'bin/run.py']),
  interpreterTags: new Map([['bin/tool', ['shell', 'sh']]]),
  binaryContent: new Set(['data.bin']),
};

const FILES = [
  'a.py', 'src/b.py', 'src/deep/c.py', 'docs/d.py', 'stubs/e.pyi', 'X.PY', 'link.py', 'bin/tool', 'bin/run.py', 's.sh',
  'img.png', 'data.bin', 'notes.txt', 'README.md', 'Dockerfile.dev', 'Makefile', '.github/ci.yml',
];

async function importText(yaml: string, facts: FileFacts = FACTS): Promise<ImportedConfig> {
  return importPreCommit(parseYamlSource(yaml, '.pre-commit-config.yaml'), { facts: () => Promise.resolve(facts) });
}

function localHook(fields: string): string {
  return ['repos:', '- repo: local', '  hooks:', '  - id: check', '    name: check', '    entry: check', '    language: system', ...fields.split('\n').filter(Boolean).map((line) => `    ${line}`)].join('\n');
}

async function filesOf(fields: string): Promise<string[]> {
  const imported = await importText(localHook(fields));
  const hook = resolveImportedConfig(imported, '/repo/.pre-commit-config.yaml').hooks[0];
  if (!hook) throw new Error(`no hook: ${imported.warnings.join('; ')}`);
  return matchFiles(hook, FILES);
}

describe('importPreCommit', () => {
  const REMOTE_CONFIG = [
    'repos:',
    '- repo: https://github.com/psf/black',
    '  rev: 24.1.0',
    '  hooks:',
    '  - id: black',
    '  - id: black',
    '    alias: black-docs',
    '    files: ^docs/',
    '    stages: [manual]',
    '- repo: meta',
    '  hooks:',
    '  - id: check-useless-excludes',
    '- repo: local',
    '  hooks:',
    '  - id: lint',
    '    name: Lint',
    '    entry: flake8 --max-line-length=100',
    '    args: [--count]',
    '    language: system',
    '    types: [python]',
    '  - id: typing',
    '    name: typing',
    '    entry: mypy',
    '    language: python',
  ].join('\n');

  it('skips hooks only pre-commit can run with one warning line naming them and what to install, when neither pre-commit nor prek is on PATH', async () => {
    const imported = await importText(REMOTE_CONFIG);
    expect(imported.warnings).toEqual([
      '.pre-commit-config.yaml: skipping 4 hooks "black", "black", "check-useless-excludes", "typing", which only pre-commit can run (its tool environments): install pre-commit ("pipx install pre-commit") or prek ("npm i -g @j178/prek") to run them through it',
    ]);
    expect(imported.hooks.map((hook) => [hook.name, hook.argv])).toEqual([['lint', ['flake8', '--max-line-length=100', '--count']]]);
  });

  it('runs remote, meta and environment hooks through pre-commit, each selected alone, with the config as a cache input', async () => {
    const context = { facts: () => Promise.resolve(FACTS), preCommitTool: () => Promise.resolve('pre-commit' as const), configPath: 'ci/pre-commit.yaml' };
    const imported = await importPreCommit(parseYamlSource(REMOTE_CONFIG, 'ci/pre-commit.yaml'), context);
    const run = (selector: string, ...more: string[]): string[] => ['pre-commit', 'run', selector, '--config', 'ci/pre-commit.yaml', ...more, '--files', '{files}'];
    expect(imported.hooks.map((hook) => [hook.name, hook.argv])).toEqual([
      ['black-docs', run('black-docs', '--hook-stage', 'manual')],
      ['check-useless-excludes', run('check-useless-excludes')],
      ['lint', ['flake8', '--max-line-length=100', '--count']],
      ['typing', run('typing')],
    ]);
    expect(imported.warnings).toEqual(['ci/pre-commit.yaml: skipping hook "black": "pre-commit run black" would run all 2 hooks with that id; give this one an alias no other hook has']);
    expect(imported.hooks[0]).toMatchObject({ outputFilter: 'pre-commit', cacheInputs: ['ci/pre-commit.yaml'], modifiesFiles: false, alwaysRun: false, stage: 'comprehensive', title: 'pre-commit hook "black" from https://github.com/psf/black @ 24.1.0, run by pre-commit' });
    const resolved = resolveImportedConfig(imported, '/repo/ci/pre-commit.yaml');
    const [black, , , typing] = resolved.hooks;
    if (!black || !typing) throw new Error('hooks missing');
    expect(matchFiles(black, FILES)).toEqual(['docs/d.py']);
    expect(matchFiles(typing, FILES)).toEqual(FILES);
  });

  it('runs pygrep and fail hooks in gauntlet, and refuses a pygrep regex JavaScript cannot say, naming the hook', async () => {
    const pygrep = await importText(localHook('args: [--multiline, -i]').replace('entry: check', "entry: '(?P<x>a)(?P=x)'").replace('language: system', 'language: pygrep'));
    expect(pygrep.hooks[0]).toMatchObject({ argv: ['pygrep', '--multiline', '-i', '(?P<x>a)(?P=x)'], native: { type: 'pygrep', multiline: true, negate: false, pattern: '(?P<x>a)(?P=x)' } });
    const fail = await importText(localHook('').replace('language: system', 'language: fail'));
    expect(fail.hooks[0]?.native).toEqual({ type: 'fail', message: 'check' });
    const refused = importText(localHook('').replace('entry: check', "entry: 'a(?i:b)'").replace('language: system', 'language: pygrep'));
    await expect(refused).rejects.toThrow(/^\.pre-commit-config\.yaml:6:\d+: repos\[0\]\.hooks\[0\]\.entry: hook "check": cannot run the Python regex "a\(\?i:b\)": inline flags are only supported at the start of the pattern$/);
  });

  it('leaves pygrep hooks and hooks run through pre-commit out of a written gauntlet.yaml, with a warning each', async () => {
    const context = { facts: () => Promise.resolve(FACTS), preCommitTool: () => Promise.resolve('prek' as const) };
    const imported = await importPreCommit(parseYamlSource(REMOTE_CONFIG.replace('language: system', 'language: pygrep').replace('[--count]', '[--negate]'), '.pre-commit-config.yaml'), context);
    const rendered = renderGauntletYaml(imported, '.pre-commit-config.yaml', 'gauntlet import pre-commit');
    expect(rendered.warnings).toEqual([
      '.pre-commit-config.yaml: hook "black-docs": it runs through prek, which gauntlet.yaml cannot say; left out (gauntlet runs it from .pre-commit-config.yaml)',
      '.pre-commit-config.yaml: hook "check-useless-excludes": it runs through prek, which gauntlet.yaml cannot say; left out (gauntlet runs it from .pre-commit-config.yaml)',
      '.pre-commit-config.yaml: hook "lint": a pygrep hook runs inside gauntlet, which gauntlet.yaml cannot say; left out (gauntlet runs it from .pre-commit-config.yaml)',
      '.pre-commit-config.yaml: hook "typing": it runs through prek, which gauntlet.yaml cannot say; left out (gauntlet runs it from .pre-commit-config.yaml)',
    ]);
    expect(rendered.text).toContain('hooks: []');
  });

  it('runs a script entry from the repository root and prints the message of a fail hook', async () => {
    const script = await importText(localHook('').replace('language: system', 'language: script'));
    expect(script.hooks[0]?.argv).toEqual(['./check']);
    const fail = await importText(localHook('').replace('entry: check', 'entry: do not commit this').replace('language: system', 'language: fail'));
    // gauntlet runs it itself; the command is what gauntlet.yaml gets.
    expect(fail.hooks[0]?.argv).toEqual(['sh', '-c', expect.stringContaining('exit 1'), 'do not commit this']);
  });

  it('maps pass_filenames, always_run, require_serial and stages', async () => {
    const imported = await importText(localHook('pass_filenames: false\nalways_run: true\nrequire_serial: true\nstages: [manual]'));
    expect(imported.hooks[0]).toMatchObject({ passFiles: false, alwaysRun: true, requireSerial: true, stage: 'comprehensive' });
    const commit = await importText(localHook('stages: [commit, push]'));
    expect(commit.hooks[0]?.stage).toBe('fast');
    const message = await importText(localHook('stages: [commit-msg]'));
    expect(message.hooks).toEqual([]);
    expect(message.warnings[0]).toMatch(/skipping hook "check": it runs only at the commit-msg stage/);
  });

  it('takes fail_fast from the top level, and from any hook for the whole run with a warning', async () => {
    expect((await importText(`fail_fast: true\n${localHook('')}`)).failFast).toBe(true);
    const perHook = await importText(localHook('fail_fast: true'));
    expect(perHook.failFast).toBe(true);
    expect(perHook.warnings[0]).toMatch(/^\.pre-commit-config\.yaml:\d+:\d+: repos\[0\]\.hooks\[0\]\.fail_fast: /);
  });

  it('selects files with files and exclude regexes searched in the path', async () => {
    expect(await filesOf('files: ^src/\nexclude: deep/')).toEqual(['src/b.py']);
    expect(await filesOf('files: \\.py$\nexclude: |\n  (?x)^(\n    docs/.*|\n    a\\.py\n  )$')).toEqual(['src/b.py', 'src/deep/c.py', 'bin/run.py']);
  });

  it('selects files by identify tags: extension, file name, #! line, content, and never a symlink', async () => {
    expect(await filesOf('types: [python]')).toEqual(['a.py', 'src/b.py', 'src/deep/c.py', 'docs/d.py', 'X.PY', 'bin/run.py']);
    expect(await filesOf('types: [shell]')).toEqual(['bin/tool', 's.sh']);
    expect(await filesOf('types_or: [pyi, dockerfile, makefile]')).toEqual(['stubs/e.pyi', 'Dockerfile.dev', 'Makefile']);
    expect(await filesOf('types: [file, executable]')).toEqual(['bin/tool', 'bin/run.py']);
    expect(await filesOf('types: [text]\nexclude_types: [python, markdown]')).toEqual(['stubs/e.pyi', 'bin/tool', 's.sh', 'notes.txt', 'Dockerfile.dev', 'Makefile', '.github/ci.yml']);
    expect(await filesOf('types: [binary]')).toEqual(['img.png', 'data.bin']);
  });

  it('applies the top-level files and exclude to every hook', async () => {
    const imported = await importText(`files: ^src/\nexclude: deep\n${localHook('')}`);
    const hook = resolveImportedConfig(imported, '/r/x').hooks[0];
    expect(hook && matchFiles(hook, FILES)).toEqual(['src/b.py']);
  });

  it('skips a hook with a regex JavaScript cannot run or an unknown tag, and fails on a bad top-level regex', async () => {
    const backref = await importText(localHook('files: (a)\\1'));
    expect(backref.warnings).toEqual(['.pre-commit-config.yaml: skipping hook "check": files: cannot use the regex "(a)\\\\1" in JavaScript: backreferences are not supported']);
    const tag = await importText(localHook('types: [no-such-tag]'));
    expect(tag.warnings).toEqual(['.pre-commit-config.yaml: skipping hook "check": types: unknown type tag "no-such-tag"']);
    await expect(importText(`files: (a)\\1\n${localHook('')}`)).rejects.toThrow(/^\.pre-commit-config\.yaml:1:8: files: cannot use the regex/);
  });

  it('reports a missing required field as one line with its position', async () => {
    await expect(importText('repos:\n- repo: local\n  hooks:\n  - id: x\n    name: x\n    language: system\n')).rejects.toThrow(
      '.pre-commit-config.yaml:4:5: repos[0].hooks[0].entry: required field is missing',
    );
  });

  it('warns about unknown keys and keeps ids unique', async () => {
    const yaml = `${localHook('pass_filename: false')}\n  - id: check\n    name: again\n    entry: check --again\n    language: system`;
    const imported = await importText(yaml);
    expect(imported.warnings).toEqual(['.pre-commit-config.yaml:8:5: repos[0].hooks[0].pass_filename: unknown key, ignored']);
    expect(imported.hooks.map((hook) => hook.name)).toEqual(['check', 'check-2']);
  });
});

describe('gauntlet.yaml written from a pre-commit config', () => {
  const exact = [
    'files: ^src/\ntypes: [python]\nexclude: ^src/deep/',
    'types: [text]\nexclude_types: [markdown]',
    'types_or: [shell, dockerfile]',
    'files: \\.(py|md)$\nexclude: ^docs/',
    'types: [file, executable]',
  ];
  for (const fields of exact) {
    it(`writes globs that select what the regexes and tags select (${fields.replace(/\n/g, '; ')})`, async () => {
      const imported = await importText(localHook(fields));
      const { text, warnings } = renderGauntletYaml(imported, '.pre-commit-config.yaml', 'gauntlet import pre-commit');
      expect(warnings).toEqual([]);
      expect(text).toContain('# pre-commit hook "check"');
      const written = await loadWritten(text);
      const imported0 = resolveImportedConfig(imported, '/r/x').hooks[0];
      expect(written.hooks[0] && matchFiles(written.hooks[0], FILES)).toEqual(imported0 && matchFiles(imported0, FILES));
    });
  }

  it('names what globs cannot say, in a warning and a FIXME comment', async () => {
    const imported = await importText(localHook('files: ^src/(?!deep)'));
    const { text, warnings } = renderGauntletYaml(imported, '.pre-commit-config.yaml', 'gauntlet import pre-commit');
    expect(warnings).toEqual(['.pre-commit-config.yaml: hook "check": files: ^src/(?!deep): no glob says the same; this hook may get more files than before']);
    expect(text).toContain('# FIXME files: ^src/(?!deep): no glob says the same');
  });
});

describe('identify', () => {
  it('reads tags from extensions (any case), names and name parts', () => {
    expect([...tagsFromFilename('src/X.PY')].sort()).toEqual(['python', 'text']);
    expect(tagsFromFilename('Dockerfile.dev').has('dockerfile')).toBe(true);
    expect(tagsFromFilename('.py').size).toBe(0);
    expect(tagsFromFilename('noext').size).toBe(0);
  });

  it('reads the command of a #! line, through env and env -S', () => {
    expect(parseShebang(Buffer.from('#!/bin/sh -e\necho'))).toEqual(['/bin/sh', '-e']);
    expect(parseShebang(Buffer.from('#!/usr/bin/env python3\n'))).toEqual(['python3']);
    expect(parseShebang(Buffer.from('#!/usr/bin/env -S node --x\n'))).toEqual(['node', '--x']);
    expect(parseShebang(Buffer.from('echo'))).toEqual([]);
  });
});
