import { matchResponseSchema } from '@circle-match/contracts';
import { snapToGrid } from '@circle-match/scoring';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import fc from 'fast-check';
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

describe('location privacy (docs/api.md)', () => {
  it('when two candidates share a cell, then their distances, distance points and coordinates are identical', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id });
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

  it('when the searcher stands at the cell centre, then the candidate is 1 km away: whole km, at least 1, to the cell', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, latitude: centre.latitude, longitude: centre.longitude, candidate_ids: [a.id] });
    expect(res.body.matches[0].distance_km).toBe(1);
    expect(res.body.matches[0].explanation.factors.distance.similarity).toBeCloseTo(1 - 1 / 50, 10);
  });

  it('when an attacker searches from 121 chosen origins around a member, then every answer is the same wherever in their cell the member is', async () => {
    // The attack (Tinder/Grindr style trilateration): search for one member from a grid of origins ~1 km apart over ±5 km
    // and record everything a public answer could leak about distance — distance_km, the distance factor's
    // similarity and points, the score. The member then moves to the other corner of the same ~1 km cell: the
    // attacker's whole record must not change, so no number of origins can place them finer than the cell.
    // Moved one cell away, the record does change (the attack sees cells, which is what is allowed).
    const target = profile({
      interests: ['chess'],
      latitude: centre.latitude - 0.0049,
      longitude: centre.longitude - 0.0079,
    });
    await insertProfiles(db.url, [target]);
    const origins = Array.from({ length: 121 }, (_, i) => ({
      latitude: centre.latitude + (Math.floor(i / 11) - 5) * 0.0091,
      longitude: centre.longitude + ((i % 11) - 5) * 0.0143,
    }));
    const observe = async (): Promise<string[]> => {
      await service.catchUp();
      const seen: string[] = [];
      for (const origin of origins) {
        const res = await request(service.app)
          .post('/api/ml/match')
          .set('X-API-Key', API_KEY)
          .send({ user_id: requester.id, ...origin, preferences: { max_distance: 20 }, candidate_ids: [target.id] });
        const m = matchResponseSchema.parse(res.body).matches[0];
        // Nothing finer than the whole km shown: the distance factor is computed from it, not from a finer figure.
        if (m) expect(m.explanation.factors.distance.similarity).toBeCloseTo(1 - m.distance_km! / 20, 4);
        seen.push(
          m
            ? JSON.stringify([m.distance_km, m.explanation.factors.distance, m.match_score, m.latitude, m.longitude])
            : 'absent',
        );
      }
      return seen;
    };
    const move = async (latitude: number, longitude: number): Promise<void> => {
      await (
        await db.client()
      ).query('UPDATE profiles SET latitude = $2, longitude = $3 WHERE id = $1', [target.id, latitude, longitude]);
    };
    const atOneCorner = await observe();
    expect(new Set(atOneCorner).size).toBeGreaterThan(3); // the origins do see different distances
    // Moving the origin within its own cell changes nothing either: origins are snapped like members.
    const shifted = origins
      .map((o) => snapToGrid(o))
      .map((c) => ({ latitude: c.latitude + 0.0044, longitude: c.longitude - 0.007 }));
    const original = origins.splice(0, origins.length, ...shifted);
    expect(await observe()).toEqual(atOneCorner);
    origins.splice(0, origins.length, ...original);
    await move(centre.latitude + 0.0049, centre.longitude + 0.0079); // the opposite corner of the same cell
    expect(snapToGrid({ latitude: centre.latitude + 0.0049, longitude: centre.longitude + 0.0079 })).toEqual(centre);
    expect(await observe()).toEqual(atOneCorner);
    await move(centre.latitude + 0.02, centre.longitude); // two cells north: the attacker may tell cells apart
    expect(await observe()).not.toEqual(atOneCorner);
  });

  it('when any point is snapped in SQL and in TypeScript, then both grids agree', async () => {
    const client = await db.client();
    const points = fc.sample(
      fc.tuple(fc.double({ min: -89.9, max: 89.9, noNaN: true }), fc.double({ min: -179.9, max: 179.9, noNaN: true })),
      300,
    );
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
  });
});
