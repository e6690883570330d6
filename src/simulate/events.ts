// Builds the typed events the platform sends to Vigil (src/domain/event.ts) from the simulated
// world. Every event gets the next id of the run and the current simulated time.
import type { Static } from '@sinclair/typebox';
import type { AccountSchema, ContentSchema, EventOf, EventType, LivestreamSchema } from '../domain/index.js';
import type { SimAccount, SimContent, SimLivestream, SimShop } from './world/model.js';
import { iso } from './time.js';

type AccountJson = Static<typeof AccountSchema>;
type ContentJson = Static<typeof ContentSchema>;
type LivestreamJson = Static<typeof LivestreamSchema>;

export interface EventStamp {
  nextEventId(): string;
  readonly now: number;
}

export function stamp<T extends EventType>(ctx: EventStamp, type: T, body: Omit<EventOf<T>, 'id' | 'time' | 'type'>): EventOf<T> {
  return { id: ctx.nextEventId(), time: iso(ctx.now), type, ...body } as EventOf<T>;
}

/** How an account appears in most events: enough to know who and what kind. */
export function accountRef(account: SimAccount): AccountJson {
  return { id: account.id, kind: account.kind, country: account.country };
}

/** The full profile, sent when an account registers. */
export function accountProfile(account: SimAccount): AccountJson {
  return {
    id: account.id,
    kind: account.kind,
    display_name: account.displayName,
    country: account.country,
    follower_count: account.followers,
    created_at: iso(account.createdAtMs),
    verified: account.kind === 'creator' && account.followers > 50_000,
  };
}

export function livestreamRef(stream: SimLivestream, languageStated = true): LivestreamJson {
  return languageStated ? { id: stream.id, title: stream.title, language: stream.language } : { id: stream.id, title: stream.title };
}

export function shopRef(shop: SimShop): { id: string; name: string; market: string } {
  return { id: shop.id, name: shop.name, market: shop.market };
}

/** The minimal content object for events that mention an existing item (purchases, updates). */
export function listingRef(content: SimContent): ContentJson {
  const json: ContentJson = { id: content.id, kind: content.kind };
  if (content.title) json.title = content.title;
  if (content.priceCents !== undefined) json.price_cents = content.priceCents;
  if (content.currency) json.currency = content.currency;
  return json;
}
