import { describe, expect, it } from 'vitest';
import type { HookProfile, HookSample } from '../../engine/store/profiles.js';
import { calibrateTimeout } from '../../engine/schedule/timeouts.js';

function sample(durationMs: number, files = 10, batches = 1): HookSample {
  return { durationMs, files, batches, ok: true, at: 1_700_000_000_000 };
}

function profile(samples: HookSample[]): HookProfile {
  return { runs: samples.length, failures: 0, samples };
}

describe('calibrateTimeout', () => {
  it('gives null for a hook without a profile or without samples', () => {
    expect(calibrateTimeout(undefined, 10)).toBeNull();
    expect(calibrateTimeout(profile([]), 10)).toBeNull();
  });

  it('never goes below 10 s', () => {
    expect(calibrateTimeout(profile([sample(5)]), 10)).toBe(10_000);
    expect(calibrateTimeout(profile([sample(3_333)]), 10)).toBe(10_000);
    expect(calibrateTimeout(profile([sample(0)]), 0)).toBe(10_000);
  });

  it('is three times the p95 of past batch durations', () => {
    expect(calibrateTimeout(profile([sample(4_000)]), 10)).toBe(12_000);
    // 20 samples 1 s .. 20 s: the p95 is the 19th, 19 s.
    const twenty = Array.from({ length: 20 }, (_, i) => sample((i + 1) * 1_000));
    expect(calibrateTimeout(profile(twenty), 10)).toBe(57_000);
  });

  it('reads the p95 whatever order the samples were recorded in', () => {
    const shuffled = [7, 19, 1, 20, 3, 15, 11, 2, 18, 4, 9, 16, 5, 13, 6, 17, 8, 12, 10, 14].map((s) => sample(s * 1_000));
    expect(calibrateTimeout(profile(shuffled), 10)).toBe(57_000);
  });

  it('ignores a single outlier past the p95 in a full window', () => {
    const samples = [...Array.from({ length: 19 }, () => sample(5_000)), sample(600_000)];
    expect(calibrateTimeout(profile(samples), 10)).toBe(15_000);
  });

  it('divides a sample over its batches', () => {
    // 16 s summed over 2 batches of 10 files: 8 s a batch.
    expect(calibrateTimeout(profile([sample(16_000, 20, 2)]), 10)).toBe(24_000);
  });

  it('scales a sample up to a bigger batch', () => {
    // 5 s for 10 files; a batch of 40 files: 20 s.
    expect(calibrateTimeout(profile([sample(5_000, 10)]), 40)).toBe(60_000);
    expect(calibrateTimeout(profile([sample(8_000, 20, 2)]), 30)).toBe(36_000);
  });

  it('never scales a sample down for a smaller batch', () => {
    expect(calibrateTimeout(profile([sample(5_000, 10)]), 1)).toBe(15_000);
    expect(calibrateTimeout(profile([sample(5_000, 10)]), 0)).toBe(15_000);
  });

  it('does not scale samples of project-level runs, which had no files', () => {
    expect(calibrateTimeout(profile([sample(5_000, 0)]), 50)).toBe(15_000);
  });

  it('rounds up to a whole millisecond', () => {
    expect(calibrateTimeout(profile([sample(4_000.4)]), 10)).toBe(12_002);
  });
});
