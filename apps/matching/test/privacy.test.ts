import { matchResponseSchema } from '@circle-match/contracts';
import { snapToGrid } from '@circle-match/scoring';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import fc from 'fast-check';
import pg from 'pg';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

let db: TestDatabase;
let service: TestApp;
const centre = snapToGrid({ latitude: 51.545, longitude: -0.11 });
const requester = profile({ interests: ['chess'] });
// Two members at different spots of one ~1 km cell, and one just across the street in the next cell north.
const a = profile({ latitude: centre.latitude - 0.0045, longitude: centre.longitude + 0.006 });
const b = profile({ latitude: centre.latitude + 0.0045, longitude: centre.longitude - 0.006 });

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, a, b]);
  service = await matchingApp(db.url);
});

afterAll(async () => {
  await service.close();
  await db.close();
});

describe('location privacy (SPEC §5)', () => {
  it('when two candidates share a cell, then their distances, distance points and coordinates are identical', async () => {
    const res = await request(service.app).post('/api/ml/match').set('X-API-Key', API_KEY).send({ user_id: requester.id });
    const matches = matchResponseSchema.parse(res.body).matches;
    const ma = matches.find((m) => m.id === a.id)!;
    const mb = matches.find((m) => m.id === b.id)!;
    expect(ma.distance_km).toBe(mb.distance_km);
    expect(ma.explanation.factors.distance).toEqual(mb.explanation.factors.distance);
    expect(ma.explanation.evidence.distance_km).toBe(mb.explanation.evidence.distance_km);
    expect([ma.latitude, ma.longitude]).toEqual([mb.latitude, mb.longitude]);
    expect(ma.latitude).toBeCloseTo(centre.latitude, 10);
    expect(ma.longitude).toBeCloseTo(centre.longitude, 10);
    expect(ma.latitude).not.toBe(a.latitude);
  });

  it('when the searcher stands at the cell centre, then the candidate is 0 km away: distance is to the cell, not the member', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, latitude: centre.latitude, longitude: centre.longitude, candidate_ids: [a.id] });
    expect(res.body.matches[0].distance_km).toBe(0);
  });

  it('when any point is snapped in SQL and in TypeScript, then both grids agree', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const points = fc.sample(fc.tuple(fc.double({ min: -89.9, max: 89.9, noNaN: true }), fc.double({ min: -179.9, max: 179.9, noNaN: true })), 300);
      const { rows } = await client.query<{ lat: number; lon: number }>(
        `SELECT cm_snap_lat(p.lat) AS lat, cm_snap_lon(p.lat, p.lon) AS lon
         FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lat, lon, i) ORDER BY i`,
        [points.map((p) => p[0]), points.map((p) => p[1])],
      );
      rows.forEach((row, i) => {
        const [lat, lon] = points[i]!;
        const ts = snapToGrid({ latitude: lat, longitude: lon });
        expect(row.lat).toBeCloseTo(ts.latitude, 9);
        expect(row.lon).toBeCloseTo(ts.longitude, 9);
      });
    } finally {
      await client.end();
    }
  });
});
