// The platform carrying out Vigil's actions: removed or restricted content stops (or slows) gaining
// views, an interrupted stream ends, a suspended account stops posting and its content goes dark, a
// suspended shop stops selling. Some bad actors come back under a new account on the same device.
// Each action's effect is recorded with its time to action, so harm prevented can be measured.
import type { PlatformAction } from '../actions.js';
import type { SimContext } from '../context.js';
import { accountRef, stamp } from '../events.js';
import { HOUR, iso } from '../time.js';
import type { ActionTruth } from '../ground-truth.js';
import type { SimAccount, SimContent } from '../world/model.js';
import { setReachFactor, unhinderedViewsAt, viewsAt } from '../world/reach.js';
import { newAccount } from '../world/population.js';
import { endLivestream } from './livestreams.js';
import { scheduleNextSession, startAccountLife } from './sessions.js';

/** Growth left to an item when its reach is limited or it is age-gated. */
const LIMITED_REACH_FACTOR = 0.15;
const AGE_GATED_FACTOR = 0.5;
const BAN_EVASION_CHANCE = 0.35;
const APPEAL_CHANCE = { deserved: 0.1, undeserved: 0.6 };
const APPEAL_TEXT = ['This was removed by mistake', 'Please review again, nothing wrong here', 'Why was this taken down?'];

const ENFORCING = new Set(['remove', 'limit_reach', 'age_gate', 'demonetize', 'interrupt', 'suspend']);

function factorOf(content: SimContent): number {
  if (content.removed) return 0;
  if (content.limited) return LIMITED_REACH_FACTOR;
  if (content.ageGated) return AGE_GATED_FACTOR;
  return 1;
}

function refreshReach(ctx: SimContext, content: SimContent, authorSuspended: boolean): void {
  setReachFactor(content.reach, ctx.now - content.postedMs, authorSuspended ? 0 : factorOf(content));
}

function maybeAppeal(ctx: SimContext, content: SimContent): void {
  const author = ctx.world.accounts.get(content.authorId);
  if (!author || author.suspended) return;
  if (!ctx.random.chance(content.violating ? APPEAL_CHANCE.deserved : APPEAL_CHANCE.undeserved)) return;
  ctx.schedule(ctx.now + ctx.random.between(0.2, 12) * HOUR, () => {
    if (author.suspended) return;
    ctx.emit(stamp(ctx, 'appeal', { appellant: accountRef(author), target: { type: 'content', id: content.id }, text: ctx.random.pick(APPEAL_TEXT) }));
    ctx.stats.s.appeals++;
  });
}

function onContent(ctx: SimContext, content: SimContent, action: string, outcome: Partial<ActionTruth>): boolean {
  const wasEnforced = content.removed || content.limited || content.ageGated;
  const author = ctx.world.accounts.get(content.authorId);
  switch (action) {
    case 'remove':
      content.removed = true;
      break;
    case 'limit_reach':
      content.limited = true;
      break;
    case 'age_gate':
      content.ageGated = true;
      break;
    case 'restore':
      content.removed = content.limited = content.ageGated = false;
      break;
    case 'demonetize':
      break;
    default:
      return false;
  }
  refreshReach(ctx, content, !!author?.suspended);
  outcome.deserved = content.violating;
  const age = ctx.now - content.postedMs;
  outcome.viewsAtAction = viewsAt(content.reach, age);
  if (ENFORCING.has(action) && !wasEnforced) {
    outcome.timeToActionSeconds = Math.round(age / 1000);
    const horizon = ctx.endMs - content.postedMs;
    outcome.projectedViewsWithoutAction = unhinderedViewsAt(content.reach, horizon);
    if (content.violating) {
      ctx.stats.timeToAction(outcome.timeToActionSeconds);
      ctx.stats.s.violatingViewsPrevented += Math.max(0, outcome.projectedViewsWithoutAction - viewsAt(content.reach, horizon));
    }
    if (action === 'remove') maybeAppeal(ctx, content);
  }
  return true;
}

function onLivestream(ctx: SimContext, streamId: string, action: string, outcome: Partial<ActionTruth>): boolean {
  const stream = ctx.world.livestreams.get(streamId);
  if (!stream) return false;
  outcome.deserved = stream.violating || !!stream.colludingRing;
  if (action === 'interrupt' || action === 'remove') {
    if (stream.ended) return true;
    outcome.timeToActionSeconds = Math.round((ctx.now - stream.startedMs) / 1000);
    if (outcome.deserved) ctx.stats.timeToAction(outcome.timeToActionSeconds);
    ctx.stats.s.livestreams.interrupted++;
    endLivestream(ctx, stream);
    return true;
  }
  if (action === 'demonetize') return (stream.demonetized = true);
  return false;
}

/** A banned bad actor signs up again from the same device, a few hours later. */
function evadeBan(ctx: SimContext, banned: SimAccount): void {
  if (banned.actor === 'ordinary' || !ctx.random.chance(BAN_EVASION_CHANCE)) return;
  const at = ctx.now + ctx.random.between(1, 6) * HOUR;
  if (at >= ctx.endMs) return;
  const successor = newAccount(ctx.random, ctx.ids, banned.kind, banned.actor, ctx.startMs);
  successor.language = banned.language;
  successor.country = banned.country;
  successor.devices = [banned.devices[0]];
  successor.ips = [ctx.ids.nextIp()];
  successor.payments = banned.ringId ? banned.payments.slice() : [];
  successor.ringId = banned.ringId;
  successor.replaces = banned.id;
  successor.registered = false;
  successor.registersAtMs = at;
  successor.createdAtMs = at;
  ctx.world.addAccount(successor);
  if (banned.ringId) ctx.world.rings.get(banned.ringId)?.members.push(successor.id);
  ctx.truth.record({ kind: 'account', id: successor.id, accountKind: successor.kind, actor: successor.actor, ...(successor.ringId ? { ring: successor.ringId } : {}), replaces: banned.id, registeredDuringRun: true });
  startAccountLife(ctx, successor);
}

function onAccount(ctx: SimContext, account: SimAccount, action: string, outcome: Partial<ActionTruth>): boolean {
  outcome.deserved = account.actor !== 'ordinary';
  switch (action) {
    case 'suspend': {
      if (account.suspended) return true;
      account.suspended = true;
      account.lifeGeneration++;
      const since = account.firstViolationMs ?? account.registersAtMs ?? ctx.startMs;
      outcome.timeToActionSeconds = Math.round(Math.max(0, ctx.now - since) / 1000);
      if (outcome.deserved) ctx.stats.timeToAction(outcome.timeToActionSeconds);
      const stream = ctx.world.liveStreamOf(account.id);
      if (stream) endLivestream(ctx, stream);
      for (const content of ctx.world.contentOf(account.id)) refreshReach(ctx, content, true);
      evadeBan(ctx, account);
      return true;
    }
    case 'unsuspend': {
      if (!account.suspended) return true;
      account.suspended = false;
      account.lifeGeneration++;
      for (const content of ctx.world.contentOf(account.id)) refreshReach(ctx, content, false);
      scheduleNextSession(ctx, account, ctx.now);
      return true;
    }
    case 'demonetize':
      account.demonetized = true;
      return true;
    case 'restore':
      account.demonetized = false;
      return true;
    default:
      return false;
  }
}

function onShop(ctx: SimContext, shopId: string, action: string, outcome: Partial<ActionTruth>): boolean {
  const shop = ctx.world.shops.get(shopId);
  if (!shop) return false;
  outcome.deserved = ctx.world.accounts.get(shop.ownerId)?.actor !== 'ordinary';
  if (action === 'suspend' || action === 'remove') return (shop.suspended = true);
  if (action === 'unsuspend' || action === 'restore') return !(shop.suspended = false);
  return false;
}

/** Applies one action at the current simulated time; unknown entities and actions are ignored. */
export function applyAction(ctx: SimContext, action: PlatformAction): void {
  const outcome: Partial<ActionTruth> = {};
  const { type, id } = action.entity;
  let applied = false;
  if (type === 'content') {
    const content = ctx.world.contents.get(id);
    applied = !!content && onContent(ctx, content, action.action, outcome);
  } else if (type === 'livestream') {
    applied = onLivestream(ctx, id, action.action, outcome);
  } else if (type === 'account') {
    const account = ctx.world.accounts.get(id);
    applied = !!account && onAccount(ctx, account, action.action, outcome);
  } else if (type === 'shop') {
    applied = onShop(ctx, id, action.action, outcome);
  }
  const stats = ctx.stats.s.actions;
  stats.received++;
  if (applied) {
    stats.applied++;
    stats.byAction[action.action] = (stats.byAction[action.action] ?? 0) + 1;
    if (ENFORCING.has(action.action)) outcome.deserved ? stats.deserved++ : stats.undeserved++;
  } else stats.ignored++;
  ctx.truth.record({ kind: 'action', seq: action.seq, at: action.at, appliedAt: iso(ctx.now), entity: { type: type as ActionTruth['entity']['type'], id }, action: action.action, applied, ...outcome });
}
