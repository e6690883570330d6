// The review-workforce simulation: replayable for a seed, FIFO's oldest-eligible rule on a constructed
// queue, hard skills and exposure budgets never breached by either dispatcher, Vigil's priority refresh
// equal to value.ts's, and the metrics against a hand-computed scenario.
import { describe, expect, it } from 'vitest';
import type { ModeratorState, RoundResult, WaitingTask } from '../assignment/types.js';
import { eligible } from '../assignment/eligibility.js';
import { simulate, type SimResult } from './engine.js';
import { fifoDispatcher } from './fifo.js';
import { harmWeight, measure } from './metrics.js';
import { EXPOSURE_BUDGET_PER_SHIFT, HOUR, MINUTE, type SimModerator, type SimTask, type Workload } from './model.js';
import { buildScenario } from './scenario.js';
import { DEFAULT_THRESHOLDS, priorityNow, vigilDispatcher, type Solver } from './vigil.js';
import { moderatorState, taskView } from './engine.js';

/** The simplest solver: each free moderator, in order, takes the highest-priority task they may. */
const simpleSolver: Solver = (tasks: WaitingTask[], moderators: ModeratorState[], now: number): RoundResult => {
  const taken = new Set<number>();
  const assignments: RoundResult['assignments'] = [];
  const byPriority = tasks.slice().sort((a, b) => b.priority - a.priority || a.id - b.id);
  for (const m of moderators) {
    const t = byPriority.find((x) => !taken.has(x.id) && eligible(x, m, now));
    if (t) {
      taken.add(t.id);
      assignments.push({ taskId: t.id, moderatorId: m.id });
    }
  }
  return { assignments, value: 0 };
};

function task(id: number, over: Partial<SimTask> = {}): SimTask {
  return {
    id, arrival: 0, deadline: HOUR, language: 'en', policy: 'spam', tier: 4, harm: null, modality: 'text', mediaSeconds: 0,
    score: 0.5, violating: true, views: 0, viewVelocity: 0, live: null, relaxation: [{ afterMs: 0, level: 'fluent' }], excluded: [],
    handleNoise: 1, decisionDraw: 0, ...over,
  };
}

function moderator(id: string, over: Partial<SimModerator> = {}): SimModerator {
  return {
    id, languages: { en: 'native' }, certified: new Set(['spam']), accuracyByPolicy: { spam: 0.9 }, accuracy: 0.9,
    speed: { text: 1, image: 1, video: 1, audio: 1, livestream: 1 }, shifts: [{ start: 0, end: 8 * HOUR }], ...over,
  };
}

// Eight hours: only the night shift works (about a quarter of the team), which keeps the test quick.
const small = (load: number) => buildScenario({ seed: 3, moderators: 12, horizon: 8 * HOUR, load });

describe('review simulation', () => {
  it('replays exactly for a seed, for both dispatchers', () => {
    for (const make of [() => fifoDispatcher(), () => vigilDispatcher({ solver: simpleSolver, thresholds: DEFAULT_THRESHOLDS })]) {
      const runs = [small(1.1), small(1.1)].map(({ workload, team }) => simulate(workload, team, make()));
      const trace = (r: SimResult) => r.outcomes.map((o) => [o.task.id, o.moderatorId, o.startedAt, o.decidedAt, o.correct, o.by]);
      expect(trace(runs[0])).toEqual(trace(runs[1]));
      expect(runs[0].outcomes.filter((o) => o.decidedAt !== null).length).toBeGreaterThan(100);
    }
    expect(small(1.1).workload.tasks.length).toBe(small(1.1).workload.tasks.length);
    expect(buildScenario({ seed: 4, moderators: 12, horizon: 8 * HOUR, load: 1.1 }).workload.tasks[0]).not.toEqual(small(1.1).workload.tasks[0]);
  });

  it('FIFO gives a freed moderator the oldest task they are eligible for', () => {
    // The moderator (English only, certified for spam) starts at 10 s. Task 1 is Spanish, task 2 a policy
    // they are not certified for, task 3 an appeal that excludes them: task 4 is the oldest they may take,
    // and task 5 comes after it.
    const tasks = [
      task(1, { arrival: 0, language: 'es' }),
      task(2, { arrival: 1000, policy: 'harassment', tier: 3 }),
      task(3, { arrival: 2000, excluded: ['m1'] }),
      task(4, { arrival: 3000 }),
      task(5, { arrival: 4000 }),
    ];
    const team = [moderator('m1', { shifts: [{ start: 10_000, end: HOUR }] })];
    const r = simulate({ tasks, horizon: HOUR }, team, fifoDispatcher());
    const byId = new Map(r.outcomes.map((o) => [o.task.id, o]));
    expect(byId.get(4)!.startedAt).toBe(10_000);
    expect(byId.get(5)!.startedAt).toBe(byId.get(4)!.decidedAt); // next pull, the moment the first ends
    for (const id of [1, 2, 3]) expect(byId.get(id)!.startedAt).toBeNull();
  });

  it('never gives a moderator a task they are ineligible for', () => {
    for (const load of [0.8, 1.2]) {
      const { workload, team } = small(load);
      const mods = new Map(team.map((m) => [m.id, m]));
      for (const d of [fifoDispatcher(), vigilDispatcher({ solver: simpleSolver })]) {
        const r = simulate(workload, team, d);
        let reviewed = 0;
        for (const o of r.outcomes) {
          if (o.moderatorId === null) continue;
          reviewed++;
          const m = mods.get(o.moderatorId)!;
          const state = { ...moderatorState(m), free: 1, exposureLeft: {} }; // budgets checked in their own test
          expect(eligible(taskView(o.task), state, o.startedAt!)).toBe(true);
          expect(m.shifts.some((s) => s.start <= o.startedAt! && o.startedAt! < s.end)).toBe(true);
        }
        expect(reviewed).toBeGreaterThan(100);
      }
    }
    // And a solver that breaks the rules is refused, not scored.
    const cheat: Solver = (tasks, mods) => ({ assignments: tasks.slice(0, 1).map((t) => ({ taskId: t.id, moderatorId: mods[0].id })), value: 0 });
    const w: Workload = { tasks: [task(1, { language: 'ar' })], horizon: HOUR };
    expect(() => simulate(w, [moderator('m1')], vigilDispatcher({ solver: cheat }))).toThrow(/ineligible/);
  });

  it('never exceeds an exposure budget within a shift', () => {
    // Every item graphic, at overload: the budget binds for everyone, so it must stop them exactly there.
    const { workload, team } = small(1.2);
    const graphic: Workload = { ...workload, tasks: workload.tasks.map((t) => ({ ...t, harm: 'graphic_violence' })) };
    const budget = EXPOSURE_BUDGET_PER_SHIFT.graphic_violence;
    for (const d of [fifoDispatcher(), vigilDispatcher({ solver: simpleSolver })]) {
      const seen = new Map<string, number>();
      for (const o of simulate(graphic, team, d).outcomes) if (o.moderatorId) seen.set(o.moderatorId, (seen.get(o.moderatorId) ?? 0) + 1);
      expect(Math.max(...seen.values())).toBe(budget); // one shift each within 8 h
    }
  });

  it('skipping rounds that cannot assign anything changes no outcome', () => {
    const trace = (skip: boolean, load: number) => {
      const { workload, team } = small(load);
      return simulate(workload, team, vigilDispatcher({ solver: simpleSolver, skipIdleRounds: skip })).outcomes.map((o) => [o.moderatorId, o.startedAt, o.decidedAt]);
    };
    for (const load of [0.8, 1.2]) expect(trace(true, load)).toEqual(trace(false, load));
  });

  it("refreshes Vigil's priority exactly as value.ts computes it", () => {
    const t = task(1, { arrival: 0, deadline: 15 * MINUTE, tier: 1, policy: 'self_harm', score: 0.8, views: 5000, viewVelocity: 20, modality: 'video', mediaSeconds: 40 });
    const live = task(2, { arrival: 0, modality: 'livestream', mediaSeconds: 120, live: { viewersAtArrival: 300, growthPerHour: 1, endsAt: HOUR } });
    const d = vigilDispatcher({ solver: simpleSolver });
    const runs = [t, live].map((sim) => ({ sim, view: taskView(sim) }));
    for (const r of runs) d.arrive(r, 0);
    d.tick(20 * MINUTE, { onShift: 1 });
    for (const r of runs) expect(r.view.priority).toBeCloseTo(priorityNow(r.sim, 20 * MINUTE).priority, 9);
    expect(runs[0].view.priority).toBeGreaterThan(priorityNow(t, 0).priority);
  });

  it('computes the metrics of a hand-made run', () => {
    // Horizon 60 min. Four tasks (all tier 3, severity weight 10; no views, so reach factor 1, w = 10):
    //  1: arrives 0, deadline 30, decided at 20 by a moderator, correct, violating      -> SLA hit
    //  2: arrives 10, deadline 40, decided at 50, wrong, violating                       -> SLA miss
    //  3: arrives 20, deadline 50, never decided, violating                              -> SLA miss (deadline passed)
    //  4: arrives 40, deadline 100, never decided, not violating                         -> outside the SLA set
    // SLA: 1 hit of 3 due in the run = 33.33%.
    // Harm: violating 1, 2, 3 with equal weights: ((20-0) + (50-10) + (60-20)) / 3 = 100 / 3 = 33.33 min.
    // Accuracy: 2 decisions, 1 correct = 50%. Throughput: 2 per hour. Wait: started 1 at 5 and 2 at 45
    // -> ((5-0) + (45-10)) / 2 = 20 min.
    const M = MINUTE;
    const t = [
      task(1, { arrival: 0, deadline: 30 * M, tier: 3, policy: 'harassment' }),
      task(2, { arrival: 10 * M, deadline: 40 * M, tier: 3, policy: 'harassment' }),
      task(3, { arrival: 20 * M, deadline: 50 * M, tier: 3, policy: 'harassment' }),
      task(4, { arrival: 40 * M, deadline: 100 * M, tier: 3, policy: 'harassment', violating: false }),
    ];
    expect(harmWeight(t[0])).toBe(10);
    const r: SimResult = {
      dispatcher: 'hand',
      horizon: 60 * M,
      outcomes: [
        { task: t[0], startedAt: 5 * M, decidedAt: 20 * M, correct: true, by: 'human', moderatorId: 'm1' },
        { task: t[1], startedAt: 45 * M, decidedAt: 50 * M, correct: false, by: 'human', moderatorId: 'm1' },
        { task: t[2], startedAt: null, decidedAt: null, correct: null, by: null, moderatorId: null },
        { task: t[3], startedAt: null, decidedAt: null, correct: null, by: null, moderatorId: null },
      ],
    };
    const m = measure(r);
    expect(m.slaTasks).toBe(3);
    expect(m.slaPercent).toBeCloseTo(100 / 3, 9);
    expect(m.harmMinutes).toBeCloseTo(100 / 3, 9);
    expect(m.harmMinutesLinearReach).toBeCloseTo(100 / 3, 9); // no views: linear weight 10 × (1 + 0) too
    expect(m.accuracyPercent).toBe(50);
    expect(m.throughputPerHour).toBe(2);
    expect(m.meanWaitMinutes).toBe(20);
    expect(m.undecided).toBe(2);
    expect(m.undecidedByTier).toEqual({ 1: 0, 2: 0, 3: 2, 4: 0 });
  });

  it('thresholds decide without review only items projected to miss their deadline', () => {
    // One moderator on shift; three near-certain items with 15 min SLAs, each ~1.3 min of work, and one
    // uncertain one. Nothing is projected late at t=0; with 60 min gone, all are, and only the uncertain
    // one stays for review.
    const d = vigilDispatcher({ solver: simpleSolver, thresholds: DEFAULT_THRESHOLDS });
    const tasks = [0.99, 0.98, 0.01, 0.5].map((score, i) => task(i + 1, { score, deadline: 15 * MINUTE, modality: 'video', mediaSeconds: 40 }));
    for (const sim of tasks) d.arrive({ sim, view: taskView(sim) }, 0);
    expect(d.tick(0, { onShift: 1 })).toEqual([]);
    const auto = d.tick(60 * MINUTE, { onShift: 1 });
    expect(auto.map((a) => [a.task.sim.id, a.action])).toEqual([[1, true], [2, true], [3, false]]);
    expect(d.waiting).toBe(1);
  });
});
