export { createApp, type AppDeps } from './app.js';
export { loadMatchingConfig, matchingEnvSchema, type MatchingConfig } from './config.js';
export {
  nearestStatement,
  ProfileRepository,
  queryCandidatePool,
  topicStatement,
  topicWalkStatement,
  useCandidateSession,
  type CandidateQuery,
  type RequesterRow,
  type SqlStatement,
} from './data-access/profile-repository.js';
export { findMatches, planMatch, type MatchPlan, type MatchSettings } from './domain/match-use-case.js';
export { VERSION } from './version.js';
