// Who is on the simulated platform: ordinary accounts and the kinds of bad actor, each with the
// account kind it uses, the policy it breaks, how often it breaks it and how active it is.
import type { AccountKind } from '../../domain/index.js';
import type { SimPolicy } from '../vocabulary/languages.js';

export const BAD_ACTOR_KINDS = [
  'spammer',
  'scam_seller',
  'hate_poster',
  'counterfeit_shop',
  'gift_fraud',
  'harasser',
  'adult_creator',
  'drug_dealer',
  'violent_extremist',
  'self_harm_promoter',
  'groomer',
  'scam_advertiser',
] as const;
export type BadActorKind = (typeof BAD_ACTOR_KINDS)[number];
export type ActorKind = 'ordinary' | BadActorKind;

export interface BadActorProfile {
  accountKind: AccountKind;
  policy: SimPolicy;
  /** Share of all bad actors. */
  weight: number;
  /** Chance that one of its posts or comments violates. */
  violationRate: number;
  /** Multiplies its session rate. */
  activity: number;
  /** Registers during the run (fresh accounts), rather than being an old account. */
  freshAccountShare: number;
  /** Operates in rings that share devices, IPs and payment instruments. */
  ring?: { size: [number, number]; sharePayments: boolean };
}

export const BAD_ACTORS: Readonly<Record<BadActorKind, BadActorProfile>> = {
  spammer: { accountKind: 'user', policy: 'spam', weight: 0.2, violationRate: 0.8, activity: 4, freshAccountShare: 0.9, ring: { size: [6, 16], sharePayments: false } },
  scam_seller: { accountKind: 'seller', policy: 'scam', weight: 0.08, violationRate: 0.6, activity: 2, freshAccountShare: 0.6 },
  hate_poster: { accountKind: 'user', policy: 'hate', weight: 0.1, violationRate: 0.5, activity: 1.5, freshAccountShare: 0.3 },
  counterfeit_shop: { accountKind: 'seller', policy: 'counterfeit', weight: 0.08, violationRate: 0.7, activity: 2, freshAccountShare: 0.5, ring: { size: [3, 6], sharePayments: true } },
  gift_fraud: { accountKind: 'user', policy: 'scam', weight: 0.08, violationRate: 0.1, activity: 2, freshAccountShare: 0.8, ring: { size: [5, 10], sharePayments: true } },
  harasser: { accountKind: 'user', policy: 'harassment', weight: 0.1, violationRate: 0.4, activity: 1.5, freshAccountShare: 0.2 },
  adult_creator: { accountKind: 'creator', policy: 'adult', weight: 0.07, violationRate: 0.6, activity: 1.5, freshAccountShare: 0.4 },
  drug_dealer: { accountKind: 'user', policy: 'drugs', weight: 0.06, violationRate: 0.6, activity: 1.5, freshAccountShare: 0.5 },
  violent_extremist: { accountKind: 'user', policy: 'violence', weight: 0.05, violationRate: 0.4, activity: 1, freshAccountShare: 0.3 },
  self_harm_promoter: { accountKind: 'creator', policy: 'self_harm', weight: 0.05, violationRate: 0.4, activity: 1, freshAccountShare: 0.3 },
  groomer: { accountKind: 'user', policy: 'minor_safety', weight: 0.04, violationRate: 0.3, activity: 1.5, freshAccountShare: 0.5 },
  scam_advertiser: { accountKind: 'advertiser', policy: 'scam', weight: 0.05, violationRate: 0.7, activity: 1.5, freshAccountShare: 0.7 },
};

/** How ordinary accounts split by kind. */
export const ORDINARY_KIND_WEIGHTS: readonly (readonly [AccountKind, number])[] = [
  ['user', 0.85],
  ['creator', 0.08],
  ['seller', 0.04],
  ['advertiser', 0.03],
];

/** Now and then an ordinary account loses its temper or shares something it should not. */
export const ORDINARY_SLIP_RATE = 0.004;
export const ORDINARY_SLIP_POLICIES: readonly (readonly [SimPolicy, number])[] = [
  ['harassment', 0.45],
  ['hate', 0.15],
  ['spam', 0.2],
  ['adult', 0.1],
  ['violence', 0.1],
];
