// Webhook signatures, Stripe-style: `vigil-signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`,
// with `vigil-timestamp` in Unix seconds. Signing the timestamp with the body lets a receiver refuse
// replays of an old request; the `v1=` scheme leaves room for another algorithm (or, during a secret
// rotation, several signatures separated by commas).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'vigil-signature';
export const TIMESTAMP_HEADER = 'vigil-timestamp';
export const DELIVERY_ID_HEADER = 'vigil-delivery-id';
export const EVENT_TYPE_HEADER = 'vigil-event-type';
export const ATTEMPT_HEADER = 'vigil-attempt';

/** The default window a receiver accepts around its own clock, in seconds. */
export const DEFAULT_TOLERANCE_SEC = 300;

/** The hex HMAC-SHA256 of `${timestamp}.${body}` keyed with the secret's UTF-8 bytes. */
export function computeSignature(secret: string, timestamp: number | string, body: string | Uint8Array): string {
  // The body is hashed as the bytes that travel, so a receiver holding a Buffer need not decode it.
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex');
}

/** The value of the vigil-signature header. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `v1=${computeSignature(secret, timestamp, body)}`;
}

/**
 * What a receiver calls on each request: true when one `v1=` signature in the header matches the body
 * signed with the timestamp, and the timestamp lies within `toleranceSec` of `now`. The body must be the
 * raw request body, exactly as received (not re-serialised JSON).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined | null,
  timestamp: string | number | undefined | null,
  body: string | Uint8Array,
  now: Date,
  toleranceSec = DEFAULT_TOLERANCE_SEC,
): boolean {
  if (!header || timestamp === undefined || timestamp === null) return false;
  const ts = String(timestamp).trim();
  if (!/^\d{1,12}$/.test(ts)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > toleranceSec) return false;
  const expected = Buffer.from(computeSignature(secret, ts, body), 'hex');
  for (const part of header.split(',')) {
    const [scheme, value] = part.trim().split('=', 2);
    if (scheme !== 'v1' || !value || !/^[0-9a-f]{64}$/i.test(value)) continue;
    if (timingSafeEqual(Buffer.from(value, 'hex'), expected)) return true;
  }
  return false;
}
