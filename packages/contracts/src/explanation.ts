import { z } from 'zod';

export const factorBreakdownSchema = z.object({
  similarity: z.number().min(0).max(1),
  weight: z.number().min(0).max(1),
  points: z.number().min(0).max(100),
  available: z.boolean(),
});

/** The six factors of the score, in the order the scorer computes them (one home: scoring reads them from here). */
export const FACTORS = ['interests', 'needs', 'bio', 'distance', 'age', 'prompt'] as const;
export type Factor = (typeof FACTORS)[number];
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
