// The computed priority, checked against values worked out by hand from the documented formula.
import { describe, expect, it } from 'vitest';
import { computePriority, DEFAULT_PRIORITY_CONFIG, expectedHandleSeconds, likelihood, projectedReach, type PriorityInput } from './value.js';

const t0 = Date.parse('2026-06-01T12:00:00Z');
const base: PriorityInput = { evidence: {}, tier: 2, reach: {}, modality: 'video', mediaSeconds: 30, createdAt: t0, deadline: t0 + 60 * 60_000, now: t0 };

describe('computed priority', () => {
  it('takes a model score over everything else, else the best source posterior or the reports', () => {
    expect(likelihood({ modelScore: 0.93, sources: [{ upheld: 0, decided: 10 }] })).toBe(0.93);
    // Beta(1, 1) prior: (8 + 1) / (10 + 2) = 0.75 beats (1 + 1) / (4 + 2) = 1/3.
    expect(likelihood({ sources: [{ upheld: 8, decided: 10 }, { upheld: 1, decided: 4 }] })).toBeCloseTo(0.75, 12);
    // A declared prior of 0.9 with strength 2: (0 + 1.8) / (2 + 2) = 0.45 after two rejected verdicts.
    expect(likelihood({ sources: [{ upheld: 0, decided: 2, prior: 0.9 }] })).toBeCloseTo(0.45, 12);
    // Two reports, weights 1 and 0.5: 1 − (1 − 0.3)(1 − 0.15) = 0.405.
    expect(likelihood({ reports: [1, 0.5] })).toBeCloseTo(0.405, 12);
    expect(likelihood({})).toBe(0.5);
  });

  it('projects reach from views and velocity, or a stream’s viewers over the horizon', () => {
    expect(projectedReach({ views: 1000, viewVelocity: 50 })).toBe(1000 + 50 * 60);
    expect(projectedReach({ views: 1000, liveViewers: 200 })).toBe(200 * 60);
    expect(expectedHandleSeconds('video', 120)).toBe(60 + 60);
    expect(expectedHandleSeconds(null, null)).toBe(DEFAULT_PRIORITY_CONFIG.defaultHandleSeconds);
  });

  it('multiplies likelihood, severity and reach, divides by handle minutes, and adds deadline pressure', () => {
    const p = computePriority({ ...base, evidence: { modelScore: 0.8 }, reach: { views: 999 } });
    // 0.8 × 30 × (1 + log10(1000)) / ((60 + 15) / 60) = 0.8 × 30 × 4 / 1.25 = 76.8
    expect(p.priority).toBeCloseTo(76.8, 9);
    // Half the SLA gone: 20 × 0.5² = 5 more.
    expect(computePriority({ ...base, evidence: { modelScore: 0.8 }, reach: { views: 999 }, now: t0 + 30 * 60_000 }).priority).toBeCloseTo(81.8, 9);
    // Past twice the SLA the pressure stops growing: 20 × 2² = 80.
    expect(computePriority({ ...base, now: t0 + 500 * 60_000 }).deadlinePressure).toBe(80);
  });

  it('ranks a stream that gains viewers above the same stream before', () => {
    const quiet = computePriority({ ...base, modality: 'livestream', mediaSeconds: null, reach: { liveViewers: 10 } });
    const busy = computePriority({ ...base, modality: 'livestream', mediaSeconds: null, reach: { liveViewers: 5000 } });
    expect(busy.priority).toBeGreaterThan(quiet.priority);
  });

  it('ranks a severe item above a mild one with the same evidence and reach', () => {
    expect(computePriority({ ...base, tier: 1 }).priority).toBeGreaterThan(computePriority({ ...base, tier: 4 }).priority);
  });
});
