import fc from 'fast-check';
import { distanceKm, GRID_STEP_DEG, snapToGrid } from '@circle-match/scoring';

describe('privacy grid', () => {
  it('when two points lie in one cell, then they snap to the same centre', () => {
    const a = snapToGrid({ latitude: 51.50101, longitude: -0.12001 });
    const b = snapToGrid({ latitude: 51.50899, longitude: -0.12499 });
    expect(a).toEqual(b);
  });

  it('when any point is snapped, then it moves at most about one cell and snapping is idempotent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        (lat, lon) => {
          const snapped = snapToGrid({ latitude: lat, longitude: lon });
          expect(Math.abs(snapped.latitude - lat)).toBeLessThanOrEqual(GRID_STEP_DEG / 2 + 1e-9);
          expect(distanceKm({ latitude: lat, longitude: lon }, snapped)).toBeLessThan(1.0);
          expect(snapToGrid(snapped)).toEqual(snapped);
        },
      ),
    );
  });

  it('when measuring London to Paris, then the distance is about 344 km', () => {
    expect(distanceKm({ latitude: 51.5074, longitude: -0.1278 }, { latitude: 48.8566, longitude: 2.3522 })).toBeCloseTo(
      344,
      -1,
    );
  });
});
