import { describe, expect, it } from 'vitest';
import { meanDuration, recordSample, SAMPLE_WINDOW, summarizeProfile, type Profiles } from '../../engine/store/profiles.js';
import { profileOf, sample } from '../helpers/profiles.js';

describe('recording samples', () => {
  it('counts runs and failures', () => {
    const profiles: Profiles = new Map();
    recordSample(profiles, 'lint', sample(10));
    recordSample(profiles, 'lint', sample(20, { ok: false }));
    recordSample(profiles, 'lint', sample(30));
    expect(profiles.get('lint')).toMatchObject({ runs: 3, failures: 1 });
    expect(profiles.get('lint')?.samples).toHaveLength(3);
  });

  it('keeps only the last 20 samples while counting every run', () => {
    const profiles: Profiles = new Map();
    for (let index = 1; index <= 25; index += 1) recordSample(profiles, 'lint', sample(index));
    const profile = profiles.get('lint');
    expect(SAMPLE_WINDOW).toBe(20);
    expect(profile?.runs).toBe(25);
    const expected = Array.from({ length: 20 }, (_, index) => index + 6);
    expect(profile?.samples.map((entry) => entry.durationMs)).toEqual(expected);
  });
});

describe('summarizing a profile', () => {
  it('computes mean, median and nearest-rank p95 over the retained samples', () => {
    const durations = Array.from({ length: 20 }, (_, index) => 20 - index);
    const summary = summarizeProfile({ ...profileOf(durations), runs: 40, failures: 10 });
    expect(summary).toEqual({
      runs: 40,
      failures: 10,
      failureRate: 0.25,
      meanMs: 10.5,
      medianMs: 10.5,
      p95Ms: 19,
      lastFiles: 3,
    });
  });

  it('takes the middle sample as the median of an odd count and the largest as p95 of few samples', () => {
    const summary = summarizeProfile(profileOf([50, 10, 30]));
    expect(summary.medianMs).toBe(30);
    expect(summary.meanMs).toBe(30);
    expect(summary.p95Ms).toBe(50);
  });

  it('reports no durations and a zero failure rate for a profile without samples', () => {
    expect(summarizeProfile({ runs: 0, failures: 0, samples: [] })).toEqual({
      runs: 0,
      failures: 0,
      failureRate: 0,
      meanMs: null,
      medianMs: null,
      p95Ms: null,
      lastFiles: null,
    });
  });

  it('reports the file count of the most recent sample', () => {
    const profiles: Profiles = new Map();
    recordSample(profiles, 'lint', sample(1, { files: 7 }));
    recordSample(profiles, 'lint', sample(2, { files: 42 }));
    const profile = profiles.get('lint');
    expect(profile && summarizeProfile(profile).lastFiles).toBe(42);
  });

  it('gives the mean duration of a profiled hook and null for a never-profiled one', () => {
    const profiles: Profiles = new Map([['lint', profileOf([100, 300])]]);
    expect(meanDuration(profiles, 'lint')).toBe(200);
    expect(meanDuration(profiles, 'format')).toBeNull();
  });
});
