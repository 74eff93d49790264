import type { Linter } from 'eslint';

/** The layer rules of eslint.layers.js (for the test that lints against them). */
export declare const LAYER_BOUNDARIES: Linter.Config[];
