import { describe, expect, it } from 'vitest';
import { makeColors } from '../../server/cli/colors.js';
import { escapeMessageLine, escapeTerminalText } from '../../server/cli/escape-text.js';
import { renderDiagnostics, renderHookLine } from '../../server/cli/render-text.js';
import { makeHookReport } from '../helpers/report-fixtures.js';

const TITLE = '\x1b]0;owned\x07';

describe('escaping hook text for a terminal', () => {
  it('shows ESC, BEL, carriage return, DEL and C1 controls as \\xNN and keeps tab and newline', () => {
    expect(escapeTerminalText(`${TITLE}a\tb\nc\rd\x7f\u009b2J`, false)).toBe('\\x1b]0;owned\\x07a\tb\nc\\x0dd\\x7f\\x9b2J');
  });

  it('makes a message one line for stderr: controls escaped, a line break shown as \\n', () => {
    expect(escapeMessageLine(`a${TITLE}.txt: no such file\nsecond`)).toBe('a\\x1b]0;owned\\x07.txt: no such file\\nsecond');
  });

  it('reads CRLF line ends as newlines', () => {
    expect(escapeTerminalText('one\r\ntwo\r\n', false)).toBe('one\ntwo\n');
  });

  it('keeps SGR colour codes with colour on and drops them with colour off, escaping every other sequence', () => {
    const text = '\x1b[1;31merror\x1b[0m \x1b[2J';
    expect(escapeTerminalText(text, true)).toBe('\x1b[1;31merror\x1b[0m \\x1b[2J');
    expect(escapeTerminalText(text, false)).toBe('error \\x1b[2J');
  });

  it('escapes the output, the reason and the diagnostics a run prints, colour on or off', () => {
    for (const color of [true, false]) {
      const options = { colors: makeColors(color), quiet: false, verbose: true };
      const hook = makeHookReport('noisy', 'failed', { files: 1, durationMs: 5 }, { reason: `exit ${TITLE}`, modified_files: [`b${TITLE}.py`], output: `${TITLE}\n` });
      const line = renderHookLine(hook, options);
      const diagnostics = renderDiagnostics(
        [{ hook: 'noisy', file: `a${TITLE}.py`, line: 1, column: null, severity: 'error', code: TITLE, message: TITLE }],
        new Set(),
        options,
      );
      for (const text of [line, diagnostics]) {
        expect(text).not.toContain(TITLE);
        expect(text).toContain('\\x1b]0;owned\\x07');
      }
    }
  });
});
