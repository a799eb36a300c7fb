import { ageSimilarity } from '../src/factors/age.js';
import { BioCorpus, bioSimilarity, sharedBioWords } from '../src/factors/bio.js';
import { distanceSimilarity } from '../src/factors/distance.js';
import { interestsMatcher } from '../src/factors/interests.js';
import { needsMatcher } from '../src/factors/needs.js';
import { PromptMatcher, type CandidateLists } from '../src/factors/prompt.js';
import { bioDisplayWords, hasTerm, knownBioTerms, toBioTerms as bioTermsWith, toTagSet } from '../src/features.js';
import { poolFromProfiles, type CandidatePool } from '../src/pool.js';
import { parsePrompt } from '../src/prompt-parser.js';
import { TermDictionary } from '../src/terms.js';
import { wordsOnlyCandidate } from './support.js';

/** One numbering for the whole file, as one index has. */
const dictionary = new TermDictionary();
const toBioTerms = (text: string | null) => bioTermsWith(dictionary, text);

/** Candidates as the index holds them: a pool of profiles with these interests, needs and bios. */
function poolOf(...members: Array<{ interests?: string[]; needs?: string[]; about?: string | null }>): CandidatePool {
  return poolFromProfiles(
    members.map((m, i) => wordsOnlyCandidate(`c${i}`, m)),
    dictionary,
  );
}

/** Candidate `i`'s lists. */
function listsOf(pool: CandidatePool, i = 0): CandidateLists {
  const interests = pool.start[i]!;
  const needs = interests + pool.interestCount[i]!;
  const bio = needs + pool.needCount[i]!;
  return {
    tags: pool.lists,
    interests,
    interestCount: pool.interestCount[i]!,
    needs,
    needCount: pool.needCount[i]!,
    terms: pool.lists,
    bio,
    bioCount: pool.bioCount[i]!,
  };
}

/** The tag factor of a requester's tags against one candidate's, as the ranking computes it. */
function tagFactor(make: typeof interestsMatcher, requester: string[]) {
  return {
    similarity(candidate: string[], shared?: string[]): number {
      const pool = poolOf({ interests: candidate });
      return make(toTagSet(requester), pool).similarity(pool.lists, pool.start[0]!, pool.interestCount[0]!, shared);
    },
  };
}
const interestsOf = (requester: string[]) => tagFactor(interestsMatcher, requester);
const needsOf = (requester: string[]) => tagFactor(needsMatcher, requester);

/** The bio factor of a requester's bio against every bio of a pool, and the words each shares, shown. */
function bioFactor(requesterBio: string, bios: string[]): Array<{ similarity: number; shared: string[] }> {
  const pool = poolOf(...bios.map((about) => ({ about })));
  const ranges = bios.map((_, i) => [listsOf(pool, i).bio, pool.bioCount[i]!] as const);
  pool.scratch.fit(dictionary.size);
  const corpus = new BioCorpus(
    pool.lists,
    ranges.map(([from]) => from),
    ranges.map(([, count]) => count),
    pool.scratch,
  );
  try {
    const requester = knownBioTerms(dictionary, requesterBio);
    const norm = corpus.squaredNorm(requester, 0, requester.length);
    return ranges.map(([from, count], i) => ({
      similarity: bioSimilarity(requester, norm, pool.lists, from, count, corpus),
      shared: sharedBioWords(
        requester,
        pool.lists.subarray(from, from + count),
        (id) => corpus.idfSquared(id),
        () => bioDisplayWords(dictionary, bios[i]!),
      ),
    }));
  } finally {
    corpus.release();
  }
}

describe('interests factor', () => {
  it('when both have the same tags, then similarity is 1 and all are shared', () => {
    const shared: string[] = [];
    expect(interestsOf(['hiking', 'photography']).similarity(['Photography', 'Hiking'], shared)).toBe(1);
    expect(shared.sort()).toEqual(['Hiking', 'Photography']);
  });

  it('when tags differ only in case, spacing and plural, then they match fully', () => {
    expect(interestsOf(['Board Games']).similarity(['  board   game '])).toBe(1);
  });

  it('when tags are synonyms ("Trekking" ~ "hiking"), then they match fully', () => {
    const shared: string[] = [];
    expect(interestsOf(['hiking']).similarity(['Trekking'], shared)).toBe(1);
    expect(shared).toEqual(['Trekking']);
  });

  it('when tags share only a category, then they match partly', () => {
    const s = interestsOf(['hiking']).similarity(['camping']);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(0.5);
  });

  it('when tags are unrelated, then similarity is 0', () => {
    expect(interestsOf(['hiking']).similarity(['video games'])).toBe(0);
  });

  it('when unknown tags are equal, then they still match', () => {
    expect(interestsOf(['Taxidermy']).similarity(['taxidermy'])).toBe(1);
  });

  it('when the candidate has no tags, then similarity is 0', () => {
    expect(interestsOf(['hiking']).similarity([])).toBe(0);
  });

  it('when one of two interests matches, then similarity is between 0 and 1', () => {
    const s = interestsOf(['hiking', 'jazz']).similarity(['hiking', 'knitting']);
    expect(s).toBeCloseTo(0.5, 5);
  });

  it('when candidates are scored from packed rows, then each equals the pair-by-pair similarity of its explanation', () => {
    const words = ['hiking', 'trekking', 'camping', 'jazz', 'live music', 'cooking', 'baking', 'taxidermy', 'yoga'];
    const candidates = words.map((_, i) => words.filter((__, k) => (k * 7 + i) % 3 === 0));
    const pool = poolOf(...candidates.map((interests) => ({ interests })));
    for (const requester of [['hiking', 'jazz'], words, [...words, ...words.map((w) => `${w} club`)]]) {
      const matcher = interestsMatcher(toTagSet(requester), pool);
      candidates.forEach((_, i) => {
        const packed = matcher.similarity(pool.lists, pool.start[i]!, pool.interestCount[i]!);
        expect(matcher.similarity(pool.lists, pool.start[i]!, pool.interestCount[i]!, [])).toBe(packed);
        expect(matcher.similarity(pool.lists, pool.start[i]!, pool.interestCount[i]!)).toBe(packed); // from the memo
      });
    }
  });
});

describe('needs factor', () => {
  it('when needs are worded differently but mean the same, then they match', () => {
    expect(needsOf(['friendship']).similarity(['New friends'])).toBe(1);
    expect(needsOf(['activity partner']).similarity(['Gym buddy'])).toBe(1);
    expect(needsOf(['mentorship']).similarity(['a mentor'])).toBe(1);
  });

  it('when needs differ, then they do not match', () => {
    expect(needsOf(['dating']).similarity(['networking'])).toBeLessThan(0.5);
  });
});

describe('bio factor', () => {
  it('when bios share a rare word, then they score higher than when they share a common one', () => {
    const [rare, common] = bioFactor('I bake sourdough and love coffee', [
      'Weekend sourdough experiments',
      'Coffee every morning',
      'Coffee addict',
      'Coffee and chats',
    ]);
    expect(rare!.similarity).toBeGreaterThan(common!.similarity);
    expect(common!.similarity).toBeGreaterThan(0);
  });

  it('when bios use synonyms ("trekking", "hiking"), then they are similar', () => {
    const [hiker] = bioFactor('Trekking is my thing', ['Hiking most weekends', 'I play chess']);
    expect(hiker!.similarity).toBeGreaterThan(0);
    expect(hiker!.shared).toEqual(['hiking']);
  });

  it('when bios share only stop words, then similarity is 0', () => {
    expect(bioFactor('the and of', ['I am the one', 'and the other'])[0]!.similarity).toBe(0);
  });

  it('when bios are identical, then similarity is 1', () => {
    const bio = 'Amateur astronomer and sourdough baker';
    expect(bioFactor(bio, [bio, 'Something else entirely'])[0]!.similarity).toBeCloseTo(1, 6);
  });

  it('when a bio repeats words, then its terms are distinct and sorted, each found by hasTerm', () => {
    const terms = toBioTerms('Coffee, coffee and more coffee. Hiking too.');
    expect([...terms]).toEqual([...new Set(terms)].sort((a, b) => a - b));
    expect(hasTerm(terms, dictionary.id('coffe'))).toBe(true);
    expect(hasTerm(terms, dictionary.id('c:hiking'))).toBe(true);
    expect(hasTerm(terms, dictionary.id('sourdough'))).toBe(false);
  });

  it('when a bio says "start", then a requester saying "art" shares nothing', () => {
    expect(bioFactor('art', ['Ready to start again'])[0]!.similarity).toBe(0);
  });

  it('when a ranking gives the scratch back, then the next one counts from zero', () => {
    const first = bioFactor('sourdough', ['sourdough', 'sourdough bread', 'coffee']);
    const again = bioFactor('sourdough', ['sourdough', 'sourdough bread', 'coffee']);
    expect(again).toEqual(first);
  });
});

describe('term numbering', () => {
  it('when members search for words no bio uses, then the numbering does not grow', () => {
    const pool = poolOf({ about: 'Weekend potter' });
    const unseen = 'zyxwvutsrq';
    expect(dictionary.known(unseen)).toBe(-1);
    const { topics, intents } = parsePrompt(`people into ${unseen}`);
    new PromptMatcher(dictionary, pool, topics, intents).similarity(listsOf(pool));
    expect(dictionary.known(unseen)).toBe(-1);
  });
});

describe('distance factor', () => {
  it.each([
    [0, 50, 1],
    [25, 50, 0.5],
    [50, 50, 0],
    [80, 50, 0],
    [0, 0, 1],
  ])('when %p km away with max %p km, then similarity is %p', (km, max, expected) => {
    expect(distanceSimilarity(km, max)).toBeCloseTo(expected, 10);
  });
});

describe('age factor', () => {
  it.each([
    [30, 30, 1],
    [30, 35, 0.75],
    [35, 30, 0.75],
    [30, 50, 0],
    [20, 60, 0],
  ])('when ages are %p and %p, then similarity is %p', (a, b, expected) => {
    expect(ageSimilarity(a, b)).toBeCloseTo(expected, 10);
  });
});

describe('prompt factor', () => {
  const candidate = (interests: string[], needs: string[], bio: string | null) =>
    poolOf({ interests, needs, about: bio });
  const score = (prompt: string, pool: CandidatePool) => {
    const { topics, intents } = parsePrompt(prompt);
    const matched: string[] = [];
    return {
      similarity: new PromptMatcher(dictionary, pool, topics, intents).similarity(listsOf(pool), matched),
      matched,
    };
  };

  it('when the candidate has the topic as an interest, then coverage is full', () => {
    const r = score('hiking enthusiasts', candidate(['Hiking'], [], null));
    expect(r.similarity).toBe(1);
    expect(r.matched).toEqual(['hiking']);
  });

  it('when the prompt paraphrases the tag ("trekking in the mountains"), then it still matches', () => {
    expect(score('trekking in the mountains', candidate(['hiking'], [], null)).similarity).toBeGreaterThan(0.5);
  });

  it('when the topic is only in the bio, then it counts less than as an interest', () => {
    const inBio = score('hiking', candidate([], [], 'I go hiking every sunday')).similarity;
    const inInterests = score('hiking', candidate(['hiking'], [], null)).similarity;
    expect(inBio).toBeGreaterThan(0);
    expect(inBio).toBeLessThan(inInterests);
  });

  it('when "art" is asked and the bio says "start", then nothing matches', () => {
    const r = score('art', candidate(['startups'], [], 'Just want to start fresh'));
    expect(r.matched).toEqual([]);
    expect(r.similarity).toBe(0);
  });

  it('when the prompt asks for an intent the candidate needs, then it is covered', () => {
    expect(score('looking for new friends', candidate([], ['Friendship'], null)).similarity).toBe(1);
    expect(score('looking for new friends', candidate([], ['Networking'], null)).similarity).toBe(0);
  });

  it('when half the topics are covered, then coverage is one half', () => {
    expect(score('hiking and chess', candidate(['hiking'], [], null)).similarity).toBeCloseTo(0.5, 5);
  });

  it('when a keyword is not in the lexicon, then it matches whole words of tags only', () => {
    expect(score('taxidermy', candidate(['Taxidermy'], [], null)).similarity).toBe(1);
    expect(score('taxi', candidate(['Taxidermy'], [], null)).similarity).toBe(0);
  });
});
