import type { LatLon } from './geo.js';

/** The columns of a candidate's profile that scoring reads (docs/operations.md). */
export interface CandidateProfile {
  id: string;
  first_name: string;
  last_name: string;
  age: number | null;
  about: string | null;
  interests: string[];
  needs: string[];
  gender: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** The member searching. Their own location is theirs to use exactly; it is never snapped. */
export interface RequesterProfile {
  age: number | null;
  about: string | null;
  interests: string[];
  needs: string[];
  location: LatLon | null;
}

export interface FactorBreakdown {
  similarity: number;
  weight: number;
  points: number;
  available: boolean;
}

export interface MatchEvidence {
  shared_interests: string[];
  shared_needs: string[];
  matched_prompt_terms: string[];
  shared_bio_terms: string[];
  distance_km: number | null;
  age_gap: number | null;
}

export interface MatchExplanation {
  factors: Record<'interests' | 'needs' | 'bio' | 'distance' | 'age' | 'prompt', FactorBreakdown>;
  evidence: MatchEvidence;
  /** Whether the match answers what the request asked for (docs/semantics.md "The ask comes first"). */
  matches_request: boolean;
  reasons: string[];
}
