/**
 * Location privacy (docs/api.md). Every distance that can reach a member is computed from the other member's location
 * snapped to the centre of a fixed grid cell of about 1.1 km × 1.1 km: deterministic, so repeated queries from
 * moving positions learn nothing finer than the cell (random noise would average out).
 *
 * The same grid is defined in SQL (migration `cm_snap_lat` / `cm_snap_lon`) so the database can filter and order
 * by it with an index; a test checks that both agree.
 */

/** Cell height in degrees of latitude (≈ 1.11 km). */
export const GRID_STEP_DEG = 0.01;
/** Earth radius used by PostgreSQL's earthdistance (`earth()`), so SQL and TypeScript distances agree. */
export const EARTH_RADIUS_KM = 6378.168;

export interface LatLon {
  latitude: number;
  longitude: number;
}

export function snapLatitude(latitude: number): number {
  const snapped = (Math.floor(latitude / GRID_STEP_DEG) + 0.5) * GRID_STEP_DEG;
  return Math.min(90, Math.max(-90, snapped));
}

/** Longitude cells widen towards the poles so that a cell stays about as wide as it is high. */
export function snapLongitude(latitude: number, longitude: number): number {
  const cosLat = Math.max(0.01, Math.cos((snapLatitude(latitude) * Math.PI) / 180));
  const step = GRID_STEP_DEG / cosLat;
  const snapped = (Math.floor(longitude / step) + 0.5) * step;
  return Math.min(180, Math.max(-180, snapped));
}

export function snapToGrid(point: LatLon): LatLon {
  return { latitude: snapLatitude(point.latitude), longitude: snapLongitude(point.latitude, point.longitude) };
}

/**
 * The distance a member is shown: whole km, at least 1 (docs/api.md). Every use of another member's distance — the
 * range filter, the distance factor, the order, the answer — goes through it, so none reveals more than it does.
 */
export function wholeKm(km: number): number {
  return Math.max(1, Math.round(km));
}

/** Great-circle distance in km (haversine on PostgreSQL's earth sphere). */
export function distanceKm(a: LatLon, b: LatLon): number {
  return distanceKmBetween(a.latitude, a.longitude, b.latitude, b.longitude);
}

const TO_RAD = Math.PI / 180;

/** distanceKm on plain numbers, for loops over columns that should not make an object per member. */
export function distanceKmBetween(latA: number, lonA: number, latB: number, lonB: number): number {
  const dLat = (latB - latA) * TO_RAD;
  const dLon = (lonB - lonA) * TO_RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(latA * TO_RAD) * Math.cos(latB * TO_RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
