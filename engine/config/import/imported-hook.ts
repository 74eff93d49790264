import type { Stage } from '../../../protocol/config.js';
import type { Hook, ResolvedConfig } from '../../../protocol/hook.js';
import type { NativeCommand, OutputFilter } from '../../../protocol/native-command.js';
import type { ShapeGlobs } from './glob-shape.js';
import { combineAll, combineAny } from './python-regex.js';

/** Globs for a set of paths: those `files` selects ('all': every file) minus those `exclude` selects. */
export interface GlobSet {
  files: ShapeGlobs;
  exclude: string[];
}

/** A condition on repository-relative paths: a regex, and the same set as globs when globs can say it. */
export interface PathTest {
  /** JavaScript regex source, searched in the path (as `re.search`); '' holds for every path. */
  regex: string;
  globs: GlobSet | null;
  /** How the source config said it, for messages: `files: ^src/`, `types: [python]`. */
  origin: string;
}

/** A hook read from a foreign config, before it becomes a gauntlet Hook or gauntlet.yaml text. */
export interface ImportedHook {
  name: string;
  /** Where it came from, for a comment: `pre-commit hook "flake8" (Flake8 lint)`. */
  title: string;
  /** The command; `{files}` marks where files go when passFiles is set (else they are appended). */
  argv: string[];
  passFiles: boolean;
  alwaysRun: boolean;
  requireSerial: boolean;
  stage: Stage;
  /** A fixer: it rewrites files, and fails when it changes one. */
  modifiesFiles: boolean;
  env: Record<string, string>;
  timeoutSeconds: number | null;
  /** Every one must hold for a file to be the hook's. */
  include: PathTest[];
  /** Any one leaves a file out. */
  exclude: PathTest[];
  /** Remarks for gauntlet.yaml comments (behaviour that differs from the source tool). */
  notes: string[];
  /** A check the worker runs itself (pre-commit's pygrep and fail). */
  native?: NativeCommand;
  /** Set for hooks run through `pre-commit run`, whose status lines are stripped. */
  outputFilter?: OutputFilter;
  /** Files whose content is part of the hook's cache key (the config, for hooks run through pre-commit). */
  cacheInputs?: string[];
}

/** The foreign config read: its hooks, and one warning line for each thing left out or changed. */
export interface ImportedConfig {
  format: 'pre-commit' | 'lefthook';
  hooks: ImportedHook[];
  failFast: boolean;
  /** One line each, starting with the config file's name. */
  warnings: string[];
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MS_PER_SECOND = 1_000;

/** The engine's view of an imported config: hooks filtered by regexes where gauntlet.yaml would use globs. */
export function resolveImportedConfig(imported: ImportedConfig, path: string): ResolvedConfig {
  return { path, maxWorkers: null, failFast: imported.failFast, hooks: imported.hooks.map(resolveImportedHook) };
}

function resolveImportedHook(hook: ImportedHook): Hook {
  const resolved: Hook = {
    name: hook.name,
    argv: hook.argv,
    files: [],
    exclude: [],
    passFiles: hook.passFiles,
    alwaysRun: hook.alwaysRun,
    timeoutMs: hook.timeoutSeconds === null ? DEFAULT_TIMEOUT_MS : Math.ceil(hook.timeoutSeconds * MS_PER_SECOND),
    autoTimeout: false,
    stage: hook.stage,
    parser: { type: 'gnu' },
    okExitCodes: [0],
    failOnDiagnostics: false,
    env: hook.env,
    cacheInputs: hook.cacheInputs ?? [],
    requireSerial: hook.requireSerial,
    batchSize: null,
    modifiesFiles: hook.modifiesFiles,
    fixOk: false,
  };
  const filesRegex = combineAll(hook.include.map((test) => test.regex));
  const excludeRegex = combineAny(hook.exclude.map((test) => test.regex).filter((regex) => regex !== ''));
  if (filesRegex !== undefined) resolved.filesRegex = filesRegex;
  if (excludeRegex !== undefined) resolved.excludeRegex = excludeRegex;
  if (hook.native) resolved.native = hook.native;
  if (hook.outputFilter) resolved.outputFilter = hook.outputFilter;
  return resolved;
}

/** A test that holds for every path. */
export const EVERY_PATH: PathTest = { regex: '', globs: { files: 'all', exclude: [] }, origin: '' };

/** Makes a name gauntlet accepts (`[A-Za-z0-9._-]+`) and that no earlier hook has. */
export function uniqueName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'hook';
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) name = `${base}-${suffix}`;
  taken.add(name);
  return name;
}
