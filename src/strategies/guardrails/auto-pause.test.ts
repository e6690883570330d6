import { describe, expect, it } from 'vitest';
import { pauseReason } from './auto-pause.js';
import { DEFAULT_GUARDRAILS } from './settings.js';

const s = DEFAULT_GUARDRAILS.auto_pause;
const HOUR = 3_600_000;

describe('the auto-pause rule', () => {
  it('pauses past 5% of evaluated events once there are 50 hits', () => {
    expect(pauseReason({ hits: 51, evaluated: 1000, trailingHits7d: 0, elapsedMs: HOUR }, s)).toMatch(/51 hits on 1000 events \(5\.1%\)/);
    expect(pauseReason({ hits: 50, evaluated: 1000, trailingHits7d: 0, elapsedMs: HOUR }, s)).toBeNull(); // exactly 5%
    expect(pauseReason({ hits: 49, evaluated: 100, trailingHits7d: 0, elapsedMs: HOUR }, s)).toBeNull(); // too few hits to judge
  });
  it('pauses past 10x the trailing 7-day rate', () => {
    // 168 hits a week = 1 per hour; 2 hours in, 21 would be expected at 10x... the limit is 20.
    expect(pauseReason({ hits: 60, evaluated: 100_000, trailingHits7d: 168, elapsedMs: 2 * HOUR }, s)).toMatch(/predicts 2\.0: more than 10x/);
    expect(pauseReason({ hits: 60, evaluated: 100_000, trailingHits7d: 168 * 4, elapsedMs: 2 * HOUR }, s)).toBeNull();
  });
  it('only within 24 hours of going live, and not when disabled', () => {
    expect(pauseReason({ hits: 500, evaluated: 1000, trailingHits7d: 0, elapsedMs: 25 * HOUR }, s)).toBeNull();
    expect(pauseReason({ hits: 500, evaluated: 1000, trailingHits7d: 0, elapsedMs: HOUR }, { ...s, enabled: false })).toBeNull();
  });
});
