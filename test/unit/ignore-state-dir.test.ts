import { describe, expect, it } from 'vitest';
import { appendIgnoreLine } from '../../server/cli/ignore-state-dir.js';

describe('appendIgnoreLine', () => {
  it('adds .gauntlet/ to an empty .gitignore', () => {
    expect(appendIgnoreLine('')).toBe('.gauntlet/\n');
  });

  it('adds it after the last line, ending a last line that has no newline first', () => {
    expect(appendIgnoreLine('node_modules/\n')).toBe('.gauntlet/\n');
    expect(appendIgnoreLine('node_modules/\ndist')).toBe('\n.gauntlet/\n');
  });

  it.each(['.gauntlet', '.gauntlet/', '/.gauntlet', '/.gauntlet/', '.gauntlet/*', '.gauntlet/**', '**/.gauntlet', '**/.gauntlet/', '.gauntlet/  '])(
    'adds nothing when a line already ignores the folder as %j',
    (line) => {
      expect(appendIgnoreLine(`dist/\n${line}\nbuild/\n`)).toBeNull();
      expect(appendIgnoreLine(`dist/\r\n${line}`)).toBeNull();
    },
  );

  it('does not take a comment, a negation or another name for the folder', () => {
    for (const line of ['# .gauntlet/', '!.gauntlet/', '.gauntlet-old/', 'sub/.gauntlet/', '.gauntlets']) {
      expect(appendIgnoreLine(`${line}\n`)).toBe('.gauntlet/\n');
    }
  });
});
