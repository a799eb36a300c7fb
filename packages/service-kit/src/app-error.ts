import { ERROR_STATUS, fieldIssues, validationMessage, type ErrorCode, type FieldIssue } from '@circle-match/contracts';
import type { z } from 'zod';

/** The one error type of both services: a docs/api.md machine code, the HTTP status it implies and a human message. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.status = ERROR_STATUS[code];
    this.headers = options?.headers ?? {};
  }

  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string>;

  static validation(error: z.ZodError): AppError {
    const details = fieldIssues(error);
    return new AppError('VALIDATION_ERROR', validationMessage(details), details);
  }
}

/** Parses `value` with a zod schema or throws a 400 AppError that names each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.validation(result.error);
  return result.data;
}
