export { createApp, type AppDeps } from './app.js';
export { loadMatchingConfig, matchingEnvSchema, type MatchingConfig } from './config.js';
export { candidateStatement, ProfileRepository, type CandidateQuery } from './data-access/profile-repository.js';
export { findMatches } from './domain/match-use-case.js';
export { VERSION } from './version.js';
