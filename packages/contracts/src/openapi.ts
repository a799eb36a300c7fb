import { OpenApiGeneratorV31, OpenAPIRegistry, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { errorBodySchema, ERROR_STATUS, type ErrorCode } from './errors.js';
import {
  MAX_PUBLIC_LIMIT,
  promptSearchRequestSchema,
  promptSearchResponseSchema,
  publicHealthSchema,
  searchRequestSchema,
  searchResponseSchema,
} from './public-api.js';
import { DEFAULT_LIMIT } from './internal-api.js';

/** The version the document carries: this package's, so the committed file and the one the gateway serves agree. */
export const API_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

// Named components: zod's own metadata (`id`) is what the generator turns into $ref. Made once: ids are unique.
const errorComponent = errorBodySchema.meta({ id: 'Error' });
const matchComponent = searchResponseSchema.shape.matches.element.meta({ id: 'PublicMatch' });

/** The error codes each public route can answer with, by status (docs/api.md). */
type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

function codesOf(status: ErrorStatus, only?: readonly ErrorCode[]): ErrorCode[] {
  return (Object.keys(ERROR_STATUS) as ErrorCode[]).filter(
    (code) => ERROR_STATUS[code] === status && (!only || only.includes(code)),
  );
}

const ERROR_MEANING: Partial<Record<ErrorStatus, string>> = {
  400: 'Invalid body or field; `details` names each field',
  401: 'Missing, invalid or expired token, or a session Circle revoked',
  403: 'The member is suspended and cannot search',
  404: 'The member has no profile (unknown or deleted)',
  413: 'Body over 32 KB',
  415: 'Body is not JSON',
  429: 'Rate limited (per address before authentication, per member after, hourly and daily quotas); see Retry-After',
  502: 'The matching service answered something that is not a valid answer',
  503: 'The matching service or its database is unavailable; see Retry-After',
  504: 'The matching service did not answer in time',
};

/** The error answers of an authenticated search route, each status with the codes it can carry. */
function searchErrors(): Record<number, ResponseConfig> {
  const only: readonly ErrorCode[] = [
    'VALIDATION_ERROR',
    'INVALID_JSON',
    'UNAUTHORIZED',
    'TOKEN_EXPIRED',
    'SESSION_REVOKED',
    'ACCOUNT_SUSPENDED',
    'PROFILE_NOT_FOUND',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'RATE_LIMITED',
    'UPSTREAM_BAD_RESPONSE',
    'SERVICE_UNAVAILABLE',
    'UPSTREAM_TIMEOUT',
  ];
  const statuses = [...new Set(only.map((code) => ERROR_STATUS[code]))].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: `${ERROR_MEANING[status] ?? 'Error'}. Codes: ${codesOf(status, only).join(', ')}.`,
        content: { 'application/json': { schema: errorComponent } },
      },
    ]),
  );
}

const probeSchema = z.object({ status: z.string(), service: z.literal('gateway') });
const readinessSchema = probeSchema.extend({ accepting: z.boolean() });

/**
 * The public API (gateway) as an OpenAPI 3.1 document, generated from the same zod schemas the gateway validates
 * with — never written by hand. `npm run openapi` writes it to docs/openapi.json; a test fails when that file drifts.
 */
export function publicApiDocument(version = API_VERSION): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "Circle's access token; the member searching is its `sub` (a profile id).",
  });
  const match = matchComponent;
  const errors = searchErrors();
  const limitNote = `Default ${DEFAULT_LIMIT}, at most ${MAX_PUBLIC_LIMIT}.`;
  const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

  registry.registerPath({
    method: 'post',
    path: '/api/ml-matching/search',
    summary: 'Search by prompt and/or structured preferences',
    description:
      "Ranks eligible members for the token's member. What the request asks for (the prompt's topics, preferences.interests and needs) " +
      `comes first; the six-factor score orders within. Either prompt or preferences is required. ${limitNote} ` +
      "Other members' coordinates are never returned; distance_km is whole km, at least 1.",
    security: [{ [bearer.name]: [] }],
    request: { body: { required: true, ...json(searchRequestSchema) } },
    responses: {
      200: { description: 'Matches, best first', ...json(searchResponseSchema.extend({ matches: z.array(match) })) },
      ...errors,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/ml-matching/prompt-search',
    summary: "Search by prompt (the mobile app's route)",
    description: `The prompt is required; max_distance and age_range become preferences. ${limitNote}`,
    security: [{ [bearer.name]: [] }],
    request: { body: { required: true, ...json(promptSearchRequestSchema) } },
    responses: {
      200: {
        description: 'Matches, best first',
        ...json(promptSearchResponseSchema.extend({ matches: z.array(match) })),
      },
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/ml-matching/health',
    summary: 'Health of the matching service behind the gateway',
    responses: {
      200: { description: 'Matching and its database answer', ...json(publicHealthSchema) },
      503: { description: 'Matching or its database is unavailable', ...json(publicHealthSchema) },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/livez',
    summary: 'Liveness probe: the process answers',
    responses: { 200: { description: 'Alive', ...json(probeSchema) } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness probe: takes searches; 503 from SIGTERM on, while draining',
    responses: {
      200: { description: 'Ready', ...json(readinessSchema) },
      503: { description: 'Draining', ...json(readinessSchema) },
    },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Circle Match public API',
      version,
      description: 'Finds the right people for a member of Circle: the gateway in front of the matching service.',
    },
    servers: [{ url: '/' }],
  });
}
