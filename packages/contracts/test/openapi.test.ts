import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS, MAX_PROMPT_LENGTH, publicApiDocument } from '@circle-match/contracts';
import type { components } from '../../../docs/openapi.js';
import { renderOpenApiFiles } from '../src/openapi-files.js';

/** docs/openapi.json and docs/openapi.d.ts are generated from the zod contracts (`npm run openapi`), never edited. */
const docs = join(import.meta.dirname, '../../../docs');

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }> };
  responses: Record<string, { description: string }>;
}

describe('OpenAPI description', () => {
  it('when the files are generated again, then they equal the committed ones (run `npm run openapi` after a contract change)', async () => {
    const files = await renderOpenApiFiles();
    for (const [name, text] of Object.entries(files))
      expect([name, readFileSync(join(docs, name), 'utf8')]).toEqual([name, text]);
  });

  const document = publicApiDocument() as unknown as {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties: Record<string, unknown> }> };
  };

  it('when read, then it is OpenAPI 3.1 with every public route, the searches behind a bearer token', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/ml-matching/health',
      '/api/ml-matching/prompt-search',
      '/api/ml-matching/search',
      '/livez',
      '/readyz',
    ]);
    for (const path of ['/api/ml-matching/search', '/api/ml-matching/prompt-search'])
      expect(document.paths[path]!.post!.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/api/ml-matching/health']!.get!.security).toBeUndefined();
  });

  it("when a search route is read, then its limits and defaults are the schemas' and every error status names its codes", () => {
    const search = document.paths['/api/ml-matching/search']!.post!;
    const body = search.requestBody!.content['application/json']!.schema.properties;
    expect(body.prompt).toMatchObject({ type: 'string', maxLength: MAX_PROMPT_LENGTH });
    expect(body.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    const prompt =
      document.paths['/api/ml-matching/prompt-search']!.post!.requestBody!.content['application/json']!.schema
        .properties;
    expect(prompt.max_distance).toMatchObject({ type: 'integer', minimum: 1, maximum: 20000 });
    for (const code of [
      'VALIDATION_ERROR',
      'UNAUTHORIZED',
      'SESSION_REVOKED',
      'ACCOUNT_SUSPENDED',
      'PROFILE_NOT_FOUND',
      'PAYLOAD_TOO_LARGE',
      'RATE_LIMITED',
      'UPSTREAM_BAD_RESPONSE',
      'SERVICE_UNAVAILABLE',
      'UPSTREAM_TIMEOUT',
    ] as const) {
      expect(search.responses[String(ERROR_STATUS[code])]!.description).toContain(code);
    }
  });

  it('when a public match is described, then it has no coordinates, and the generated types say so to callers', () => {
    const match = document.components.schemas.PublicMatch!.properties;
    expect(Object.keys(match)).not.toContain('latitude');
    expect(Object.keys(match)).toContain('explanation');
    // Compile-time: the generated types describe the same match.
    const sample: Pick<components['schemas']['PublicMatch'], 'match_score' | 'distance_km'> = {
      match_score: 71.5,
      distance_km: 3,
    };
    expect(sample.distance_km).toBe(3);
  });
});
