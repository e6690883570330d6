// Builds the population at the start of a run: ordinary accounts of every kind and language, and bad
// actors, some of them in rings that share devices, IPs and payment instruments, some registering
// during the run (spam rings in bursts of minutes).
import type { AccountKind } from '../../domain/index.js';
import type { SimulationConfig } from '../config.js';
import { carrierIp, type IdMint } from '../ids.js';
import type { Random } from '../random.js';
import { DAY, MINUTE } from '../time.js';
import { displayName } from '../vocabulary/benign.js';
import { LANGUAGE_WEIGHTS, MARKETS } from '../vocabulary/languages.js';
import { BAD_ACTOR_KINDS, BAD_ACTORS, ORDINARY_KIND_WEIGHTS, type ActorKind, type BadActorKind } from './actors.js';
import type { SimAccount, SimRing } from './model.js';

export interface Population {
  accounts: SimAccount[];
  rings: SimRing[];
}

const FOLLOWERS_MU: Readonly<Record<AccountKind, number>> = { user: 3, creator: 7, seller: 5, advertiser: 6 };
/** Ordinary accounts that sign up during the run. */
const NEW_SIGNUP_SHARE = 0.03;
/** Ordinary accounts reached through a shared mobile-carrier IP. */
const CARRIER_SHARE = 0.3;
/**
 * Fresh bad accounts and rings sign up within the first simulated day even in a long run, so a demo
 * watched for minutes sees them arrive instead of waiting weeks for a burst.
 */
const BAD_SIGNUP_WINDOW_MS = DAY;

export function newAccount(random: Random, ids: IdMint, kind: AccountKind, actor: ActorKind, startMs: number): SimAccount {
  const language = random.weighted(LANGUAGE_WEIGHTS);
  return {
    id: ids.next('a'),
    kind,
    actor,
    language,
    country: random.pick(MARKETS[language]),
    displayName: displayName(random, language),
    followers: Math.round(random.logNormal(FOLLOWERS_MU[kind], 1.4)),
    activity: random.logNormal(0, 0.5),
    createdAtMs: startMs - Math.round(random.between(1, 900) * DAY),
    devices: [],
    ips: [],
    payments: [],
    suspended: false,
    demonetized: false,
    registered: true,
    lifeGeneration: 0,
  };
}

function giveOwnIdentity(random: Random, ids: IdMint, account: SimAccount): void {
  account.devices.push(ids.next('d'));
  if (random.chance(0.2)) account.devices.push(ids.next('d'));
  account.ips.push(ids.nextIp());
  if (random.chance(CARRIER_SHARE)) account.ips.push(carrierIp(random.int(0, 507)));
  const hasPayment = account.kind !== 'user' || random.chance(0.55);
  if (hasPayment) account.payments.push(ids.next('pi'));
}

function registerDuringRun(account: SimAccount, atMs: number): void {
  account.registersAtMs = atMs;
  account.createdAtMs = atMs;
  account.registered = false;
}

function formRings(random: Random, ids: IdMint, members: SimAccount[], kind: BadActorKind, startMs: number, runMs: number): SimRing[] {
  const profile = BAD_ACTORS[kind];
  if (!profile.ring) return [];
  const rings: SimRing[] = [];
  let i = 0;
  while (i < members.length) {
    const size = Math.min(members.length - i, random.int(profile.ring.size[0], profile.ring.size[1]));
    const group = members.slice(i, i + size);
    i += size;
    const ring: SimRing = {
      id: ids.next('ring'),
      actor: kind,
      members: group.map((m) => m.id),
      devices: Array.from({ length: random.int(1, 3) }, () => ids.next('d')),
      ips: Array.from({ length: random.int(1, 3) }, () => ids.nextIp()),
      payments: profile.ring.sharePayments ? Array.from({ length: random.int(1, 3) }, () => ids.next('pi')) : [],
    };
    // A fresh ring signs up in a burst: everyone within a quarter of an hour.
    const burstAt = startMs + random.between(0.003, 0.7) * Math.min(runMs, BAD_SIGNUP_WINDOW_MS);
    const fresh = random.chance(profile.freshAccountShare);
    for (const member of group) {
      member.ringId = ring.id;
      member.devices = [random.pick(ring.devices)];
      member.ips = [random.pick(ring.ips)];
      member.payments = ring.payments.length ? [random.pick(ring.payments)] : member.payments;
      if (fresh) registerDuringRun(member, burstAt + random.between(0, 15) * MINUTE);
    }
    // Gift-fraud rings need a stream to pour gifts into: one member hosts.
    if (kind === 'gift_fraud') group[0].kind = 'creator';
    rings.push(ring);
  }
  return rings;
}

export function generatePopulation(random: Random, ids: IdMint, config: SimulationConfig, startMs: number, runMs: number): Population {
  const badCount = Math.round(config.accounts * config.badActorShare);
  const accounts: SimAccount[] = [];
  const badByKind = new Map<BadActorKind, SimAccount[]>();
  for (let n = 0; n < config.accounts - badCount; n++) {
    const account = newAccount(random, ids, random.weighted(ORDINARY_KIND_WEIGHTS), 'ordinary', startMs);
    giveOwnIdentity(random, ids, account);
    if (random.chance(NEW_SIGNUP_SHARE)) registerDuringRun(account, startMs + random.next() * runMs * 0.9);
    accounts.push(account);
  }
  // Families and flatmates: a few ordinary accounts share a device with another, which network
  // detection must not mistake for a ring.
  for (let n = Math.floor(accounts.length * 0.01); n > 0; n--) {
    const a = random.pick(accounts);
    const b = random.pick(accounts);
    if (a !== b) b.devices.push(a.devices[0]);
  }
  const badWeights = BAD_ACTOR_KINDS.map((k) => [k, BAD_ACTORS[k].weight] as const);
  for (let n = 0; n < badCount; n++) {
    const kind = random.weighted(badWeights);
    const profile = BAD_ACTORS[kind];
    const account = newAccount(random, ids, profile.accountKind, kind, startMs);
    giveOwnIdentity(random, ids, account);
    if (!profile.ring && random.chance(profile.freshAccountShare)) registerDuringRun(account, startMs + random.between(0.003, 0.8) * Math.min(runMs, BAD_SIGNUP_WINDOW_MS));
    accounts.push(account);
    const group = badByKind.get(kind) ?? [];
    group.push(account);
    badByKind.set(kind, group);
  }
  const rings = [...badByKind.entries()].flatMap(([kind, members]) => formRings(random, ids, members, kind, startMs, runMs));
  return { accounts, rings };
}
