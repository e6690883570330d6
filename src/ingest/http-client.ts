// A client for Vigil's ingest API that never gives up on accepted input: batches are retried on network
// errors, 5xx and 429 with backoff until acknowledged; a 4xx other than 429 is the sender's fault and is
// returned, not retried. Used by `vigil ingest` and the simulator's HTTP sink.
export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Called before each retry, e.g. to print "server unavailable, retrying". */
  onRetry?: (attempt: number, reason: string) => void;
  maxBackoffMs?: number;
  /** Give up after this long without an answer (default: never). */
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type BatchOutcome =
  | { ok: true; accepted: number; duplicates: number }
  | { ok: false; status: number; error: string; message: string };

export class VigilClient {
  constructor(private readonly options: ClientOptions) {}

  private async withRetry(what: string, attempt: () => Promise<Response>): Promise<Response> {
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    const started = Date.now();
    for (let n = 1; ; n++) {
      let reason: string;
      try {
        const res = await attempt();
        if (res.status < 500 && res.status !== 429) return res;
        reason = `${what}: HTTP ${res.status}`;
        await res.body?.cancel();
      } catch (err) {
        reason = `${what}: ${(err as Error).cause ? String((err as Error & { cause: Error }).cause.message ?? (err as Error).cause) : (err as Error).message}`;
      }
      if (this.options.deadlineMs !== undefined && Date.now() - started > this.options.deadlineMs) throw new Error(`gave up after ${n} attempts: ${reason}`);
      this.options.onRetry?.(n, reason);
      await sleep(Math.min(this.options.maxBackoffMs ?? 5_000, 100 * 2 ** Math.min(n - 1, 8)));
    }
  }

  private headers(contentType: string) {
    return { authorization: `Bearer ${this.options.apiKey}`, 'content-type': contentType };
  }

  /** Posts one batch; resolves once the server acknowledged it (after commit) or refused it with a 4xx. */
  async postEvents(events: unknown[] | string): Promise<BatchOutcome> {
    const body = typeof events === 'string' ? events : JSON.stringify({ events });
    const res = await this.withRetry('POST /v1/events', () => fetch(`${this.options.baseUrl}/v1/events`, { method: 'POST', headers: this.headers('application/json'), body }));
    const json = (await res.json().catch(() => ({}))) as { accepted?: number; duplicates?: number; error?: string; message?: string };
    if (res.ok) return { ok: true, accepted: json.accepted ?? 0, duplicates: json.duplicates ?? 0 };
    return { ok: false, status: res.status, error: json.error ?? 'error', message: json.message ?? res.statusText };
  }

  /** Uploads media bytes unless the server already has them; returns the sha256 it stored them under. */
  async putMedia(bytes: Uint8Array, mime: string): Promise<{ sha256: string }> {
    const res = await this.withRetry('POST /v1/media', () => fetch(`${this.options.baseUrl}/v1/media`, { method: 'POST', headers: this.headers(mime), body: bytes }));
    const json = (await res.json().catch(() => ({}))) as { sha256?: string; message?: string };
    if (!res.ok || !json.sha256) throw new Error(`media upload refused (HTTP ${res.status}): ${json.message ?? res.statusText}`);
    return { sha256: json.sha256 };
  }

  async hasMedia(sha256: string): Promise<boolean> {
    const res = await this.withRetry('GET /v1/media', () => fetch(`${this.options.baseUrl}/v1/media/${sha256}`, { headers: this.headers('application/json') }));
    await res.body?.cancel();
    return res.ok;
  }

  async getJson<T>(path: string): Promise<T> {
    const res = await this.withRetry(`GET ${path}`, () => fetch(`${this.options.baseUrl}${path}`, { headers: this.headers('application/json') }));
    const json = (await res.json()) as T & { message?: string };
    if (!res.ok) throw new Error(`GET ${path} refused (HTTP ${res.status}): ${json.message}`);
    return json;
  }
}
