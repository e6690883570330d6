// An account's life on the platform: it registers (if new), then comes back in sessions, more often
// in the evening, each a login followed by a few actions chosen by what kind of account it is and
// what it is up to. Suspension ends the loop; unsuspension starts it again.
import type { AccountKind } from '../../domain/index.js';
import type { SimContext } from '../context.js';
import { accountProfile, accountRef, stamp } from '../events.js';
import { DAY, diurnal, DIURNAL_MAX, SECOND } from '../time.js';
import { bio } from '../vocabulary/benign.js';
import { SUSPICIOUS_URLS } from '../vocabulary/templates.js';
import { BAD_ACTORS, type ActorKind } from '../world/actors.js';
import type { SimAccount } from '../world/model.js';
import { postComment } from './comments.js';
import { addPaymentInstrument, openShop, purchase } from './commerce.js';
import { postContent, type PostKind } from './content.js';
import { startLivestream } from './livestreams.js';
import { brigade } from './reports.js';

/** Sessions per day at activity 1, before the daily rhythm. */
const SESSIONS_PER_DAY: Readonly<Record<AccountKind, number>> = { user: 5, creator: 7, seller: 5, advertiser: 2 };

type Act = 'comment' | 'post' | 'live' | 'purchase' | 'listing' | 'ad' | 'bio' | 'brigade' | 'watch' | 'browse';

const ORDINARY_ACTS: Readonly<Record<AccountKind, readonly (readonly [Act, number])[]>> = {
  user: [['comment', 0.4], ['watch', 0.2], ['post', 0.1], ['purchase', 0.05], ['bio', 0.005], ['browse', 0.25]],
  creator: [['post', 0.45], ['live', 0.05], ['comment', 0.3], ['watch', 0.05], ['browse', 0.15]],
  seller: [['listing', 0.45], ['comment', 0.15], ['live', 0.02], ['browse', 0.38]],
  advertiser: [['ad', 0.5], ['comment', 0.05], ['browse', 0.45]],
};

const BAD_ACTS: Readonly<Partial<Record<ActorKind, readonly (readonly [Act, number])[]>>> = {
  spammer: [['comment', 0.7], ['post', 0.2], ['bio', 0.05], ['browse', 0.05]],
  scam_seller: [['listing', 0.6], ['comment', 0.2], ['browse', 0.2]],
  counterfeit_shop: [['listing', 0.65], ['comment', 0.1], ['browse', 0.25]],
  hate_poster: [['post', 0.3], ['comment', 0.5], ['brigade', 0.01], ['browse', 0.19]],
  gift_fraud: [['watch', 0.4], ['browse', 0.6]],
  harasser: [['comment', 0.8], ['brigade', 0.005], ['browse', 0.195]],
  adult_creator: [['post', 0.5], ['live', 0.06], ['comment', 0.2], ['browse', 0.24]],
  drug_dealer: [['post', 0.3], ['comment', 0.5], ['browse', 0.2]],
  violent_extremist: [['post', 0.4], ['comment', 0.4], ['browse', 0.2]],
  self_harm_promoter: [['post', 0.5], ['comment', 0.2], ['live', 0.03], ['browse', 0.27]],
  groomer: [['comment', 0.8], ['browse', 0.2]],
  scam_advertiser: [['ad', 0.6], ['browse', 0.4]],
};

function postKindFor(ctx: SimContext, account: SimAccount): PostKind {
  if (account.kind === 'creator') return ctx.random.weighted([['video', 0.5], ['photo', 0.3], ['text_post', 0.12], ['audio', 0.08]] as const);
  return ctx.random.weighted([['text_post', 0.5], ['photo', 0.35], ['video', 0.12], ['audio', 0.03]] as const);
}

async function act(ctx: SimContext, account: SimAccount, generation: number): Promise<void> {
  if (account.suspended || account.lifeGeneration !== generation) return;
  const acts = account.actor === 'ordinary' ? ORDINARY_ACTS[account.kind] : BAD_ACTS[account.actor] ?? ORDINARY_ACTS[account.kind];
  // A gift-fraud ring's host streams; its members only watch (and pay) there.
  const choice: Act = account.actor === 'gift_fraud' && account.kind === 'creator' ? 'live' : ctx.random.weighted(acts);
  switch (choice) {
    case 'comment': {
      const target = ctx.world.recentContent(ctx.random, account.language);
      if (target && target.authorId !== account.id) postComment(ctx, account, { content: target });
      return;
    }
    case 'post':
      await postContent(ctx, account, postKindFor(ctx, account));
      return;
    case 'listing':
      openShopIfNeeded(ctx, account);
      await postContent(ctx, account, 'product_listing');
      return;
    case 'ad':
      await postContent(ctx, account, 'ad_creative');
      return;
    case 'live':
      startLivestream(ctx, account);
      return;
    case 'purchase':
      purchase(ctx, account);
      return;
    case 'watch': {
      // Joining happens through the stream's own audience model; a chat line shows the visit.
      const stream = ctx.world.liveStream(ctx.random);
      if (stream && !stream.ended) postComment(ctx, account, { livestream: stream });
      return;
    }
    case 'bio': {
      const spam = account.actor === 'spammer';
      const text = spam ? `${bio(ctx.textRandom, account.language)} ${ctx.random.pick(SUSPICIOUS_URLS)}` : bio(ctx.textRandom, account.language);
      ctx.emit(stamp(ctx, 'account.updated', { account: { ...accountRef(account), bio: text } }));
      return;
    }
    case 'brigade':
      brigade(ctx, account);
      return;
    case 'browse':
      return;
  }
}

function openShopIfNeeded(ctx: SimContext, account: SimAccount): void {
  if (!account.shopId) openShop(ctx, account);
}

function session(ctx: SimContext, account: SimAccount, generation: number): void {
  if (account.suspended || account.lifeGeneration !== generation) return;
  const random = ctx.random;
  ctx.emit(
    stamp(ctx, 'login', {
      account: accountRef(account),
      device: { id: random.pick(account.devices) },
      ip: { id: random.pick(account.ips) },
      success: true,
    }),
  );
  let at = ctx.now;
  for (let n = 1 + random.poisson(2.5); n > 0; n--) {
    at += random.exponential(90 * SECOND);
    ctx.schedule(at, () => act(ctx, account, generation));
  }
  scheduleNextSession(ctx, account, at);
}

/** Draws the next session from a Poisson process thinned by the daily rhythm. */
export function scheduleNextSession(ctx: SimContext, account: SimAccount, fromMs: number): void {
  const profileActivity = account.actor === 'ordinary' ? 1 : BAD_ACTORS[account.actor].activity;
  const rate = (SESSIONS_PER_DAY[account.kind] * account.activity * profileActivity * ctx.config.activity * DIURNAL_MAX) / DAY;
  const generation = account.lifeGeneration;
  let t = fromMs;
  for (let tries = 0; tries < 50; tries++) {
    t += ctx.random.exponential(1 / rate);
    if (t >= ctx.endMs) return;
    if (ctx.random.next() * DIURNAL_MAX < diurnal(t)) break;
  }
  ctx.schedule(t, () => session(ctx, account, generation));
}

/** Registration of an account created during the run, then its sessions. */
export function register(ctx: SimContext, account: SimAccount): void {
  account.registered = true;
  ctx.emit(stamp(ctx, 'account.created', { account: accountProfile(account), device: { id: account.devices[0] }, ip: { id: account.ips[0] } }));
  for (const payment of account.payments) addPaymentInstrument(ctx, account, payment);
  if (account.kind === 'seller') openShop(ctx, account);
  scheduleNextSession(ctx, account, ctx.now);
}

/** Puts an account on the agenda: its registration if it is new, otherwise its next session. */
export function startAccountLife(ctx: SimContext, account: SimAccount): void {
  if (account.registersAtMs !== undefined && !account.registered) {
    if (account.registersAtMs < ctx.endMs) ctx.schedule(account.registersAtMs, () => register(ctx, account));
    return;
  }
  scheduleNextSession(ctx, account, ctx.now);
}
