import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateConfigJsonSchema, renderConfigJsonSchema } from '../../engine/config/json-schema.js';

const COMMITTED = fileURLToPath(new URL('../../protocol/gauntlet.schema.json', import.meta.url));
const OWN_CONFIG = fileURLToPath(new URL('../../gauntlet.yaml', import.meta.url));

function validate(config: unknown): boolean {
  const ajv = new Ajv2020({ strict: false });
  return ajv.validate(generateConfigJsonSchema(), config);
}

describe('the JSON Schema of gauntlet.yaml', () => {
  it('is committed exactly as generated from the zod schema (regenerate: node dist/bin/gauntlet.js schema > protocol/gauntlet.schema.json)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(renderConfigJsonSchema());
  });

  it("accepts this repository's own gauntlet.yaml", () => {
    expect(validate(parse(readFileSync(OWN_CONFIG, 'utf8')))).toBe(true);
  });

  it('rejects an unknown field, a bad stage and a missing command, as loadConfig does', () => {
    expect(validate({ hooks: [{ name: 'x', command: 'true', timout: 3 }] })).toBe(false);
    expect(validate({ hooks: [{ name: 'x', command: 'true', stage: 'slow' }] })).toBe(false);
    expect(validate({ hooks: [{ name: 'x' }] })).toBe(false);
    expect(validate({ hooks: [{ name: 'x', command: ['true'], files: '*.py', timeout: 'auto' }] })).toBe(true);
  });
});
