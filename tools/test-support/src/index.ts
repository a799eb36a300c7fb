export { insertProfiles, profile, type ProfileFixture } from './profiles.js';
export { insertRelations, type Relations } from './relations.js';
export {
  createTestDatabase,
  startTestDatabaseServer,
  testDatabaseSchema,
  type TestDatabase,
  type TestDatabaseServer,
} from './test-database.js';
export { startTcpProxy, startTcpProxyFor, type TcpProxy } from './tcp-proxy.js';
export { findNginx, renderTemplate, startNginx, type NginxOptions, type RunningNginx } from './nginx.js';
export { freePort } from './ports.js';
export { startRestartableDatabase, type RestartableDatabase } from './restartable-database.js';
export { backToBack, type BackToBack } from './back-to-back.js';
export { COMPOSE_SERVICE, composeEnvironment, readCompose } from './compose.js';
export { leaksIn, logSink, type LogSink } from './log-sink.js';
export { rssMb } from './processes.js';
