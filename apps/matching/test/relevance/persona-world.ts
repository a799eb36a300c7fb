import { Random } from '@circle-match/synthetic';
import type { ProfileFixture } from '@circle-match/test-support';

/**
 * A synthetic world of members who speak in their own words, for the relevance set (docs/semantics.md "The ask comes first",
 * "Open vocabulary"). Every member has one passion and one or two casual interests, both *latent*: the grades of the
 * relevance set are written against them, never against the words a profile happens to use. A passion shows in a
 * profile as tags, as bio sentences that never name it ("Happiest above the treeline"), or both, and sometimes as
 * names — of games, dance styles, places, tools — that appear in no lexicon (the held-out vocabulary). A casual
 * interest is a single tag.
 */
export const TOPICS = [
  'hiking',
  'video games',
  'dancing',
  'photography',
  'travel',
  'gym',
  'entrepreneurship',
  'programming',
  'cooking',
  'running',
  'live music',
  'reading',
  'yoga',
  'climbing',
  'craft beer',
  'dogs',
] as const;
export type Topic = (typeof TOPICS)[number];

interface Voice {
  /** What members put in `interests`. */
  tags: string[];
  /** Bio sentences that say it without any of the tags' words. */
  sentences: string[];
  /** Held-out vocabulary: names the topic's members use, in no lexicon file and not in WordNet; a sentence each. */
  names?: Record<string, string[]>;
}

export const VOICES: Record<Topic, Voice> = {
  hiking: {
    tags: ['hiking', 'trekking', 'hillwalking'],
    sentences: [
      'Happiest above the treeline with a flask of tea.',
      'Weekends mean muddy boots and an ordnance survey map.',
      'Ticking off ridges and summits one weekend at a time.',
      'Give me a long trail, a packed lunch and no phone signal.',
      'I plan holidays around mountain paths.',
      'Blisters heal, views stay with you.',
    ],
    names: {
      scafell: ['Scafell Pike at sunrise, twice.', 'Scafell in the rain still counts.'],
      snowdonia: ['Snowdonia most bank holidays.', 'Still chasing a clear day in Snowdonia.'],
    },
  },
  'video games': {
    tags: ['gaming', 'video games', 'pc gaming'],
    sentences: [
      'My controller has seen more of me than my friends lately.',
      'Ranked matches until 2am, then regret.',
      'I speedrun old platformers for fun.',
      'Looking for a co-op partner for the next big release.',
      'Headset on, squad up, lets go.',
      'Collecting consoles from the nineties.',
    ],
    names: {
      valorant: ['Valorant ranked grind most evenings.', 'Stuck in Valorant silver, send help.'],
      genshin: ['Genshin dailies before bed.', 'Spent far too much on Genshin wishes.'],
      minecraft: ['Building a Minecraft castle with my nephew.', 'Minecraft redstone nerd.'],
    },
  },
  dancing: {
    tags: ['dancing', 'salsa', 'ballet'],
    sentences: [
      'Friday nights are for the social floor until my feet give up.',
      'Took my first lesson three years ago and never stopped moving.',
      'I count everything in eights now.',
      'Spinning, dipping and occasionally stepping on toes.',
      'Choreography videos in my living room every evening.',
    ],
    names: {
      kizomba: ['Kizomba socials every Friday.', 'Learning kizomba and loving the connection.'],
      zouk: ['Brazilian zouk weekender addict.', 'Zouk festivals are my holidays.'],
      voguing: ['Voguing classes on Tuesdays.', 'Ballroom scene kid, voguing since uni.'],
    },
  },
  photography: {
    tags: ['photography', 'film photography', 'street photography'],
    sentences: [
      'Always chasing golden hour with a prime lens.',
      'I see the world in frames and light.',
      'Developing my own negatives in a tiny darkroom.',
      'Portraits of strangers are my favourite challenge.',
      'Never leave home without my 50mm.',
      'Editing shots late into the night.',
    ],
    names: {
      fujifilm: ['Fujifilm shooter, mostly black and white.', 'My Fujifilm goes everywhere with me.'],
      lightroom: ['Lightroom presets are my love language.', 'More hours in Lightroom than I admit.'],
      bokeh: ['Obsessed with creamy bokeh.', 'Anything for good bokeh.'],
    },
  },
  travel: {
    tags: ['travel', 'backpacking', 'solo travel'],
    sentences: [
      'My suitcase is always half-packed.',
      'Forty countries and counting, passport nearly full.',
      'I collect boarding passes and street food memories.',
      'Happiest in an airport with a one-way ticket.',
      'Planning the next trip before I unpack from the last.',
      'Hostels, night buses and new cities.',
    ],
    names: {
      interrail: ['Did Europe by interrail last summer.', 'Interrail pass in my drawer for June.'],
      couchsurfing: ['Couchsurfing host and guest for years.', 'Met my best friends couchsurfing.'],
    },
  },
  gym: {
    tags: ['gym', 'weightlifting', 'strength training'],
    sentences: [
      'Lifting heavy things and putting them down again.',
      'Never skip leg day.',
      'Chasing a new personal best on the barbell.',
      'Protein shakes and early alarms.',
      'Squat rack at 6am before work.',
      'Progressive overload is my religion.',
    ],
    names: {
      deadlift: ['Deadlift PR this month, finally.', 'Deadlift day is the best day.'],
      swole: ['Trying to get swole before summer.', 'Swole and proud of it.'],
      kettlebells: ['Kettlebells in the living room.', 'Kettlebells and sprints on Sundays.'],
    },
  },
  entrepreneurship: {
    tags: ['entrepreneurship', 'startups', 'founder'],
    sentences: [
      'Building something from nothing and learning every day.',
      'Pitching investors by day, fixing bugs by night.',
      'Bootstrapped my second company, still bootstrapping.',
      'Always sketching a new business idea on a napkin.',
      'I love the chaos of an early team.',
      'Raising our first round this year.',
    ],
    names: {
      saas: ['Running a small SaaS for dentists.', 'Two SaaS products, one profitable.'],
      preseed: ['Closed our preseed round in spring.', 'Preseed founder, sleep optional.'],
    },
  },
  programming: {
    tags: ['programming', 'software development', 'coding'],
    sentences: [
      'Shipping side projects at 2am.',
      'I refactor things that work, for fun.',
      'Tabs not spaces, fight me.',
      'Happiest when the tests go green.',
      'I build apps and tools nobody asked for.',
      'Debugging is my kind of puzzle.',
    ],
    names: {
      kubernetes: ['Kubernetes whisperer at work.', 'Running Kubernetes on a Raspberry cluster at home.'],
      golang: ['Golang fan, gopher stickers everywhere.', 'Writing a Golang game server for fun.'],
      rustacean: ['Rustacean, ask me about lifetimes.', 'Proud Rustacean since 2019.'],
    },
  },
  cooking: {
    tags: ['cooking', 'home cooking', 'baking'],
    sentences: [
      'My kitchen is my happy place.',
      'I make pasta from scratch on Sundays.',
      'Experimenting with spices from every market I find.',
      'Dinner parties for twelve are my idea of fun.',
      'Sharpening knives and perfecting recipes.',
    ],
    names: {
      ottolenghi: ['Cooking my way through every Ottolenghi book.', 'Ottolenghi salads all summer.'],
      umami: ['Chasing umami in everything I make.', 'Miso, anchovies, umami forever.'],
    },
  },
  running: {
    tags: ['running', 'marathon', 'trail running'],
    sentences: [
      'Up at dawn to get the miles in.',
      'Training for my next race, always.',
      'Chasing a sub-four finish in Berlin.',
      'My trainers have done more kilometres than my car.',
      'Sunday long miles along the canal.',
    ],
    names: {
      strava: ['Give me kudos on Strava.', 'If it is not on Strava it did not happen.'],
    },
  },
  'live music': {
    tags: ['live music', 'concerts', 'festivals'],
    sentences: [
      'Front row or nothing.',
      'My ears are still ringing from last weekend.',
      'I buy tickets before I check my calendar.',
      'Small venues, sweaty crowds and new bands.',
      'Wristbands from every summer on my wall.',
    ],
    names: {
      glastonbury: ['Glastonbury every year since 2010.', 'Queued all night for Glastonbury tickets.'],
    },
  },
  reading: {
    tags: ['reading', 'books', 'book club'],
    sentences: [
      'Always three novels on the go.',
      'Secondhand bookshops are my weakness.',
      'I finish a paperback a week on the train.',
      'Ask me for a recommendation, I have a list.',
      'Happiest with a good story and a quiet corner.',
    ],
    names: {
      goodreads: ['My Goodreads challenge is 80 this year.', 'Find me on Goodreads.'],
      booktok: ['BookTok made me do it.', 'BookTok recommendations ruined my budget.'],
    },
  },
  yoga: {
    tags: ['yoga', 'pilates', 'vinyasa'],
    sentences: [
      'Sun salutations before anything else.',
      'On the mat most mornings, breathing through it.',
      'Downward dog is my favourite way to start a day.',
      'Teaching flows at the community hall.',
      'Stretching, balance and slow breath.',
    ],
    names: {
      ashtanga: ['Ashtanga practice six days a week.', 'Ashtanga primary series devotee.'],
    },
  },
  climbing: {
    tags: ['climbing', 'bouldering', 'rock climbing'],
    sentences: [
      'Chalk on my hands most evenings.',
      'Projecting a route at the wall all month.',
      'Ropes, harnesses and sore forearms.',
      'Weekends on the crag when it is dry.',
      'Always looking for someone to belay with.',
    ],
  },
  'craft beer': {
    tags: ['craft beer', 'brewing', 'pubs'],
    sentences: [
      'Hoppy pale ales and good company.',
      'Fermenting my own batches in the garage, mostly successfully.',
      'I rate every taproom I visit.',
      'Sours, stouts and small breweries.',
      'Pints and quiz nights on Thursdays.',
    ],
    names: {
      untappd: ['Over a thousand check-ins on Untappd.', 'Untappd badges hunter.'],
      neipa: ['Hazy NEIPA is my weakness.', 'Brewing a NEIPA this weekend.'],
    },
  },
  dogs: {
    tags: ['dogs', 'dog walking', 'dog lover'],
    sentences: [
      'My four-legged best friend comes everywhere with me.',
      'Muddy paws and long walks in the park.',
      'I stop every stranger to pet their pup.',
      'Rescued a very spoiled terrier last year.',
      'Fetch is our favourite game.',
    ],
    names: {
      cockapoo: ['Proud owner of a mad cockapoo.', 'My cockapoo runs this house.'],
      labradoodle: ['Labradoodle parent, fur everywhere.', 'Walking my labradoodle twice a day.'],
    },
  },
};

/** Topics close to another (grade 1 in the set): a climber is not a hiker but is not a stranger to hills either. */
export const RELATED_TOPICS: Partial<Record<Topic, Topic[]>> = {
  hiking: ['climbing', 'running', 'travel'],
  climbing: ['hiking', 'gym'],
  gym: ['running', 'climbing', 'yoga'],
  running: ['gym', 'hiking'],
  yoga: ['gym'],
  dancing: ['live music'],
  'live music': ['dancing'],
  photography: ['travel'],
  travel: ['photography', 'hiking'],
  entrepreneurship: ['programming'],
  programming: ['entrepreneurship', 'video games'],
  'video games': ['programming'],
  cooking: ['craft beer'],
  'craft beer': ['cooking'],
};

const FILLERS = [
  'New to the city and keen to meet people.',
  'Always up for a good chat.',
  'Terrible at replying to messages, sorry in advance.',
  'Tea over coffee, every time.',
  'Weekends are for friends and long lunches.',
  'Recently moved here for work.',
  'Looking for good company.',
  'Ask me about my worst holiday.',
];

const NEEDS = ['friendship', 'dating', 'networking', 'activity partner', 'mentorship', 'emotional support'] as const;
export type Need = (typeof NEEDS)[number];

/** Neighbourhoods around London's centre, far from every distance the set asks (5, 10, 15, 25 km), and Manchester. */
export const LONDON = { latitude: 51.5074, longitude: -0.1278 };
const MANCHESTER = { latitude: 53.4808, longitude: -2.2426 };
const RINGS_KM = [0, 3, 8, 18, 40] as const;
const RING_SHARE = [0.3, 0.25, 0.2, 0.15, 0.1];
const SPREAD_KM = 0.5;

export type Voicing = 'tags and bio' | 'bio only' | 'tags only';

/** What the set's grades are written against: the member as they are, not as their profile words them. */
export interface Persona {
  passion: Topic;
  casual: Topic[];
  needs: Need[];
  voicing: Voicing;
  /** The held-out name the member mentions, if any. */
  name: string | null;
  city: 'london' | 'manchester';
  /** Kilometres from London's centre (London members). */
  ringKm: number;
  /** Never to be shown: invisible, suspended or deleted. */
  hidden: boolean;
}

export interface WorldMember {
  profile: Required<ProfileFixture>;
  persona: Persona;
}

function offset(
  from: { latitude: number; longitude: number },
  km: number,
  bearing: number,
): { latitude: number; longitude: number } {
  const dLat = (km * Math.cos(bearing)) / 111.32;
  const dLon = (km * Math.sin(bearing)) / (111.32 * Math.cos((from.latitude * Math.PI) / 180));
  return { latitude: from.latitude + dLat, longitude: from.longitude + dLon };
}

function place(random: Random, city: Persona['city'], ringKm: number): { latitude: number; longitude: number } {
  const centre = city === 'london' ? offset(LONDON, ringKm, random.next() * 2 * Math.PI) : MANCHESTER;
  return offset(centre, random.next() * SPREAD_KM, random.next() * 2 * Math.PI);
}

/** Ids from the seeded generator: ties are broken by id (docs/semantics.md), so the same world must rank the same way. */
function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function pickWeighted<T>(random: Random, items: readonly T[], weights: readonly number[]): T {
  let r = random.next();
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** The world: `size` members, passions in turn, everything else drawn from a seeded generator (same seed, same world). */
export function buildWorld(size = 6000, seed = 20261130): WorldMember[] {
  const random = new Random(seed);
  const members: WorldMember[] = [];
  for (let i = 0; i < size; i++) {
    const passion = TOPICS[i % TOPICS.length]!;
    const voice = VOICES[passion];
    const casual = random.sample(
      TOPICS.filter((t) => t !== passion),
      random.int(1, 2),
    );
    const voicing = pickWeighted<Voicing>(random, ['tags and bio', 'bio only', 'tags only'], [0.45, 0.3, 0.25]);
    const names = Object.keys(voice.names ?? {});
    const name = names.length > 0 && random.chance(0.4) ? random.pick(names) : null;

    const interests = voicing === 'bio only' ? [] : random.sample(voice.tags, random.int(1, 2));
    for (const topic of casual) interests.push(random.pick(VOICES[topic].tags));
    const bio: string[] = [];
    if (voicing !== 'tags only') bio.push(...random.sample(voice.sentences, voicing === 'bio only' ? 2 : 1));
    if (name) bio.push(random.pick(voice.names![name]!));
    if (random.chance(0.5)) bio.push(random.pick(FILLERS));

    const city = random.chance(0.85) ? 'london' : 'manchester';
    const ringKm = city === 'london' ? pickWeighted(random, RINGS_KM, RING_SHARE) : 0;
    const hidden = random.chance(0.03);
    const needs = random.sample(NEEDS, random.int(1, 2));
    const gender = random.chance(0.04) ? 'non-binary' : random.chance(0.5) ? 'female' : 'male';
    const kind = random.int(0, 2);
    members.push({
      persona: { passion, casual, needs, voicing, name, city, ringKm, hidden },
      profile: {
        id: uuidFrom(random),
        first_name: `Member${i}`,
        last_name: passion.replace(' ', '-'),
        age: random.int(20, 55),
        about: bio.join(' '),
        interests,
        needs: [...needs],
        ...place(random, city, ringKm),
        gender,
        is_suspended: hidden && kind === 0,
        deleted_at: hidden && kind === 1 ? new Date() : null,
        created_at: new Date(),
        last_active: new Date(),
        invisible_mode: hidden && kind === 2,
        is_deleted: false,
      },
    });
  }
  return members;
}
