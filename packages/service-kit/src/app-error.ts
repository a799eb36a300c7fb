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

  /**
   * 503 with Retry-After: 1 — the answer to every passing condition (busy, starting, a dependency down): the caller
   * should try again in a second, and load balancers and clients read the header.
   */
  static unavailable(
    message: string,
    options: { code?: 'SERVICE_UNAVAILABLE' | 'DATABASE_UNAVAILABLE'; cause?: unknown } = {},
  ): AppError {
    return new AppError(options.code ?? 'SERVICE_UNAVAILABLE', message, undefined, {
      cause: options.cause,
      headers: { 'Retry-After': '1' },
    });
  }

  /** 429 with Retry-After: the seconds until the caller may try again. */
  static rateLimited(message: string, retryAfterSeconds: number): AppError {
    return new AppError('RATE_LIMITED', message, undefined, { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }

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
