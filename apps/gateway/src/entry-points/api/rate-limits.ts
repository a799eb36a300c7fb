import { AppError } from '@circle-match/service-kit';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';

export interface RateLimitSettings {
  windowMs: number;
  perUser: number;
  perIp: number;
  /** Searches of one member in flight at once. */
  inFlightPerUser: number;
}

/** 429 in the SPEC §7 shape with Retry-After (seconds until the window resets). */
const tooMany: Options['handler'] = (req, _res, next) => {
  const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 1;
  next(new AppError('RATE_LIMITED', 'Too many requests; slow down', undefined, { headers: { 'Retry-After': String(seconds) } }));
};

/** Per client IP (behind nginx: the X-Forwarded-For address), before authentication. */
export function perIpLimit(settings: RateLimitSettings): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.perIp,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: tooMany,
  });
}

/** Per member (the token's subject), after authentication. */
export function perUserLimit(settings: RateLimitSettings): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.perUser,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `user:${req.userId ?? 'anonymous'}`,
    handler: tooMany,
  });
}

/**
 * At most `max` searches of one member in flight at once (SPEC §8): a member's client cannot keep many slow
 * searches open and starve everyone else; beyond it, 429 at once. The counts belong to this middleware's instance.
 */
export function perUserInFlight(max: number): RequestHandler {
  const inFlight = new Map<string, number>();
  return (req, res, next) => {
    const member = req.userId ?? 'anonymous';
    const current = inFlight.get(member) ?? 0;
    if (current >= max) {
      next(new AppError('RATE_LIMITED', `At most ${max} searches at once; wait for one to finish`, undefined, { headers: { 'Retry-After': '1' } }));
      return;
    }
    inFlight.set(member, current + 1);
    res.once('close', () => {
      const left = (inFlight.get(member) ?? 1) - 1;
      if (left <= 0) inFlight.delete(member);
      else inFlight.set(member, left);
    });
    next();
  };
}
