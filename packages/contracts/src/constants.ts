/**
 * The contracts' plain values, without zod: what the scoring engine needs of them (`@circle-match/contracts/constants`).
 * A ranking thread loads the scoring engine only, and importing these from the package's root would load zod and the
 * OpenAPI generator into it as well (~3 MB of heap a thread).
 */

export const MIN_AGE = 18;
export const MAX_AGE = 120;

/** The six factors of the score, in the order the scorer computes them (one home: scoring reads them from here). */
export const FACTORS = ['interests', 'needs', 'bio', 'distance', 'age', 'prompt'] as const;
export type Factor = (typeof FACTORS)[number];
