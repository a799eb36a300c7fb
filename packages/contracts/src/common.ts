import { z } from 'zod';
import { MAX_AGE, MIN_AGE } from './constants.js';

export { MAX_AGE, MIN_AGE };
export const MAX_PROMPT_LENGTH = 500;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 100;
export const MAX_ID_LIST = 1000;
export const MAX_DISTANCE_KM = 20_000;

export const userIdSchema = z.uuid({ error: 'must be a UUID' });

/** Text PostgreSQL can store: it refuses the NUL character, so it is a 400 here, never a database error. */
const storableText = (schema: z.ZodString) =>
  schema.refine((s) => !s.includes('\u0000'), { error: 'must not contain NUL characters' });

/** A prompt: 1–500 characters, not only white space. */
export const promptSchema = z
  .string({ error: 'must be a string' })
  .refine((s) => !s.includes('\u0000'), { error: 'must not contain NUL characters' })
  .max(MAX_PROMPT_LENGTH, { error: `must be at most ${MAX_PROMPT_LENGTH} characters` })
  .refine((s) => s.trim().length > 0, { error: 'must not be empty' })
  .meta({ description: 'What the member is looking for, in their own words (1–500 characters, not blank)' });

const FROM_WHERE =
  "Where to search from; latitude and longitude together or neither (then the member's profile location)";
export const latitudeSchema = z
  .number({ error: 'must be a number' })
  .min(-90)
  .max(90)
  .meta({ description: FROM_WHERE });
export const longitudeSchema = z
  .number({ error: 'must be a number' })
  .min(-180)
  .max(180)
  .meta({ description: FROM_WHERE });

const ageSchema = z.int({ error: 'must be a whole number' }).min(MIN_AGE).max(MAX_AGE);
export const ageRangeSchema = z
  .tuple([ageSchema, ageSchema], { error: `must be [min, max] with ${MIN_AGE} ≤ min ≤ max ≤ ${MAX_AGE}` })
  .refine(([min, max]) => min <= max, { error: 'min must not be greater than max' })
  .meta({ description: `[min, max] years, ${MIN_AGE} ≤ min ≤ max ≤ ${MAX_AGE}` });

export const maxDistanceSchema = z
  .number({ error: 'must be a number of km' })
  .gt(0, { error: 'must be greater than 0' })
  .max(MAX_DISTANCE_KM, { error: `must be at most ${MAX_DISTANCE_KM} km` })
  .meta({ description: 'Kilometres from where the search is made (default 50)' });

/**
 * Public requests give the distance in whole km (docs/reliability.md): a fractional radius would let a caller probe distances
 * finer than the whole km the answers show.
 */
export const publicMaxDistanceSchema = z
  .int({ error: 'must be a whole number of km' })
  .min(1, { error: 'must be at least 1 km' })
  .max(MAX_DISTANCE_KM, { error: `must be at most ${MAX_DISTANCE_KM} km` })
  .meta({ description: 'Whole kilometres from where the search is made (default 50)' });

const tagSchema = storableText(z.string().trim().min(1).max(MAX_TAG_LENGTH));
export const tagListSchema = z.array(tagSchema).max(MAX_TAGS, { error: `must have at most ${MAX_TAGS} items` });
export const idListSchema = z.array(userIdSchema).max(MAX_ID_LIST, { error: `must have at most ${MAX_ID_LIST} ids` });

export const preferencesSchema = z.strictObject({
  max_distance: maxDistanceSchema.optional(),
  age_range: ageRangeSchema.optional(),
  interests: tagListSchema.meta({ description: 'Topics asked for: members who have one come first' }).optional(),
  needs: tagListSchema
    .meta({
      description:
        'Needs asked for (friendship, dating, networking, mentorship, activity partner, emotional support): members who have one come first',
    })
    .optional(),
  gender_preference: storableText(z.string().trim().min(1).max(40))
    .meta({ description: 'Only members of this gender' })
    .optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** Preferences of a public request: the same, with the distance in whole km. */
export const publicPreferencesSchema = preferencesSchema.extend({ max_distance: publicMaxDistanceSchema.optional() });

/** Latitude and longitude come together or not at all. */
export function requireBothOrNeither(
  value: { latitude?: number | undefined; longitude?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  const hasLat = value.latitude !== undefined;
  const hasLon = value.longitude !== undefined;
  if (hasLat !== hasLon) {
    ctx.addIssue({
      code: 'custom',
      path: [hasLat ? 'longitude' : 'latitude'],
      message: 'latitude and longitude must be given together',
    });
  }
}
