import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { generateConfigJsonSchema } from '../../engine/config/json-schema.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

type SchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectSchema(node: SchemaNode): boolean {
  return node.type === 'object' || isNode(node.properties);
}

/** Every subschema under `node`, with its JSON path and whether an editor needs a description for it. */
function* walkSubschemas(node: SchemaNode, path: string): Generator<{ node: SchemaNode; path: string; needsDocs: boolean }> {
  const children: { node: unknown; path: string; needsDocs: boolean }[] = [];
  if (isNode(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) children.push({ node: child, path: `${path}.properties.${key}`, needsDocs: true });
  }
  const items = Array.isArray(node.items) ? node.items : [node.items];
  items.forEach((child, index) => children.push({ node: child, path: `${path}.items${Array.isArray(node.items) ? `[${index}]` : ''}`, needsDocs: true }));
  children.push({ node: node.additionalProperties, path: `${path}.additionalProperties`, needsDocs: true });
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const branches: unknown[] = Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : [];
    branches.forEach((child, index) =>
      children.push({ node: child, path: `${path}.${keyword}[${index}]`, needsDocs: isNode(child) && isObjectSchema(child) }),
    );
  }
  for (const child of children) {
    if (!isNode(child.node)) continue;
    yield { node: child.node, path: child.path, needsDocs: child.needsDocs };
    yield* walkSubschemas(child.node, child.path);
  }
}

/** The subschema at a dotted path of property names, through `items` of arrays. */
function fieldAt(path: string): SchemaNode {
  let node: SchemaNode = generateConfigJsonSchema();
  for (const key of path.split('.')) {
    const holder = isNode(node.properties) ? node : (node.items as SchemaNode);
    node = (holder.properties as Record<string, SchemaNode>)[key] as SchemaNode;
    expect(node, path).toBeDefined();
  }
  return node;
}

describe('the documentation in the JSON Schema of gauntlet.yaml', () => {
  it('gives a description to every property, array item, additionalProperties schema and object branch', () => {
    const schema = generateConfigJsonSchema();
    const walked = [...walkSubschemas(schema, '$')];
    const undocumented = walked.filter((entry) => entry.needsDocs && typeof entry.node.description !== 'string').map((entry) => entry.path);
    expect(walked.filter((entry) => entry.needsDocs).length).toBeGreaterThan(60);
    expect(undocumented).toEqual([]);
  });

  it('gives every described node a markdownDescription, with code in backticks there and not in the plain description', () => {
    const described = [...walkSubschemas(generateConfigJsonSchema(), '$')].filter((entry) => typeof entry.node.description === 'string');
    for (const { node, path } of described) {
      expect(typeof node.markdownDescription, path).toBe('string');
      expect(node.description, path).toBe(String(node.markdownDescription).replaceAll('`', ''));
    }
    expect(fieldAt('hooks.stdin').markdownDescription).toContain('`{file}`');
  });

  it.each([
    { field: 'hooks.name', keys: { examples: ['flake8'] } },
    { field: 'hooks.timeout', keys: { default: 60, examples: [60, 'auto'] } },
    { field: 'hooks.stage', keys: { default: 'fast', enum: ['fast', 'comprehensive'] } },
    { field: 'hooks.files', keys: { examples: [['*.py'], 'src/**/*.ts'] } },
    { field: 'hooks.env', keys: { examples: [{ PYTHONWARNINGS: 'ignore' }] } },
    { field: 'hooks.parser', keys: { default: 'gnu' } },
    { field: 'remote_cache.url', keys: { examples: ['http://cache.internal:8080/gauntlet'] } },
    { field: 'lsp.debounce_ms', keys: { default: 250, examples: [250] } },
  ])('offers yaml-language-server hover and completion for $field', ({ field, keys }) => {
    const node = fieldAt(field);
    expect(node.description).toEqual(expect.any(String));
    expect(node.markdownDescription).toEqual(expect.any(String));
    expect(node).toMatchObject(keys);
  });

  it('holds only examples that the schema of their own field accepts', () => {
    const ajv = new Ajv2020({ strict: false });
    const withExamples = [...walkSubschemas(generateConfigJsonSchema(), '$')].filter((entry) => Array.isArray(entry.node.examples));
    expect(withExamples.length).toBeGreaterThan(10);
    for (const { node, path } of withExamples) {
      for (const example of node.examples as unknown[]) expect(ajv.validate(node, example), `${path}: ${JSON.stringify(example)}`).toBe(true);
    }
  });

  it("documents in README.md's table every field a hook has", () => {
    const readme = readFileSync(README, 'utf8');
    const hook = fieldAt('hooks').items as SchemaNode;
    const fields = Object.keys(hook.properties as SchemaNode);
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((field) => !readme.includes(`| \`${field}\` |`))).toEqual([]);
  });
});
