import { z } from 'zod';

/** Machine codes of docs/api.md, each with the one HTTP status it is sent with. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  SESSION_REVOKED: 401,
  INVALID_API_KEY: 401,
  ACCOUNT_SUSPENDED: 403,
  PROFILE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  UPSTREAM_BAD_RESPONSE: 502,
  DATABASE_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const fieldIssueSchema = z.object({ field: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  success: z.literal(false),
  error: z.string().min(1),
  code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
  details: z.array(fieldIssueSchema).optional(),
  request_id: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Turns zod issues into `details` that name each field by its path ("preferences.age_range.0"). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

/** A one-line message for a validation failure: the first field and what is wrong with it. */
export function validationMessage(issues: readonly FieldIssue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid request body';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `Invalid request: ${first.field} ${first.message}${more}`;
}
