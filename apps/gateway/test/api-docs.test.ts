import { errorBodySchema, publicApiDocument } from '@circle-match/contracts';
import request from 'supertest';
import { gatewayApp, type TestGateway } from './support.js';

/** The API description (docs/api.md) served by the gateway, without a token. */
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await gatewayApp({ matchingUrl: 'http://127.0.0.1:9' });
});

afterAll(() => gateway.close());

describe('API description', () => {
  it('when /openapi.json is read, then it is the OpenAPI 3.1 document generated from the contracts', async () => {
    const res = await request(gateway.app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(publicApiDocument())));
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('when /docs is opened, then a reader of that document answers, its assets served by the gateway itself', async () => {
    const page = await request(gateway.app).get('/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    expect(page.text).toContain('Circle Match API');
    const init = await request(gateway.app).get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/api/ml-matching/search');
    expect((await request(gateway.app).get('/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('when the description or a probe is called with another method, then a JSON error in the documented shape, never HTML', async () => {
    for (const path of ['/openapi.json', '/livez', '/readyz']) {
      const res = await request(gateway.app).post(path).send({});
      expect([path, res.status]).toEqual([path, 404]);
      expect(errorBodySchema.parse(res.body)).toMatchObject({ success: false, code: 'NOT_FOUND' });
    }
  });
});
