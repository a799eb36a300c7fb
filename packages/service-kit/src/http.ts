import type { ErrorBody } from '@circle-match/contracts';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { AppError } from './app-error.js';
import { loggableError } from './loggable-error.js';
import { requestId } from './logger.js';

/** docs/reliability.md: request bodies are JSON of at most 32 KB. */
export const BODY_LIMIT = '32kb';

/** JSON bodies only: a POST with another content type is a 415, a malformed one a 400, a large one a 413. */
export function jsonBody(): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is('application/json')) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be JSON (Content-Type: application/json)'));
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit: BODY_LIMIT, strict: true, type: 'application/json' })];
}

function bodyParserError(error: unknown): AppError | null {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON', 'Request body is not valid JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${BODY_LIMIT.toUpperCase()}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Request body encoding or charset is not supported');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('VALIDATION_ERROR', 'Request body could not be read');
    default:
      return null;
  }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return bodyParserError(error) ?? new AppError('INTERNAL_ERROR', 'Internal server error', undefined, { cause: error });
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  return {
    success: false,
    error: error.message,
    code: error.code,
    ...(error.details ? { details: error.details } : {}),
    request_id: requestId,
  };
}

/** Unknown routes answer the docs/api.md shape too, never an HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/** The one error middleware: every failure becomes a docs/api.md JSON body; 5xx are logged with their cause. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  if (appError.status >= 500)
    req.log.error({ err: loggableError(appError.cause ?? appError), code: appError.code }, appError.message);
  res.locals.errorCode = appError.code; // counted by the metrics middleware (http_errors_total)
  res
    .status(appError.status)
    .set(appError.headers)
    .json(errorBody(appError, requestId(req)));
};
