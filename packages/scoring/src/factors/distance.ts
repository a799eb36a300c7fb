/** Distance factor (weight 0.15): 1 at 0 km, falling linearly to 0 at the effective maximum distance. */
export function distanceSimilarity(distanceKm: number, maxDistanceKm: number): number {
  if (maxDistanceKm <= 0) return distanceKm <= 0 ? 1 : 0;
  return Math.min(1, Math.max(0, 1 - distanceKm / maxDistanceKm));
}
