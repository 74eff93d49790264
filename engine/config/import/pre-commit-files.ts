import type { Stage } from '../../../protocol/config.js';
import { isKnownTag } from './file-types.js';
import type { FileFacts } from './identify-files.js';
import type { PathTest } from './imported-hook.js';
import { COMMIT_STAGES, LATER_STAGES } from './pre-commit-schema.js';
import { translatePythonRegex } from './python-regex.js';
import { regexToShapes } from './regex-shape.js';
import { shapesToGlobs } from './glob-shape.js';
import { anyTest, tagTest } from './type-filter.js';

/** A hook that cannot be imported: why, in words that follow "skipping hook "x": ". */
export class SkipHook extends Error {}

/** A hook's file conditions as a config may write them (local hooks, or overrides of a remote one). */
export interface FileFields {
  files?: string | undefined;
  exclude?: string | undefined;
  types?: string[] | undefined;
  types_or?: string[] | undefined;
  exclude_types?: string[] | undefined;
}

/**
 * The path tests of a hook's `files`, `exclude`, `types`, `types_or` and `exclude_types`;
 * `defaultTypes` stands for `types` when it is absent (`[file]` for a local hook, none for a
 * remote one, whose own manifest pre-commit applies).
 */
export function selectHookFiles(hook: FileFields, facts: FileFacts, defaultTypes: readonly string[]): { include: PathTest[]; exclude: PathTest[] } {
  const include: PathTest[] = [];
  const exclude: PathTest[] = [];
  if (hook.files) include.push(hookRegex(hook.files, 'files'));
  if (hook.exclude && hook.exclude !== '^$') exclude.push(hookRegex(hook.exclude, 'exclude'));
  include.push(...(hook.types ?? defaultTypes).map((tag) => typeTest(tag, 'types', facts)));
  const typesOr = hook.types_or ?? [];
  if (typesOr.length > 0) include.push(anyTest(typesOr.map((tag) => typeTest(tag, 'types_or', facts)), `types_or: [${typesOr.join(', ')}]`));
  exclude.push(...(hook.exclude_types ?? []).map((tag) => typeTest(tag, 'exclude_types', facts)));
  return { include, exclude };
}

/** gauntlet's stage for pre-commit's `stages`, and the pre-commit stage to ask for when it is not the commit stage. */
export function mapStages(stages: string[] | undefined): { stage: Stage; note: string | null; hookStage: string | null } {
  if (!stages || stages.length === 0 || stages.some((stage) => COMMIT_STAGES.has(stage))) return { stage: 'fast', note: null, hookStage: null };
  const later = stages.find((stage) => LATER_STAGES.has(stage));
  if (later !== undefined) {
    return { stage: 'comprehensive', note: `pre-commit stages ${stages.join(', ')}: gauntlet's comprehensive stage`, hookStage: later };
  }
  throw new SkipHook(`it runs only at the ${stages.join(', ')} stage, which is not a check of files`);
}

function typeTest(tag: string, field: string, facts: FileFacts): PathTest {
  if (!isKnownTag(tag)) throw new SkipHook(`${field}: unknown type tag "${tag}"`);
  return { ...tagTest(tag, facts), origin: `${field}: ${tag}` };
}

function hookRegex(pattern: string, field: string): PathTest {
  const test = regexTest(pattern, field);
  if ('error' in test) throw new SkipHook(`${field}: ${test.error}`);
  return test;
}

/** A pre-commit regex as a path test, with globs when the regex is simple enough for them. */
export function regexTest(pattern: string, field: string): PathTest | { error: string } {
  const translated = translatePythonRegex(pattern);
  if (!translated.ok) return { error: `cannot use the regex ${JSON.stringify(pattern)} in JavaScript: ${translated.reason}` };
  const shapes = regexToShapes(translated.source);
  const globs = shapes === null ? null : shapesToGlobs(shapes);
  return { regex: translated.source, globs: globs === null ? null : { files: globs, exclude: [] }, origin: `${field}: ${pattern.trim()}` };
}
