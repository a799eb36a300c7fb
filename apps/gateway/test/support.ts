import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createPool } from '@circle-match/db';
import { createApp, createMatchingService, SEARCH_ADMISSION } from '@circle-match/matching';
import { DEFAULT_WEIGHTS } from '@circle-match/scoring';
import { Admission, createLogger, createMetrics, type Logger, type Metrics } from '@circle-match/service-kit';
import type { Express } from 'express';
import { SignJWT, type JWTPayload } from 'jose';
import { createGatewayApp } from '../src/app.js';
import { memoryLimitStores } from '../src/data-access/limit-store.js';
import { MatchingClient } from '../src/data-access/matching-client.js';
import { revocationsNotEnforced } from '../src/data-access/session-revocations.js';
import type { LimitStores, SessionRevocations } from '../src/domain/ports.js';
import { createTokenVerifier, type AuthOptions } from '../src/entry-points/api/auth.js';
import type { Readiness } from '../src/entry-points/api/routes.js';

export const JWT_SECRET = 'test-secret-0123456789-0123456789-abcdef';
export const API_KEY = 'test-key-0123456789abcdef';

/** An HS256 token for `sub`, valid for an hour unless the claims say otherwise. */
export async function tokenFor(sub: string | undefined, claims: JWTPayload = {}, secret = JWT_SECRET): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (sub !== undefined) jwt = jwt.setSubject(sub);
  if (claims.exp === undefined) jwt = jwt.setExpirationTime('1h');
  return jwt.sign(new TextEncoder().encode(secret));
}

export interface GatewayOptions {
  matchingUrl: string;
  readiness?: Readiness;
  timeoutMs?: number;
  perUser?: number;
  perIp?: number;
  inFlightPerUser?: number;
  circuitResetMs?: number;
  perUserHourly?: number;
  originsPerHour?: number;
  limitStores?: LimitStores;
  sessions?: SessionRevocations;
  metrics?: Metrics;
  auth?: Partial<AuthOptions>;
  logger?: Logger;
}

export interface TestGateway {
  app: Express;
  matching: MatchingClient;
  close(): void;
}

/** The real gateway app, wired as main.ts wires it, in front of `matchingUrl`. */
export async function gatewayApp(options: GatewayOptions): Promise<TestGateway> {
  const matching = new MatchingClient({
    baseUrl: options.matchingUrl,
    apiKey: API_KEY,
    timeoutMs: options.timeoutMs ?? 3000,
    circuitErrorPercent: 50,
    circuitResetMs: options.circuitResetMs ?? 30_000,
  });
  const verifyToken = await createTokenVerifier({ algorithm: 'RS256', ...(options.auth ?? { secret: JWT_SECRET }) });
  const app = createGatewayApp({
    matching,
    verifyToken,
    sessions: options.sessions ?? revocationsNotEnforced,
    rateLimits: {
      windowMs: 60_000,
      perUser: options.perUser ?? 1000,
      perIp: options.perIp ?? 1000,
      inFlightPerUser: options.inFlightPerUser ?? 1000,
      perUserHourly: options.perUserHourly ?? 100_000,
      perUserDaily: 100_000,
      originsPerHour: options.originsPerHour ?? 100_000,
    },
    limitStores: options.limitStores ?? memoryLimitStores(),
    readiness: options.readiness ?? { accepting: () => true },
    logger: options.logger ?? createLogger('gateway', 'silent'),
    metrics: options.metrics ?? createMetrics('gateway'),
  });
  return { app, matching, close: () => matching.shutdown() };
}

/** Listens on a free loopback port; resolves to the base URL. */
export function listen(
  app: Express | ((...args: never[]) => void),
  server?: { set?: (s: Server) => void },
): Promise<{ url: string; server: Server }> {
  return new Promise((resolve) => {
    const s = (app as Express).listen(0, '127.0.0.1', () => {
      server?.set?.(s);
      resolve({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, server: s });
    });
  });
}

/** A URL where nothing listens. */
export const DEAD_URL = 'http://127.0.0.1:9';

export interface RunningMatching {
  app: Express;
  url: string;
  close(): Promise<void>;
}

/** The real matching service on `databaseUrl`, listening on loopback, as its main.ts wires it. */
export async function startMatching(
  databaseUrl: string,
  options: { logger?: Logger; poolSize?: number } = {},
): Promise<RunningMatching> {
  const connections = createPool(databaseUrl, { max: 4 });
  const logger = options.logger ?? createLogger('matching', 'silent');
  const service = createMatchingService({
    connections,
    logger,
    maxWaiting: 50,
    poolSize: options.poolSize ?? 500,
    inactiveDays: 45,
    passCooldownDays: 30,
    weights: { ...DEFAULT_WEIGHTS },
    version: 'test',
    index: { pollIntervalMs: 1000, reconcileIntervalMs: 3_600_000, feedRetentionSeconds: 3600 },
    rankingThreads: 0,
  });
  await service.maintainer.start();
  const app = createApp({
    ...service.deps,
    apiKeys: [API_KEY],
    logger,
    metrics: createMetrics('matching'),
    admission: new Admission(SEARCH_ADMISSION),
  });
  const { url, server } = await listen(app);
  return {
    app,
    url,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await service.stop();
      await connections.end();
    },
  };
}
