import type { RunEvent } from '../../protocol/events.js';
import type { RunReport, ShardSpec } from '../../protocol/report.js';
import type { Stage } from '../../protocol/config.js';
import { runHooks } from '../../engine/run.js';
import { loadRunStores, saveRunStores } from '../../engine/store/run-stores.js';
import { traceMark } from '../../engine/trace.js';
import type { WorkerPool } from '../../engine/pool/pool.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './errors.js';
import { resolveWorkerCount } from '../../engine/config/worker-count.js';
import { loadRunConfig } from './project.js';
import { findRepoRoot } from '../../engine/files/git.js';
import { checkSelection, selectFiles, type FileSelection } from './select-files.js';
import { chooseSkippedHooks, checkHookNames } from './skip-hooks.js';
import { withStagedContent } from './staged-content.js';
import { makeColors, shouldColor } from './colors.js';
import { ProgressLine } from './progress.js';
import { renderHookLine, renderReportEnd, type TextOptions } from './render-text.js';
import { writeReport } from './render-report.js';
import type { RunFormat } from './report-formats.js';
import { onStopSignal } from '../stop-signals.js';
import { printWarning } from './escape-text.js';
import { resolveRemoteSettings } from './remote-settings.js';
import { RemoteSession } from '../../engine/remote/remote-session.js';
import { loadShardRequest } from './shard-option.js';
import { decideCacheScope } from '../../engine/cache/scope.js';
import type { Hook } from '../../protocol/hook.js';

/** Options of `gauntlet run`, as commander parses them. */
export interface RunCommandOptions {
  config?: string;
  changed?: boolean;
  staged?: boolean;
  fromRef?: string;
  toRef?: string;
  tool?: string[];
  skip?: string[];
  stage?: Stage;
  optimize: boolean;
  maxWorkers?: number;
  serial?: boolean;
  parallel?: boolean;
  failFast?: boolean;
  /** `--fix`: formatters write their output to the files. */
  fix?: boolean;
  /** False with --no-cache. */
  cache: boolean;
  /** `--remote-cache URL`, or false with --no-remote-cache. */
  remoteCache?: string | false;
  format: RunFormat;
  output?: string;
  quiet?: boolean;
  verbose?: boolean;
  /** `--shard I/N`, parsed. */
  shard?: ShardSpec;
  shardProfile?: string;
}

/** Whether a hook's verdict rests on every file it covers, not only those it is given: then a run lists them all. */
function coversProject(hooks: readonly Hook[]): boolean {
  return hooks.some((hook) => !hook.passFiles || decideCacheScope(hook).scope !== 'file');
}

/** Refuses flags that ask for the worker count two ways. */
function checkWorkerFlags(options: RunCommandOptions): void {
  if (options.serial && options.parallel) throw new UsageError('--serial and --parallel cannot be used together');
}

/**
 * `gauntlet run [files...]`: returns the exit code. The caller passes a pool opened
 * before this module loaded, so that threads start while config and git are read.
 */
export async function runCommand(paths: string[], options: RunCommandOptions, pool: WorkerPool): Promise<number> {
  const cwd = process.cwd();
  const root = await findRepoRoot(cwd);
  traceMark(`found the repository ${root}`);
  const interrupt = new AbortController();
  const selection: FileSelection = { paths, changed: options.changed === true, staged: options.staged === true, fromRef: options.fromRef, toRef: options.toRef };
  checkSelection(selection);
  if (!selection.staged) return runOnFiles(root, cwd, selection, options, interrupt, pool);
  // Hooks check what the commit will hold: the index's content, unstaged changes set aside.
  return withStagedContent(root, () => interrupt.abort(), () => runOnFiles(root, cwd, selection, options, interrupt, pool));
}

async function runOnFiles(
  root: string,
  cwd: string,
  selection: FileSelection,
  options: RunCommandOptions,
  interrupt: AbortController,
  pool: WorkerPool,
): Promise<number> {
  // Stores, config and file list are independent: read them all at once.
  const stores = loadRunStores(root);
  // Should the config fail first, nobody awaits the stores: their failure must not crash the process.
  stores.catch(() => undefined);
  const configPromise = loadRunConfig(root, cwd, options.config);
  // A config that fails is reported by the await below; the listing then takes every file.
  const needsAll = configPromise.then((loaded) => options.shard !== undefined || coversProject(loaded.hooks), () => true);
  const [config, selected, shard] = await Promise.all([
    configPromise,
    selectFiles(root, cwd, selection, needsAll),
    loadShardRequest(options.shard, options.shardProfile, cwd),
  ]);
  traceMark(`read the config and listed ${selected.all?.length ?? selected.files.length} files`);
  const known = config.hooks.map((hook) => hook.name);
  checkHookNames('--tool', options.tool, known);
  const { skip, warnings } = chooseSkippedHooks(options.skip, process.env.SKIP, known);
  for (const warning of warnings) printWarning(warning);
  checkWorkerFlags(options);
  const maxWorkers = resolveWorkerCount(options, config.maxWorkers);
  const remoteSettings = resolveRemoteSettings(config, options.remoteCache, process.env);
  pool.resize(maxWorkers);

  // A machine report on stdout leaves no room for the text.
  const reportToStdout = options.format !== 'text' && options.output === undefined;
  const text: TextOptions = {
    colors: makeColors(shouldColor(process.stdout)),
    quiet: options.quiet === true,
    verbose: options.verbose === true,
  };
  const progress = !reportToStdout && shouldShowProgress() ? new ProgressLine(process.stderr, text.colors) : null;
  const print = (chunk: string): void => {
    if (reportToStdout || chunk === '') return;
    if (progress) progress.print(chunk, process.stdout);
    else process.stdout.write(chunk);
  };
  const warn = (message: string): void => {
    progress?.print('', process.stdout);
    printWarning(message);
  };
  const remote = remoteSettings ? new RemoteSession(remoteSettings, warn, interrupt.signal) : undefined;

  const stopListening = onStopSignal(() => interrupt.abort());
  let report: RunReport;
  try {
    report = await runHooks({
      root,
      config,
      files: selected.files,
      ...(selected.all ? { allFiles: selected.all } : {}),
      nonUtf8Files: selected.nonUtf8,
      allNonUtf8Files: selected.allNonUtf8,
      only: options.tool,
      skip,
      stage: options.stage,
      optimize: options.optimize,
      maxWorkers,
      failFast: options.failFast ?? config.failFast,
      useCache: options.cache,
      fix: options.fix === true,
      remote,
      signal: interrupt.signal,
      runner: pool,
      stores: await stores,
      ...(shard ? { shard } : {}),
      onEvent: (event: RunEvent) => {
        switch (event.type) {
          case 'run-started':
            progress?.begin(event.hooks.length);
            break;
          case 'hook-started':
            progress?.hookStarted(event.hook);
            break;
          case 'hook-finished':
            progress?.hookFinished(event.hook.name);
            print(renderHookLine(event.hook, text));
            break;
          case 'warning':
            warn(event.message);
            break;
          case 'run-finished':
            progress?.end();
            break;
        }
      },
    });
  } finally {
    progress?.end();
    stopListening();
  }

  print(renderReportEnd(report, text));
  // The result is out; the stores are saved and uploads still under way get their time now, and the reports their final figures.
  const [remoteSummary] = await Promise.all([remote?.close(), saveRunStores(root, await stores, warn)]);
  if (remoteSummary) report = { ...report, summary: { ...report.summary, remote: remoteSummary } };
  if (options.format !== 'text' || options.output !== undefined) await writeReport(report, options.format, options.output, cwd, { hooks: config.hooks });
  traceMark('reported');
  if (interrupt.signal.aborted) return EXIT_INTERRUPTED;
  return report.ok ? EXIT_OK : EXIT_FAILED;
}

function shouldShowProgress(): boolean {
  return process.stderr.isTTY === true && process.env.TERM !== 'dumb' && process.env.CI === undefined;
}
