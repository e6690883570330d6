// Prometheus metrics: request latency, events ingested, bus lag. Served at /metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  eventsIngested: Counter<'status'>;
  busLag: Gauge<'topic' | 'group'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'vigil_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsIngested: new Counter({ name: 'vigil_events_ingested_total', help: 'Events acknowledged by POST /v1/events', labelNames: ['status'], registers: [registry] }),
    busLag: new Gauge({ name: 'vigil_bus_lag_messages', help: 'Messages published but not yet acknowledged by a consumer group', labelNames: ['topic', 'group'], registers: [registry] }),
  };
}
