export * from './profiles.js';
export { Random } from './random.js';
export { RelationsGenerator, type SyntheticRelation } from './relations.js';
