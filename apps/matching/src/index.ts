export { createApp, type AppDeps } from './app.js';
export { loadMatchingConfig, matchingEnvSchema, SEARCH_ADMISSION, type MatchingConfig } from './config.js';
export { createMatchingService, type MatchingService, type MatchingServiceOptions } from './service.js';
export { CandidateIndex } from './index/candidate-index.js';
export type { PoolQuery, Requester } from './domain/ports.js';
export { findMatches, planMatch, type MatchPlan, type MatchSettings } from './domain/match-use-case.js';
export { VERSION } from './version.js';
