import { registerGauge, type Admission } from '@circle-match/service-kit';
import type { Registry } from 'prom-client';

/** Searches running and waiting their turn, read at each scrape: a queue that stays long means too few replicas. */
export function registerAdmissionMetrics(registry: Registry, admission: Admission): void {
  registerGauge(
    registry,
    'matching_searches_running',
    'Searches being worked on (at most SEARCH_CONCURRENCY)',
    () => admission.running,
  );
  registerGauge(
    registry,
    'matching_searches_waiting',
    'Searches waiting for their turn (refused with 503 past SEARCH_MAX_WAITING)',
    () => admission.waiting,
  );
}
