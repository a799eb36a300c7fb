import { z } from 'zod';
import {
  idListSchema,
  latitudeSchema,
  longitudeSchema,
  preferencesSchema,
  promptSchema,
  requireBothOrNeither,
  userIdSchema,
} from './common.js';
import { explanationSchema } from './explanation.js';

export const MAX_INTERNAL_LIMIT = 100;
export const DEFAULT_LIMIT = 10;

/** `POST /api/ml/match` body (docs/api.md). Unknown fields are refused so a typo never silently drops a filter. */
export const matchRequestSchema = z
  .strictObject({
    user_id: userIdSchema,
    prompt: promptSchema.optional(),
    preferences: preferencesSchema.optional(),
    latitude: latitudeSchema.optional(),
    longitude: longitudeSchema.optional(),
    limit: z.int({ error: 'must be a whole number' }).min(1).max(MAX_INTERNAL_LIMIT).default(DEFAULT_LIMIT),
    single_best_match: z.boolean().optional(),
    candidate_ids: idListSchema.optional(),
    exclude_user_ids: idListSchema.optional(),
  })
  .superRefine(requireBothOrNeither);
export type MatchRequest = z.infer<typeof matchRequestSchema>;
export type MatchRequestInput = z.input<typeof matchRequestSchema>;

export const matchSchema = z.object({
  id: z.string(),
  name: z.string(),
  age: z.number().nullable(),
  bio: z.string().nullable(),
  interests: z.array(z.string()),
  needs: z.array(z.string()),
  gender: z.string().nullable(),
  /** The candidate's location snapped to the ~1 km privacy grid, never the stored coordinates. */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  distance_km: z.number().nullable(),
  match_score: z
    .number()
    .min(0)
    .max(100)
    .meta({ description: "The six-factor score: the explanation's factor points add up to it" }),
  explanation: explanationSchema,
});
export type Match = z.infer<typeof matchSchema>;

export const matchResponseSchema = z.object({
  success: z.literal(true),
  matches: z.array(matchSchema),
  total_candidates: z.int().min(0),
  processing_time_ms: z.number().min(0),
  request_id: z.string(),
});
export type MatchResponse = z.infer<typeof matchResponseSchema>;

export const serviceHealthSchema = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  service: z.literal('ml-matching'),
  timestamp: z.string(),
  database_connected: z.boolean(),
});
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;
