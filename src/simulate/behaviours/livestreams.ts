// Livestreams: a host goes live; viewers join, chat and send paid gifts at rates that follow the
// audience; concurrent viewers are reported every minute. Some streams are raided by a spam ring (a
// burst of joins and spam), and gift-fraud rings pour gifts paid with shared instruments into their
// own host's stream. A stream ends on schedule, or at once when Vigil interrupts it.
import type { SimContext } from '../context.js';
import { accountRef, livestreamRef, stamp } from '../events.js';
import { composeViolation } from '../text/compose.js';
import { MINUTE, SECOND } from '../time.js';
import { streamTitle } from '../vocabulary/benign.js';
import { currencyOf } from '../vocabulary/languages.js';
import type { SimAccount, SimLivestream } from '../world/model.js';
import { postComment } from './comments.js';
import { violationFor } from './content.js';

const STEP_MS = 20 * SECOND;
const TICK_EVERY_MS = MINUTE;
/** A viewer stays about this long. */
const WATCH_MS = 8 * MINUTE;
const RAID_CHANCE = 0.08;
const GIFTS = [
  { name: 'rose', value_cents: 10 },
  { name: 'heart', value_cents: 50 },
  { name: 'star', value_cents: 200 },
  { name: 'rocket', value_cents: 1000 },
  { name: 'castle', value_cents: 5000 },
];

function concurrentViewers(stream: SimLivestream, now: number): number {
  while (stream.recentJoins.length && stream.recentJoins[0] < now - WATCH_MS) stream.recentJoins.shift();
  return stream.recentJoins.length;
}

export function endLivestream(ctx: SimContext, stream: SimLivestream): void {
  if (stream.ended) return;
  ctx.world.endLive(stream);
  ctx.emit(stamp(ctx, 'livestream.ended', { livestream: { id: stream.id } }));
}

function join(ctx: SimContext, stream: SimLivestream, viewer: SimAccount): void {
  if (stream.ended || viewer.suspended) return;
  stream.views++;
  stream.recentJoins.push(ctx.now);
  ctx.emit(stamp(ctx, 'viewer.joined', { livestream: { id: stream.id }, viewer: accountRef(viewer) }));
}

function gift(ctx: SimContext, stream: SimLivestream, sender: SimAccount, valueCents?: number): void {
  const host = ctx.world.accounts.get(stream.hostId);
  if (stream.ended || stream.demonetized || sender.suspended || !host || host.demonetized) return;
  const choice = valueCents === undefined ? ctx.random.weighted(GIFTS.map((g, i) => [g, 0.5 ** i] as const)) : { name: 'castle', value_cents: valueCents };
  const payment = sender.payments[0];
  ctx.emit(
    stamp(ctx, 'gift', {
      livestream: { id: stream.id },
      sender: accountRef(sender),
      recipient: accountRef(host),
      ...(payment ? { payment_instrument: { id: payment } } : {}),
      gift: { name: choice.name, value_cents: choice.value_cents, currency: currencyOf(sender.country) },
    }),
  );
}

/** One 20-second slice of the stream: joins, chat and gifts at their times within it. */
function step(ctx: SimContext, stream: SimLivestream, host: SimAccount): void {
  if (stream.ended) return;
  if (host.suspended || ctx.now >= stream.plannedEndMs) return endLivestream(ctx, stream);
  const random = ctx.random;
  const viewers = concurrentViewers(stream, ctx.now);
  // Joins per 20 s grow with the square root of the host's following: big hosts, big but not linear crowds.
  const joinsPerStep = Math.sqrt(host.followers + 10) * 0.045;
  const at = () => ctx.now + random.next() * STEP_MS;
  for (let n = random.poisson(joinsPerStep); n > 0; n--) {
    const viewer = ctx.world.randomUser(random);
    if (viewer) ctx.schedule(at(), () => join(ctx, stream, viewer));
  }
  for (let n = random.poisson(viewers * 0.015 + 0.1); n > 0; n--) {
    const viewer = ctx.world.randomUser(random);
    if (viewer) {
      ctx.schedule(at(), () => {
        if (!stream.ended && !viewer.suspended) postComment(ctx, viewer, { livestream: stream });
      });
    }
  }
  for (let n = random.poisson(viewers * 0.004); n > 0; n--) {
    const viewer = ctx.world.randomUser(random);
    if (viewer && viewer.payments.length) ctx.schedule(at(), () => gift(ctx, stream, viewer));
  }
  if (stream.colludingRing) {
    for (const member of ringMembers(ctx, stream.colludingRing, host.id)) {
      if (random.chance(0.25)) ctx.schedule(at(), () => gift(ctx, stream, member, random.int(2_000, 50_000)));
    }
  }
  if ((ctx.now - stream.startedMs) % TICK_EVERY_MS < STEP_MS) {
    ctx.emit(stamp(ctx, 'view_count.tick', { target: { type: 'livestream', id: stream.id }, views: stream.views, viewers }));
  }
  ctx.schedule(ctx.now + STEP_MS, () => step(ctx, stream, host));
}

function ringMembers(ctx: SimContext, ringId: string, exceptId: string): SimAccount[] {
  const ring = ctx.world.rings.get(ringId);
  if (!ring) return [];
  return ring.members.map((id) => ctx.world.accounts.get(id)!).filter((a) => a && a.id !== exceptId && a.registered && !a.suspended);
}

/** A spam ring storms the stream: every member joins within a minute and floods the chat. */
function raid(ctx: SimContext, stream: SimLivestream, ringId: string): void {
  if (stream.ended) return;
  const members = ringMembers(ctx, ringId, stream.hostId);
  if (members.length === 0) return;
  const random = ctx.random;
  for (const member of members) {
    ctx.schedule(ctx.now + random.next() * MINUTE, () => join(ctx, stream, member));
    for (let n = random.int(2, 5); n > 0; n--) {
      ctx.schedule(ctx.now + MINUTE * random.between(0.2, 1.5), () => {
        if (!stream.ended && !member.suspended) postComment(ctx, member, { livestream: stream }, 'spam');
      });
    }
  }
  ctx.truth.record({ kind: 'raid', livestream: stream.id, ring: ringId, at: new Date(ctx.now).toISOString(), accounts: members.length });
  ctx.stats.s.livestreams.raids++;
}

export function startLivestream(ctx: SimContext, host: SimAccount): void {
  if (ctx.world.liveStreamOf(host.id)) return;
  const random = ctx.random;
  const policy = violationFor(ctx, host);
  const title = policy ? composeViolation(ctx.textRandom, policy, host.language, ctx.config).text : streamTitle(ctx.textRandom, host.language);
  const ring = host.ringId ? ctx.world.rings.get(host.ringId) : undefined;
  const stream: SimLivestream = {
    id: ctx.ids.next('ls'),
    hostId: host.id,
    language: host.language,
    title,
    startedMs: ctx.now,
    plannedEndMs: ctx.now + random.between(20, 120) * MINUTE,
    ended: false,
    violating: policy !== undefined,
    policies: policy ? [policy] : [],
    views: 0,
    recentJoins: [],
    demonetized: false,
    colludingRing: ring && ring.actor === 'gift_fraud' ? ring.id : undefined,
  };
  ctx.world.goLive(stream);
  const languageStated = !random.chance(ctx.config.unstatedLanguageShare);
  ctx.emit(stamp(ctx, 'livestream.started', { livestream: livestreamRef(stream, languageStated), host: accountRef(host) }));
  if (policy && host.firstViolationMs === undefined) host.firstViolationMs = ctx.now;
  ctx.truth.record({ kind: 'livestream', id: stream.id, host: host.id, violating: stream.violating, policies: stream.policies, ...(stream.colludingRing ? { giftFraudRing: stream.colludingRing } : {}) });
  ctx.stats.s.livestreams.total++;
  if (stream.colludingRing) {
    ctx.stats.s.livestreams.giftFraud++;
    for (const member of ringMembers(ctx, stream.colludingRing, host.id)) ctx.schedule(ctx.now + random.next() * 3 * MINUTE, () => join(ctx, stream, member));
  }
  const spamRings = [...ctx.world.rings.values()].filter((r) => r.actor === 'spammer');
  if (!stream.colludingRing && spamRings.length && random.chance(RAID_CHANCE)) {
    const raider = random.pick(spamRings);
    ctx.schedule(stream.startedMs + random.between(0.1, 0.8) * (stream.plannedEndMs - stream.startedMs), () => raid(ctx, stream, raider.id));
  }
  ctx.schedule(ctx.now + STEP_MS, () => step(ctx, stream, host));
}
