import { FACTORS, type Factor } from '@circle-match/contracts/constants';

/** The six factors of docs/semantics.md, in the order they are reported (defined with the explanation's contract). */
export { FACTORS, type Factor };
export type Weights = Record<Factor, number>;

export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  interests: 0.25,
  needs: 0.2,
  bio: 0.15,
  distance: 0.15,
  age: 0.1,
  prompt: 0.15,
});

const SUM_TOLERANCE = 1e-6;

export class InvalidWeightsError extends Error {
  override readonly name = 'InvalidWeightsError';
}

/**
 * Checks a weights object (e.g. parsed from MATCH_WEIGHTS): exactly the six factors, each a finite number in [0, 1],
 * summing to 1. Throws an InvalidWeightsError that says what is wrong.
 */
export function validateWeights(input: unknown): Weights {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidWeightsError(`weights must be an object with the keys ${FACTORS.join(', ')}`);
  }
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !(FACTORS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new InvalidWeightsError(`unknown weight(s): ${unknown.join(', ')}`);
  const weights = {} as Weights;
  for (const factor of FACTORS) {
    const value = record[factor];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new InvalidWeightsError(`weight "${factor}" must be a number between 0 and 1`);
    }
    weights[factor] = value;
  }
  const sum = FACTORS.reduce((s, f) => s + weights[f], 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new InvalidWeightsError(`weights must sum to 1 (they sum to ${sum.toFixed(4)})`);
  }
  return weights;
}

/**
 * Spreads the weight of unavailable factors over the available ones in proportion to their own weights.
 * All zero when nothing is available.
 */
export function effectiveWeights(weights: Weights, available: Readonly<Record<Factor, boolean>>): Weights {
  const total = FACTORS.reduce((s, f) => s + (available[f] ? weights[f] : 0), 0);
  const result = {} as Weights;
  for (const factor of FACTORS) result[factor] = available[factor] && total > 0 ? weights[factor] / total : 0;
  return result;
}
