import path from 'node:path';
import type { CostSample } from '../../engine/schedule/cost-model.js';
import { loadProfiles, sampleHookReport } from '../../engine/store/profiles.js';
import { buildPortableProfile, readPortableProfile, renderPortableProfile } from '../../engine/store/shard-profile.js';
import { readRunReport } from '../../engine/report/read-report.js';
import { writeFileAtomic } from '../../engine/store/write-atomic.js';
import { EXIT_OK, UsageError } from './errors.js';
import { printWarning } from './escape-text.js';
import { loadProject } from './project.js';

/** Where the costs come from: this repository's profiles and config, or JSON reports of runs. */
export interface ExportSource {
  config?: string;
  /** `--from-reports`: JSON reports (of shards, say) whose hooks' runs are the samples. */
  reports?: string[];
}

/**
 * `gauntlet profile --export FILE`: the fitted cost of each hook, as the portable profile
 * `gauntlet run --shard I/N --shard-profile FILE` splits by. The samples are this repository's
 * profiles (the config's hooks), or with `--from-reports` the runs the reports record (each
 * shard's entry of a hook is one run). A hook with no usable run keeps the cost FILE gave it.
 */
export async function exportProfile(file: string, source: ExportSource, cwd: string): Promise<number> {
  const target = path.resolve(cwd, file);
  const { hooks, samplesOf } = source.reports ? await readReportSamples(source.reports, cwd) : await readLocalSamples(source.config, cwd);
  const previous = await readPortableProfile(target);
  // A file that is not there yet is the usual case; one that cannot be read is rewritten, with a word.
  if (!previous.ok && !previous.missing) printWarning(`${file}: ${previous.problem}; writing it anew`);
  const profile = buildPortableProfile(hooks, samplesOf, previous.ok ? previous.costs : null);
  await writeFileAtomic(target, renderPortableProfile(profile));
  if (profile.hooks.length === 0) printWarning(`${file}: no hook has been measured yet (run gauntlet run first): shards will be split by file count`);
  const missing = hooks.length - profile.hooks.length;
  process.stdout.write(`profile exported: ${file} (${profile.hooks.length} hook${profile.hooks.length === 1 ? '' : 's'}${missing > 0 ? `, ${missing} never measured` : ''})\n`);
  return EXIT_OK;
}

interface Samples {
  hooks: string[];
  samplesOf: (hook: string) => readonly CostSample[];
}

async function readLocalSamples(config: string | undefined, cwd: string): Promise<Samples> {
  const project = await loadProject(cwd, config);
  const { profiles, warning } = await loadProfiles(project.root);
  if (warning) printWarning(warning);
  return { hooks: project.config.hooks.map((hook) => hook.name), samplesOf: (hook) => profiles.get(hook)?.samples ?? [] };
}

async function readReportSamples(files: readonly string[], cwd: string): Promise<Samples> {
  const byHook = new Map<string, CostSample[]>();
  for (const file of files) {
    const read = await readRunReport(path.resolve(cwd, file));
    if (!read.ok) throw new UsageError(`--from-reports ${file}: ${read.problem}`);
    for (const hook of read.report.hooks) {
      const samples = byHook.get(hook.name) ?? [];
      byHook.set(hook.name, samples);
      const sample = sampleHookReport(hook, 0);
      if (sample) samples.push(sample);
    }
  }
  return { hooks: [...byHook.keys()], samplesOf: (hook) => byHook.get(hook) ?? [] };
}
