export * from './profiles.js';
export { Random } from './random.js';
