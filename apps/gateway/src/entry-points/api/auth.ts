import { BoundedCache } from '@circle-match/scoring';
import { AppError, type Logger, type Metrics } from '@circle-match/service-kit';
import type { RequestHandler } from 'express';
import { Counter } from 'prom-client';
import type { SessionRevocations } from '../../domain/ports.js';
import { createRemoteJWKSet, errors, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { z } from 'zod';

export interface AuthOptions {
  /** HS256 shared secret, or a PEM public key / JWKS URL with RS256 or ES256: exactly one. */
  secret?: string;
  publicKey?: string;
  jwksUrl?: string;
  algorithm: 'RS256' | 'ES256';
  issuer?: string;
  audience?: string;
}

/** Who a verified token speaks for: its subject (a member id) and its session (`jti`, when it has one). */
export interface TokenIdentity {
  userId: string;
  sessionId: string | null;
}

/** Verifies a token and returns whom it speaks for. */
export type TokenVerifier = (token: string) => Promise<TokenIdentity>;

const subjectSchema = z.uuid();
const CLOCK_TOLERANCE_S = 5;
/** Verified tokens remembered, so a member's next request with the same token skips the signature check. */
const MAX_REMEMBERED = 10_000;
/** A remembered verification is redone after this long: a key rotated out of a JWKS stops being trusted by then. */
const REMEMBER_MS = 60_000;

/**
 * Tokens verified lately, by their exact text, with whom they speak for and until when (`exp` and the clock
 * tolerance). Checking an HS256 signature through WebCrypto cost ~15 % of the gateway's CPU a request, and a member
 * sends the same token with every request. Revocation is not remembered: it is checked on every request.
 */
class VerifiedTokens {
  private readonly entries = new BoundedCache<
    string,
    { identity: TokenIdentity; validUntilMs: number; verifiedAtMs: number }
  >(MAX_REMEMBERED);

  get(token: string, nowMs: number): TokenIdentity | null {
    const entry = this.entries.peek(token);
    if (!entry) return null;
    if (nowMs < entry.validUntilMs && nowMs - entry.verifiedAtMs < REMEMBER_MS) return entry.identity;
    this.entries.delete(token);
    return null;
  }

  set(token: string, identity: TokenIdentity, validUntilMs: number, nowMs: number): void {
    this.entries.set(token, { identity, validUntilMs, verifiedAtMs: nowMs });
  }
}

/**
 * Bearer JWTs with jose. The algorithm is pinned by the configured key (HS256 for a secret, RS256/ES256 for a public
 * key or JWKS), so `alg: none` and HS/RS confusion are refused; `exp` is required, `nbf` honoured, `iss`/`aud`
 * checked when configured; `sub` must be a uuid. A token verified is remembered for a minute (VerifiedTokens).
 * `now` is the clock, in ms (tests move it).
 */
export async function createTokenVerifier(options: AuthOptions, now: () => number = Date.now): Promise<TokenVerifier> {
  let key: Uint8Array | KeyObject | JWTVerifyGetKey;
  let algorithms: string[];
  if (options.secret) {
    key = new TextEncoder().encode(options.secret);
    algorithms = ['HS256'];
  } else if (options.publicKey) {
    key = await importSPKI(options.publicKey.replace(/\\n/g, '\n'), options.algorithm);
    algorithms = [options.algorithm];
  } else if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = [options.algorithm];
  } else {
    throw new Error('no JWT verification key configured');
  }
  const verified = new VerifiedTokens();
  return async (token) => {
    const nowMs = now();
    const remembered = verified.get(token, nowMs);
    if (remembered) return remembered;
    const { payload } = await jwtVerify(token, key as Uint8Array, {
      algorithms,
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(nowMs),
    });
    const subject = subjectSchema.safeParse(payload.sub);
    if (!subject.success) throw new AppError('UNAUTHORIZED', 'Invalid token: its subject is not a user id');
    const identity = {
      userId: subject.data,
      sessionId: typeof payload.jti === 'string' && payload.jti !== '' ? payload.jti : null,
    };
    verified.set(token, identity, (payload.exp! + CLOCK_TOLERANCE_S) * 1000, nowMs);
    return identity;
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The authenticated member's id (the token's `sub`). */
    userId?: string;
    /** The token's session (`jti`), when it names one. */
    sessionId?: string | null;
  }
}

/** Requires `Authorization: Bearer <JWT>`; sets `req.userId` and `req.sessionId`. Every failure is a 401 in the docs/api.md shape. */
export function requireUser(verify: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      next(new AppError('UNAUTHORIZED', 'Missing Bearer token'));
      return;
    }
    try {
      const identity = await verify(match[1]);
      req.userId = identity.userId;
      req.sessionId = identity.sessionId;
      next();
    } catch (error) {
      if (error instanceof AppError) next(error);
      else if ((error as { code?: unknown }).code === errors.JWTExpired.code)
        next(new AppError('TOKEN_EXPIRED', 'Token expired'));
      else next(new AppError('UNAUTHORIZED', 'Invalid token'));
    }
  };
}

/** Warnings about unchecked sessions, at most one per this many ms (an outage would otherwise log every request). */
const WARN_EVERY_MS = 10_000;

/**
 * Refuses a token whose session Circle revoked ("log out of all devices"), as Circle's API does (docs/operations.md, docs/reliability.md): 401
 * SESSION_REVOKED. When the lookup cannot answer (Redis away or slower than its timeout) the request goes on, as in
 * Circle's API: counted in `gateway_session_checks_unchecked_total` and logged as a warning, at most every 10 s.
 */
export function refuseRevokedSessions(
  revocations: SessionRevocations,
  logger: Logger,
  metrics: Metrics,
): RequestHandler {
  const unchecked = new Counter({
    name: 'gateway_session_checks_unchecked_total',
    help: 'Requests let through without a session-revocation check because Redis did not answer in time',
    registers: [metrics.registry],
  });
  let lastWarning = 0;
  let sinceWarning = 0;
  return async (req, _res, next) => {
    if (!req.sessionId) {
      next();
      return;
    }
    const state = await revocations.stateOf(req.sessionId);
    if (state === 'revoked') {
      next(new AppError('SESSION_REVOKED', 'This session was ended; sign in again'));
      return;
    }
    if (state === 'unchecked') {
      unchecked.inc();
      sinceWarning++;
      if (Date.now() - lastWarning >= WARN_EVERY_MS) {
        logger.warn(
          { unchecked: sinceWarning },
          'session revocation not checked (Redis unavailable or slow): requests let through',
        );
        lastWarning = Date.now();
        sinceWarning = 0;
      }
    }
    next();
  };
}
