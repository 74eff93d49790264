import { isAbsolute, posix, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigSchema, type Config, type HookConfig } from '../../protocol/config.js';
import { FILE_PLACEHOLDER, FILES_PLACEHOLDER, type Hook, type ResolvedConfig } from '../../protocol/hook.js';
import type { ParserSpec } from '../../protocol/parser.js';
import { resolveParserSpec } from '../parse/parser-spec.js';
import { collectConfigErrors, ConfigError, formatConfigPath, formatFieldPath, throwConfigErrors, type ConfigErrorOptions } from './config-error.js';
import { describeIssue, selectIssues } from './issue-message.js';
import { createSourceLocator } from './locate.js';
import { splitCommand } from './split-command.js';
import { readRegularFile } from '../store/read-regular.js';
import { CONFIG_BYTES_LIMIT } from '../../protocol/limits.js';
import { resolveRemoteCache } from './remote-cache-config.js';
import { checkFormatFields } from './format-config.js';

const MS_PER_SECOND = 1_000;
/** The timeout of a `timeout: auto` hook before it has a profile. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** setTimeout fires at once for longer delays, which would kill every hook immediately. */
const MAX_TIMEOUT_MS = 2_147_483_647;

type FieldPath = readonly PropertyKey[];

/**
 * Throws a ConfigError about the field at `path`, pointing at where it is written
 * (at its key `key` instead, when given).
 */
type Fail = (path: FieldPath, detail: string, key?: PropertyKey) => never;

/**
 * Reads, validates and resolves a gauntlet.yaml (`bytes`, when the caller read them already). The
 * problems found become one ConfigError, one line each: `gauntlet.yaml:7:5: hooks[2].timeout: expected a positive number`.
 * A YAML syntax error stops at once; schema errors are all reported, and so are the problems of
 * every hook that passed the schema (the first of each hook's checks that depend on one another).
 */
export async function loadConfig(path: string, bytes?: Buffer): Promise<ResolvedConfig> {
  const absolutePath = resolve(path);
  const file = formatConfigPath(absolutePath);
  const text = bytes === undefined ? await readConfigText(absolutePath, file) : bytes.toString('utf8');
  const lineCounter = new LineCounter();
  // Plain messages: the pretty ones append a multi-line excerpt of the source.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    const position = { line: Math.max(line, 1), column: Math.max(col, 1) };
    // yaml's own wording here tells a programmer to call another API; tell the user what to fix.
    const detail = syntaxError.code === 'MULTIPLE_DOCS' ? 'holds more than one YAML document (remove the extra "---")' : syntaxError.message;
    throw new ConfigError({ file, position, detail: `invalid YAML: ${detail}` }, { cause: syntaxError });
  }
  if (doc.contents === null) throw new ConfigError({ file, detail: 'file is empty (add a "hooks:" list)' });

  const locator = createSourceLocator(doc, lineCounter);
  const fail: Fail = (at, detail, key) => {
    const position = key === undefined ? locator.locateValue(at) : locator.locateKey([...at, key]);
    throw new ConfigError({ file, position, field: formatFieldPath(at), detail });
  };
  const config = validateConfig(convertDocument(doc, file), fail);
  return resolveConfig(config, absolutePath, fail);
}

async function readConfigText(absolutePath: string, file: string): Promise<string> {
  // A regular file (a link to one is fine) of bounded size: a FIFO or /dev/zero committed as the config must not hang a run.
  const read = await readRegularFile(absolutePath, CONFIG_BYTES_LIMIT, true);
  if (read.ok) return read.bytes.toString('utf8');
  if (read.code === 'ENOENT') throw new ConfigError({ file, detail: 'file not found (create one, or pass --config PATH)' });
  if (read.problem.startsWith('is a folder')) throw new ConfigError({ file, detail: 'is a directory (pass --config PATH to a file)' });
  throw new ConfigError({ file, detail: `cannot read the file: it ${read.problem}` });
}

function convertDocument(doc: Document, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    // toJS throws only for alias bombs (too many alias expansions).
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError({ file, position: { line: 1, column: 1 }, detail: `invalid YAML: ${reason}` }, { cause: error });
  }
}

function validateConfig(value: unknown, fail: Fail): Config {
  // reportInput keeps `input` on issues, which tells a missing field from a wrong one.
  const parsed = ConfigSchema.safeParse(value, { error: describeIssue, reportInput: true });
  if (parsed.success) return parsed.data;
  const problems: ConfigErrorOptions[] = [];
  for (const { issue, path } of selectIssues(parsed.error.issues)) {
    collectConfigErrors(problems, () => (issue.code === 'unrecognized_keys' ? fail(path, issue.message, issue.keys[0]) : fail(path, issue.message)));
  }
  throwConfigErrors(problems);
  return fail([], 'invalid configuration');
}

function resolveConfig(config: Config, path: string, fail: Fail): ResolvedConfig {
  const problems: ConfigErrorOptions[] = [];
  const firstIndexByName = new Map<string, number>();
  const hooks = config.hooks.flatMap((hook, index) => {
    const earlier = firstIndexByName.get(hook.name);
    if (earlier !== undefined) {
      collectConfigErrors(problems, () => fail(['hooks', index, 'name'], `duplicate hook name "${hook.name}" (also used by hooks[${earlier}]); names must be unique`));
    } else firstIndexByName.set(hook.name, index);
    return collectConfigErrors(problems, () => resolveHook(hook, ['hooks', index], fail)) ?? [];
  });
  const remoteCacheConfig = config.remote_cache;
  const remoteCache = remoteCacheConfig ? collectConfigErrors(problems, () => resolveRemoteCache(remoteCacheConfig, ['remote_cache'], fail)) : null;
  throwConfigErrors(problems);
  const resolved: ResolvedConfig = { path, maxWorkers: config.max_workers ?? null, failFast: config.fail_fast, hooks };
  if (config.lsp) resolved.lsp = { debounceMs: config.lsp.debounce_ms };
  if (remoteCache) resolved.remoteCache = remoteCache;
  return resolved;
}

function resolveHook(hook: HookConfig, at: FieldPath, fail: Fail): Hook {
  // Each check below stands on its own: all of a hook's problems are reported together.
  const problems: ConfigErrorOptions[] = [];
  const check = <T>(resolve: () => T): T | null => collectConfigErrors(problems, resolve);
  const autoTimeout = hook.timeout === 'auto';
  // Round up: a tiny positive timeout must not become 0 ms.
  const timeoutMs = autoTimeout ? DEFAULT_TIMEOUT_MS : Math.ceil(Number(hook.timeout) * MS_PER_SECOND);
  if (timeoutMs > MAX_TIMEOUT_MS) {
    check(() => fail([...at, 'timeout'], `expected at most ${Math.floor(MAX_TIMEOUT_MS / MS_PER_SECOND)} seconds (about 24 days)`));
  }
  const argv = check(() => resolveArgv(hook, [...at, 'command'], fail));
  if (argv) check(() => checkFormatFields(hook, argv, at, fail));
  if (hook.stdin && !hook.pass_files) {
    check(() => fail([...at, 'stdin'], 'a stdin hook checks one file at a time (remove stdin, or set pass_files: true)'));
  }
  if (hook.files_after_double_dash && !hook.pass_files) {
    check(() => fail([...at, 'files_after_double_dash'], 'a hook with pass_files: false is given no files to put after "--" (remove files_after_double_dash)'));
  }
  if (hook.stdin && hook.modifies_files) {
    check(() => fail([...at, 'stdin'], 'a stdin hook cannot rewrite files: it reads a copy on stdin (remove stdin or modifies_files)'));
  }
  const parser = check(() => resolveParser(hook.parser, [...at, 'parser'], fail));
  const cacheInputs = check(() => resolveCacheInputs(hook.cache_inputs ?? [], [...at, 'cache_inputs'], fail));
  const versionCommand = hook.version_command;
  const versionArgv = versionCommand === undefined ? undefined : check(() => splitWords(versionCommand, [...at, 'version_command'], fail));
  throwConfigErrors(problems);
  // Unreachable: a check that gave null added a problem, thrown just above.
  if (argv === null || parser === null || cacheInputs === null || versionArgv === null) return fail(at, 'invalid hook');
  const resolved: Hook = {
    name: hook.name,
    argv,
    files: hook.files ?? [],
    exclude: hook.exclude ?? [],
    passFiles: hook.pass_files,
    alwaysRun: hook.always_run,
    timeoutMs,
    autoTimeout,
    stage: hook.stage,
    parser,
    okExitCodes: hook.ok_exit_codes,
    failOnDiagnostics: hook.fail_on_diagnostics,
    env: hook.env,
    cacheInputs,
    requireSerial: hook.require_serial,
    batchSize: hook.batch_size ?? null,
    modifiesFiles: hook.modifies_files,
    fixOk: hook.fix_ok,
  };
  // Only when set, so that a config without them resolves exactly as before.
  // A formatter reads the file on stdin: everything said of stdin hooks holds for it.
  if (hook.stdin || hook.format) resolved.stdin = true;
  if (hook.format) resolved.format = true;
  if (hook.range_format) resolved.rangeFormat = true;
  if (hook.files_after_double_dash) resolved.filesAfterDoubleDash = true;
  if (hook.cache !== undefined) resolved.cache = hook.cache;
  if (!hook.cache_inputs_default) resolved.cacheInputsDefault = false;
  if (versionArgv !== undefined) resolved.versionArgv = versionArgv;
  return resolved;
}

/**
 * cache_inputs are repository-relative paths: an absolute path or one that leaves the
 * repository names a file gauntlet does not track, so its changes would go unseen.
 */
function resolveCacheInputs(inputs: readonly string[], at: FieldPath, fail: Fail): string[] {
  return inputs.map((input, index) => {
    if (isAbsolute(input) || /^[A-Za-z]:[\\/]/.test(input)) {
      fail([...at, index], `"${input}" is absolute; give a path relative to the repository root (files outside it are not tracked)`);
    }
    const normalized = posix.normalize(input.replace(/\\/g, '/')).replace(/\/$/, '');
    if (normalized === '..' || normalized.startsWith('../')) {
      fail([...at, index], `"${input}" is outside the repository; give a path inside it`);
    }
    if (normalized === '.' || normalized === '') fail([...at, index], 'expected a file, not the repository itself');
    if (/[*?[\]{}]/.test(normalized)) fail([...at, index], `"${input}" looks like a glob; cache_inputs takes paths of files`);
    return normalized;
  });
}

/** A command as written: a string split as a shell would, or a list of words used as they are. */
function splitWords(command: string | string[], at: FieldPath, fail: Fail): string[] {
  if (typeof command !== 'string') return command;
  const split = splitCommand(command);
  return split.ok ? split.argv : fail(at, split.reason);
}

function resolveArgv(hook: HookConfig, at: FieldPath, fail: Fail): string[] {
  const argv = splitWords(hook.command, at, fail);
  const program = argv[0];
  if (program === undefined || program === '' || program === FILES_PLACEHOLDER || program === FILE_PLACEHOLDER) {
    fail(at, 'the first word must name the program to run');
  }
  for (const placeholder of [FILES_PLACEHOLDER, FILE_PLACEHOLDER]) {
    const count = argv.filter((word) => word === placeholder).length;
    if (count > 1) fail(at, `"${placeholder}" may appear at most once`);
    if (count === 1 && !hook.pass_files) {
      fail(at, `"${placeholder}" is only replaced when pass_files is true (remove it, or set pass_files: true)`);
    }
  }
  if (argv.includes(FILES_PLACEHOLDER) && argv.includes(FILE_PLACEHOLDER)) {
    fail(at, `use "${FILE_PLACEHOLDER}" (one file per run) or "${FILES_PLACEHOLDER}" (a batch), not both`);
  }
  return argv;
}

function resolveParser(parser: HookConfig['parser'], at: FieldPath, fail: Fail): ParserSpec {
  // The spec checks what the schema cannot: patterns and errorformats compile, JSON paths are paths.
  const resolved = resolveParserSpec(parser);
  return resolved.ok ? resolved.spec : fail([...at, ...resolved.path], resolved.problem);
}
