/** Years of difference at which the age factor reaches 0. */
export const AGE_GAP_SPAN = 20;

/** Age factor (weight 0.10): 1 − |Δage| / 20, floored at 0. */
export function ageSimilarity(requesterAge: number, candidateAge: number): number {
  return Math.max(0, 1 - Math.abs(requesterAge - candidateAge) / AGE_GAP_SPAN);
}
