import { describe, expect, it } from 'vitest';
import { findListedFiles, stripPreCommitOutput } from '../../engine/parse/pre-commit-output.js';

describe('stripPreCommitOutput', () => {
  it.each([
    {
      name: 'keeps only the findings of a failed hook',
      output: '[INFO] Initializing environment for /tmp/hooks.\nno tabs..................................................................Failed\n- hook id: no-tabs\n- exit code: 1\n\nnotes.txt:1:FIXME\tnow\n\n',
      text: 'notes.txt:1:FIXME\tnow\n',
      modifiedOnly: false,
    },
    { name: 'leaves nothing of a passed hook', output: 'no fixme.................................................................Passed\n', text: '', modifiedOnly: false },
    { name: 'leaves nothing of a hook with no files', output: 'no fixme.................................(no files to check)Skipped\n', text: '', modifiedOnly: false },
    {
      name: 'says when the only failure is a change in the repository',
      output: 'black....................................................................Failed\n- hook id: black\n- files were modified by this hook\n\nreformatted a.py\n\n',
      text: 'reformatted a.py\n',
      modifiedOnly: true,
    },
    {
      name: 'keeps a failure with an exit code for what it is',
      output: 'fixer....................................................................Failed\n- hook id: fixer\n- duration: 0.2s\n- exit code: 1\n- files were modified by this hook\n\nFixing a.txt\n',
      text: 'Fixing a.txt\n',
      modifiedOnly: false,
    },
    { name: 'keeps the hook\'s own lines that end in a word after dots', output: 'x...................Failed\n- hook id: x\n- exit code: 2\n\nsee a.py... Done\n', text: 'see a.py... Done\n', modifiedOnly: false },
  ])('$name', ({ output, text, modifiedOnly }) => {
    expect(stripPreCommitOutput(output)).toEqual({ text, modifiedOnly });
  });

  it('makes a finding of each given file a hook lists on a line of its own, with its message', () => {
    const found = findListedFiles('no-orig', 'remove the .orig files\n\nold.orig\nb.orig\nother\n', ['old.orig', 'b.orig', 'a.orig'], []);
    expect(found.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.message])).toEqual([
      ['old.orig', 1, 'remove the .orig files'],
      ['b.orig', 1, 'remove the .orig files'],
    ]);
  });

  it('adds no finding for a file another finding is already about', () => {
    const first = findListedFiles('x', 'a.py\n', ['a.py'], []);
    expect(findListedFiles('x', 'a.py\n', ['a.py'], first)).toEqual([]);
  });
});
