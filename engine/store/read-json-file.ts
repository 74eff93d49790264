import { safeParse, type $ZodType, type output } from 'zod/v4/core';
import { formatFieldPath } from '../config/config-error.js';
import { describeIssue, selectIssue } from '../config/issue-message.js';
import { readRegularFile } from './read-regular.js';

/** A JSON file read and validated, or the one-line problem that kept it out (`missing` when there was no file). */
export type JsonFileRead<T> = { ok: true; value: T } | { ok: false; problem: string; missing: boolean };

/**
 * Reads a JSON file a user names (a CI artifact, a file kept in the repository): a regular file
 * (a link to one is followed: the user chose the path) of at most `maxBytes`, parsed, and checked
 * against `schema`. A problem with its content says what it should be, `kind` (`a gauntlet shard
 * profile`), and what writes one, `origin` (`gauntlet profile --export`).
 */
export async function readJsonFile<S extends $ZodType>(path: string, maxBytes: number, schema: S, kind: string, origin: string): Promise<JsonFileRead<output<S>>> {
  const read = await readRegularFile(path, maxBytes, true);
  if (!read.ok) return { ok: false, problem: read.problem, missing: read.code === 'ENOENT' };
  let value: unknown;
  try {
    value = JSON.parse(read.bytes.toString('utf8'));
  } catch (error) {
    // V8 quotes the text around the error, line breaks and all: one line is what a user sees.
    return { ok: false, missing: false, problem: `not JSON (${(error as Error).message.replace(/\s+/gu, ' ')}): expected ${kind}, as ${origin} writes` };
  }
  const parsed = safeParse(schema, value, { error: describeIssue, reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const selected = selectIssue(parsed.error.issues);
  const field = selected ? formatFieldPath(selected.path) : '';
  const detail = selected ? `${field === '' ? '' : `${field}: `}${selected.issue.message}` : 'invalid value';
  return { ok: false, missing: false, problem: `not ${kind} (${detail}), as ${origin} writes` };
}
