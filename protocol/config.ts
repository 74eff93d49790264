// zod/mini, not classic zod: the same core, about 26 KB bundled instead of about 450 KB; that is start-up time.
import * as z from 'zod/mini';

const glob = z.string().check(z.minLength(1, 'expected a non-empty glob'));
const globList = z.pipe(
  z.union([glob, z.array(glob)]),
  z.transform((value: string | string[]) => (typeof value === 'string' ? [value] : value)),
);

const parser = z.union([
  z.enum(['gnu', 'none']),
  z.strictObject({ regex: z.string().check(z.minLength(1, 'expected a non-empty pattern')) }),
]);

const envValue = z.pipe(
  z.union([z.string(), z.number(), z.boolean()]),
  z.transform((value: string | number | boolean) => String(value)),
);

/** One hook as written in gauntlet.yaml. */
export const HookConfigSchema = z.strictObject({
  name: z.string().check(z.regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" or "-"')),
  command: z.union([
    z.string().check(z.trim(), z.minLength(1, 'expected a non-empty command')),
    z.array(z.string()).check(z.minLength(1, 'expected at least one word')),
  ]),
  files: z.optional(globList),
  exclude: z.optional(globList),
  pass_files: z._default(z.boolean(), true),
  always_run: z._default(z.boolean(), false),
  timeout: z._default(z.union([z.number().check(z.positive('expected a positive number')), z.literal('auto')]), 60),
  stage: z._default(z.enum(['fast', 'comprehensive']), 'fast'),
  parser: z._default(parser, 'gnu'),
  // z.number() checked by z.int(), as classic's .int() does: a string still reads "expected a number".
  ok_exit_codes: z._default(z.array(z.number().check(z.int())).check(z.minLength(1)), [0]),
  fail_on_diagnostics: z._default(z.boolean(), false),
  env: z._default(z.record(z.string(), envValue), {}),
  cache_inputs: z.optional(globList),
  require_serial: z._default(z.boolean(), false),
  batch_size: z.optional(z.number().check(z.int(), z.positive('expected a positive whole number'))),
  modifies_files: z._default(z.boolean(), false),
  fix_ok: z._default(z.boolean(), false),
});

/** The whole of gauntlet.yaml. */
export const ConfigSchema = z.strictObject({
  max_workers: z.optional(z.number().check(z.int(), z.positive('expected a positive whole number'))),
  fail_fast: z._default(z.boolean(), false),
  hooks: z.array(HookConfigSchema).check(z.minLength(1, 'expected at least one hook')),
});

export type HookConfig = z.output<typeof HookConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;
export type Stage = HookConfig['stage'];
