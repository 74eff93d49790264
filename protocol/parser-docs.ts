// What an editor shows for `parser:` and its mappings: the text of README.md's "Parsers".
import type { FieldDoc } from './config-docs.js';

const OPTIONAL_PATH = 'Optional dotted path from the record';

/** `parser:` and the `{regex}`, `{errorformat}` and `{json}` mappings. */
export const PARSER_DOCS = {
  parser: {
    description:
      "How the hook's output (stdout, then stderr) becomes diagnostics: `gnu` (`file:line[:col][: severity]: " +
      'message` lines, the default), `none` (only the exit code), `sarif`, `checkstyle`, a tool preset (`eslint`, ' +
      '`ruff`, `biome`, `shellcheck`, `pylint`, `mypy`, `pyright`, `markdownlint`, reading the JSON the tool writes ' +
      'with its JSON flag), `{regex: "..."}`, `{errorformat: "..."}` or `{json: {...}}`. See "Parsers" in the README.',
    examples: ['gnu', 'eslint', { regex: '^(?<file>[^:]+):(?<line>\\d+): (?<message>.*)$' }],
  },
  mapping: { description: 'A parser of your own: exactly one of `regex`, `errorformat` or `json`.' },
  regex: {
    description:
      'A JavaScript regular expression applied to the whole output with the `g` and `m` flags, with named groups ' +
      '`file` and `line` (required) and `column`, `end_line`, `end_column`, `severity`, `code`, `message`.',
    examples: ['^(?<file>[^:]+):(?<line>\\d+):(?<column>\\d+): (?<message>.*)$'],
  },
  errorformat: {
    description:
      "A Vim `'errorformat'`: a string is split at unescaped commas like Vim's option; a list holds one format per " +
      "item, as efm-langserver's `lint-formats`. `%f` file, `%l` line, `%c` column, `%t` type, `%n` number, `%m` message.",
    examples: ['%f:%l:%c: %m,%-G%.%#', ['%f:%l:%c: %trror: %m', '%f:%l:%c: %tarning: %m']],
  },
  errorformat_item: { description: 'One Vim errorformat.' },
  json: {
    description:
      "Where each field of a finding is in the tool's JSON, as dotted paths (`location.row`, `ranges.0`): `file`, " +
      '`line` and `message` are required.',
    examples: [{ root: 'results', file: 'path', line: 'start.line', column: 'start.col', message: 'text' }],
  },
  root: { description: 'Dotted path to the list of findings; without it the document is the list.' },
  lines: { description: 'Read one JSON document per line (mypy `--output json`) instead of one for the whole output.' },
  file: { description: "Dotted path from the record to the finding's file.", examples: ['filename'] },
  line: { description: "Dotted path from the record to the finding's line.", examples: ['location.row'] },
  column: { description: `${OPTIONAL_PATH} to the finding's column.` },
  end_line: { description: `${OPTIONAL_PATH} to the finding's end line.` },
  end_column: { description: `${OPTIONAL_PATH} to the finding's end column (excluded).` },
  severity: { description: `${OPTIONAL_PATH} to a word such as \`error\` or \`warning\`.` },
  code: { description: `${OPTIONAL_PATH} to the rule's code.` },
  message: { description: "Dotted path from the record to the finding's message.", examples: ['message'] },
  line_base: { description: "What the tool's first line is numbered: 1 (most tools) or 0." },
  column_base: { description: "What the tool's first column is numbered: 1 (most tools) or 0 (pylint, LSP-style tools)." },
  fix: {
    description:
      "Where a record's fix is. `edits`: path from the record to its list of edits (or to one edit); in each edit, " +
      '`text` is the new text and its place is either `start`/`end` (0-based character offsets into the file, end ' +
      'excluded) or `line`, `column`, `end_line`, `end_column` (numbered as line_base/column_base say; end excluded; a ' +
      'missing column is the start of the line, a missing end_column its end). `description`: path from the record to ' +
      "the fix's title. An edit that cannot be read drops the whole fix.",
  },
  fix_edits: { description: 'Dotted path from the record to its list of edits (or to one edit).', examples: ['fix.edits'] },
  fix_text: { description: "Dotted path from an edit to its new text.", examples: ['content'] },
  fix_start: { description: 'Dotted path from an edit to its start, a 0-based character offset (with `end`).' },
  fix_end: { description: 'Dotted path from an edit to its end, a 0-based character offset, excluded (with `start`).' },
  fix_line: { description: "Dotted path from an edit to its start line (with `end_line`)." },
  fix_column: { description: 'Dotted path from an edit to its start column; missing: the start of the line.' },
  fix_end_line: { description: "Dotted path from an edit to its end line (with `line`)." },
  fix_end_column: { description: 'Dotted path from an edit to its end column, excluded; missing: the end of the line.' },
  fix_description: { description: "Dotted path from the record to the fix's title.", examples: ['fix.message'] },
} as const satisfies Record<string, FieldDoc>;
