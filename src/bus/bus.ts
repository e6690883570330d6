// The event-stream interface every capability publishes to and consumes from. Two implementations:
// the embedded outbox bus (delivery straight from the outbox table) and NATS JetStream (the outbox
// relayed to a stream). Both publish inside the caller's database transaction, so a message exists
// exactly when the change that produced it was committed.
import type { Executor } from '../store/schema.js';

export interface BusMessage<T = unknown> {
  topic: string;
  /** Messages with the same key are delivered in publish order (except redeliveries after a failure). */
  key: string;
  /** Unique per message; consumers use it to apply effects exactly once. */
  id: string;
  payload: T;
}

export interface Delivery<T = unknown> extends BusMessage<T> {
  /** 1 on first delivery, then 2, 3, ... on redeliveries. */
  attempt: number;
}

export interface SubscribeOptions<T> {
  topic: string;
  /** Consumer group: each message is delivered to one member of each group. Durable across restarts. */
  group: string;
  /** Resolve to acknowledge; throw to have the message redelivered later. */
  handler: (delivery: Delivery<T>) => Promise<void>;
  /** Messages handled at once (distinct keys run in parallel, one key in order). Default 16. */
  concurrency?: number;
  /** After this many failed attempts the message is parked as a dead letter. Default 10. */
  maxAttempts?: number;
  /** Delay before redelivery number `attempt` + 1, in ms. Default exponential from 200 ms, capped at 30 s. */
  retryDelayMs?: (attempt: number) => number;
}

export interface Subscription {
  /** Stops taking new messages and waits for the ones being handled. */
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'outbox' | 'jetstream';
  /** Writes the messages in the caller's transaction (or autocommit when given the Db itself). */
  publish(tx: Executor, messages: BusMessage[]): Promise<void>;
  subscribe<T>(options: SubscribeOptions<T>): Subscription;
  /** Messages published but not yet acknowledged by the group (for /metrics and the console). */
  lag(topic: string, group: string): Promise<number>;
  /** Stops every subscription (waiting for in-flight handlers) and background relays. */
  close(): Promise<void>;
}

export const defaultRetryDelayMs = (attempt: number) => Math.min(30_000, 200 * 2 ** (attempt - 1));
