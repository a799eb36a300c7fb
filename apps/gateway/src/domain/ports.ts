import type { MatchRequestInput, MatchResponse, ServiceHealth } from '@circle-match/contracts';
import type { Store } from 'express-rate-limit';

/**
 * What the gateway's use cases and guards call, owned here and implemented in data-access/: the matching service
 * (matching-client.ts), Circle's revoked sessions (session-revocations.ts) and where the limits count
 * (limit-store.ts). main.ts wires the implementations; routes and guards know only these.
 */

/** The matching service. */
export interface MatchingPort {
  match(request: MatchRequestInput, requestId: string): Promise<MatchResponse>;
  /** Its own health answer, or null when it does not answer. */
  health(): Promise<ServiceHealth | null>;
}

/** What is known of a session: revoked, not revoked, or unknown (Redis away or too slow: the check fails open). */
export type SessionState = 'revoked' | 'valid' | 'unchecked';

/** Circle's revoked sessions (docs/operations.md): Circle's API sets `revoked:jti:<jti>` in the Redis it shares with us. */
export interface SessionRevocations {
  stateOf(sessionId: string): Promise<SessionState>;
}

/**
 * Where the gateway keeps its limits' counts. With Redis (REDIS_URL) every replica counts in the same place, so N
 * replicas do not allow N times the limit (docs/reliability.md); without it each process counts alone (`npm start`, tests). A
 * Redis outage lets requests through (the limits fail open, logged), as Circle's own API does with sessions.
 */
export interface LimitStores {
  /** A store for one express-rate-limit limiter (undefined: its own in-memory store). */
  store(name: string): Store | undefined;
  /** Distinct origins per member per hour. */
  origins: OriginCounter;
}

export interface OriginCounter {
  /**
   * Whether `member` may search from `cell` this hour: yes for a cell they used already this hour, or a new one
   * while they have used fewer than `max` (it is then recorded); a refused cell is not recorded.
   */
  admit(member: string, cell: string, max: number): Promise<boolean>;
}
