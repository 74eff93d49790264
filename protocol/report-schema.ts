// zod/mini, as the config schema: the binary loads it only to read reports back (`gauntlet report merge`).
import * as z from 'zod/mini';

const count = z.int().check(z.gte(0));
const milliseconds = z.number().check(z.gte(0));
const nullableInt = z.nullable(z.int());

const hookReportSchema = z.object({
  name: z.string(),
  status: z.enum(['passed', 'failed', 'timeout', 'error', 'cancelled', 'skipped']),
  start_ms: z.nullable(milliseconds),
  end_ms: z.nullable(milliseconds),
  duration_ms: milliseconds,
  exit_code: nullableInt,
  files: count,
  files_cached: count,
  files_run: count,
  // Absent from reports of runs before the remote cache.
  files_cached_remote: z._default(count, 0),
  cached: z.boolean(),
  modified_files: z.array(z.string()),
  batches: count,
  diagnostics: count,
  output: z.string(),
  reason: z.nullable(z.string()),
});

const fixPlace = z.union([z.int().check(z.gte(0)), z.object({ line: z.int().check(z.gte(1)), column: z.nullable(z.int().check(z.gte(1))) })]);
const fixSchema = z.object({
  description: z.string(),
  safe: z.boolean(),
  edits: z.array(z.object({ start: fixPlace, end: fixPlace, text: z.string() })),
});

const diagnosticReportSchema = z.object({
  hook: z.string(),
  file: z.string(),
  line: z.int(),
  column: nullableInt,
  end_line: nullableInt,
  end_column: nullableInt,
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  code: z.nullable(z.string()),
  message: z.string(),
  // Absent from reports of runs before fixes were kept.
  url: z.optional(z.string()),
  fixes: z.optional(z.array(fixSchema)),
});

const summarySchema = z.object({
  hooks: count,
  passed: count,
  failed: count,
  timed_out: count,
  errored: count,
  cancelled: count,
  skipped: count,
  files_cached: count,
  files_run: count,
  cache_hit_rate: z.number().check(z.gte(0), z.lte(1)),
  files_cached_remote: z._default(count, 0),
  remote: z._default(
    z.nullable(
      z.object({ url: z.string(), lookups: count, hits: count, uploads: count, errors: count, rejected: count, dropped: z._default(count, 0), ms: milliseconds }),
    ),
    null,
  ),
});

/** The JSON report (`gauntlet-report/1`) as `gauntlet run --format json` writes it; fields it does not know are dropped. */
export const runReportSchema = z.object({
  schema: z.literal('gauntlet-report/1'),
  ok: z.boolean(),
  root: z.string(),
  wall_ms: milliseconds,
  max_workers: z.int().check(z.gte(1)),
  shard: z.optional(z.object({ index: z.int().check(z.gte(1)), count: z.int().check(z.gte(1)), split: z.string() })),
  hooks: z.array(hookReportSchema),
  diagnostics: z.array(diagnosticReportSchema),
  summary: summarySchema,
});
