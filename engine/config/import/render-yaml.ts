import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import { writeHookGlobs } from './hook-globs.js';
import type { ImportedConfig, ImportedHook } from './imported-hook.js';

/** gauntlet.yaml text for an imported config, and the warnings writing it raised. */
export interface RenderedConfig {
  text: string;
  /** One line each, starting with the source file's name. */
  warnings: string[];
  /** How many hooks it holds (hooks with no gauntlet.yaml form are left out). */
  count: number;
}

/** Fields written only when they differ from gauntlet's defaults. */
interface HookEntry {
  name: string;
  command: string[];
  files?: string[];
  exclude?: string[];
  pass_files?: false;
  always_run?: true;
  require_serial?: true;
  stage?: 'comprehensive';
  modifies_files?: true;
  timeout?: number;
  env?: Record<string, string>;
}

const FLOW_FIELDS = ['command', 'files', 'exclude'];

/**
 * Writes an imported config as gauntlet.yaml: one hook per imported hook, commands as argv
 * lists (no re-splitting), file conditions as globs, a comment above each hook saying where it
 * came from and anything the globs could not say.
 */
export function renderGauntletYaml(imported: ImportedConfig, sourceFile: string, command: string): RenderedConfig {
  const warnings: string[] = [];
  const entries: HookEntry[] = [];
  const comments: string[] = [];
  for (const hook of imported.hooks) {
    const unwritable = describeUnwritable(hook);
    if (unwritable !== null) {
      warnings.push(`${sourceFile}: hook "${hook.name}": ${unwritable}, which gauntlet.yaml cannot say; left out (gauntlet runs it from ${sourceFile})`);
      continue;
    }
    const globs = writeHookGlobs(hook);
    warnings.push(...globs.problems.map((problem) => `${sourceFile}: hook "${hook.name}": ${problem}`));
    entries.push(toEntry(hook, globs.files, globs.exclude));
    comments.push([` ${hook.title}`, ...hook.notes.map((note) => ` note: ${note}`), ...globs.problems.map((problem) => ` FIXME ${problem}`)].join('\n'));
  }
  const doc = new Document(imported.failFast ? { fail_fast: true, hooks: entries } : { hooks: entries });
  doc.commentBefore = ` Imported from ${sourceFile} by \`${command}\`; check it with \`gauntlet run\`.`;
  const hooks = doc.get('hooks');
  if (isSeq(hooks)) {
    hooks.items.forEach((item, index) => {
      if (!isMap(item)) return;
      item.commentBefore = comments[index] ?? '';
      setFlow(item);
    });
  }
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), warnings, count: entries.length };
}

/** Why a hook has no gauntlet.yaml form; null when it has one. */
function describeUnwritable(hook: ImportedHook): string | null {
  if (hook.native?.type === 'pygrep') return 'a pygrep hook runs inside gauntlet';
  if (hook.outputFilter === 'pre-commit') return `it runs through ${hook.argv[0] ?? 'pre-commit'}`;
  return null;
}

function toEntry(hook: ImportedHook, files: string[], exclude: string[]): HookEntry {
  const entry: HookEntry = { name: hook.name, command: hook.argv };
  if (files.length > 0) entry.files = files;
  if (exclude.length > 0) entry.exclude = exclude;
  if (!hook.passFiles) entry.pass_files = false;
  if (hook.alwaysRun) entry.always_run = true;
  if (hook.requireSerial) entry.require_serial = true;
  if (hook.stage === 'comprehensive') entry.stage = 'comprehensive';
  if (hook.modifiesFiles) entry.modifies_files = true;
  if (hook.timeoutSeconds !== null) entry.timeout = hook.timeoutSeconds;
  if (Object.keys(hook.env).length > 0) entry.env = hook.env;
  return entry;
}

function setFlow(item: YAMLMap): void {
  for (const field of FLOW_FIELDS) {
    const node = item.get(field, true);
    if (isSeq(node)) node.flow = true;
  }
}
