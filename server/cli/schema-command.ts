import { EXIT_OK } from './errors.js';

/** `gauntlet schema`: prints the JSON Schema of gauntlet.yaml (the same as dist/gauntlet.schema.json). */
export async function schemaCommand(): Promise<number> {
  // Loaded here only: start-up of other commands does not pay for the JSON Schema generator.
  const { renderConfigJsonSchema } = await import('../../engine/config/json-schema.js');
  process.stdout.write(renderConfigJsonSchema());
  return EXIT_OK;
}
