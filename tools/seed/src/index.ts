export { seedProfiles, type SeedOptions } from './seed.js';
export { DEMO_PROFILES, prepareDemo, type Demo } from './demo.js';
export { PROFILE_COLUMNS } from './profile-columns.js';
