// A client for Vigil's HTTP API that never gives up on accepted input: requests are retried on network
// errors, 5xx and 429 with exponential backoff (honouring Retry-After) until Vigil answers; any other 4xx
// is the sender's fault and is returned, not retried. Used by `vigil ingest` and the simulator.
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

/** A 4xx answer other than 429: retrying would not help. */
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

export type BatchOutcome = { ok: true; accepted: number; duplicates: number } | { ok: false; status: number; error: string; message: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

/** Sends until Vigil answers something other than a network error, 5xx or 429; answers status and body. */
export async function requestUntilAnswered(
  options: HttpTransportOptions,
  method: string,
  route: string,
  body?: string | Uint8Array,
  contentType = 'application/json',
): Promise<{ status: number; text: string }> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const url = `${options.baseUrl.replace(/\/+$/, '')}${route}`;
  let backoff = options.initialBackoffMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new Error(`sending to ${url} aborted after ${attempt - 1} attempt(s)`);
    let status: number | undefined;
    let error: string | undefined;
    let wait = backoff;
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}` };
      if (body !== undefined) headers['content-type'] = contentType;
      const response = await doFetch(url, { method, headers, body, signal: options.signal });
      const text = await response.text();
      if (response.status !== 429 && response.status < 500) return { status: response.status, text };
      status = response.status;
      wait = retryAfterMs(response) ?? backoff;
    } catch (err) {
      if (options.signal?.aborted) throw err;
      error = describeError(err);
    }
    options.onRetry?.({ url, attempt, status, error, waitMs: wait });
    await sleep(wait);
    backoff = Math.min(options.maxBackoffMs ?? 5_000, backoff * 2);
  }
}

const parse = (text: string): Record<string, unknown> => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
};

export class VigilClient {
  constructor(private readonly options: HttpTransportOptions) {}

  /** Posts one batch (an array, or a ready `{"events":[...]}` body); resolves once acknowledged (after commit) or refused with a 4xx. */
  async postEvents(events: unknown[] | string): Promise<BatchOutcome> {
    const body = typeof events === 'string' ? events : JSON.stringify({ events });
    const res = await requestUntilAnswered(this.options, 'POST', '/v1/events', body);
    const json = parse(res.text);
    if (res.status >= 200 && res.status < 300) return { ok: true, accepted: Number(json.accepted ?? 0), duplicates: Number(json.duplicates ?? 0) };
    return { ok: false, status: res.status, error: String(json.error ?? 'error'), message: String(json.message ?? res.text) };
  }

  /** Uploads media bytes; answers the sha256 Vigil stored them under. A refusal throws HttpRejectedError. */
  async putMedia(bytes: Uint8Array, mime: string): Promise<{ sha256: string }> {
    const res = await requestUntilAnswered(this.options, 'POST', '/v1/media', bytes, mime);
    const json = parse(res.text);
    if (res.status >= 300 || typeof json.sha256 !== 'string') throw new HttpRejectedError(`${this.options.baseUrl}/v1/media`, res.status, res.text);
    return { sha256: json.sha256 };
  }

  async hasMedia(sha256: string): Promise<boolean> {
    return (await requestUntilAnswered(this.options, 'GET', `/v1/media/${sha256}`)).status === 200;
  }

  async getJson<T>(route: string): Promise<T> {
    const res = await requestUntilAnswered(this.options, 'GET', route);
    if (res.status !== 200) throw new HttpRejectedError(`${this.options.baseUrl}${route}`, res.status, res.text);
    return JSON.parse(res.text) as T;
  }
}
