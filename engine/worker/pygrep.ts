import type { PygrepCommand } from '../../protocol/native-command.js';

/** One thing pygrep reports about a file: a matching line (or lines), or a file with no match (negate). */
export interface PygrepFinding {
  line: number;
  /** What pygrep prints after `file:line:`; for a negated search, '' (the file name alone is printed). */
  text: string;
}

/**
 * pre-commit's pygrep on one file's bytes (as latin1 text, one character a byte): the same
 * findings, in the same order, as `pre_commit/languages/pygrep.py` prints. `regex` is the
 * command's source compiled with no flags (the source carries them).
 */
export function searchPygrep(command: Pick<PygrepCommand, 'multiline' | 'negate'>, regex: RegExp, bytes: string): PygrepFinding[] {
  if (command.multiline) return command.negate ? negate(regex.test(bytes)) : searchWhole(regex, bytes);
  const lines = splitLinesKeepingEnds(bytes);
  if (command.negate) return negate(lines.some((line) => regex.test(line)));
  const found: PygrepFinding[] = [];
  lines.forEach((line, index) => {
    if (regex.test(line)) found.push({ line: index + 1, text: line.replace(/\r?\n$/, '') });
  });
  return found;
}

function negate(matched: boolean): PygrepFinding[] {
  return matched ? [] : [{ line: 1, text: '' }];
}

/** `--multiline`: the first match in the whole file; printed from the start of its first line to its end. */
function searchWhole(regex: RegExp, bytes: string): PygrepFinding[] {
  const match = regex.exec(bytes);
  if (!match) return [];
  const lineIndex = countNewlines(bytes.slice(0, match.index));
  const matched = match[0].split('\n');
  matched[0] = bytes.split('\n')[lineIndex] ?? '';
  return [{ line: lineIndex + 1, text: matched.join('\n') }];
}

/** Lines as Python iterates a binary file: each ends after its `\n`, the last may have none. */
function splitLinesKeepingEnds(bytes: string): string[] {
  const lines = bytes.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** pygrep's printed lines for a file's findings: `file:line:text`, or the file's name when negated. */
export function printPygrep(file: string, negated: boolean, findings: readonly PygrepFinding[]): string {
  return findings.map((finding) => (negated ? `${file}\n` : `${file}:${finding.line}:${latin1ToText(finding.text)}\n`)).join('');
}

/** Bytes read as latin1, back to the UTF-8 text they hold. */
export function latin1ToText(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
