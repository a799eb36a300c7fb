export * from './constraints.js';
export * from './geo.js';
export * from './prompt-parser.js';
export * from './ranker.js';
export * from './types.js';
export * from './weights.js';
export { RELATIONSHIP_INTENTS, TOPIC_CONCEPTS, INTENT_CONCEPTS, type RelationshipIntent } from './lexicon-data.js';
export {
  LEARNED_STRENGTH,
  normaliseTag,
  phraseKey,
  SYNONYM_STRENGTH,
  type NormalisedTag,
  searchConcepts,
  searchTopics,
  type SearchConcept,
  type SearchTopics,
} from './lexicon.js';
export {
  conceptTerm,
  hasTerm,
  hasTermIn,
  toBioTerms,
  toTagSet,
  type BioTerms,
  type TagReader,
  type TagSet,
} from './features.js';
export { distinctTagIds, poolFromProfiles, ScoringScratch, type CandidatePool } from './pool.js';
export { TermDictionary } from './terms.js';
export { TagMemo } from './factors/tag-memo.js';
export { BoundedCache } from './bounded-cache.js';
export { senseNote, TagSenses, type TagSense } from './tag-senses.js';
