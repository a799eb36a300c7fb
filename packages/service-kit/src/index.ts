export { AppError, parseOrThrow } from './app-error.js';
export { ConfigError, loadEnvFile, parseEnv, runMain } from './env.js';
export { BODY_LIMIT, errorBody, errorHandler, jsonBody, notFound, toAppError } from './http.js';
export { createHttpLogger, createLogger, logCrashes, requestId, requestIdOf, type Logger } from './logger.js';
export { loggableError, type LoggableError } from './loggable-error.js';
export { listen, type ListenOptions } from './listen.js';
export { createMetrics, registerGauge, type Metrics } from './metrics.js';
export { shutdownGracefully, type ShutdownOptions } from './shutdown.js';
export { createServiceApp } from './service-app.js';
