export * from './common.js';
export * from './errors.js';
export * from './explanation.js';
export * from './internal-api.js';
export * from './public-api.js';
export * from './openapi.js';
