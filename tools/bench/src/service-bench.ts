import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { MatchRequestInput } from '@circle-match/contracts';
import { startService as start, stopService, waitUntilHealthy } from '@circle-match/local-stack';
import { composeEnvironment, rssMb } from '@circle-match/test-support';
import autocannon from 'autocannon';
import { hasWrk, wrkLoad } from './wrk.js';

export interface Service {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a built service (apps/<name>/dist/main.js) with its production environment from
 * docker-compose.production.yml (heap size, pool size, timeouts), overridden by `env`, and waits for its health URL.
 */
export async function startService(
  name: 'matching' | 'gateway',
  env: Record<string, string>,
  port: number,
  healthPath: string,
): Promise<Service> {
  const service = start(
    name,
    { PATH: process.env.PATH, ...composeEnvironment(name), NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    { logs: 'stderr' },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(`${url}${healthPath}`, { service, timeoutMs: 180_000 }); // matching loads its index first (1M members: seconds)
  return {
    url,
    child: service.child,
    async stop() {
      await stopService(service);
    },
  };
}

/** The value of a gauge in a service's GET /metrics (the first sample of that name). */
export async function metricValue(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

/** Samples a process's RSS while `work` runs; returns work's result and the peak. */
export async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  try {
    return { result: await work(), peakMb: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

export interface Call {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Sequential requests over one keep-alive connection: latency of each in ms (after `warmup` calls). */
export async function sequentialLatency(
  baseUrl: string,
  calls: readonly Call[],
  total: number,
  warmup: number,
): Promise<{ times: number[]; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(baseUrl);
  const send = (call: Call): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: call.path,
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', ...call.headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(call.body);
    });
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < warmup + total; i++) {
    const started = performance.now();
    const status = await send(calls[i % calls.length]!);
    if (i >= warmup) {
      times.push(performance.now() - started);
      if (status !== 200) errors++;
    }
  }
  agent.destroy();
  return { times, errors };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** What made the load: wrk when installed (as the performance targets were measured), else autocannon. */
  generator: 'wrk' | 'autocannon';
  /** CPU the load generator spent, ms: on a 2-core machine it competes with what it measures. */
  generatorCpuMs: number;
}

/**
 * Load at a fixed concurrency, cycling through the calls: from wrk when it is installed (Debian package `wrk`; the
 * performance targets were measured with it, and it costs a fraction of autocannon's CPU), else (or with
 * BENCH_LOAD_GENERATOR=autocannon) from autocannon in this process.
 */
export function load(
  baseUrl: string,
  calls: readonly Call[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const useWrk = process.env.BENCH_LOAD_GENERATOR !== 'autocannon' && hasWrk();
  return useWrk ? wrkLoad(baseUrl, calls, connections, seconds) : autocannonLoad(baseUrl, calls, connections, seconds);
}

async function autocannonLoad(
  baseUrl: string,
  calls: readonly Call[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const call = calls[next++ % calls.length]!;
          return {
            ...request,
            path: call.path,
            headers: { ...request.headers, 'content-type': 'application/json', ...call.headers },
            body: call.body,
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    generator: 'autocannon',
    generatorCpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuBefore)),
  };
}

export function matchingCalls(workload: readonly MatchRequestInput[], apiKey: string): Call[] {
  return workload.map((body) => ({
    path: '/api/ml/match',
    headers: { 'X-API-Key': apiKey },
    body: JSON.stringify(body),
  }));
}
