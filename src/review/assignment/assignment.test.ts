// The assignment round's rules and quality: eligibility (languages and their relaxation, certification,
// exclusion, budgets), the value's incentives, the solver's hard constraints on random rounds, its
// objective against an independent LP optimum, and what it gains over first-come-first-served.
import { describe, expect, it } from 'vitest';
import { eligible, fcfsRound, pairValue, requiredLevel, solveRound, type ModeratorState, type RoundResult, type WaitingTask } from './index.js';
import { exactRound } from './exact.js';
import { randomRound, ROUND_NOW, type RandomRound } from './instances.js';

const MINUTE = 60_000;
const NOW = ROUND_NOW;

function task(over: Partial<WaitingTask> = {}): WaitingTask {
  return {
    id: 1,
    priority: 1,
    createdAt: NOW - MINUTE,
    deadline: NOW + 60 * MINUTE,
    language: null,
    policy: null,
    modality: null,
    harm: null,
    relaxation: [],
    excluded: [],
    ...over,
  };
}

function moderator(over: Partial<ModeratorState> = {}): ModeratorState {
  return {
    id: 'm1',
    free: 1,
    languages: {},
    certified: new Set(),
    accuracyByPolicy: {},
    accuracy: 0.9,
    handleMsByModality: {},
    handleMs: 60_000,
    exposureLeft: {},
    ...over,
  };
}

const nativeThenFluent = [
  { afterMs: 0, level: 'native' as const },
  { afterMs: 10 * MINUTE, level: 'fluent' as const },
];

/** Every hard rule of a round, checked from the inputs alone; returns the per-moderator counts for further checks. */
function checkRound(round: RandomRound, result: RoundResult): void {
  const { tasks, moderators, now } = round;
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const modById = new Map(moderators.map((m) => [m.id, m]));
  const seen = new Set<number>();
  const perModerator = new Map<string, number>();
  const perCategory = new Map<string, number>();
  let value = 0;
  for (const a of result.assignments) {
    expect(seen.has(a.taskId), `task ${a.taskId} assigned twice`).toBe(false);
    seen.add(a.taskId);
    const t = taskById.get(a.taskId) as WaitingTask;
    const m = modById.get(a.moderatorId) as ModeratorState;
    expect(t).toBeDefined();
    expect(m).toBeDefined();
    expect(eligible(t, m, now), `task ${t.id} → ${m.id} is not eligible`).toBe(true);
    perModerator.set(m.id, (perModerator.get(m.id) ?? 0) + 1);
    if (t.harm !== null) perCategory.set(`${m.id}\u0000${t.harm}`, (perCategory.get(`${m.id}\u0000${t.harm}`) ?? 0) + 1);
    value += pairValue(t, m, now);
  }
  for (const [id, n] of perModerator) expect(n, `moderator ${id} over its free slots`).toBeLessThanOrEqual((modById.get(id) as ModeratorState).free);
  for (const [key, n] of perCategory) {
    const [id, harm] = key.split('\u0000');
    const budget = (modById.get(id) as ModeratorState).exposureLeft[harm];
    if (budget !== undefined) expect(n, `moderator ${id} over its ${harm} budget`).toBeLessThanOrEqual(budget);
  }
  expect(result.value).toBeCloseTo(value, 9);
}

describe('requiredLevel', () => {
  it('is null without relaxation steps or without a language', () => {
    expect(requiredLevel(task({ language: 'es' }), NOW)).toBeNull();
    expect(requiredLevel(task({ language: null, relaxation: nativeThenFluent }), NOW)).toBeNull();
  });

  it('relaxes native to fluent at exactly the configured wait, not a second before', () => {
    const t = task({ language: 'es', relaxation: nativeThenFluent, createdAt: NOW });
    expect(requiredLevel(t, NOW)).toBe('native');
    expect(requiredLevel(t, NOW + 9 * MINUTE + 59_000)).toBe('native');
    expect(requiredLevel(t, NOW + 10 * MINUTE)).toBe('fluent');
    expect(requiredLevel(t, NOW + 600 * MINUTE)).toBe('fluent');
  });

  it('takes the furthest step reached whatever the steps array order', () => {
    const t = task({ language: 'es', createdAt: NOW, relaxation: [{ afterMs: 30 * MINUTE, level: 'basic' }, ...nativeThenFluent] });
    expect(requiredLevel(t, NOW + 5 * MINUTE)).toBe('native');
    expect(requiredLevel(t, NOW + 15 * MINUTE)).toBe('fluent');
    expect(requiredLevel(t, NOW + 30 * MINUTE)).toBe('basic');
  });
});

describe('eligible', () => {
  it('needs a certification for the task policy, none without a policy', () => {
    expect(eligible(task({ policy: 'spam' }), moderator(), NOW)).toBe(false);
    expect(eligible(task({ policy: 'spam' }), moderator({ certified: new Set(['spam']) }), NOW)).toBe(true);
    expect(eligible(task({ policy: null }), moderator(), NOW)).toBe(true);
  });

  it('never gives a task to an excluded moderator', () => {
    expect(eligible(task({ excluded: ['m1'] }), moderator(), NOW)).toBe(false);
    expect(eligible(task({ excluded: ['m2'] }), moderator(), NOW)).toBe(true);
  });

  it('needs the language at the required level or stronger', () => {
    const t = task({ language: 'es', relaxation: [{ afterMs: 0, level: 'fluent' }] });
    expect(eligible(t, moderator({ languages: { es: 'basic' } }), NOW)).toBe(false);
    expect(eligible(t, moderator({ languages: { es: 'fluent' } }), NOW)).toBe(true);
    expect(eligible(t, moderator({ languages: { es: 'native' } }), NOW)).toBe(true);
    expect(eligible(t, moderator({ languages: { en: 'native' } }), NOW)).toBe(false);
    // No relaxation at all: the language is not a requirement.
    expect(eligible(task({ language: 'es' }), moderator({ languages: { en: 'native' } }), NOW)).toBe(true);
  });

  it('lets a fluent moderator take a native-only task after 10:00 of waiting, not at 9:59', () => {
    const t = task({ language: 'ar', relaxation: nativeThenFluent, createdAt: NOW });
    const fluent = moderator({ languages: { ar: 'fluent' } });
    expect(eligible(t, fluent, NOW + 9 * MINUTE + 59_000)).toBe(false);
    expect(eligible(t, fluent, NOW + 10 * MINUTE)).toBe(true);
    expect(eligible(t, moderator({ languages: { ar: 'native' } }), NOW + 9 * MINUTE + 59_000)).toBe(true);
  });

  it('needs a free slot and at least one unit of exposure budget; an absent category is unlimited', () => {
    expect(eligible(task(), moderator({ free: 0 }), NOW)).toBe(false);
    expect(eligible(task({ harm: 'self_harm' }), moderator({ exposureLeft: { self_harm: 0 } }), NOW)).toBe(false);
    expect(eligible(task({ harm: 'self_harm' }), moderator({ exposureLeft: { self_harm: 0.5 } }), NOW)).toBe(false);
    expect(eligible(task({ harm: 'self_harm' }), moderator({ exposureLeft: { self_harm: 1 } }), NOW)).toBe(true);
    expect(eligible(task({ harm: 'self_harm' }), moderator({ exposureLeft: { hate: 0 } }), NOW)).toBe(true);
  });
});

describe('pairValue', () => {
  it('grows with priority and with the accuracy for the task policy', () => {
    const m = moderator({ accuracy: 0.8, accuracyByPolicy: { spam: 0.95 }, certified: new Set(['spam']) });
    expect(pairValue(task({ priority: 2 }), m, NOW)).toBeGreaterThan(pairValue(task({ priority: 1 }), m, NOW));
    expect(pairValue(task({ policy: 'spam' }), m, NOW)).toBeGreaterThan(pairValue(task({ policy: 'other' }), m, NOW));
    expect(pairValue(task({ policy: 'other' }), m, NOW)).toBeCloseTo(pairValue(task(), m, NOW), 12);
  });

  it('rewards SLA risk only when this moderator would finish before the deadline', () => {
    const fresh = task({ createdAt: NOW, deadline: NOW + 60 * MINUTE });
    const atRisk = task({ createdAt: NOW - 55 * MINUTE, deadline: NOW + 5 * MINUTE });
    const fast = moderator({ handleMs: 2 * MINUTE });
    const slow = moderator({ handleMs: 8 * MINUTE });
    expect(pairValue(atRisk, fast, NOW)).toBeGreaterThan(1.8 * pairValue(fresh, fast, NOW));
    // The slow moderator would miss the deadline: no SLA credit with them.
    expect(pairValue(atRisk, slow, NOW)).toBeCloseTo(pairValue(fresh, slow, NOW), 12);
    expect(pairValue(atRisk, fast, NOW)).toBeGreaterThan(1.5 * pairValue(atRisk, slow, NOW));
  });

  it('slightly prefers faster moderators, per modality', () => {
    const m = moderator({ handleMs: MINUTE, handleMsByModality: { video: 4 * MINUTE } });
    const text = pairValue(task({ modality: 'text' }), m, NOW);
    const video = pairValue(task({ modality: 'video' }), m, NOW);
    expect(video).toBeLessThan(text);
    expect(video).toBeGreaterThan(0.8 * text);
    expect(pairValue(task(), moderator({ handleMs: 30_000 }), NOW)).toBeGreaterThan(pairValue(task(), moderator({ handleMs: 90_000 }), NOW));
  });
});

describe('solveRound', () => {
  it('returns nothing for an empty round and never uses a moderator without free slots', () => {
    expect(solveRound([], [moderator()], NOW)).toEqual({ assignments: [], value: 0 });
    expect(solveRound([task()], [], NOW)).toEqual({ assignments: [], value: 0 });
    expect(solveRound([task()], [moderator({ free: 0 })], NOW).assignments).toEqual([]);
  });

  it('gives a native-only task to a fluent moderator from 10:00 of waiting, not at 9:59', () => {
    const t = task({ language: 'zh', relaxation: nativeThenFluent, createdAt: NOW });
    const fluent = moderator({ languages: { zh: 'fluent' } });
    expect(solveRound([t], [fluent], NOW + 9 * MINUTE + 59_000).assignments).toEqual([]);
    expect(solveRound([t], [fluent], NOW + 10 * MINUTE).assignments).toEqual([{ taskId: 1, moderatorId: 'm1' }]);
  });

  it('gives the task that would miss its deadline with a slow moderator to the fast one', () => {
    const urgent = task({ id: 1, priority: 1, createdAt: NOW - 55 * MINUTE, deadline: NOW + 5 * MINUTE });
    const calm = task({ id: 2, priority: 1.2, createdAt: NOW, deadline: NOW + 240 * MINUTE });
    const slow = moderator({ id: 'slow', handleMs: 8 * MINUTE, accuracy: 0.92 });
    const fast = moderator({ id: 'fast', handleMs: 2 * MINUTE, accuracy: 0.9 });
    const result = solveRound([urgent, calm], [slow, fast], NOW);
    expect(new Set(result.assignments.map((a) => `${a.taskId}:${a.moderatorId}`))).toEqual(new Set(['1:fast', '2:slow']));
  });

  it('keeps every rule on random rounds: eligibility, one moderator per task, free slots, exposure budgets', () => {
    for (let seed = 1; seed <= 30; seed++) {
      // Scarce budgets on every third round so the category caps bind.
      const round = randomRound(seed, { tasks: 200, moderators: 50, free: seed % 3 === 0 ? (i) => 2 + (i % 5) : undefined });
      if (seed % 3 === 0) for (const m of round.moderators) for (const harm of Object.keys(m.exposureLeft)) (m.exposureLeft as Record<string, number>)[harm] = Math.min(1, m.exposureLeft[harm]);
      const result = solveRound(round.tasks, round.moderators, round.now);
      expect(result.assignments.length).toBeGreaterThan(0);
      checkRound(round, result);
    }
  });

  it('is deterministic', () => {
    const round = randomRound(7, { tasks: 300, moderators: 60 });
    const a = solveRound(round.tasks, round.moderators, round.now);
    const b = solveRound(round.tasks, round.moderators, round.now);
    expect(b).toEqual(a);
  });

  it('is within 2% of the exact optimum on 20 random 200 × 50 rounds', () => {
    const gaps: number[] = [];
    for (let seed = 101; seed <= 120; seed++) {
      const round = randomRound(seed, { tasks: 200, moderators: 50 });
      const exact = exactRound(round.tasks, round.moderators, round.now);
      expect(exact.status).toBe('optimal');
      expect(exact.integral).toBe(true);
      checkRound(round, exact);
      const result = solveRound(round.tasks, round.moderators, round.now);
      checkRound(round, result);
      // The solver's assignment is feasible, so it can never beat the optimum.
      expect(result.value).toBeLessThanOrEqual(exact.value * (1 + 1e-9));
      gaps.push((exact.value - result.value) / exact.value);
      const windowed = solveRound(round.tasks, round.moderators, round.now, { exchangeWindow: 8 });
      checkRound(round, windowed);
      expect(windowed.value).toBeLessThanOrEqual(exact.value * (1 + 1e-9));
      gaps.push((exact.value - windowed.value) / exact.value);
    }
    expect(Math.max(...gaps)).toBeLessThan(0.02);
  });

  it('reaches the exact optimum when exchanges are not pruned, also with scarce budgets and more slots than tasks', () => {
    const shapes = [
      { tasks: 200, moderators: 50 },
      { tasks: 100, moderators: 50 },
      { tasks: 300, moderators: 30, free: (i: number) => 1 + (i % 7) },
      { tasks: 150, moderators: 60, free: (i: number) => (i % 3) + 0.5 },
    ];
    for (let seed = 201; seed <= 208; seed++) {
      const round = randomRound(seed, shapes[seed % shapes.length]);
      if (seed % 2) for (const m of round.moderators) for (const harm of Object.keys(m.exposureLeft)) (m.exposureLeft as Record<string, number>)[harm] = Math.min(2, m.exposureLeft[harm]);
      const exact = exactRound(round.tasks, round.moderators, round.now);
      expect(exact.integral).toBe(true);
      const result = solveRound(round.tasks, round.moderators, round.now, { exchangeCandidates: Infinity });
      checkRound(round, result);
      expect(result.value).toBeCloseTo(exact.value, 6);
    }
  });

  it('beats first-come-first-served where the oldest task takes the only moderator a later one could use', () => {
    // The old task is fine with anyone, the newer and more valuable ones need a certification only the
    // best moderator has; FCFS hands the old task to that best moderator first.
    const old = task({ id: 1, priority: 1, createdAt: NOW - 30 * MINUTE });
    const certified = task({ id: 2, priority: 3, createdAt: NOW - 5 * MINUTE, policy: 'csam' });
    const ordinary = task({ id: 3, priority: 0.5, createdAt: NOW - 2 * MINUTE });
    const expert = moderator({ id: 'expert', accuracy: 0.97, certified: new Set(['csam']) });
    const junior = moderator({ id: 'junior', accuracy: 0.85 });
    const fcfs = fcfsRound([old, certified, ordinary], [expert, junior], NOW);
    const solved = solveRound([old, certified, ordinary], [expert, junior], NOW);
    expect(fcfs.assignments).toEqual([
      { taskId: 1, moderatorId: 'expert' },
      { taskId: 3, moderatorId: 'junior' },
    ]);
    expect(new Set(solved.assignments.map((a) => `${a.taskId}:${a.moderatorId}`))).toEqual(new Set(['1:junior', '2:expert']));
    expect(solved.value).toBeGreaterThan(fcfs.value * 1.5);
  });

  it('beats first-come-first-served on random rounds too', () => {
    const round = randomRound(3, { tasks: 400, moderators: 40 });
    const fcfs = fcfsRound(round.tasks, round.moderators, round.now);
    checkRound(round, fcfs);
    expect(solveRound(round.tasks, round.moderators, round.now).value).toBeGreaterThan(fcfs.value);
  });
});
