import { describe, expect, it } from 'vitest';
import type { CostSample } from '../../engine/schedule/cost-model.js';
import { estimateMs, fitCost } from '../../engine/schedule/cost-model.js';

/** A seeded generator in [0, 1), so noisy samples are the same on every run. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16_807) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

function sample(files: number, batches: number, durationMs: number): CostSample {
  return { files, batches, durationMs };
}

describe('fitCost', () => {
  it('returns null without samples', () => {
    expect(fitCost([])).toBeNull();
  });

  it('returns null when no sample is usable', () => {
    const broken = [sample(10, 0, 100), sample(10, 1, Number.NaN), sample(-1, 1, 100), sample(10, 1, -5)];
    expect(fitCost(broken)).toBeNull();
  });

  it('recovers start-up and per-file cost exactly from clean samples', () => {
    const samples = [sample(2_000, 2, 10_600), sample(2_000, 1, 10_300), sample(50, 1, 550)];
    const cost = fitCost(samples);
    expect(cost?.startupMs).toBeCloseTo(300, 6);
    expect(cost?.perFileMs).toBeCloseTo(5, 9);
  });

  it('recovers known start-up and per-file cost from noisy samples', () => {
    const random = createRandom(12_345);
    const startupMs = 250;
    const perFileMs = 4;
    const samples: CostSample[] = [];
    for (let index = 0; index < 40; index++) {
      const files = 1 + Math.floor(random() * 3_000);
      const batches = 1 + Math.floor(random() * 8);
      const noise = 1 + (random() - 0.5) * 0.1;
      samples.push(sample(files, batches, (batches * startupMs + files * perFileMs) * noise));
    }
    const cost = fitCost(samples);
    expect(cost).not.toBeNull();
    expect(cost?.startupMs).toBeGreaterThan(startupMs * 0.85);
    expect(cost?.startupMs).toBeLessThan(startupMs * 1.15);
    expect(cost?.perFileMs).toBeGreaterThan(perFileMs * 0.97);
    expect(cost?.perFileMs).toBeLessThan(perFileMs * 1.03);
  });

  it('assumes free start-up from a single sample', () => {
    expect(fitCost([sample(200, 4, 1_000)])).toEqual({ startupMs: 0, perFileMs: 5 });
  });

  it('assumes free start-up when every sample has the same files per batch', () => {
    const cost = fitCost([sample(100, 1, 400), sample(200, 2, 1_000), sample(400, 4, 2_000)]);
    expect(cost?.startupMs).toBe(0);
    // The mean of 4, 5 and 5 ms per file.
    expect(cost?.perFileMs).toBeCloseTo(14 / 3, 9);
  });

  it('puts all the cost in start-up for project-level hooks without files', () => {
    const cost = fitCost([sample(0, 1, 900), sample(0, 1, 1_100), sample(0, 2, 2_400)]);
    expect(cost?.perFileMs).toBe(0);
    // The mean of 900, 1100 and 1200 ms per invocation.
    expect(cost?.startupMs).toBeCloseTo(1_066.667, 2);
  });

  it('corrects itself once a run with another batch count shows what start-up costs', () => {
    const first = fitCost([sample(2_000, 2, 10_600)]);
    expect(first?.startupMs).toBe(0);
    const corrected = fitCost([sample(2_000, 2, 10_600), sample(2_000, 1, 10_300)]);
    expect(corrected?.startupMs).toBeCloseTo(300, 6);
    expect(corrected?.perFileMs).toBeCloseTo(5, 9);
  });

  it('fixes start-up at 0 and refits the per-file cost when the free fit makes start-up negative', () => {
    const cost = fitCost([sample(10, 1, 50), sample(100, 1, 1_000)]);
    expect(cost?.startupMs).toBe(0);
    expect(cost?.perFileMs).toBeCloseTo((10 * 50 + 100 * 1_000) / (10 * 10 + 100 * 100), 9);
  });

  it('fixes the per-file cost at 0 and refits start-up when the free fit makes it negative', () => {
    const cost = fitCost([sample(10, 1, 1_000), sample(100, 1, 900)]);
    expect(cost?.perFileMs).toBe(0);
    expect(cost?.startupMs).toBeCloseTo(950, 9);
  });

  it('ignores unusable samples next to usable ones', () => {
    const cost = fitCost([sample(100, 1, Number.POSITIVE_INFINITY), sample(200, 1, 1_000)]);
    expect(cost).toEqual({ startupMs: 0, perFileMs: 5 });
  });
});

describe('estimateMs', () => {
  it('adds a start-up per batch to the per-file cost', () => {
    expect(estimateMs({ startupMs: 300, perFileMs: 5 }, 2_000, 2)).toBe(10_600);
  });

  it('costs only start-up for a project-level hook', () => {
    expect(estimateMs({ startupMs: 700, perFileMs: 3 }, 0, 1)).toBe(700);
  });
});
