import type { Need, Topic } from './persona-world.js';

export const CATEGORIES = ['paraphrase', 'constraints', 'preferences', 'traps', 'held-out'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * A graded query of the relevance set. Written before any measurement and graded by meaning, never edited to fit
 * the lexicon: `asks` says what the member means (latent topics of the persona world, a held-out name, needs), and
 * `constraints` what any answer must satisfy. Grades follow from these and the members' personas (grading.ts).
 */
export interface RelevanceQuery {
  category: Category;
  /** The searcher's passion: the searcher is a full-profile member of central London who has it. */
  searcher: Topic;
  prompt?: string;
  preferences?: {
    interests?: string[];
    needs?: string[];
    age_range?: [number, number];
    max_distance?: number;
    gender_preference?: string;
  };
  asks: { topics?: Topic[]; names?: string[]; needs?: Need[] };
  constraints?: { gender?: 'female' | 'male'; age?: [number, number]; km?: number };
}

const MAX = 120;
const p = (
  category: Category,
  searcher: Topic,
  prompt: string,
  topics: Topic[],
  constraints?: RelevanceQuery['constraints'],
): RelevanceQuery => ({
  category,
  searcher,
  prompt,
  asks: { topics },
  ...(constraints ? { constraints } : {}),
});

/** Topic described without its name: the words members use about it, or none of them. */
const PARAPHRASE: RelevanceQuery[] = [
  p('paraphrase', 'programming', 'someone who is happiest with muddy boots on a mountain path', ['hiking']),
  p('paraphrase', 'cooking', 'people who spend their weekends walking up hills', ['hiking']),
  p('paraphrase', 'reading', 'who wants to bag some peaks on foot this summer', ['hiking']),
  p('paraphrase', 'gym', 'someone to play co-op with online in the evenings', ['video games']),
  p('paraphrase', 'travel', 'who wants to squad up for ranked matches tonight', ['video games']),
  p('paraphrase', 'dogs', 'a fellow collector of old consoles', ['video games']),
  p('paraphrase', 'programming', 'a partner for the social floor on friday nights', ['dancing']),
  p('paraphrase', 'reading', 'someone to learn some moves with, I have two left feet', ['dancing']),
  p('paraphrase', 'running', 'someone who chases golden hour and good light', ['photography']),
  p('paraphrase', 'cooking', 'people who shoot on film and develop their own negatives', ['photography']),
  p('paraphrase', 'travel', 'a fellow portrait shooter for weekend walks with our lenses', ['photography']),
  p('paraphrase', 'gym', 'someone whose suitcase is always half-packed', ['travel']),
  p('paraphrase', 'yoga', 'people who have been to forty countries and want more', ['travel']),
  p('paraphrase', 'dogs', 'a companion for a month of night buses and hostels in asia', ['travel']),
  p('paraphrase', 'reading', 'someone to lift heavy with at 6am', ['gym']),
  p('paraphrase', 'programming', 'a spotter for squats and bench press', ['gym']),
  p('paraphrase', 'dancing', 'people who never skip leg day', ['gym']),
  p('paraphrase', 'programming', 'someone who has built a company from nothing', ['entrepreneurship']),
  p('paraphrase', 'photography', 'people raising their first round who want to swap notes', ['entrepreneurship']),
  p('paraphrase', 'craft beer', 'someone who pitches investors and understands the grind', ['entrepreneurship']),
  p('paraphrase', 'entrepreneurship', 'someone who ships side projects at night', ['programming']),
  p('paraphrase', 'gym', 'people who enjoy debugging and clean tests', ['programming']),
  p('paraphrase', 'entrepreneurship', 'a technical person to build an app with', ['programming']),
  p('paraphrase', 'dancing', 'someone who makes fresh pasta and loves hosting dinner parties', ['cooking']),
  p('paraphrase', 'programming', 'people who experiment with spices in the kitchen', ['cooking']),
  p('paraphrase', 'reading', 'someone to log early morning miles with', ['running']),
  p('paraphrase', 'yoga', 'people training for a race this spring', ['running']),
  p('paraphrase', 'hiking', 'someone who buys tickets to see bands in small venues', ['live music']),
  p('paraphrase', 'programming', 'who wants to stand in the front row at shows this summer', ['live music']),
  p('paraphrase', 'gym', 'someone who always has a novel on the go', ['reading']),
  p('paraphrase', 'travel', 'people to swap paperbacks and recommendations with', ['reading']),
  p('paraphrase', 'programming', 'someone to do sun salutations with in the morning', ['yoga']),
  p('paraphrase', 'running', 'people who like slow breath and stretching on a mat', ['yoga']),
  p('paraphrase', 'reading', 'someone to belay me at the wall', ['climbing']),
  p('paraphrase', 'cooking', 'people who come home with chalk on their hands', ['climbing']),
  p('paraphrase', 'programming', 'someone to try hoppy pale ales in taprooms with', ['craft beer']),
  p('paraphrase', 'yoga', 'people who ferment their own batches at home', ['craft beer']),
  p('paraphrase', 'gym', 'someone with a four-legged friend for walks in the park', ['dogs']),
  p('paraphrase', 'photography', 'people who stop strangers to pet their pup', ['dogs']),
  p('paraphrase', 'hiking', "someone who'd rather be in a kitchen or a taproom", ['cooking', 'craft beer']),
  p('paraphrase', 'reading', 'a buddy who lifts and logs miles', ['gym', 'running']),
];

/** A topic and who may answer: gender, age, distance. */
const CONSTRAINTS: RelevanceQuery[] = [
  p('constraints', 'reading', 'Looking for hiking enthusiasts near me, 25-35', ['hiking'], { km: 25, age: [25, 35] }),
  p('constraints', 'programming', 'women into photography within 10 km', ['photography'], { gender: 'female', km: 10 }),
  p('constraints', 'travel', 'guys in their 30s who cook', ['cooking'], { gender: 'male', age: [30, 39] }),
  p('constraints', 'cooking', 'gamers over 40', ['video games'], { age: [41, MAX] }),
  p('constraints', 'yoga', 'runners under 30 nearby', ['running'], { age: [18, 29], km: 25 }),
  p('constraints', 'programming', 'a female climbing partner aged 25 to 35', ['climbing'], {
    gender: 'female',
    age: [25, 35],
  }),
  p('constraints', 'dogs', 'yoga friends within 5 km', ['yoga'], { km: 5 }),
  p('constraints', 'reading', 'men who lift, 28-40', ['gym'], { gender: 'male', age: [28, 40] }),
  p('constraints', 'programming', 'dance partner, women in their 20s', ['dancing'], {
    gender: 'female',
    age: [20, 29],
  }),
  p('constraints', 'programming', 'founders over 35 for mentorship', ['entrepreneurship'], { age: [36, MAX] }),
  p('constraints', 'gym', 'book lovers within 15 km', ['reading'], { km: 15 }),
  p('constraints', 'travel', 'craft beer fans aged 30-45 near me', ['craft beer'], { age: [30, 45], km: 25 }),
  p('constraints', 'programming', 'travel buddies under 35', ['travel'], { age: [18, 34] }),
  p('constraints', 'reading', 'someone to walk dogs with nearby', ['dogs'], { km: 25 }),
  p('constraints', 'entrepreneurship', 'coders in their 40s', ['programming'], { age: [40, 49] }),
  p('constraints', 'dancing', 'live music friends between 22 and 30', ['live music'], { age: [22, 30] }),
  p('constraints', 'gym', 'women who hike within 15 km', ['hiking'], { gender: 'female', km: 15 }),
  p('constraints', 'running', 'guys into video games aged 20-30', ['video games'], { gender: 'male', age: [20, 30] }),
  p('constraints', 'travel', 'photographers over 45', ['photography'], { age: [46, MAX] }),
  p('constraints', 'yoga', 'people who cook, within 5 km, 30-40', ['cooking'], { km: 5, age: [30, 40] }),
  p('constraints', 'reading', 'a running partner within 10 km', ['running'], { km: 10 }),
  p('constraints', 'gym', 'climbers near me', ['climbing'], { km: 25 }),
  p('constraints', 'running', 'yoga, women only, 30-50', ['yoga'], { gender: 'female', age: [30, 50] }),
  p('constraints', 'programming', 'entrepreneurs within 25 km aged 25-40', ['entrepreneurship'], {
    km: 25,
    age: [25, 40],
  }),
  p('constraints', 'hiking', 'salsa dancers over 30', ['dancing'], { age: [31, MAX] }),
  p('constraints', 'cooking', 'men 35-45 who love concerts', ['live music'], { gender: 'male', age: [35, 45] }),
  p('constraints', 'gym', 'bookworms under 25', ['reading'], { age: [18, 24] }),
  p('constraints', 'programming', 'a gym buddy within 5 km', ['gym'], { km: 5 }),
  p('constraints', 'travel', 'hiking or climbing friends in their 30s', ['hiking', 'climbing'], { age: [30, 39] }),
  p('constraints', 'programming', 'women who travel, 28-38, near me', ['travel'], {
    gender: 'female',
    age: [28, 38],
    km: 25,
  }),
  p('constraints', 'reading', 'people within 10 km who play video games', ['video games'], { km: 10 }),
  p('constraints', 'cooking', 'programmers or founders near me for networking', ['programming', 'entrepreneurship'], {
    km: 25,
  }),
  p('constraints', 'running', 'dog owners aged 40-55', ['dogs'], { age: [40, 55] }),
  p('constraints', 'yoga', 'cooking and craft beer, guys over 30', ['cooking', 'craft beer'], {
    gender: 'male',
    age: [31, MAX],
  }),
  p('constraints', 'photography', 'trail runners aged 25-35 within 25 km', ['running'], { age: [25, 35], km: 25 }),
];

const pref = (
  searcher: Topic,
  preferences: NonNullable<RelevanceQuery['preferences']>,
  asks: RelevanceQuery['asks'],
  prompt?: string,
): RelevanceQuery => {
  const constraints: NonNullable<RelevanceQuery['constraints']> = {};
  if (preferences.age_range) constraints.age = preferences.age_range;
  if (preferences.max_distance) constraints.km = preferences.max_distance;
  if (preferences.gender_preference === 'female' || preferences.gender_preference === 'male')
    constraints.gender = preferences.gender_preference;
  return { category: 'preferences', searcher, preferences, asks, constraints, ...(prompt ? { prompt } : {}) };
};

/** Structured preferences, with or without a prompt. */
const PREFERENCES: RelevanceQuery[] = [
  pref('reading', { interests: ['hiking'] }, { topics: ['hiking'] }),
  pref('programming', { interests: ['photography', 'travel'] }, { topics: ['photography', 'travel'] }),
  pref('programming', { interests: ['gaming'] }, { topics: ['video games'] }),
  pref('programming', { interests: ['salsa'] }, { topics: ['dancing'] }),
  pref('cooking', { interests: ['weightlifting'], max_distance: 10 }, { topics: ['gym'] }),
  pref(
    'programming',
    { interests: ['startups'], needs: ['networking'] },
    { topics: ['entrepreneurship'], needs: ['networking'] },
  ),
  pref('gym', { interests: ['books'], needs: ['friendship'] }, { topics: ['reading'], needs: ['friendship'] }),
  pref('entrepreneurship', { needs: ['mentorship'] }, { needs: ['mentorship'] }),
  pref('running', { interests: ['yoga'], gender_preference: 'female' }, { topics: ['yoga'] }),
  pref('reading', { interests: ['live music', 'dancing'] }, { topics: ['live music', 'dancing'] }),
  pref('travel', { interests: ['cooking'], age_range: [30, 40] }, { topics: ['cooking'] }),
  pref(
    'yoga',
    { interests: ['running'], needs: ['activity partner'] },
    { topics: ['running'], needs: ['activity partner'] },
  ),
  pref('photography', { interests: ['dogs'] }, { topics: ['dogs'] }),
  pref('gym', { interests: ['climbing'], max_distance: 15 }, { topics: ['climbing'] }),
  pref('cooking', { interests: ['craft beer'], gender_preference: 'male' }, { topics: ['craft beer'] }),
  pref('entrepreneurship', { interests: ['coding'] }, { topics: ['programming'] }),
  pref('reading', { interests: ['backpacking'] }, { topics: ['travel'] }),
  pref('hiking', { interests: ['bouldering'] }, { topics: ['climbing'] }),
  pref('running', { interests: ['pilates'] }, { topics: ['yoga'] }),
  pref('dancing', { interests: ['festivals'] }, { topics: ['live music'] }),
  pref('travel', { needs: ['dating'], age_range: [25, 35] }, { needs: ['dating'] }),
  pref('programming', { interests: ['trekking'], age_range: [25, 35], max_distance: 25 }, { topics: ['hiking'] }),
  pref(
    'reading',
    { interests: ['video games'], needs: ['friendship'] },
    { topics: ['video games'], needs: ['friendship'] },
  ),
  pref('gym', { interests: ['baking'] }, { topics: ['cooking'] }),
  pref('programming', { interests: ['travel'] }, { topics: ['travel'] }, 'someone to explore with'),
  pref('reading', { interests: ['hiking', 'dogs'] }, { topics: ['hiking', 'dogs'] }, 'weekend plans?'),
  pref('cooking', { interests: ['marathon'] }, { topics: ['running'] }),
  pref(
    'programming',
    { interests: ['entrepreneurship'], needs: ['mentorship'] },
    { topics: ['entrepreneurship'], needs: ['mentorship'] },
  ),
  pref('dogs', { interests: ['photography'], age_range: [40, 55] }, { topics: ['photography'] }),
  pref('gym', { interests: ['book club'], max_distance: 5 }, { topics: ['reading'] }),
];

/** Words that must not mislead: "the"/"she'll" are no gender, "start"/"heart" no art, the searcher's own self-description no ask. */
const TRAPS: RelevanceQuery[] = [
  p('traps', 'programming', 'the best hiking buddies', ['hiking']),
  p('traps', 'reading', 'Looking for the one who loves photography', ['photography']),
  p('traps', 'gym', 'someone to start a book club with', ['reading']),
  p('traps', 'programming', "I'm a software developer looking for a salsa partner", ['dancing']),
  p('traps', 'running', 'As a runner I want someone to cook with', ['cooking']),
  p('traps', 'programming', 'I work in tech and want to meet people who play video games', ['video games']),
  p('traps', 'cooking', "she'll love it: a yoga friend", ['yoga']),
  p('traps', 'dogs', 'other climbers welcome', ['climbing']),
  p('traps', 'travel', 'heart of the city, smart people who read a lot', ['reading']),
  p('traps', 'cooking', 'not looking for dating, just gym friends', ['gym']),
  p('traps', 'entrepreneurship', "I'm a founder looking for a climbing partner", ['climbing']),
  p('traps', 'cooking', "I love cooking but I'm looking for dancers", ['dancing']),
  p('traps', 'reading', 'my friends say I read too much; looking for travel buddies', ['travel']),
  p('traps', 'yoga', 'people, not profiles: a genuine running partner', ['running']),
  p('traps', 'gym', "Is there anyone here who's into rock climbing or bouldering?", ['climbing']),
  p('traps', 'reading', 'gym gym gym', ['gym']),
  p('traps', 'programming', 'HIKING!!!', ['hiking']),
  p('traps', 'dancing', 'looking 4 ppl who r into gaming lol', ['video games']),
  p('traps', 'gym', 'cooking 🍝 and wine 🍷', ['cooking']),
  p('traps', 'hiking', "the men's running club is full, any other runners?", ['running']),
  p('traps', 'programming', 'salsa or bachata partner', ['dancing']),
  p('traps', 'yoga', 'looking for my new hiking buddy, she moved away', ['hiking']),
  p('traps', 'running', 'who wants to grab a pint and talk about books', ['craft beer', 'reading']),
  p('traps', 'cooking', 'a dog-friendly hiking buddy', ['hiking']),
  p('traps', 'photography', 'As a photographer I need someone who knows their way around a kitchen', ['cooking']),
];

const held = (
  searcher: Topic,
  prompt: string,
  topic: Topic,
  name: string,
  constraints?: RelevanceQuery['constraints'],
): RelevanceQuery => ({
  category: 'held-out',
  searcher,
  prompt,
  asks: { topics: [topic], names: [name] },
  ...(constraints ? { constraints } : {}),
});

/** Only names no lexicon file and no WordNet entry holds: what members' profiles teach must find them. */
const HELD_OUT: RelevanceQuery[] = [
  held('programming', 'valorant duo anyone?', 'video games', 'valorant'),
  held('reading', 'genshin friends', 'video games', 'genshin'),
  held('cooking', 'minecraft builders', 'video games', 'minecraft'),
  held('programming', 'kizomba partner for socials', 'dancing', 'kizomba'),
  held('gym', 'zouk this saturday?', 'dancing', 'zouk'),
  held('reading', 'voguing crew', 'dancing', 'voguing'),
  held('travel', 'fujifilm shooters', 'photography', 'fujifilm'),
  held('programming', 'lightroom editing buddy', 'photography', 'lightroom'),
  held('cooking', 'bokeh nerds', 'photography', 'bokeh'),
  held('photography', 'interrail companions for the summer', 'travel', 'interrail'),
  held('yoga', 'couchsurfing hosts', 'travel', 'couchsurfing'),
  held('reading', 'deadlift partner', 'gym', 'deadlift'),
  held('programming', 'someone to get swole with', 'gym', 'swole'),
  held('running', 'kettlebells buddy', 'gym', 'kettlebells'),
  held('programming', 'scafell weekend', 'hiking', 'scafell'),
  held('gym', 'snowdonia this weekend?', 'hiking', 'snowdonia'),
  held('programming', 'saas people to swap notes', 'entrepreneurship', 'saas'),
  held('reading', 'preseed round buddies', 'entrepreneurship', 'preseed'),
  held('entrepreneurship', 'kubernetes nerds', 'programming', 'kubernetes'),
  held('gym', 'golang meetup friends', 'programming', 'golang'),
  held('travel', 'fellow rustaceans', 'programming', 'rustacean'),
  held('reading', 'strava kudos buddies', 'running', 'strava'),
  held('programming', 'ottolenghi fans', 'cooking', 'ottolenghi'),
  held('gym', 'umami obsessives', 'cooking', 'umami'),
  held('running', 'goodreads friends', 'reading', 'goodreads'),
  held('programming', 'booktok girls', 'reading', 'booktok', { gender: 'female' }),
  held('cooking', 'ashtanga practice partner', 'yoga', 'ashtanga'),
  held('reading', 'glastonbury crew for next year', 'live music', 'glastonbury'),
  held('gym', 'untappd check-in buddies', 'craft beer', 'untappd'),
  held('programming', 'neipa lovers', 'craft beer', 'neipa'),
  held('travel', 'cockapoo owners', 'dogs', 'cockapoo'),
  held('programming', 'labradoodle playdates', 'dogs', 'labradoodle'),
];

export const QUERIES: readonly RelevanceQuery[] = [
  ...PARAPHRASE,
  ...CONSTRAINTS,
  ...PREFERENCES,
  ...TRAPS,
  ...HELD_OUT,
];
