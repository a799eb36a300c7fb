export * from './constraints.js';
export * from './geo.js';
export * from './prompt-parser.js';
export * from './ranker.js';
export * from './types.js';
export * from './weights.js';
export { RELATIONSHIP_INTENTS, TOPIC_CONCEPTS, INTENT_CONCEPTS, type RelationshipIntent } from './lexicon-data.js';
export { normaliseTag, phraseKey, searchConcepts, searchTopics, type SearchConcept, type SearchTopics } from './lexicon.js';
export { conceptTerm } from './features.js';
