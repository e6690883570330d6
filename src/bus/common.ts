// Small pieces both buses share: checking subscribe options and filling in their defaults, turning a handler's failure into the
// text stored with a retry or dead letter, and the default place background failures are reported.
import { defaultRetryDelayMs, type SubscribeOptions } from './bus.js';

const MAX_ERROR_LENGTH = 2000;

export const reportToStderr = (err: unknown, context: string) => console.error(`[vigil bus] ${context}:`, err);

export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

export function checkSubscribeOptions<T>(options: SubscribeOptions<T>): void {
  if (!options.topic) throw new TypeError('subscribe needs a topic');
  if (!options.group) throw new TypeError('subscribe needs a group');
  if (typeof options.handler !== 'function') throw new TypeError('subscribe needs a handler');
  const { maxAttempts } = options;
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1)) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
}

/** The pause before the next attempt, from the subscriber's retryDelayMs: never negative, never NaN. */
export function retryDelay(retryDelayMs: (attempt: number) => number, attempt: number): number {
  const ms = Number(retryDelayMs(attempt));
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** Messages a subscription holds in memory at most (read ahead of its handlers). */
const BUFFER_LIMIT = 1000;

/** A subscription's settings with the defaults documented on SubscribeOptions filled in. */
export function resolveSubscribeOptions<T>(options: SubscribeOptions<T>) {
  const concurrency = options.concurrency ?? 16;
  return {
    concurrency,
    maxAttempts: options.maxAttempts ?? 10,
    retryDelayMs: options.retryDelayMs ?? defaultRetryDelayMs,
    bufferLimit: Math.max(BUFFER_LIMIT, concurrency * 2),
  };
}
