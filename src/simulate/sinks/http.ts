// Sends events to a running Vigil over HTTP: batches of at most 1000 events and under 1 MB to
// `POST /v1/events` as `{ "events": [...] }`, media bytes to `POST /v1/media`. Network errors, 5xx and
// 429 are retried with exponential backoff (honouring Retry-After) until Vigil acknowledges, because
// an accepted simulation must not silently lose events; any other 4xx is a bug and fails at once.
import type { VigilEvent } from '../../domain/index.js';
import type { EventSink, MediaKind } from './sink.js';

export const MAX_BATCH_EVENTS = 1000;
/** Strictly under Vigil's 1 MiB body limit, with room for the envelope. */
export const MAX_BATCH_BYTES = 1_000_000;

export interface HttpTransportOptions {
  baseUrl: string;
  apiKey: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Waits between retries; injected so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Stops retrying when aborted. */
  signal?: AbortSignal;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Told about every failed attempt that will be retried. */
  onRetry?: (info: { url: string; attempt: number; status?: number; error?: string; waitMs: number }) => void;
}

export class HttpRejectedError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${url} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'HttpRejectedError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** POSTs until the server acknowledges (2xx); answers the response body text. */
export async function postUntilAcknowledged(options: HttpTransportOptions, route: string, body: string | Uint8Array, contentType: string): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const url = `${options.baseUrl.replace(/\/+$/, '')}${route}`;
  let backoff = options.initialBackoffMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new Error(`sending to ${url} aborted after ${attempt - 1} attempt(s)`);
    let status: number | undefined;
    let error: string | undefined;
    let wait = backoff;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': contentType },
        body,
        signal: options.signal,
      });
      const text = await response.text();
      if (response.ok) return text;
      status = response.status;
      if (status !== 429 && status < 500) throw new HttpRejectedError(url, status, text);
      wait = retryAfterMs(response) ?? backoff;
    } catch (err) {
      if (err instanceof HttpRejectedError) throw err;
      if (options.signal?.aborted) throw err;
      error = err instanceof Error ? err.message : String(err);
    }
    options.onRetry?.({ url, attempt, status, error, waitMs: wait });
    await sleep(wait);
    backoff = Math.min(options.maxBackoffMs ?? 30_000, backoff * 2);
  }
}

/** Splits events into batches Vigil accepts: at most 1000 events and MAX_BATCH_BYTES of body. */
export function splitIntoBatches(events: VigilEvent[], maxEvents = MAX_BATCH_EVENTS, maxBytes = MAX_BATCH_BYTES): string[] {
  const envelope = Buffer.byteLength('{"events":[]}');
  const bodies: string[] = [];
  let parts: string[] = [];
  let bytes = envelope;
  const flush = () => {
    if (parts.length) bodies.push(`{"events":[${parts.join(',')}]}`);
    parts = [];
    bytes = envelope;
  };
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = Buffer.byteLength(json) + (parts.length ? 1 : 0);
    if (envelope + Buffer.byteLength(json) > maxBytes) throw new RangeError(`event ${event.id} alone is larger than a batch may be (${maxBytes} bytes)`);
    if (parts.length >= maxEvents || bytes + size > maxBytes) flush();
    parts.push(json);
    bytes += Buffer.byteLength(json) + (parts.length > 1 ? 1 : 0);
  }
  flush();
  return bodies;
}

export function httpSink(options: HttpTransportOptions): EventSink {
  return {
    async putMedia(bytes: Buffer, _kind: MediaKind, mime: string) {
      const text = await postUntilAcknowledged(options, '/v1/media', new Uint8Array(bytes), mime);
      const answer = JSON.parse(text) as { sha256?: unknown };
      if (typeof answer.sha256 !== 'string') throw new Error(`/v1/media answered without a sha256: ${text.slice(0, 200)}`);
      return { sha256: answer.sha256 };
    },
    async send(events: VigilEvent[]) {
      for (const body of splitIntoBatches(events)) await postUntilAcknowledged(options, '/v1/events', body, 'application/json');
    },
    async close() {},
  };
}
