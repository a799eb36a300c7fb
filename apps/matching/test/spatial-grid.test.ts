import { Random } from '@circle-match/synthetic';
import { SpatialGrid } from '../src/index/spatial-grid.js';

/** The rings a grid yields, as plain values (its visit objects are reused from ring to ring). */
function rings(grid: SpatialGrid, origin: { latitude: number; longitude: number }, radiusKm: number) {
  const out: Array<Array<{ key: number; from: number; size: number; minKm: number }>> = [];
  for (const count of grid.ringsAround(origin, radiusKm)) {
    const ring = [];
    for (let i = 0; i < count; i++) {
      const { key, from, size, minKm } = grid.visitAt(i);
      ring.push({ key, from, size, minKm });
    }
    out.push(ring);
  }
  return out;
}

function seededGrid(): SpatialGrid {
  const random = new Random(5);
  const grid = new SpatialGrid(0.02);
  grid.reserve(3000);
  for (let slot = 0; slot < 3000; slot++) {
    // Most around two cities, some anywhere in Europe.
    const city = slot % 3 === 0 ? { latitude: 48.85, longitude: 2.35 } : { latitude: 51.5, longitude: -0.12 };
    const cell =
      slot % 10 === 0
        ? { latitude: 36 + random.next() * 20, longitude: -10 + random.next() * 30 }
        : {
            latitude: city.latitude + (random.next() - 0.5) * 0.6,
            longitude: city.longitude + (random.next() - 0.5) * 0.6,
          };
    grid.place(slot, cell);
  }
  return grid;
}

describe('spatial grid', () => {
  it('when searches of every width follow each other, then each gets the rings a fresh grid gives it', () => {
    const searches = [
      { origin: { latitude: 51.5, longitude: -0.12 }, radiusKm: 50 },
      { origin: { latitude: 45, longitude: 5 }, radiusKm: 20_000 }, // across the continent: every tile at once
      { origin: { latitude: 48.85, longitude: 2.35 }, radiusKm: 30 },
      { origin: { latitude: 51.52, longitude: -0.1 }, radiusKm: 5 },
    ];
    const reused = seededGrid();
    for (const { origin, radiusKm } of searches) {
      const expected = rings(seededGrid(), origin, radiusKm);
      expect(expected.flat().length).toBeGreaterThan(0);
      expect(rings(reused, origin, radiusKm)).toEqual(expected);
    }
    // The continent-wide search is one ring of every tile, nearest first.
    const wide = rings(reused, searches[1]!.origin, 20_000);
    expect(wide).toHaveLength(1);
    expect(wide[0]!.length).toBeGreaterThan(1024);
    const distances = wide[0]!.map((visit) => visit.minKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('when a search stops after its first ring, then the next search reads its own rings', () => {
    const grid = seededGrid();
    const first = grid.ringsAround({ latitude: 48.85, longitude: 2.35 }, 50);
    expect(first.next().value).toBeGreaterThan(0);
    const expected = rings(seededGrid(), { latitude: 51.5, longitude: -0.12 }, 20);
    expect(rings(grid, { latitude: 51.5, longitude: -0.12 }, 20)).toEqual(expected);
  });
});
