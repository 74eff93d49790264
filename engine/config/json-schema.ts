import * as z from 'zod/mini';
import { ConfigSchema } from '../../protocol/config.js';

/**
 * The JSON Schema of gauntlet.yaml, generated from the zod schema that validates it (never
 * written by hand): what a user may write (`io: 'input'`), defaults included, and each field's
 * documentation (protocol/config-docs.ts) for editors' hover, completion and checking.
 * protocol/gauntlet.schema.json is this, committed.
 */
export function generateConfigJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { io: 'input', override: restoreExamples });
  const schema = {
    $schema,
    title: 'gauntlet.yaml',
    description: "gauntlet's configuration: the checks (hooks) it runs, fastest first.",
    ...rest,
  };
  addMarkdownDescriptions(schema);
  return schema;
}

/** The schema as the file's text: two-space JSON and a final newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(generateConfigJsonSchema(), null, 2)}\n`;
}

/**
 * zod drops `examples` from a schema that transforms (a glob list made a list), in case they are
 * outputs; ours are written as a user writes them, so they belong in the input's schema.
 */
function restoreExamples(context: { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const examples = z.globalRegistry.get(context.zodSchema)?.examples;
  if (Array.isArray(examples)) context.jsonSchema.examples = examples;
}

/**
 * Gives every documented node a `markdownDescription` (the text as written, code in backticks,
 * which yaml-language-server and VS Code render on hover) and a `description` without backticks
 * for plain-text readers.
 */
function addMarkdownDescriptions(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  for (const child of Object.values(node)) addMarkdownDescriptions(child);
  const record = node as Record<string, unknown>;
  if (typeof record.description !== 'string' || record.markdownDescription !== undefined) return;
  record.markdownDescription = record.description;
  record.description = record.description.replaceAll('`', '');
}
