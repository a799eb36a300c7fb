export { createApp, type AppDeps } from './app.js';
export { loadMatchingConfig, matchingEnvSchema, type MatchingConfig } from './config.js';
export { createMatchingService, type MatchingService, type MatchingServiceOptions } from './service.js';
export { CandidateIndex, type PoolQuery } from './index/candidate-index.js';
export { type RequesterRow } from './data-access/member-repository.js';
export { findMatches, planMatch, type MatchPlan, type MatchSettings } from './domain/match-use-case.js';
export { VERSION } from './version.js';
