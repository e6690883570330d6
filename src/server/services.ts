// What the HTTP routes are given: the capabilities, already wired to a store and a bus by the composition root.
import type { Bus } from '../bus/bus.js';
import type { LanguageDetector } from '../ingest/index.js';
import type { MediaService } from '../media/index.js';
import type { MaterialsService } from '../materials/index.js';
import type { CounterStore, StrategiesService } from '../strategies/index.js';
import type { Backend } from '../store/database.js';
import type { Db } from '../store/schema.js';
import type { Metrics } from './metrics.js';

export interface Services {
  db: Db;
  backend: Backend;
  bus: Bus;
  languages: LanguageDetector;
  media: MediaService;
  materials: MaterialsService;
  strategies: StrategiesService;
  /** The counters the pipeline updates; /v1/decide reads them. */
  counters: CounterStore;
  metrics: Metrics;
  /** Called after events were accepted: wakes the decision pipeline instead of waiting for its next poll. */
  afterIngest?: () => void;
  /** Called after a verdict: wakes the webhook deliverer. */
  afterReview?: () => void;
  clock: () => Date;
}
