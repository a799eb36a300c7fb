import http from 'node:http';
import https from 'node:https';
import {
  errorBodySchema,
  matchResponseSchema,
  serviceHealthSchema,
  type ErrorCode,
  type MatchRequestInput,
  type MatchResponse,
  type ServiceHealth,
} from '@circle-match/contracts';
import { AppError, registerGauge } from '@circle-match/service-kit';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Registry } from 'prom-client';
import CircuitBreaker from 'opossum';
import type { MatchingPort } from '../domain/ports.js';

export interface MatchingClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  circuitErrorPercent: number;
  circuitResetMs: number;
}

/** Upstream answers the gateway passes on as they are: the member's own mistakes. */
const PASSED_THROUGH = new Set<ErrorCode>(['VALIDATION_ERROR', 'PROFILE_NOT_FOUND', 'ACCOUNT_SUSPENDED']);

/**
 * The gateway's only way to the matching service: keep-alive connections, a timeout, and a circuit breaker so that
 * a dead service costs microseconds per request instead of a timeout each. Every failure becomes a docs/api.md AppError:
 * 502 for garbage, 503 for down or circuit open, 504 for timeout; never an empty 200.
 */
export class MatchingClient implements MatchingPort {
  private readonly http: AxiosInstance;
  private readonly breaker: CircuitBreaker<[MatchRequestInput, string], MatchResponse>;
  /** Answers of a matching service that is up but shedding load (429, 503 "busy"): not a sign it is down. */
  private readonly overloads = new WeakSet<AppError>();

  constructor(private readonly options: MatchingClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 128 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 128 }),
      headers: { 'X-API-Key': options.apiKey, 'Content-Type': 'application/json' },
      // Every status is an answer to interpret here, not an exception.
      validateStatus: () => true,
      maxRedirects: 0,
      // Straight to the service: no HTTP_PROXY from the environment (axios would read it again on every request).
      proxy: false,
      responseType: 'json',
      transitional: { silentJSONParsing: true },
    });
    this.breaker = new CircuitBreaker(
      (request: MatchRequestInput, requestId: string) => this.send(request, requestId),
      {
        timeout: false, // axios enforces the timeout
        errorThresholdPercentage: options.circuitErrorPercent,
        resetTimeout: options.circuitResetMs,
        rollingCountTimeout: 10_000,
        volumeThreshold: 5,
        // A member's mistake (400/403/404) says nothing about the service's health, and neither does a busy
        // service shedding load: one member's flood must not open the circuit for everyone.
        errorFilter: (error: unknown) => error instanceof AppError && (error.status < 500 || this.overloads.has(error)),
      },
    );
  }

  /** POST /api/ml/match with the caller's request id. */
  async match(request: MatchRequestInput, requestId: string): Promise<MatchResponse> {
    try {
      return await this.breaker.fire(request, requestId);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if ((error as { code?: unknown }).code === 'EOPENBREAKER') {
        throw AppError.unavailable('The matching service is unavailable; try again shortly');
      }
      throw this.transportError(error);
    }
  }

  private async send(request: MatchRequestInput, requestId: string): Promise<MatchResponse> {
    const post = () => this.http.post('/api/ml/match', request, { headers: { 'X-Request-Id': requestId } });
    let response: AxiosResponse<unknown>;
    try {
      response = await post().catch((error: unknown) => {
        // A kept-alive connection the service closed at the same moment (a restart, its idle timeout): the request
        // never reached it, and a match is read-only, so it is sent once more on a fresh connection.
        const code = (error as { code?: unknown }).code;
        if (code === 'ECONNRESET' || code === 'EPIPE') return post();
        throw error;
      });
    } catch (error) {
      throw this.transportError(error);
    }
    if (response.status === 200) {
      const body = matchResponseSchema.safeParse(response.data);
      if (!body.success) throw new AppError('UPSTREAM_BAD_RESPONSE', 'The matching service sent an invalid answer');
      return body.data;
    }
    throw this.upstreamError(response);
  }

  private upstreamError(response: AxiosResponse<unknown>): AppError {
    const body = errorBodySchema.safeParse(response.data);
    if (body.success && PASSED_THROUGH.has(body.data.code))
      return new AppError(body.data.code, body.data.error, body.data.details);
    if (response.status === 503 || response.status === 429) {
      const error = AppError.unavailable(
        body.success ? body.data.error : 'The matching service is unavailable; try again shortly',
      );
      // Busy (it answered in the error shape, and not with its database down): overload, not an outage.
      if (response.status === 429 || (body.success && body.data.code === 'SERVICE_UNAVAILABLE'))
        this.overloads.add(error);
      return error;
    }
    if (response.status === 504) return new AppError('UPSTREAM_TIMEOUT', 'The matching service timed out');
    // 401 (our key), 413, other 4xx and 5xx: the gateway and matching disagree or matching broke.
    return new AppError('UPSTREAM_BAD_RESPONSE', `The matching service failed (HTTP ${response.status})`);
  }

  private transportError(error: unknown): AppError {
    const code = (error as { code?: unknown }).code;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new AppError(
        'UPSTREAM_TIMEOUT',
        `The matching service did not answer within ${this.options.timeoutMs} ms`,
        undefined,
        { cause: error },
      );
    }
    return AppError.unavailable('The matching service is unavailable; try again shortly', { cause: error });
  }

  /** GET /health of matching, without the breaker (health must tell the truth even while it is open). */
  async health(): Promise<ServiceHealth | null> {
    try {
      const response = await this.http.get('/health', { timeout: Math.min(1000, this.options.timeoutMs) });
      const body = serviceHealthSchema.safeParse(response.data);
      return body.success ? body.data : null;
    } catch {
      return null;
    }
  }

  get circuitOpen(): boolean {
    return this.breaker.opened;
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}

/** The circuit breaker towards matching as a Prometheus gauge, read at each scrape. */
export function registerCircuitMetrics(registry: Registry, client: { readonly circuitOpen: boolean }): void {
  registerGauge(
    registry,
    'gateway_matching_circuit_open',
    'Whether the circuit breaker towards matching is open (1): requests then fail fast with 503',
    () => (client.circuitOpen ? 1 : 0),
  );
}
