/**
 * What a log line may say about an error: its class, code, status, message and stack, and the same of its cause.
 * Never the error object itself: an HTTP client's error carries its request (headers with the internal API key,
 * a body with the member's prompt and coordinates) and a database error can carry parameters. Every place that
 * logs an error goes through here; the logger's redaction of known paths is only a second guard.
 */
export interface LoggableError {
  type: string;
  message: string;
  code?: string;
  status?: number;
  stack?: string;
  cause?: LoggableError;
}

const MAX_MESSAGE = 300;
const MAX_DEPTH = 3;

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : undefined;
}

export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, message: '(a thrown non-Error value)' };
  const fields = error as Error & { code?: unknown; status?: unknown; response?: { status?: unknown } };
  const status =
    typeof fields.status === 'number'
      ? fields.status
      : typeof fields.response?.status === 'number'
        ? fields.response.status
        : undefined;
  const out: LoggableError = { type: error.name, message: error.message.slice(0, MAX_MESSAGE) };
  const code = text(fields.code, 64);
  if (code !== undefined) out.code = code;
  if (status !== undefined) out.status = status;
  // The stack's first line repeats the message; the frames are code locations only.
  if (error.stack) out.stack = error.stack.split('\n').slice(0, 12).join('\n');
  if (error.cause !== undefined && depth < MAX_DEPTH) out.cause = loggableError(error.cause, depth + 1);
  return out;
}
