export {
  startService,
  stopService,
  waitUntilHealthy,
  type RunningService,
  type ServiceName,
  type StartOptions,
} from './services.js';
