import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { $ZodRawIssue } from 'zod/v4/core';
import { formatConfigPath, formatFieldPath } from '../../engine/config/config-error.js';
import { describeIssue } from '../../engine/config/issue-message.js';

describe('describeIssue', () => {
  // zod/mini loads no locale: whatever the map leaves unanswered reaches the user as "Invalid input".
  it.each<[string, $ZodRawIssue]>([
    ['expected text matching /^a/', { code: 'invalid_format', format: 'regex', pattern: '/^a/', input: 'b' }],
    ['expected a valid email', { code: 'invalid_format', format: 'email', input: 'b' }],
    ['expected a multiple of 5', { code: 'not_multiple_of', divisor: 5, input: 3 }],
    ['expected a valid key', { code: 'invalid_key', origin: 'record', issues: [], input: 'k' }],
    ['expected a valid item', { code: 'invalid_element', origin: 'set', key: 1, issues: [], input: 1 }],
    ['invalid value', { code: 'custom', input: 1 }],
  ])('words even the issues the config schema cannot raise: %s', (message, issue) => {
    expect(describeIssue(issue)).toBe(message);
  });
});

describe('formatConfigPath', () => {
  it('shows a file inside the working directory relative to it', () => {
    expect(formatConfigPath('/repo/sub/gauntlet.yaml', '/repo')).toBe(join('sub', 'gauntlet.yaml'));
  });

  it('shows a file outside the working directory as an absolute path', () => {
    expect(formatConfigPath('/elsewhere/gauntlet.yaml', '/repo')).toBe('/elsewhere/gauntlet.yaml');
  });
});

describe('formatFieldPath', () => {
  it('writes indexes in brackets and odd keys as quoted strings', () => {
    expect(formatFieldPath(['hooks', 2, 'env', 'MY-VAR'])).toBe('hooks[2].env["MY-VAR"]');
  });
});
