import type { SessionRevocations, SessionState } from '../domain/ports.js';
import type { RedisConnection } from './redis-connection.js';

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
