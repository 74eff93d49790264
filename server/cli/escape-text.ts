// A hook's output is the repository's text, not ours: printed raw, its escape sequences could
// retitle the terminal, rewrite lines already shown, or worse. Tab and newline stay.

/** An SGR (colour and style) sequence: ESC [ parameters m. */
// eslint-disable-next-line no-control-regex
const SGR_PATTERN = /\u001b\[[0-9;:]*m/gu;
// C0 controls but tab and newline, DEL, and C1 controls (U+009B starts a sequence in some terminals).
// eslint-disable-next-line no-control-regex
const CONTROL_PATTERN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/**
 * Text from a hook made safe to print on a terminal: every control character but tab and
 * newline shown as `\xNN` (ESC as `\x1b`), CRLF line ends read as newlines. SGR colour codes
 * stay when `keepColors` (colour is on), and are dropped otherwise.
 */
export function escapeTerminalText(text: string, keepColors: boolean): string {
  const lines = text.replace(/\r\n/gu, '\n');
  if (!keepColors) return escapeControls(lines.replace(SGR_PATTERN, ''));
  // Split around the colour codes so only the text between them is escaped.
  let escaped = '';
  let last = 0;
  for (const match of lines.matchAll(SGR_PATTERN)) {
    escaped += escapeControls(lines.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return escaped + escapeControls(lines.slice(last));
}

function escapeControls(text: string): string {
  return text.replace(CONTROL_PATTERN, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * One line of text for stderr: a message can quote file names and tool output, which are the
 * repository's, so its controls are escaped and a line break shows as `\n`.
 */
export function escapeMessageLine(message: string): string {
  return escapeTerminalText(message, false).replace(/\n/gu, '\\n');
}

/** Prints a warning as one `gauntlet: warning:` line on stderr. */
export function printWarning(message: string): void {
  process.stderr.write(`gauntlet: warning: ${escapeMessageLine(message)}\n`);
}
