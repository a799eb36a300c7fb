import { snapToGrid, type LatLon } from './geo.js';
import { GENDER_WORDS, MAX_AGE, MIN_AGE, type PromptIntent } from './prompt-parser.js';

/** The hard filters of one request: prompt and structured fields intersected (docs/semantics.md). */
export interface EffectiveConstraints {
  /** Inclusive; null when neither the prompt nor the request limits age. */
  ageRange: [number, number] | null;
  gender: string | null;
  maxDistanceKm: number;
  /**
   * Where distances are measured from: the request's location, else the requester's profile, snapped to the
   * privacy grid like every member's (docs/reliability.md: moving the origin by less than a cell changes nothing); null for none.
   */
  origin: LatLon | null;
  /** True when the constraints contradict each other: nobody can match, and that is not an error. */
  empty: boolean;
}

export interface StructuredConstraints {
  ageRange?: readonly [number, number] | undefined;
  genderPreference?: string | undefined;
  maxDistanceKm?: number | undefined;
  requestLocation?: LatLon | null | undefined;
  profileLocation?: LatLon | null | undefined;
}

const PREFERENCE_SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ['f', 'female'],
  ['m', 'male'],
  ['nb', 'non-binary'],
  ['non binary', 'non-binary'],
]);

/** Gender preferences that mean "no preference". */
const ANY_GENDER = new Set(['', 'any', 'all', 'everyone', 'anyone', 'both', 'no preference']);

export const DEFAULT_MAX_DISTANCE_KM = 50;

/**
 * Coordinates to 1e-7° (about 1 cm): finer digits mean nothing, and subnormal values such as 5e-324 would make
 * PostgreSQL's trigonometry fail with a floating-point underflow.
 */
function roundLocation(point: LatLon): LatLon {
  const round = (v: number): number => Math.round(v * 1e7) / 1e7;
  return { latitude: round(point.latitude), longitude: round(point.longitude) };
}

function normaliseGender(value: string | undefined): string | null {
  if (value === undefined) return null;
  const g = value.trim().toLowerCase();
  if (ANY_GENDER.has(g)) return null;
  // A preference is one field, not prose: its short forms too, which a prompt's words could never mean.
  return GENDER_WORDS.get(g) ?? PREFERENCE_SHORT_FORMS.get(g) ?? g;
}

export function resolveConstraints(
  intent: PromptIntent | null,
  structured: StructuredConstraints,
  defaultMaxDistanceKm: number = DEFAULT_MAX_DISTANCE_KM,
): EffectiveConstraints {
  let empty = false;

  let ageRange: [number, number] | null = null;
  for (const range of [structured.ageRange, intent?.ageRange]) {
    if (!range) continue;
    ageRange = ageRange
      ? [Math.max(ageRange[0], range[0]), Math.min(ageRange[1], range[1])]
      : [Math.max(MIN_AGE, range[0]), Math.min(MAX_AGE, range[1])];
  }
  if (ageRange && ageRange[0] > ageRange[1]) empty = true;

  const preferred = normaliseGender(structured.genderPreference);
  const prompted = intent?.gender ?? null;
  if (preferred && prompted && preferred !== prompted) empty = true;
  const gender = preferred ?? prompted;

  const limits = [structured.maxDistanceKm, intent?.maxDistanceKm].filter((d): d is number => typeof d === 'number');
  // Whole km, as distances are compared and shown: a fractional radius would probe finer than that.
  const maxDistanceKm = Math.max(1, Math.ceil(limits.length > 0 ? Math.min(...limits) : defaultMaxDistanceKm));

  const origin = structured.requestLocation ?? structured.profileLocation ?? null;
  return { ageRange, gender, maxDistanceKm, origin: origin && snapToGrid(roundLocation(origin)), empty };
}
