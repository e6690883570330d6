import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffBaseMs, DEFAULT_MAX_ATTEMPTS, defaultBackoff } from './backoff.js';
import { computeSignature, signatureHeader, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test_0123456789abcdef';
const body = '{"id":"wh_1.a1","type":"action.created","data":{"action":{"seq":1}}}';
const now = new Date('2026-11-01T10:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret, as the v1 scheme', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(computeSignature(secret, ts, body)).toBe(expected);
    expect(signatureHeader(secret, ts, body)).toBe(`v1=${expected}`);
    // The raw bytes sign the same as the text.
    expect(computeSignature(secret, ts, Buffer.from(body))).toBe(expected);
  });

  it('verifies a genuine request and refuses a tampered body, another secret or timestamp, and a stale one', () => {
    const header = signatureHeader(secret, ts, body);
    expect(verifyWebhookSignature(secret, header, String(ts), body, now)).toBe(true);
    expect(verifyWebhookSignature(secret, header, ts, Buffer.from(body), now)).toBe(true);
    expect(verifyWebhookSignature(secret, header, ts, body.replace('"seq":1', '"seq":2'), now)).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, header, ts, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, header, ts + 1, body, now)).toBe(false);
    // Outside the tolerance around the receiver's clock: a replay of an old request.
    const later = new Date(now.getTime() + 301_000);
    expect(verifyWebhookSignature(secret, header, ts, body, later)).toBe(false);
    expect(verifyWebhookSignature(secret, header, ts, body, later, 600)).toBe(true);
  });

  it('accepts any one matching v1 signature (a rotation) and refuses malformed headers', () => {
    const good = signatureHeader(secret, ts, body);
    const other = signatureHeader('whsec_other_secret_xyz', ts, body);
    expect(verifyWebhookSignature(secret, `${other}, ${good}`, ts, body, now)).toBe(true);
    for (const bad of [undefined, '', 'v1=', 'v1=zz', good.replace('v1=', 'v0='), good.slice(0, -2), 'nonsense']) {
      expect(verifyWebhookSignature(secret, bad, ts, body, now), String(bad)).toBe(false);
    }
    expect(verifyWebhookSignature(secret, good, undefined, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, good, 'soon', body, now)).toBe(false);
  });
});

describe('retry schedule', () => {
  it('doubles from a minute to a six-hour cap, with the default attempts spread over about a day', () => {
    expect([1, 2, 3, 9, 10, 11, 20].map(backoffBaseMs)).toEqual([60_000, 120_000, 240_000, 15_360_000, 21_600_000, 21_600_000, 21_600_000]);
    let total = 0;
    for (let attempt = 1; attempt < DEFAULT_MAX_ATTEMPTS; attempt++) total += backoffBaseMs(attempt);
    expect(total / 3_600_000).toBeGreaterThan(18);
    expect(total / 3_600_000).toBeLessThan(24);
  });

  it('jitters each pause by at most 20%', () => {
    expect(defaultBackoff(3, () => 0)).toBe(192_000);
    expect(defaultBackoff(3, () => 0.999999)).toBeLessThanOrEqual(288_000);
    expect(defaultBackoff(3, () => 0.5)).toBe(240_000);
  });
});
