#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { RunCommandOptions } from './cli/run-command.js';
import type { ProfileCommandOptions } from './cli/profile-command.js';
import type { ExplainCommandOptions } from './cli/explain-command.js';
import type { CacheCommandOptions } from './cli/cache-command.js';
import type { ImportCommandOptions } from './cli/import-command.js';
import type { InstallCommandOptions, UninstallCommandOptions } from './cli/install-command.js';
import type { InitCommandOptions } from './cli/init-command.js';
import type { TrustCommandOptions } from './cli/trust-command.js';
import type { ReportMergeOptions } from './cli/report-merge-command.js';
import { EXIT_USAGE } from './cli/errors.js';
import { reportError } from './cli/report-error.js';
import { setExitCodeFrom } from './cli/set-exit-code.js';
import { traceMark } from '../engine/trace.js';
import { MAX_WORKERS } from '../protocol/limits.js';
import { REPORT_FORMATS } from './cli/report-formats.js';
import { GAUNTLET_VERSION } from '../protocol/version.js';
import { parseShard } from './cli/shard-option.js';
import { resolveWorkerCount } from '../engine/config/worker-count.js';
import { WORKER_URL } from './worker-url.js';

function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return parsed;
}

function parseWorkerCount(value: string): number {
  const parsed = parsePositiveInt(value);
  if (parsed > MAX_WORKERS) throw new InvalidArgumentError(`expected at most ${MAX_WORKERS} workers`);
  return parsed;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const program = new Command('gauntlet')
  .description("Runs a repository's checks fastest-first, in parallel, in the terminal, in CI and in editors.")
  .version(GAUNTLET_VERSION)
  .exitOverride();

program
  .command('run')
  .description('run the hooks of gauntlet.yaml on the repository (or on the files given)')
  .argument('[files...]', 'files or folders to check (default: every file git knows)')
  .option('-c, --config <path>', 'config file (default: gauntlet.yaml at the repository root)')
  .option('--changed', 'only files that differ from HEAD: staged, unstaged and untracked')
  .option('--staged', 'only staged files, checked as staged: unstaged changes are set aside meanwhile')
  .option('--from-ref <ref>', 'only files changed between the merge base of this ref and --to-ref, and --to-ref')
  .option('--to-ref <ref>', 'with --from-ref: the ref whose changes to check (files as they are in the work tree)')
  .option('-t, --tool <name>', 'run only this hook (repeatable)', collect)
  .option('--skip <name>', 'leave this hook out (repeatable; SKIP=a,b does the same)', collect)
  .addOption(new Option('--stage <stage>', 'run only hooks of this stage').choices(['fast', 'comprehensive']))
  .option('--no-optimize', 'keep config order instead of fastest-first')
  .option('-j, --max-workers <n>', `run at most n hooks at once (1 to ${MAX_WORKERS})`, parseWorkerCount)
  .option('--serial', 'run one hook at a time')
  .option('--parallel', 'run hooks in parallel (the default)')
  .option('--fail-fast', 'stop everything at the first failure')
  .option('--no-fail-fast', 'run every hook whatever fails (overrides fail_fast in the config)')
  .option('--fix', 'formatters (format: true) write their output to the files instead of only checking them')
  .option('--no-cache', 'run every hook on every file, ignoring cached results (they are refreshed)')
  .option('--remote-cache <url>', 'share results through this HTTP remote cache (overrides GAUNTLET_REMOTE_CACHE and remote_cache.url)')
  .option('--no-remote-cache', 'use no remote cache')
  .option('--shard <I/N>', 'run part I of N of the work, split the same way on every machine (a CI matrix)', parseShard)
  .option('--shard-profile <file>', 'with --shard: split by the costs in this file (written by gauntlet profile --export)')
  .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
  .option('-o, --output <file>', 'write the report to a file in that format (JSON with text); text still goes to stdout')
  .option('-q, --quiet', 'print only failures')
  .option('-v, --verbose', "print each hook's output, and stack traces of errors")
  .action(
    setExitCodeFrom(async (files: string[], options: RunCommandOptions) => {
      // Threads boot on the other cores while the rest of gauntlet loads and reads config and git.
      const { WorkerPool } = await import('../engine/pool/pool.js');
      const size = resolveWorkerCount(options);
      const pool = new WorkerPool({ workerUrl: WORKER_URL, size, warm: 1 });
      try {
        const { runCommand } = await import('./cli/run-command.js');
        traceMark('loaded');
        return await runCommand(files, options, pool);
      } finally {
        await pool.close();
      }
    }),
  );

program
  .command('profile')
  .description('show the run times gauntlet has measured for each hook')
  .option('-c, --config <path>', 'config file (default: gauntlet.yaml at the repository root)')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .option('--reset', 'forget every measurement')
  .option('--export <file>', 'write the costs --shard-profile splits by to this file (JSON, to commit or cache in CI)')
  .option('--from-reports <reports...>', 'with --export: fit the costs from these JSON reports (of the shards of a CI run) instead')
  .action(
    setExitCodeFrom(async (options: ProfileCommandOptions) => {
      const { profileCommand } = await import('./cli/profile-command.js');
      return profileCommand(options);
    }),
  );

program
  .command('explain')
  .description("show how each hook's results are cached: its scope and why, and the files they are keyed on")
  .argument('[hooks...]', 'hooks to explain (default: every hook)')
  .option('-c, --config <path>', 'config file (default: gauntlet.yaml at the repository root)')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(
    setExitCodeFrom(async (hooks: string[], options: ExplainCommandOptions) => {
      const { explainCommand } = await import('./cli/explain-command.js');
      return explainCommand(hooks, options);
    }),
  );

const cache = program.command('cache').description('inspect or clear the per-file result cache');
cache
  .command('stats')
  .description('entries, size, and the hit rate of the last run')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(
    setExitCodeFrom(async (options: CacheCommandOptions) => {
      const { cacheStatsCommand } = await import('./cli/cache-command.js');
      return cacheStatsCommand(options);
    }),
  );
cache
  .command('clear')
  .description('forget every cached result')
  .action(
    setExitCodeFrom(async () => {
      const { cacheClearCommand } = await import('./cli/cache-command.js');
      return cacheClearCommand();
    }),
  );

const report = program.command('report').description('combine reports of gauntlet runs');
report
  .command('merge')
  .description('merge the JSON reports of the shards of a run (gauntlet run --shard I/N) into the report of the whole run')
  .argument('<reports...>', 'the JSON report of every shard')
  .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
  .option('-o, --output <file>', 'write the report to a file in that format (JSON with text); text still goes to stdout')
  .option('-q, --quiet', 'print only failures')
  .option('-v, --verbose', "print each hook's output")
  .action(
    setExitCodeFrom(async (files: string[], options: ReportMergeOptions) => {
      const { reportMergeCommand } = await import('./cli/report-merge-command.js');
      return reportMergeCommand(files, options);
    }, false),
  );

program
  .command('lsp')
  .description('run the language server over stdin/stdout: diagnostics of every hook in any LSP editor')
  .option('--stdio', 'talk over stdin/stdout (the only transport; accepted for editors that pass it)')
  .allowUnknownOption()
  .action(async () => {
    const { startLanguageServer } = await import('./lsp/connection.js');
    startLanguageServer({ version: GAUNTLET_VERSION });
  });

program
  .command('trust')
  .description("let editors (gauntlet lsp) run this repository's hooks, as its config is now")
  .option('-c, --config <path>', 'config file (default: gauntlet.yaml at the repository root)')
  .option('--revoke', 'stop trusting it')
  .action(
    setExitCodeFrom(async (options: TrustCommandOptions) => {
      const { trustCommand } = await import('./cli/trust-command.js');
      return trustCommand(options);
    }),
  );

program
  .command('import')
  .description('write a gauntlet.yaml from the local hooks of a pre-commit or lefthook config')
  .argument('<format>', 'pre-commit or lefthook')
  .argument('[file]', 'the config to read (default: the one at the repository root)')
  .option('-o, --output <path>', 'file to write (default: gauntlet.yaml at the repository root)')
  .option('--force', 'overwrite the output file')
  .option('--group <name>', 'lefthook: the git hook whose commands to import (default: pre-commit)')
  .action(
    setExitCodeFrom(async (format: string, file: string | undefined, options: ImportCommandOptions) => {
      const { importCommand } = await import('./cli/import-command.js');
      return importCommand(format, file, options);
    }),
  );

const hookOption = (): Option =>
  new Option('--hook <name>', 'the git hook: pre-commit runs "gauntlet run --staged", pre-push checks the pushed commits')
    .choices(['pre-commit', 'pre-push'])
    .default('pre-commit');

program
  .command('install')
  .description('install the git pre-commit hook that runs "gauntlet run --staged" (or a pre-push hook)')
  .addOption(hookOption())
  .option('-c, --config <path>', 'config file for the hook to run with (gauntlet.yaml, .pre-commit-config.yaml, lefthook.yml)')
  .addOption(new Option('--stage <stage>', 'the hook runs only hooks of this stage (default: every hook)').choices(['fast', 'comprehensive']))
  .option('--force', "replace another tool's hook (it is kept as <hook>.gauntlet-backup)")
  .action(
    setExitCodeFrom(async (options: InstallCommandOptions) => {
      const { installCommand } = await import('./cli/install-command.js');
      return installCommand(options);
    }),
  );

program
  .command('uninstall')
  .description("remove gauntlet's pre-commit (or pre-push) hook, restoring the hook it replaced")
  .addOption(hookOption())
  .action(
    setExitCodeFrom(async (options: UninstallCommandOptions) => {
      const { uninstallCommand } = await import('./cli/install-command.js');
      return uninstallCommand(options);
    }),
  );

program
  .command('init')
  .description('write a starter gauntlet.yaml for the tools installed and the files in this repository')
  .option('-o, --output <path>', 'file to write (default: gauntlet.yaml at the repository root)')
  .option('--force', 'overwrite the output file')
  .action(
    setExitCodeFrom(async (options: InitCommandOptions) => {
      const { initCommand } = await import('./cli/init-command.js');
      return initCommand(options);
    }),
  );

program
  .command('schema')
  .description('print the JSON Schema of gauntlet.yaml (for editors)')
  .action(
    setExitCodeFrom(async () => {
      const { schemaCommand } = await import('./cli/schema-command.js');
      return schemaCommand();
    }, false),
  );

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    process.exitCode = reportError(error, false);
  }
}
