import { mintDevToken } from '@circle-match/dev-token';
import { profile, type ProfileFixture } from '@circle-match/test-support';
import { JWT_SECRET } from './stack.js';

/** A town of members near London with a spread of interests and ages, the first `requesters` of whom search. */
export function town(size: number): Array<Required<ProfileFixture>> {
  const interests = [
    ['hiking', 'photography'],
    ['chess'],
    ['climbing', 'yoga'],
    ['cooking', 'wine'],
    ['running'],
    ['board games', 'sci-fi'],
  ];
  return Array.from({ length: size }, (_, i) =>
    profile({
      age: 22 + (i % 20),
      interests: interests[i % interests.length]!,
      about: i % 3 === 0 ? 'Weekends outdoors, evenings with friends' : null,
      latitude: 51.45 + (i % 37) * 0.003,
      longitude: -0.2 + (i % 41) * 0.004,
    }),
  );
}

const PROMPTS = [
  'hiking enthusiasts near me',
  'someone to play chess with, 25-35',
  'climbing partner',
  'foodies who like wine',
  'running buddy nearby',
];

export interface PublicCall {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Prompt and preference-only searches by different members, in a fixed rotation. */
export async function publicCalls(requesters: ReadonlyArray<{ id: string }>): Promise<PublicCall[]> {
  return Promise.all(
    requesters.map(async ({ id }, i) => {
      const headers = {
        Authorization: `Bearer ${await mintDevToken(id, JWT_SECRET, { ttl: '1h' })}`,
        'Content-Type': 'application/json',
      };
      return i % 3 === 2
        ? {
            path: '/api/ml-matching/search',
            headers,
            body: JSON.stringify({
              preferences: { interests: ['hiking'], age_range: [25, 40], max_distance: 25 },
              limit: 10,
            }),
          }
        : {
            path: '/api/ml-matching/prompt-search',
            headers,
            body: JSON.stringify({ prompt: PROMPTS[i % PROMPTS.length], limit: 10 }),
          };
    }),
  );
}

/**
 * nginx's per-address limit and the gateway's per-member limits and quotas lifted: the load in these tests comes from
 * one address and 100 members, and the limits are not what they test.
 */
export const LOAD_FROM_ONE_ADDRESS = {
  siteOverrides: [
    ['rate=20r/s', 'rate=100000r/s'],
    ['burst=40', 'burst=100000'],
  ] as Array<[string, string]>,
  gatewayEnv: {
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_HOURLY_PER_USER: '1000000',
    RATE_LIMIT_DAILY_PER_USER: '1000000',
    MAX_IN_FLIGHT_PER_USER: '100',
  },
};
