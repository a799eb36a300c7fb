import { PromptMatcher } from '../src/factors/prompt.js';
import { LEARNED_STRENGTH, normaliseTag, tagSimilarity } from '../src/lexicon.js';
import { poolFromProfiles } from '../src/pool.js';
import { expandTopics, parsePrompt } from '../src/prompt-parser.js';
import { TagSenses } from '../src/tag-senses.js';
import { TermDictionary } from '../src/terms.js';
import { wordsOnlyCandidate } from './support.js';

/** What a community of budget travellers would teach the index: "backpacking" is travel to them. */
const senses = new TagSenses([{ key: 'backpack', concepts: ['travel'], loose: ['hiking'], members: 214 }]);
const noSynonyms = { synonymsOf: () => [] };

function coverage(topicsOf: string, tags: string[], readWith: TagSenses): { similarity: number; answers: boolean } {
  const terms = new TermDictionary();
  const pool = poolFromProfiles([wordsOnlyCandidate('c', { interests: tags })], terms, readWith);
  const topics = expandTopics(parsePrompt(topicsOf).topics, { ...noSynonyms, senses: readWith });
  const matcher = new PromptMatcher(terms, pool, topics, []);
  const lists = {
    tags: pool.lists,
    interests: pool.start[0]!,
    interestCount: pool.interestCount[0]!,
    needs: pool.start[0]! + pool.interestCount[0]!,
    needCount: 0,
    terms: pool.lists,
    bio: 0,
    bioCount: 0,
  };
  return { similarity: matcher.similarity(lists), answers: matcher.answers(lists) };
}

describe('tag senses', () => {
  it('when a tag has a learned sense, then it names that concept and keeps the lexicon’s loosely; other tags are unchanged', () => {
    const tag = senses.read('Backpacking');
    expect([...tag.concepts]).toEqual(['travel']);
    expect([...tag.loose!]).toEqual(['hiking']);
    expect(tag.key).toBe('backpack');
    expect(tagSimilarity(tag, normaliseTag('travel'))).toBe(1);
    expect(tagSimilarity(tag, normaliseTag('hiking'))).toBeLessThan(1);
    expect(senses.read('hiking')).toEqual(normaliseTag('hiking'));
    expect([...TagSenses.NONE.read('backpacking').concepts]).toEqual(['hiking']);
  });

  it('when a request names such a tag, then it asks for the sense, the lexicon’s concept loosely, and says where it was learned', () => {
    const [topic] = expandTopics(parsePrompt('backpacking').topics, { ...noSynonyms, senses });
    expect(topic!.refs).toEqual([
      { id: 'travel', strength: 1 },
      { id: 'hiking', strength: LEARNED_STRENGTH },
    ]);
    expect(topic!.note).toBe("travel, learned from 214 members' profiles");
  });

  it('when a hiking search meets a member tagged backpacking, then it ranks them loosely and they do not answer', () => {
    expect(coverage('hiking', ['backpacking'], senses)).toEqual({ similarity: LEARNED_STRENGTH, answers: false });
    expect(coverage('hiking', ['backpacking'], TagSenses.NONE)).toEqual({ similarity: 1, answers: true });
    expect(coverage('travel', ['backpacking'], senses)).toEqual({ similarity: 1, answers: true });
    expect(coverage('backpacking', ['hiking'], senses)).toEqual({ similarity: LEARNED_STRENGTH, answers: false });
  });
});
