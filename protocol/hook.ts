import type { ParserSpec } from './parser.js';
import type { Stage } from './config.js';

/** A hook ready to run: the config validated, its command split into argv. */
export interface Hook {
  name: string;
  /** Argv template; a `{files}` element marks where files go when passFiles is set. */
  argv: string[];
  files: string[];
  exclude: string[];
  passFiles: boolean;
  alwaysRun: boolean;
  /** The configured timeout; with `autoTimeout`, the one used until a profile exists. */
  timeoutMs: number;
  /** `timeout: auto`: derived from the profile (see engine/schedule/timeouts.ts). */
  autoTimeout: boolean;
  stage: Stage;
  parser: ParserSpec;
  okExitCodes: number[];
  failOnDiagnostics: boolean;
  env: Record<string, string>;
  /** Files whose content is part of every cache key of this hook (its own config files). */
  cacheInputs: string[];
  /** One invocation for all files, never split into batches. */
  requireSerial: boolean;
  /** Most files in one invocation, when set. */
  batchSize: number | null;
  /** The hook may rewrite its files (a formatter or fixer). */
  modifiesFiles: boolean;
  /** Rewriting files is not a failure. */
  fixOk: boolean;
}

/** The validated configuration the engine works from. */
export interface ResolvedConfig {
  /** Absolute path of the file it came from. */
  path: string;
  maxWorkers: number | null;
  failFast: boolean;
  hooks: Hook[];
}

/** The argv element replaced by a hook's files. */
export const FILES_PLACEHOLDER = '{files}';
