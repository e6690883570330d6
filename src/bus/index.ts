// The bus as the rest of Vigil sees it: the interface, exactly-once processing on the consumer side,
// and one factory that picks the implementation (JetStream when a NATS URL is configured, the embedded
// outbox bus otherwise). Capabilities import this file, never outbox/ or jetstream/ directly.
import type { Db } from '../store/schema.js';
import type { Bus } from './bus.js';
import { JetStreamBus } from './jetstream/jetstream-bus.js';
import { OutboxBus } from './outbox/outbox-bus.js';

export type { Bus, BusMessage, Delivery, SubscribeOptions, Subscription } from './bus.js';
export { defaultRetryDelayMs } from './bus.js';
export { startOrderedConsumer, type OrderedConsumer, type OrderedConsumerOptions, type OrderedMessage } from './ordered-log.js';
export { processOnce, processBatchOnce, batchingHandler, type BatchingOptions } from './inbox.js';

export interface CreateBusOptions {
  db: Db;
  /** A NATS server with JetStream; when absent the embedded outbox bus is used. */
  natsUrl?: string;
  /** JetStream only: the stream name (and subject prefix). Default "VIGIL". */
  streamName?: string;
  /** The clock for retry times and dead letters. Default: the system clock. */
  now?: () => Date;
  /** Where background failures are reported. Default: stderr. */
  onError?: (err: unknown, context: string) => void;
}

export async function createBus(options: CreateBusOptions): Promise<Bus> {
  const { db, natsUrl, streamName, now, onError } = options;
  if (natsUrl) return JetStreamBus.connect({ db, natsUrl, streamName, now, onError });
  return new OutboxBus({ db, now, onError });
}
