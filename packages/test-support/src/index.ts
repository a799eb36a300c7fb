export { insertProfiles, profile, type ProfileFixture } from './profiles.js';
export { createTestDatabase, startTestDatabaseServer, type TestDatabase, type TestDatabaseServer } from './test-database.js';
export { startTcpProxy, startTcpProxyFor, type TcpProxy } from './tcp-proxy.js';
export { findNginx, renderTemplate, startNginx, type NginxOptions, type RunningNginx } from './nginx.js';
export { freePort } from './ports.js';
export { startRestartableDatabase, type RestartableDatabase } from './restartable-database.js';
export { backToBack, type BackToBack } from './back-to-back.js';
export { composeEnvironment, readCompose } from './compose.js';
export { leaksIn, logSink, type LogSink } from './log-sink.js';
