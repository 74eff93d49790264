import { buildPygrep } from '../../engine/config/import/pre-commit-pygrep.js';
import { printPygrep, searchPygrep } from '../../engine/worker/pygrep.js';

/** One pygrep check: a hook's `entry` and `args` on one file's content, and what pre-commit's pygrep prints. */
export interface PygrepCase {
  name: string;
  entry: string;
  args?: string[];
  content: string;
  /** pygrep's output with the file named `f.txt`; '' when the file passes. */
  printed: string;
}

// Each row's `printed` is what pre-commit 3.0.4's pygrep (Python 3.11) prints; test/integration checks that against Python itself.
export const PYGREP_CASES: PygrepCase[] = [
  { name: 'prints each matching line with its number', entry: 'print\\(', content: 'x = 1\nprint(x)\nprint(2)\n', printed: 'f.txt:2:print(x)\nf.txt:3:print(2)\n' },
  { name: 'passes a file with no match', entry: 'print\\(', content: 'x = 1\n', printed: '' },
  { name: 'ignores case with -i', entry: 'todo', args: ['-i'], content: 'TODO: a\nok\n', printed: 'f.txt:1:TODO: a\n' },
  { name: 'ignores case with a leading (?i)', entry: '(?i)todo', content: 'ok\nToDo\n', printed: 'f.txt:2:ToDo\n' },
  { name: 'lets \\s match the newline that ends a line, as Python does', entry: '\\s$', content: 'a \nb\n', printed: 'f.txt:1:a \nf.txt:2:b\n' },
  { name: 'takes $ before the line end, not before a carriage return', entry: 'x$', content: 'x\r\ny\n', printed: '' },
  { name: 'lets . match a carriage return', entry: 'x.$', content: 'x\r\n', printed: 'f.txt:1:x\n' },
  { name: 'takes \\Z as the very end of the line', entry: 'b\\Z', content: 'ab\nab', printed: 'f.txt:2:ab\n' },
  { name: 'takes \\A as the start of the line', entry: '\\Aab', content: 'xab\nab\n', printed: 'f.txt:2:ab\n' },
  { name: 'reads named groups and their backreferences', entry: '(?P<q>[\'"]).*(?P=q)', content: 'a = \'x\'\nb = \'y"\n', printed: "f.txt:1:a = 'x'\n" },
  { name: 'reads numbered backreferences', entry: '(\\w)\\1', content: 'abc\nabbc\n', printed: 'f.txt:2:abbc\n' },
  { name: 'reads a verbose pattern', entry: '(?x) print \\( # a call\n', content: 'print(1)\nprint (2)\n', printed: 'f.txt:1:print(1)\n' },
  { name: 'matches non-ASCII text by its UTF-8 bytes', entry: 'caf[é]', content: 'café\ncafe\n', printed: 'f.txt:1:café\n' },
  { name: 'folds only ASCII letters with -i, as on bytes', entry: 'CAFÉ', args: ['--ignore-case'], content: 'café\nCAFÉ\n', printed: 'f.txt:2:CAFÉ\n' },
  { name: 'searches the whole file with --multiline and prints the matched lines', entry: 'x = 1\\nprint', args: ['--multiline'], content: '# a\nx = 1\nprint(x)\n', printed: 'f.txt:2:x = 1\nprint\n' },
  { name: 'lets ^ hold at every line with --multiline', entry: '^def', args: ['--multiline'], content: 'a\ndef f(): pass\n', printed: 'f.txt:2:def f(): pass\n' },
  { name: 'lets . cross lines with --multiline', entry: 'a.b', args: ['--multiline'], content: 'xa\nbx\n', printed: 'f.txt:1:xa\nb\n' },
  { name: 'keeps . on its line without --multiline', entry: 'a.b', content: 'xa\nbx\n', printed: '' },
  { name: 'reads (?m) at the start', entry: '(?m)^b$', content: 'a\nb\n', printed: 'f.txt:2:b\n' },
  { name: 'reads (?s) at the start: . matches the newline ending a line', entry: '(?s)b.', content: 'ab\nc\n', printed: 'f.txt:1:ab\n' },
  { name: 'prints the name of a file with no match with --negate', entry: 'Copyright', args: ['--negate'], content: 'print(1)\n', printed: 'f.txt\n' },
  { name: 'passes a file with a match with --negate', entry: 'Copyright', args: ['--negate'], content: '# Copyright\n', printed: '' },
  { name: 'searches the whole file with --negate --multiline', entry: 'a\\nb', args: ['--negate', '--multiline'], content: 'a\nc\n', printed: 'f.txt\n' },
  { name: 'passes an empty file', entry: 'x', content: '', printed: '' },
  { name: 'reads a last line with no newline', entry: 'end', content: 'a\nthe end', printed: 'f.txt:2:the end\n' },
];

/** What gauntlet's pygrep prints for a case, or the reason it refuses the pattern. */
export function printCase(entry: string, args: readonly string[], file: string, content: Buffer): string {
  const built = buildPygrep(entry, args);
  if (!built.ok) throw new Error(built.reason);
  return printPygrep(file, built.command.negate, searchPygrep(built.command, new RegExp(built.command.source), content.toString('latin1')));
}
