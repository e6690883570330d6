// The closed loop: Vigil's actions change the simulated world, and their effect is measured.
import { beforeAll, describe, expect, it } from 'vitest';
import type { VigilEvent } from '../domain/index.js';
import { queueActionSource } from './actions.js';
import { memoryGroundTruth, type ActionTruth, type ContentTruth, type LivestreamTruth } from './ground-truth.js';
import { memorySink } from './sinks/sink.js';
import { createSimulation } from './simulation.js';
import { eventProblem } from './testing/validate-events.js';
import type { SimulationStats } from './stats.js';

// A perfect, instant moderator: it reads the ground truth as events arrive and acts on every
// violating item, violating stream and bad account. What the platform does next is under test.
let events: VigilEvent[];
let actions: ActionTruth[];
let stats: SimulationStats;

beforeAll(async () => {
  const sink = memorySink();
  const truth = memoryGroundTruth();
  const source = queueActionSource();
  const acted = new Set<string>();
  let seen = 0;
  const moderator = {
    async poll() {
      const violatingContent = new Set(truth.records.filter((r): r is ContentTruth => r.kind === 'content' && r.violating && r.contentKind !== 'comment').map((r) => r.id));
      const badStreams = new Set(truth.records.filter((r): r is LivestreamTruth => r.kind === 'livestream' && (r.violating || !!r.giftFraudRing)).map((r) => r.id));
      for (; seen < sink.events.length; seen++) {
        const e = sink.events[seen];
        const act = (type: 'content' | 'livestream' | 'account', id: string, action: string) => {
          if (acted.has(`${type}:${id}`)) return;
          acted.add(`${type}:${id}`);
          source.push({ at: e.time, entity: { type, id }, action });
        };
        if (e.type === 'content.created' && violatingContent.has(e.content.id)) {
          act('content', e.content.id, 'remove');
          if (e.author.kind === 'user') act('account', e.author.id, 'suspend');
        }
        if (e.type === 'livestream.started' && badStreams.has(e.livestream.id)) act('livestream', e.livestream.id, 'interrupt');
      }
      return source.poll();
    },
  };
  stats = await createSimulation({ seed: 5, accounts: 600, days: 0.25, badActorShare: 0.15, speed: 'max', images: false }).run({ sink, actions: moderator, groundTruth: truth, batchSize: 100 });
  events = sink.events;
  actions = truth.records.filter((r): r is ActionTruth => r.kind === 'action');
}, 60_000);

const after = (iso: string) => events.filter((e) => e.time > iso);

describe('the platform carries out Vigil’s actions', () => {
  it('stops a removed item from gaining views', () => {
    const removals = actions.filter((a) => a.action === 'remove' && a.applied);
    expect(removals.length).toBeGreaterThan(20);
    for (const r of removals) {
      // Views counted before the removal may still be reported once; none are added after it.
      const later = after(r.appliedAt).filter((e) => e.type === 'view_count.tick' && e.target.id === r.entity.id);
      expect(later.length, r.entity.id).toBeLessThanOrEqual(1);
      for (const tick of later) expect(tick.type === 'view_count.tick' && tick.views).toBeLessThanOrEqual(r.viewsAtAction!);
    }
  });

  it('ends an interrupted livestream at once, and nothing happens in it afterwards', () => {
    const interrupts = actions.filter((a) => a.action === 'interrupt' && a.applied && a.timeToActionSeconds !== undefined);
    expect(interrupts.length).toBeGreaterThan(0);
    for (const i of interrupts) {
      const ended = events.find((e) => e.type === 'livestream.ended' && e.livestream.id === i.entity.id)!;
      expect(ended.time).toBe(i.appliedAt);
      const later = after(i.appliedAt).filter((e) => 'livestream' in e && (e as { livestream?: { id: string } }).livestream?.id === i.entity.id);
      expect(later).toEqual([]);
    }
  });

  it('stops a suspended account from logging in, posting or commenting', () => {
    const suspensions = actions.filter((a) => a.action === 'suspend' && a.applied && a.timeToActionSeconds !== undefined);
    expect(suspensions.length).toBeGreaterThan(5);
    for (const s of suspensions) {
      const later = after(s.appliedAt).filter(
        (e) => (e.type === 'login' && e.account.id === s.entity.id) || ((e.type === 'content.created' || e.type === 'comment') && e.author.id === s.entity.id),
      );
      expect(later).toEqual([]);
    }
  });

  it('records time to action and the views it prevented', () => {
    expect(stats.timeToAction.count).toBeGreaterThan(20);
    expect(stats.timeToAction.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(stats.violatingViewsPrevented).toBeGreaterThan(0);
    const removal = actions.find((a) => a.action === 'remove' && a.projectedViewsWithoutAction! > 0)!;
    expect(removal.viewsAtAction!).toBeLessThan(removal.projectedViewsWithoutAction!);
    expect(stats.actions.deserved).toBe(stats.actions.applied - (stats.actions.byAction.restore ?? 0) - stats.actions.undeserved);
  });

  it('still emits only valid events, including the ends, appeals and re-registrations it causes', () => {
    expect(events.filter((e) => e.type === 'appeal').length).toBeGreaterThan(0);
    expect(events.map(eventProblem).filter(Boolean).slice(0, 5)).toEqual([]);
  });

  it('lets some banned bad actors come back on the same device', () => {
    const created = events.filter((e) => e.type === 'account.created');
    const suspendedIds = new Set(actions.filter((a) => a.action === 'suspend').map((a) => a.entity.id));
    const suspendedDevices = new Set(events.filter((e) => e.type === 'login' && suspendedIds.has(e.account.id)).map((e) => (e as { device?: { id: string } }).device?.id));
    expect(created.some((e) => e.device && suspendedDevices.has(e.device.id) && !suspendedIds.has(e.account.id))).toBe(true);
  });
});
