import { ageSimilarity } from '../src/factors/age.js';
import { BioCorpus, bioSimilarity } from '../src/factors/bio.js';
import { distanceSimilarity } from '../src/factors/distance.js';
import { interestsMatcher } from '../src/factors/interests.js';
import { needsMatcher } from '../src/factors/needs.js';
import { PromptMatcher } from '../src/factors/prompt.js';
import { bioDisplayWords, hasTerm, knownTermId, renumberTermsIfFull, termId, toBioTerms, toTagSet } from '../src/features.js';
import { parsePrompt } from '../src/prompt-parser.js';

describe('interests factor', () => {
  it('when both have the same tags, then similarity is 1 and all are shared', () => {
    const shared: string[] = [];
    expect(interestsMatcher(toTagSet(['hiking', 'photography'])).similarity(toTagSet(['Photography', 'Hiking']), shared)).toBe(1);
    expect(shared.sort()).toEqual(['Hiking', 'Photography']);
  });

  it('when tags differ only in case, spacing and plural, then they match fully', () => {
    expect(interestsMatcher(toTagSet(['Board Games'])).similarity(toTagSet(['  board   game ']))).toBe(1);
  });

  it('when tags are synonyms ("Trekking" ~ "hiking"), then they match fully', () => {
    const shared: string[] = [];
    expect(interestsMatcher(toTagSet(['hiking'])).similarity(toTagSet(['Trekking']), shared)).toBe(1);
    expect(shared).toEqual(['Trekking']);
  });

  it('when tags share only a category, then they match partly', () => {
    const s = interestsMatcher(toTagSet(['hiking'])).similarity(toTagSet(['camping']));
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(0.5);
  });

  it('when tags are unrelated, then similarity is 0', () => {
    expect(interestsMatcher(toTagSet(['hiking'])).similarity(toTagSet(['video games']))).toBe(0);
  });

  it('when unknown tags are equal, then they still match', () => {
    expect(interestsMatcher(toTagSet(['Taxidermy'])).similarity(toTagSet(['taxidermy']))).toBe(1);
  });

  it('when the candidate has no tags, then similarity is 0', () => {
    expect(interestsMatcher(toTagSet(['hiking'])).similarity(toTagSet([]))).toBe(0);
  });

  it('when one of two interests matches, then similarity is between 0 and 1', () => {
    const s = interestsMatcher(toTagSet(['hiking', 'jazz'])).similarity(toTagSet(['hiking', 'knitting']));
    expect(s).toBeCloseTo(0.5, 5);
  });
});

describe('needs factor', () => {
  it('when needs are worded differently but mean the same, then they match', () => {
    expect(needsMatcher(toTagSet(['friendship'])).similarity(toTagSet(['New friends']))).toBe(1);
    expect(needsMatcher(toTagSet(['activity partner'])).similarity(toTagSet(['Gym buddy']))).toBe(1);
    expect(needsMatcher(toTagSet(['mentorship'])).similarity(toTagSet(['a mentor']))).toBe(1);
  });

  it('when needs differ, then they do not match', () => {
    expect(needsMatcher(toTagSet(['dating'])).similarity(toTagSet(['networking']))).toBeLessThan(0.5);
  });
});

describe('bio factor', () => {
  const corpusOf = (...bios: string[]): BioCorpus => new BioCorpus(bios.map(toBioTerms));

  it('when bios share a rare word, then they score higher than when they share a common one', () => {
    const requester = toBioTerms('I bake sourdough and love coffee');
    const rare = toBioTerms('Weekend sourdough experiments');
    const common = toBioTerms('Coffee every morning');
    const corpus = corpusOf('Weekend sourdough experiments', 'Coffee every morning', 'Coffee addict', 'Coffee and chats');
    const norm = corpus.squaredNorm(requester);
    expect(bioSimilarity(requester, norm, rare, corpus)).toBeGreaterThan(
      bioSimilarity(requester, norm, common, corpus),
    );
  });

  it('when bios use synonyms ("trekking", "hiking"), then they are similar', () => {
    const corpus = corpusOf('Hiking most weekends', 'I play chess');
    const requester = toBioTerms('Trekking is my thing');
    const shared: string[] = [];
    const display = bioDisplayWords('Hiking most weekends');
    expect(bioSimilarity(requester, corpus.squaredNorm(requester), toBioTerms('Hiking most weekends'), corpus, { display, shared })).toBeGreaterThan(0);
    expect(shared).toEqual(['hiking']);
  });

  it('when bios share only stop words, then similarity is 0', () => {
    const corpus = corpusOf('I am the one', 'and the other');
    const requester = toBioTerms('the and of');
    expect(bioSimilarity(requester, corpus.squaredNorm(requester), toBioTerms('I am the one'), corpus)).toBe(0);
  });

  it('when bios are identical, then similarity is 1', () => {
    const bio = 'Amateur astronomer and sourdough baker';
    const corpus = corpusOf(bio, 'Something else entirely');
    const terms = toBioTerms(bio);
    expect(bioSimilarity(terms, corpus.squaredNorm(terms), toBioTerms(bio), corpus)).toBeCloseTo(1, 6);
  });

  it('when a bio repeats words, then its terms are distinct and sorted, each found by hasTerm', () => {
    const terms = toBioTerms('Coffee, coffee and more coffee. Hiking too.');
    expect([...terms]).toEqual([...new Set(terms)].sort((a, b) => a - b));
    expect(hasTerm(terms, termId('coffe'))).toBe(true);
    expect(hasTerm(terms, termId('c:hiking'))).toBe(true);
    expect(hasTerm(terms, termId('sourdough'))).toBe(false);
  });

  it('when the term numbering starts again, then bios numbered before it are numbered afresh', () => {
    const before = toBioTerms('Sourdough baker and amateur astronomer');
    renumberTermsIfFull(0);
    const after = toBioTerms('Sourdough baker and amateur astronomer');
    expect(after).not.toBe(before);
    const corpus = new BioCorpus([after, toBioTerms('Astronomy club on Fridays')]);
    const requester = toBioTerms('I bake sourdough');
    expect(bioSimilarity(requester, corpus.squaredNorm(requester), after, corpus)).toBeGreaterThan(0);
  });

  it('when a bio says "start", then a requester saying "art" shares nothing', () => {
    const corpus = corpusOf('Ready to start again');
    const requester = toBioTerms('art');
    expect(bioSimilarity(requester, corpus.squaredNorm(requester), toBioTerms('Ready to start again'), corpus)).toBe(0);
  });
});

describe('term numbering', () => {
  it('when members search for words no bio uses, then the numbering does not grow', () => {
    toBioTerms('Weekend potter');
    const unseen = 'zyxwvutsrq';
    expect(knownTermId(unseen)).toBe(-1);
    const { topics, intents } = parsePrompt(`people into ${unseen}`);
    new PromptMatcher(topics, intents).similarity({ interests: [], needs: [], bio: toBioTerms('Weekend potter') });
    expect(knownTermId(unseen)).toBe(-1);
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
  const candidate = (interests: string[], needs: string[], bio: string | null) => ({
    interests: toTagSet(interests),
    needs: toTagSet(needs),
    bio: toBioTerms(bio),
  });
  const score = (prompt: string, c: ReturnType<typeof candidate>) => {
    const { topics, intents } = parsePrompt(prompt);
    const matched: string[] = [];
    return { similarity: new PromptMatcher(topics, intents).similarity(c, matched), matched };
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
