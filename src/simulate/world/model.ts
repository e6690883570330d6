// The simulated world's state: accounts with their devices, IPs and payment instruments, rings,
// shops, content with its reach, and livestreams. Plain data, changed by behaviours and by Vigil's
// actions read back from the platform.
import type { AccountKind, ContentKind } from '../../domain/index.js';
import type { SimLanguage, SimPolicy } from '../vocabulary/languages.js';
import type { ActorKind } from './actors.js';

export interface SimAccount {
  id: string;
  kind: AccountKind;
  actor: ActorKind;
  language: SimLanguage;
  country: string;
  displayName: string;
  followers: number;
  /** Multiplies its behaviour rates (some people are simply more active). */
  activity: number;
  createdAtMs: number;
  /** Registers during the run at this time; undefined for accounts that already exist. */
  registersAtMs?: number;
  devices: string[];
  ips: string[];
  payments: string[];
  ringId?: string;
  shopId?: string;
  /** The suspended account this one was made to replace (ban evasion). */
  replaces?: string;
  suspended: boolean;
  demonetized: boolean;
  registered: boolean;
  /** Simulated time of its first violating post, for time-to-action of account actions. */
  firstViolationMs?: number;
  /** Bumped when its session loop must stop (suspension); a stale loop sees the change and ends. */
  lifeGeneration: number;
}

export interface SimRing {
  id: string;
  actor: ActorKind;
  members: string[];
  devices: string[];
  ips: string[];
  payments: string[];
}

/** How a content item's views grow: views(age) = base + factor * reach * (e^(-a0/tau) - e^(-age/tau)). */
export interface ReachState {
  reach: number;
  tauMs: number;
  /** Views already counted at the last change of factor. */
  base: number;
  /** Age (ms) at the last change of factor. */
  sinceAgeMs: number;
  /** 1 normally, less when reach is limited, 0 when removed. */
  factor: number;
}

export interface SimContent {
  id: string;
  authorId: string;
  kind: ContentKind;
  language: SimLanguage;
  postedMs: number;
  violating: boolean;
  policies: SimPolicy[];
  reach: ReachState;
  removed: boolean;
  limited: boolean;
  ageGated: boolean;
  /** Product listings only. */
  priceCents?: number;
  currency?: string;
  shopId?: string;
  title?: string;
  text?: string;
  livestreamId?: string;
  lastViews: number;
}

export interface SimLivestream {
  id: string;
  hostId: string;
  language: SimLanguage;
  title: string;
  startedMs: number;
  plannedEndMs: number;
  ended: boolean;
  violating: boolean;
  policies: SimPolicy[];
  /** Joins so far. */
  views: number;
  /** Join times (ms) of current viewers, to estimate concurrency. */
  recentJoins: number[];
  demonetized: boolean;
  /** Ring colluding with the host, if any. */
  colludingRing?: string;
}

export interface SimShop {
  id: string;
  ownerId: string;
  name: string;
  market: string;
  suspended: boolean;
}
