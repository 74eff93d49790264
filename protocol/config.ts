import { z } from 'zod';

const glob = z.string().min(1, 'expected a non-empty glob');
const globList = z.union([glob, z.array(glob)]).transform((value) => (typeof value === 'string' ? [value] : value));

const parser = z.union([
  z.enum(['gnu', 'none']),
  z.strictObject({ regex: z.string().min(1, 'expected a non-empty pattern') }),
]);

/** One hook as written in gauntlet.yaml. */
export const HookConfigSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" or "-"'),
  command: z.union([
    z.string().trim().min(1, 'expected a non-empty command'),
    z.array(z.string()).min(1, 'expected at least one word'),
  ]),
  files: globList.optional(),
  exclude: globList.optional(),
  pass_files: z.boolean().default(true),
  always_run: z.boolean().default(false),
  timeout: z.number().positive('expected a positive number').default(60),
  stage: z.enum(['fast', 'comprehensive']).default('fast'),
  parser: parser.default('gnu'),
  ok_exit_codes: z.array(z.number().int()).min(1).default([0]),
  fail_on_diagnostics: z.boolean().default(false),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
});

/** The whole of gauntlet.yaml. */
export const ConfigSchema = z.strictObject({
  max_workers: z.number().int().positive('expected a positive whole number').optional(),
  fail_fast: z.boolean().default(false),
  hooks: z.array(HookConfigSchema).min(1, 'expected at least one hook'),
});

export type HookConfig = z.output<typeof HookConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;
export type Stage = HookConfig['stage'];
