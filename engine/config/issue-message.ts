import { $ZodLiteral,
  $ZodArray,
  $ZodBoolean,
  $ZodDefault,
  $ZodEnum,
  $ZodNumber,
  $ZodNumberFormat,
  $ZodObject,
  $ZodOptional,
  $ZodPipe,
  $ZodRecord,
  $ZodString,
  $ZodUnion,
  type $ZodErrorMap,
  type $ZodIssue,
} from 'zod/v4/core';
import { suggestClosest } from './suggest.js';

type Issue = $ZodIssue;

/** The issue worth showing, with its path from the root of the config. */
export interface SelectedIssue {
  issue: Issue;
  path: PropertyKey[];
}

const MISSING_FIELD = 'required field is missing';

/**
 * A zod error map with short, human messages (`expected a boolean`,
 * `expected one of: fast, comprehensive`). Messages written in the schema still win.
 * zod/mini loads no locale, so this map is the only source of wording: it must
 * answer every issue the config schema can raise, or the user reads "Invalid input".
 */
export const describeIssue: $ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return MISSING_FIELD;
      // NaN and .inf are numbers to YAML but not to a timeout.
      if (issue.expected === 'number' && typeof issue.input === 'number') return 'expected a finite number';
      return `expected ${describeSchema(issue.inst) ?? describeExpected(issue.expected)}`;
    case 'invalid_union':
      if (issue.input === undefined) return MISSING_FIELD;
      return `expected ${describeSchema(issue.inst) ?? 'a different kind of value'}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `expected ${String(issue.values[0])}` : `expected one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return issue.keys.map((key) => describeUnknownKey(key, issue.inst)).join('; ');
    case 'too_small':
      return describeBound('at least', issue.origin, Number(issue.minimum), issue.inclusive);
    case 'too_big':
      return describeBound('at most', issue.origin, Number(issue.maximum), issue.inclusive);
    // The config schema raises none of these without a message of its own; they are worded anyway.
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `expected text matching ${issue.pattern}` : `expected a valid ${issue.format}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'invalid_key':
      return 'expected a valid key';
    case 'invalid_element':
      return 'expected a valid item';
    case 'custom':
      return 'invalid value';
  }
};

/**
 * Every issue worth reporting, in zod's order, looking inside unions for the branch the user
 * evidently meant. A missing field is left out when an unknown key beside it is its misspelling:
 * that key's did-you-mean says it all. Issues must come from a parse with `reportInput: true`.
 */
export function selectIssues(issues: readonly Issue[], base: readonly PropertyKey[] = []): SelectedIssue[] {
  return issues
    .filter((issue) => !isMisspeltField(issue, issues) && !isJudgedWithTypo(issue, issues))
    .flatMap((issue) => {
      const path = [...base, ...issue.path];
      if (issue.code === 'invalid_union') {
        // A branch that failed deeper than "wrong type" got the shape right; its complaints are the useful ones.
        const meant = issue.errors.find((branch) => !isTypeMismatch(branch));
        const inner = meant ? selectIssues(meant, path) : [];
        if (inner.length > 0) return inner;
      }
      return [{ issue, path }];
    });
}

/** The first issue selectIssues would report; null when there is none. */
export function selectIssue(issues: readonly Issue[], base: readonly PropertyKey[] = []): SelectedIssue | null {
  return selectIssues(issues, base)[0] ?? null;
}

/** True when zod reported the field as absent rather than wrong (a union's field too). */
function isMissingField(issue: Issue): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined;
}

/** True for a check of a whole mapping (`exactly one of the keys`) that holds an unknown key: the key is what to fix. */
function isJudgedWithTypo(issue: Issue, issues: readonly Issue[]): boolean {
  return issue.code === 'custom' && issues.some((other) => other.code === 'unrecognized_keys' && isSamePath(other.path, issue.path));
}

/** True for "name is missing" next to an unknown key "nme": a typo, better reported as the unknown key. */
function isMisspeltField(issue: Issue, issues: readonly Issue[]): boolean {
  const name = issue.path.at(-1);
  if (!isMissingField(issue) || typeof name !== 'string') return false;
  const parent = issue.path.slice(0, -1);
  return issues.some(
    (other) => other.code === 'unrecognized_keys' && isSamePath(other.path, parent) && other.keys.some((key) => suggestClosest(key, [name]) === name),
  );
}

function isTypeMismatch(branch: readonly Issue[]): boolean {
  return branch.every((issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'));
}

function isSamePath(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

function describeUnknownKey(key: string, schema: unknown): string {
  const allowed = schema instanceof $ZodObject ? Object.keys(schema._zod.def.shape) : [];
  const suggestion = suggestClosest(key, allowed);
  return suggestion ? `unknown field "${key}" (did you mean "${suggestion}"?)` : `unknown field "${key}"`;
}

function describeBound(relation: string, origin: string, bound: number, inclusive = true): string {
  switch (origin) {
    case 'string':
      return bound === 1 && relation === 'at least' ? 'expected a non-empty string' : `expected ${relation} ${bound} characters`;
    case 'array':
    case 'set':
      return `expected ${relation} ${bound} ${bound === 1 ? 'item' : 'items'}`;
    default:
      if (bound === 0 && !inclusive) return relation === 'at least' ? 'expected a positive number' : 'expected a negative number';
      return `expected a number ${relation === 'at least' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<'} ${bound}`;
  }
}

function describeExpected(expected: string): string {
  if (expected === 'object' || expected === 'record' || expected === 'map') return 'a mapping';
  if (expected === 'array' || expected === 'tuple') return 'a list';
  if (expected === 'int') return 'a whole number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Says in words what a schema accepts, as in "a string or a list of strings". */
function describeSchema(schema: unknown): string | null {
  // Core classes, not zod/mini's: instanceof checks traits, so these match classic and mini schemas alike.
  if (schema instanceof $ZodDefault || schema instanceof $ZodOptional) return describeSchema(schema._zod.def.innerType);
  if (schema instanceof $ZodPipe) return describeSchema(schema._zod.def.in);
  if (schema instanceof $ZodString) return 'a string';
  if (schema instanceof $ZodNumberFormat) return 'a whole number';
  if (schema instanceof $ZodNumber) return 'a number';
  if (schema instanceof $ZodBoolean) return 'a boolean';
  if (schema instanceof $ZodEnum) return `one of: ${describeEnumValues(schema).join(', ')}`;
  if (schema instanceof $ZodArray) return `a list of ${pluralize(describeSchema(schema._zod.def.element) ?? 'an item')}`;
  if (schema instanceof $ZodObject) return describeObject(Object.keys(schema._zod.def.shape));
  if (schema instanceof $ZodRecord) return 'a mapping';
  if (schema instanceof $ZodLiteral) return [...schema._zod.values].map((value) => JSON.stringify(value)).join(' or ');
  if (schema instanceof $ZodUnion) return describeUnion(schema._zod.def.options);
  return null;
}

function describeEnumValues(schema: $ZodEnum): string[] {
  return [...schema._zod.values].map(String);
}

function describeObject(keys: readonly string[]): string {
  // A small object reads best as its shape, like {regex: ...}; a big one is just "a mapping".
  return keys.length > 0 && keys.length <= 2 ? `{${keys.map((key) => `${key}: ...`).join(', ')}}` : 'a mapping';
}

function describeUnion(options: readonly unknown[]): string | null {
  const enumValues = options.flatMap((option) => (option instanceof $ZodEnum ? describeEnumValues(option) : []));
  const others = options.filter((option) => !(option instanceof $ZodEnum)).map(describeSchema);
  if (others.some((text) => text === null)) return null;
  const described = others.filter((text): text is string => text !== null);
  if (enumValues.length > 0) return `one of: ${[...enumValues, ...described].join(', ')}`;
  if (described.length <= 1) return described[0] ?? null;
  return `${described.slice(0, -1).join(', ')} or ${described.at(-1) ?? ''}`;
}

function pluralize(description: string): string {
  const noun = description.replace(/^an? /, '');
  if (noun.startsWith('one of') || noun.startsWith('{') || noun.includes(' or ')) return `items (each ${description})`;
  return noun.endsWith('s') ? noun : `${noun}s`;
}
