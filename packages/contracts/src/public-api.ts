import { z } from 'zod';
import {
  ageRangeSchema,
  latitudeSchema,
  longitudeSchema,
  publicMaxDistanceSchema,
  publicPreferencesSchema,
  promptSchema,
  requireBothOrNeither,
} from './common.js';
import { DEFAULT_LIMIT, matchSchema } from './internal-api.js';

export const MAX_PUBLIC_LIMIT = 50;
const publicLimitSchema = z
  .int({ error: 'must be a whole number' })
  .min(1)
  .max(MAX_PUBLIC_LIMIT)
  .meta({ description: 'How many matches to return', default: DEFAULT_LIMIT });

/** `POST /api/ml-matching/search` (docs/api.md). Extra fields an older app sends are ignored, not refused. */
export const searchRequestSchema = z
  .object({
    prompt: promptSchema.optional(),
    preferences: publicPreferencesSchema.optional(),
    latitude: latitudeSchema.optional(),
    longitude: longitudeSchema.optional(),
    limit: publicLimitSchema.optional(),
  })
  .superRefine(requireBothOrNeither)
  .superRefine((value, ctx) => {
    if (value.prompt === undefined && value.preferences === undefined) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'either prompt or preferences is required' });
    }
  });
export type SearchRequest = z.infer<typeof searchRequestSchema>;

/** `POST /api/ml-matching/prompt-search` (docs/api.md). */
export const promptSearchRequestSchema = z
  .object({
    prompt: promptSchema,
    latitude: latitudeSchema.optional(),
    longitude: longitudeSchema.optional(),
    max_distance: publicMaxDistanceSchema.optional(),
    age_range: ageRangeSchema.optional(),
    limit: publicLimitSchema.optional(),
  })
  .superRefine(requireBothOrNeither);
export type PromptSearchRequest = z.infer<typeof promptSearchRequestSchema>;

/** A match as the public sees it: no coordinates, distance in whole km (at least 1). */
export const publicMatchSchema = matchSchema.omit({ latitude: true, longitude: true }).extend({
  distance_km: z
    .int()
    .min(1)
    .nullable()
    .meta({ description: 'Whole kilometres, at least 1; null when either side has no location' }),
});
export type PublicMatch = z.infer<typeof publicMatchSchema>;

export const searchResponseSchema = z.object({
  success: z.literal(true),
  matches: z.array(publicMatchSchema),
  total_candidates: z.int().min(0),
  processing_time_ms: z.number().min(0),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const promptSearchResponseSchema = z.object({
  success: z.literal(true),
  matches: z.array(publicMatchSchema),
  count: z.int().min(0),
});
export type PromptSearchResponse = z.infer<typeof promptSearchResponseSchema>;

export const publicHealthSchema = z.object({
  service: z.literal('ml-matching'),
  status: z.enum(['healthy', 'unhealthy']),
  timestamp: z.string(),
});
export type PublicHealth = z.infer<typeof publicHealthSchema>;
