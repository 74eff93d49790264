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
  timeoutMs: number;
  stage: Stage;
  parser: ParserSpec;
  okExitCodes: number[];
  failOnDiagnostics: boolean;
  env: Record<string, string>;
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
