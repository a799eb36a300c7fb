export { createGatewayApp, type GatewayDeps } from './app.js';
export { gatewayEnvSchema, loadGatewayConfig, type GatewayConfig } from './config.js';
export { MatchingClient, type MatchingClientOptions } from './data-access/matching-client.js';
export { publicDistance, toPublicMatch } from './domain/search-use-case.js';
export { createTokenVerifier, requireUser, type TokenVerifier } from './entry-points/api/auth.js';
