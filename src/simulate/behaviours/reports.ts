// User reports: viewers of a violating item report it now and then (usually under the right policy,
// sometimes the wrong one); viewers of benign items sometimes report by mistake; and coordinated
// groups mass-report a creator they dislike. Which reports are false is ground truth.
import type { SimContext } from '../context.js';
import { accountRef, stamp } from '../events.js';
import { MINUTE } from '../time.js';
import { SIM_POLICIES, type SimPolicy } from '../vocabulary/languages.js';
import type { SimAccount, SimContent } from '../world/model.js';

/** Reports per view of a violating item, by policy: people report what shocks them. */
const REPORTS_PER_VIEW: Readonly<Record<SimPolicy, number>> = {
  minor_safety: 0.02, violence: 0.015, self_harm: 0.01, hate: 0.012, harassment: 0.01,
  scam: 0.006, drugs: 0.006, adult: 0.008, counterfeit: 0.003, spam: 0.004,
};
const MISTAKEN_REPORTS_PER_VIEW = 0.0004;
const WRONG_REASON_SHARE = 0.15;

const REPORT_TEXT = ['this is not ok', 'please check this', 'scam!!', 'offensive', 'fake'];

function emitReport(ctx: SimContext, reporter: SimAccount, content: SimContent, reason: string, isFalse: boolean, brigade = false): void {
  const event = stamp(ctx, 'report', {
    reporter: accountRef(reporter),
    target: { type: 'content', id: content.id },
    reason,
    ...(ctx.random.chance(0.3) ? { text: ctx.random.pick(REPORT_TEXT) } : {}),
  });
  ctx.emit(event);
  ctx.truth.record({ kind: 'report', eventId: event.id, reporter: reporter.id, target: { type: 'content', id: content.id }, reason, false: isFalse, ...(brigade ? { brigade } : {}) });
  ctx.stats.s.reports.total++;
  if (isFalse) ctx.stats.s.reports.false++;
  if (brigade) ctx.stats.s.reports.brigade++;
}

/** Reports brought by `gained` new views, spread over the next `windowMs`. */
export function reportFromViews(ctx: SimContext, content: SimContent, gained: number, windowMs: number): void {
  const random = ctx.random;
  const rate = content.violating ? content.policies.reduce((s, p) => s + REPORTS_PER_VIEW[p], 0) : MISTAKEN_REPORTS_PER_VIEW;
  for (let n = random.poisson(gained * rate); n > 0; n--) {
    ctx.schedule(ctx.now + random.next() * windowMs, () => {
      if (!ctx.world.isVisible(content)) return;
      const reporter = ctx.world.randomUser(random);
      if (!reporter || reporter.id === content.authorId) return;
      const right = content.violating && !random.chance(WRONG_REASON_SHARE);
      const reason = right ? random.pick(content.policies) : random.pick(SIM_POLICIES);
      emitReport(ctx, reporter, content, reason, !content.policies.includes(reason as SimPolicy));
    });
  }
}

/** A coordinated wave of false reports against a benign creator's item, within half an hour. */
export function brigade(ctx: SimContext, instigator: SimAccount): void {
  const random = ctx.random;
  const target = ctx.world.recentContent(random, instigator.language);
  if (!target || target.violating || target.authorId === instigator.id) return;
  const crew = ctx.world.activeActors(instigator.actor).filter((a) => a.id !== instigator.id);
  const members = [instigator, ...random.sample(crew, random.int(4, 10))];
  const reason = random.pick(['hate', 'harassment', 'adult', 'scam'] as const);
  for (const member of members) {
    ctx.schedule(ctx.now + random.next() * 30 * MINUTE, () => {
      if (!member.suspended && ctx.world.isVisible(target)) emitReport(ctx, member, target, reason, true, true);
    });
  }
}
