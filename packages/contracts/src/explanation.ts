import { z } from 'zod';
import { FACTORS, type Factor } from './constants.js';

export { FACTORS, type Factor };

export const factorBreakdownSchema = z.object({
  similarity: z.number().min(0).max(1),
  weight: z.number().min(0).max(1),
  points: z.number().min(0).max(100),
  available: z.boolean(),
});

const factorsShape = Object.fromEntries(FACTORS.map((factor) => [factor, factorBreakdownSchema])) as Record<
  Factor,
  typeof factorBreakdownSchema
>;

export const explanationSchema = z.object({
  factors: z.object(factorsShape),
  evidence: z.object({
    shared_interests: z.array(z.string()),
    shared_needs: z.array(z.string()),
    matched_prompt_terms: z.array(z.string()),
    shared_bio_terms: z.array(z.string()),
    distance_km: z.number().nullable(),
    age_gap: z.number().nullable(),
  }),
  /** Whether the match answers what the request asked for: its topics, preferences.interests or .needs (docs/semantics.md). */
  matches_request: z
    .boolean()
    .meta({ description: 'Whether it answers what the search asked for; those that do come first' }),
  reasons: z.array(z.string()).min(1).max(4),
});
export type Explanation = z.infer<typeof explanationSchema>;
