import { AppError } from '@circle-match/service-kit';
import type { RequestHandler } from 'express';
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

/** Verifies a token and returns its subject (a user id). */
export type TokenVerifier = (token: string) => Promise<string>;

const subjectSchema = z.uuid();
const CLOCK_TOLERANCE_S = 5;

/**
 * Bearer JWTs with jose. The algorithm is pinned by the configured key (HS256 for a secret, RS256/ES256 for a public
 * key or JWKS), so `alg: none` and HS/RS confusion are refused; `exp` is required, `nbf` honoured, `iss`/`aud`
 * checked when configured; `sub` must be a uuid.
 */
export async function createTokenVerifier(options: AuthOptions): Promise<TokenVerifier> {
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
  return async (token) => {
    const { payload } = await jwtVerify(token, key as Uint8Array, {
      algorithms,
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_S,
    });
    const subject = subjectSchema.safeParse(payload.sub);
    if (!subject.success) throw new AppError('UNAUTHORIZED', 'Invalid token: its subject is not a user id');
    return subject.data;
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The authenticated member's id (the token's `sub`). */
    userId?: string;
  }
}

/** Requires `Authorization: Bearer <JWT>`; sets `req.userId`. Every failure is a 401 in the SPEC §7 shape. */
export function requireUser(verify: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      next(new AppError('UNAUTHORIZED', 'Missing Bearer token'));
      return;
    }
    try {
      req.userId = await verify(match[1]);
      next();
    } catch (error) {
      if (error instanceof AppError) next(error);
      else if ((error as { code?: unknown }).code === errors.JWTExpired.code) next(new AppError('TOKEN_EXPIRED', 'Token expired'));
      else next(new AppError('UNAUTHORIZED', 'Invalid token'));
    }
  };
}
