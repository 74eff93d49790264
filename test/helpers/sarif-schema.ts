import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The official SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json), kept with the test fixtures. */
export const SARIF_SCHEMA_PATH = path.resolve(REPO_ROOT, 'test/fixtures/schemas/sarif-schema-2.1.0.json');

/**
 * A validator of the official schema. It declares draft-04, but its only draft-04 trait is the
 * top-level `id` (no boolean exclusiveMinimum), so it is read as draft-07 with `$id`.
 */
function compileSarifSchema(): ValidateFunction {
  const { id, ...rest } = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as { id?: string } & Record<string, unknown>;
  const draft07: SchemaObject = { ...rest, $schema: 'http://json-schema.org/draft-07/schema#', $id: id };
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  return ajv.compile(draft07);
}

let compiled: ValidateFunction | undefined;

/** The schema errors of a SARIF document, one per line; '' when it is valid. */
export function describeSarifErrors(document: unknown): string {
  const validate = (compiled ??= compileSarifSchema());
  if (validate(document)) return '';
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('\n');
}
