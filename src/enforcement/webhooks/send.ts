// One delivery attempt over HTTP: the stored payload as the body, signed with the endpoint's secret and
// this attempt's timestamp, under a time limit. A 2xx answer is success; any other answer, a redirect
// (not followed), a network error or the time limit is a failure to retry.
import type { AttemptResult, ClaimedDelivery } from './queue.js';
import { ATTEMPT_HEADER, DELIVERY_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeader, TIMESTAMP_HEADER } from './signature.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const USER_AGENT = 'Vigil-Webhooks/1';
/** How much of a failed answer's body is kept as its error. */
const ERROR_BODY_CHARS = 300;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The exact text sent: the same for every attempt of a delivery, since the stored payload does not change
 * (jsonb hands its keys back in one fixed order). The envelope's keys are put first for people reading it.
 */
export function bodyOf(delivery: Pick<ClaimedDelivery, 'payload'>): string {
  const { id, type, created_at, ...rest } = delivery.payload;
  return JSON.stringify({ id, type, created_at, ...rest });
}

export function requestHeaders(delivery: Pick<ClaimedDelivery, 'id' | 'event_type' | 'attempts' | 'secret'>, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    [DELIVERY_ID_HEADER]: delivery.id,
    [EVENT_TYPE_HEADER]: delivery.event_type,
    [ATTEMPT_HEADER]: String(delivery.attempts),
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signatureHeader(delivery.secret, timestamp, body),
  };
}

async function excerpt(res: Response): Promise<string> {
  try {
    const text = (await res.text()).replace(/\s+/g, ' ').trim();
    return text.length > ERROR_BODY_CHARS ? `${text.slice(0, ERROR_BODY_CHARS)}…` : text;
  } catch {
    return '';
  }
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message ?? 'request failed'} (${cause})` : (e?.message ?? String(err));
}

export async function attemptDelivery(delivery: ClaimedDelivery, now: Date, options: { fetch?: FetchLike; timeoutMs?: number } = {}): Promise<AttemptResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const body = bodyOf(delivery);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await (options.fetch ?? fetch)(delivery.url, { method: 'POST', headers: requestHeaders(delivery, body, now), body, redirect: 'manual', signal });
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: true, statusCode: res.status };
    }
    const text = await excerpt(res);
    const location = res.status >= 300 && res.status < 400 ? ` redirect to ${res.headers.get('location') ?? '?'} (not followed)` : '';
    return { ok: false, statusCode: res.status, error: `HTTP ${res.status}${location}${text ? `: ${text}` : ''}` };
  } catch (err) {
    return { ok: false, statusCode: null, error: describe(err, timeoutMs) };
  }
}
