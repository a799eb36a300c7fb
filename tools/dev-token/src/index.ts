import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface DevTokenOptions {
  /** A jose duration ("1h", "30m", "12h"). */
  ttl?: string;
  issuer?: string;
  audience?: string;
}

/** A development token for a member, HS256-signed with JWT_SECRET: what `npm run token` and `npm start` print. */
export function mintDevToken(userId: string, secret: string, options: DevTokenOptions = {}): Promise<string> {
  let token = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(options.ttl ?? '1h');
  if (options.issuer) token = token.setIssuer(options.issuer);
  if (options.audience) token = token.setAudience(options.audience);
  return token.sign(new TextEncoder().encode(secret));
}
