import { AppError } from '@circle-match/service-kit';
import { snapToGrid } from '@circle-match/scoring';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type Store } from 'express-rate-limit';
import type { LimitStores } from '../../domain/ports.js';

export interface RateLimitSettings {
  windowMs: number;
  perUser: number;
  perIp: number;
  /** Searches of one member in flight at once. */
  inFlightPerUser: number;
  /** Quotas against bulk scraping (docs/reliability.md): searches of one member per hour and per day. */
  perUserHourly: number;
  perUserDaily: number;
  /** Distinct ~1 km cells one member may search from in an hour (walking the origin across a city). */
  originsPerHour: number;
}

/** 429 in the docs/api.md shape with Retry-After (seconds until the window resets). */
const tooMany: Options['handler'] = (req, _res, next) => {
  const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 1;
  next(AppError.rateLimited('Too many requests; slow down', seconds));
};

/** One limiter: `limit` requests per `windowMs` per key, counted in `store` (shared by every replica with Redis). */
function limiter(
  windowMs: number,
  limit: number,
  key: (req: Request) => string,
  store: Store | undefined,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: tooMany,
    ...(store && { store, passOnStoreError: true }),
  });
}

const byIp = (req: Request): string => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
const byMember = (req: Request): string => `user:${req.userId ?? 'anonymous'}`;

/** Per client IP (behind nginx: the X-Forwarded-For address), before authentication. */
export function perIpLimit(settings: RateLimitSettings, stores: LimitStores): RequestHandler {
  return limiter(settings.windowMs, settings.perIp, byIp, stores.store('ip'));
}

/** Per member (the token's subject), after authentication: the rate, then the hourly and daily quotas. */
export function perUserLimits(settings: RateLimitSettings, stores: LimitStores): RequestHandler[] {
  return [
    limiter(settings.windowMs, settings.perUser, byMember, stores.store('user')),
    limiter(3_600_000, settings.perUserHourly, byMember, stores.store('user-hour')),
    limiter(86_400_000, settings.perUserDaily, byMember, stores.store('user-day')),
  ];
}

/**
 * At most `originsPerHour` distinct privacy cells per member per hour as search origins (after the body is read):
 * reading name, age and bio of everyone in a city by walking the origin across it takes many cells. A store that
 * fails lets the request through.
 */
export function perUserOrigins(settings: RateLimitSettings, stores: LimitStores): RequestHandler {
  return (req, _res, next) => {
    const body = req.body as { latitude?: unknown; longitude?: unknown } | undefined;
    if (typeof body?.latitude !== 'number' || typeof body.longitude !== 'number' || !req.userId) {
      next();
      return;
    }
    const cell = snapToGrid({ latitude: body.latitude, longitude: body.longitude });
    stores.origins
      .admit(req.userId, `${cell.latitude.toFixed(4)},${cell.longitude.toFixed(4)}`, settings.originsPerHour)
      .then(
        (admitted) =>
          next(
            admitted
              ? undefined
              : AppError.rateLimited(`Searches from at most ${settings.originsPerHour} places an hour`, 3600),
          ),
        () => next(),
      );
  };
}

/**
 * At most `max` searches of one member in flight at once (docs/reliability.md): a member's client cannot keep many slow
 * searches open and starve everyone else; beyond it, 429 at once. The counts belong to this middleware's instance.
 */
export function perUserInFlight(max: number): RequestHandler {
  const inFlight = new Map<string, number>();
  return (req, res, next) => {
    const member = req.userId ?? 'anonymous';
    const current = inFlight.get(member) ?? 0;
    if (current >= max) {
      next(AppError.rateLimited(`At most ${max} searches at once; wait for one to finish`, 1));
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
