import { INTENT_CONCEPTS, TOPIC_CONCEPTS, type CandidateProfile } from '@circle-match/scoring';
import { Random } from './random.js';

/** A synthetic row of Circle's `profiles` table (docs/operations.md). */
export interface SyntheticProfile extends CandidateProfile {
  created_at: Date;
  last_active: Date | null;
  is_suspended: boolean;
  deleted_at: Date | null;
  /** Circle's columns beside docs/operations.md's first table. */
  invisible_mode: boolean;
  is_deleted: boolean;
  /** Where the member lives (not a column): members of a city meet, block and befriend each other. */
  city: string;
}

export interface City {
  name: string;
  latitude: number;
  longitude: number;
}

/** Where synthetic members live: a spread of cities so distance filters select a small part of the table. */
export const CITIES: readonly City[] = [
  { name: 'London', latitude: 51.5074, longitude: -0.1278 },
  { name: 'Manchester', latitude: 53.4808, longitude: -2.2426 },
  { name: 'Paris', latitude: 48.8566, longitude: 2.3522 },
  { name: 'Berlin', latitude: 52.52, longitude: 13.405 },
  { name: 'Madrid', latitude: 40.4168, longitude: -3.7038 },
  { name: 'New York', latitude: 40.7128, longitude: -74.006 },
  { name: 'San Francisco', latitude: 37.7749, longitude: -122.4194 },
  { name: 'Toronto', latitude: 43.6532, longitude: -79.3832 },
  { name: 'Sydney', latitude: -33.8688, longitude: 151.2093 },
  { name: 'Tokyo', latitude: 35.6762, longitude: 139.6503 },
  { name: 'São Paulo', latitude: -23.5505, longitude: -46.6333 },
  { name: 'Nairobi', latitude: -1.2921, longitude: 36.8219 },
];

const FIRST_NAMES = {
  female: [
    'Alice',
    'Chloe',
    'Ella',
    'Gina',
    'Isla',
    'Kira',
    'Maya',
    'Olivia',
    'Rosa',
    'Tara',
    'Vera',
    'Zoe',
    'Amara',
    'Priya',
    'Sofia',
    'Hana',
    'Lucia',
    'Nora',
    'Ines',
    'Freya',
  ],
  male: [
    'Ben',
    'Dan',
    'Finn',
    'Hugo',
    'Jack',
    'Liam',
    'Noah',
    'Pablo',
    'Sam',
    'Umar',
    'Will',
    'Yusuf',
    'Kenji',
    'Mateo',
    'Arjun',
    'Omar',
    'Lucas',
    'Theo',
    'Ravi',
    'Elias',
  ],
  'non-binary': ['Quinn', 'Alex', 'Robin', 'Sasha', 'Jules', 'Rowan', 'Ash', 'River', 'Sky', 'Charlie'],
} as const;
const LAST_NAMES = [
  'Hart',
  'Ortiz',
  'Park',
  'Reyes',
  'Stone',
  'Walsh',
  'Lopez',
  'Brand',
  'Moore',
  'Lee',
  'Novak',
  'Chen',
  'Singh',
  'Kim',
  'Grant',
  'Diaz',
  'Avery',
  'Bianchi',
  'Fisher',
  'Quinn',
  'Ilic',
  'Turner',
  'Wolf',
  'Ali',
  'Adams',
  'Costa',
  'Ross',
  'Brooks',
  'Dunn',
  'Sato',
  'Petrov',
  'Moss',
  'Mendes',
  'Berg',
  'Rossi',
  'Holt',
  'Haddad',
  'Patel',
  'Olsen',
  'Wright',
];

const BIO_OPENERS = [
  'Big fan of',
  'Usually found',
  'Weekends are for',
  'Lately obsessed with',
  'Can talk for hours about',
  'Trying to get better at',
  'Happiest when',
  'Always up for',
];
const BIO_CLOSERS = [
  'Say hi!',
  'Coffee first, then adventures.',
  'New in town and keen to meet people.',
  'Dog person, mostly.',
  'Looking for good conversation.',
  'Ask me about my last trip.',
  '',
];

const DAY_MS = 86_400_000;

function surfaceForm(random: Random, forms: readonly string[]): string {
  const form = random.pick(forms);
  // Members capitalise as they like.
  const style = random.int(0, 2);
  if (style === 0) return form;
  if (style === 1) return form.charAt(0).toUpperCase() + form.slice(1);
  return form.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

function pickGender(random: Random): keyof typeof FIRST_NAMES {
  const r = random.next();
  return r < 0.48 ? 'female' : r < 0.96 ? 'male' : 'non-binary';
}

function pickAge(random: Random): number {
  // Most members are 22–45; some are older.
  const age = Math.round(31 + random.normal() * 8);
  return Math.min(80, Math.max(18, random.chance(0.08) ? random.int(45, 80) : age));
}

/**
 * A version-4 UUID that is unique per (seed, index): the index fills the last 12 hex digits and the seed the
 * second group, the rest is random. A purely random id from a 32-bit PRNG state would collide at scale.
 */
function profileId(seed: number, index: number, random: Random): string {
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);
  const r = (digits: number): string => Array.from({ length: digits }, () => random.int(0, 15).toString(16)).join('');
  return `${r(8)}-${hex(seed & 0xffff, 4)}-4${r(3)}-${(8 + random.int(0, 3)).toString(16)}${r(3)}-${hex(index, 12)}`;
}

/** Options for {@link generateProfiles}. */
export interface GenerateOptions {
  seed: number;
  /** Index of the first profile, so large loads can be produced in batches with the same result. */
  offset?: number;
  /**
   * The moment activity counts back from; by default the start of today (UTC). A fixed date here made the world age:
   * a month after it, half the members had crossed the 45-day inactivity line the gap below is there to avoid.
   */
  now?: Date;
}

/** The start of the current UTC day: profiles stay the same all day, and their activity is recent whatever the date. */
function startOfToday(): Date {
  return new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
}

/**
 * Deterministic synthetic profiles: profile `i` of seed `s` is always the same, whatever the batch it is made in.
 * About 2% are suspended, 1% deleted (deleted_at), 0.5% deleted by Circle's second flag (is_deleted), 3% invisible
 * and 6% inactive past 45 days; 3% have no coordinates, 5% an empty bio. Every member has an age (Circle's column is
 * NOT NULL).
 */
export function generateProfile(index: number, options: GenerateOptions): SyntheticProfile {
  const random = new Random((options.seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const now = (options.now ?? startOfToday()).getTime();
  const gender = pickGender(random);
  const topics = random.sample(TOPIC_CONCEPTS, random.int(2, 6));
  const interests = topics.map((t) => surfaceForm(random, [t.id, ...t.forms]));
  const needs = random
    .sample(INTENT_CONCEPTS, random.int(1, 2))
    .map((c) => surfaceForm(random, [c.id, ...c.forms.slice(0, 4)]));
  const sentences = [`${random.pick(BIO_OPENERS)} ${random.pick(topics[0]?.forms ?? ['life'])}.`];
  if (topics[1] && random.chance(0.7))
    sentences.push(
      `Also into ${random.pick(topics[1].forms)} and ${random.pick(topics[1].related ?? topics[1].forms)}.`,
    );
  sentences.push(random.pick(BIO_CLOSERS));
  const city = random.pick(CITIES);
  // Spread ~15 km around the centre, a long tail out to the suburbs.
  const spreadKm = Math.abs(random.normal()) * 12;
  const bearing = random.next() * 2 * Math.PI;
  const latitude = city.latitude + (spreadKm / 111.2) * Math.cos(bearing);
  const longitude =
    city.longitude + (spreadKm / (111.2 * Math.cos((city.latitude * Math.PI) / 180))) * Math.sin(bearing);
  const activity = random.next();
  // Nobody 44–46 days before `now`: counted from any moment of the day, the 45-day line falls between members.
  const daysAgo =
    activity < 0.85 ? random.next() * 30 : activity < 0.94 ? 30 + random.next() * 14 : 46 + random.next() * 300;
  const noCoordinates = random.chance(0.03);
  return {
    id: profileId(options.seed, index, random),
    first_name: random.pick(FIRST_NAMES[gender]),
    last_name: random.pick(LAST_NAMES),
    age: pickAge(random),
    gender,
    about: random.chance(0.05) ? '' : sentences.filter(Boolean).join(' '),
    interests,
    needs,
    latitude: noCoordinates ? null : Math.round(latitude * 1e6) / 1e6,
    longitude: noCoordinates ? null : Math.round(longitude * 1e6) / 1e6,
    created_at: new Date(now - (400 + random.next() * 800) * DAY_MS),
    last_active: random.chance(0.05) ? null : new Date(now - daysAgo * DAY_MS),
    is_suspended: random.chance(0.02),
    deleted_at: random.chance(0.01) ? new Date(now - random.next() * 100 * DAY_MS) : null,
    invisible_mode: random.chance(0.03),
    is_deleted: random.chance(0.005),
    city: city.name,
  };
}

export function* generateProfiles(count: number, options: GenerateOptions): Generator<SyntheticProfile> {
  const offset = options.offset ?? 0;
  for (let i = 0; i < count; i++) yield generateProfile(offset + i, options);
}
