import type { RedisConnection } from './redis-connection.js';

/** What is known of a session: revoked, not revoked, or unknown (Redis away or too slow: the check fails open). */
export type SessionState = 'revoked' | 'valid' | 'unchecked';

/** Circle's revoked sessions (docs/operations.md): Circle's API sets `revoked:jti:<jti>` in the Redis it shares with us. */
export interface SessionRevocations {
  stateOf(sessionId: string): Promise<SessionState>;
}

/** ENFORCE_SESSION_REVOCATION off: every session counts as valid, as in Circle's API. */
export const revocationsNotEnforced: SessionRevocations = { stateOf: () => Promise.resolve('valid') };

/** Looks the session up in Circle's Redis, waiting at most `timeoutMs`. */
export class RedisSessionRevocations implements SessionRevocations {
  constructor(
    private readonly redis: RedisConnection,
    private readonly timeoutMs: number,
  ) {}

  async stateOf(sessionId: string): Promise<SessionState> {
    if (!this.redis.isReady) return 'unchecked';
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'unchecked'>((resolve) => {
      timer = setTimeout(() => resolve('unchecked'), this.timeoutMs);
    });
    const lookup = this.redis.ready
      .exists(`revoked:jti:${sessionId}`)
      .then((found): SessionState => (found > 0 ? 'revoked' : 'valid'))
      .catch((): SessionState => 'unchecked');
    try {
      return await Promise.race([lookup, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
