import type { ClientRateLimitInfo } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { LimitStores, OriginCounter } from '../domain/ports.js';
import type { RedisConnection } from './redis-connection.js';

const HOUR_MS = 3_600_000;
const hourOf = (now: number): number => Math.floor(now / HOUR_MS);

/** In one process: member → the current hour's cells. */
class MemoryOriginCounter implements OriginCounter {
  private readonly cells = new Map<string, { hour: number; cells: Set<string> }>();

  admit(member: string, cell: string, max: number): Promise<boolean> {
    const hour = hourOf(Date.now());
    let entry = this.cells.get(member);
    if (!entry || entry.hour !== hour) {
      if (this.cells.size > 100_000) this.cells.clear(); // an hour's members, bounded
      entry = { hour, cells: new Set() };
      this.cells.set(member, entry);
    }
    if (entry.cells.has(cell)) return Promise.resolve(true);
    if (entry.cells.size >= max) return Promise.resolve(false);
    entry.cells.add(cell);
    return Promise.resolve(true);
  }
}

export function memoryLimitStores(): LimitStores {
  return { store: () => undefined, origins: new MemoryOriginCounter() };
}

/**
 * rate-limit-redis loads its Lua scripts once, when the limiter is made; loaded while Redis was away they would stay
 * failed for good (the limits open until a restart). After a failure they are loaded again, so the limits come back
 * with Redis.
 */
class RecoveringRedisStore extends RedisStore {
  override async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      return await super.increment(key);
    } catch (error) {
      this.incrementScriptSha = this.loadIncrementScript();
      this.getScriptSha = this.loadGetScript();
      this.incrementScriptSha.catch(() => undefined);
      this.getScriptSha.catch(() => undefined);
      throw error;
    }
  }
}

/** Limits kept in Redis: a key prefix per limiter, origin sets that expire with their hour. */
export function redisLimitStores(redis: RedisConnection, prefix = 'cm:'): LimitStores {
  // While Redis is away a command fails at once (the limiter then lets the request through), never queues.
  const sendCommand = async (...args: string[]): Promise<RedisReply> => redis.ready.sendCommand<RedisReply>(args);
  return {
    store: (name) => new RecoveringRedisStore({ sendCommand, prefix: `${prefix}${name}:` }),
    origins: {
      async admit(member, cell, max) {
        if (!redis.isReady) return true; // fail open, as the limiters do
        const key = `${prefix}origins:${member}:${hourOf(Date.now())}`;
        const [known, used] = await redis.ready.multi().sIsMember(key, cell).sCard(key).exec();
        if (Number(known) === 1) return true;
        if (Number(used) >= max) return false;
        await redis.ready.multi().sAdd(key, cell).expire(key, 3700).exec();
        return true;
      },
    },
  };
}
