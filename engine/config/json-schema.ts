import * as z from 'zod/mini';
import { ConfigSchema } from '../../protocol/config.js';

/**
 * The JSON Schema of gauntlet.yaml, generated from the zod schema that validates it (never
 * written by hand): what a user may write (`io: 'input'`), defaults included, for editors'
 * completion and checking. protocol/gauntlet.schema.json is this, committed.
 */
export function generateConfigJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { io: 'input' });
  return {
    $schema,
    title: 'gauntlet.yaml',
    description: "gauntlet's configuration: the checks (hooks) it runs, fastest first.",
    ...rest,
  };
}

/** The schema as the file's text: two-space JSON and a final newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(generateConfigJsonSchema(), null, 2)}\n`;
}
