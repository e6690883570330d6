// The typed events a platform sends to Vigil, their schemas (which also produce the OpenAPI document),
// and the pure description of which entities and relations each event mentions.
import { Type, type Static, type TLiteral, type TObject, type TSchema, type TUnion } from '@sinclair/typebox';
import { ACCOUNT_KINDS, CONTENT_KINDS, MODALITIES, EntityIdSchema, type EntityMention, type EntityRef, type Relation } from './entity.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;
const Attrs = Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Free-form attributes kept on the entity' }));
const DateTime = Type.String({ format: 'date-time' });
const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47 language tag, e.g. en, ar, es, zh' });
const Market = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 market, e.g. US' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'lower-case hex SHA-256 of the bytes' });

export const AccountSchema = Type.Object(
  {
    id: EntityIdSchema,
    kind: Type.Optional(literalUnion(ACCOUNT_KINDS)),
    display_name: Type.Optional(Type.String({ maxLength: 500 })),
    bio: Type.Optional(Type.String({ maxLength: 10_000 })),
    country: Type.Optional(Market),
    verified: Type.Optional(Type.Boolean()),
    follower_count: Type.Optional(Type.Integer({ minimum: 0 })),
    created_at: Type.Optional(DateTime),
    attrs: Attrs,
  },
  { additionalProperties: false },
);

export const MediaRefSchema = Type.Object(
  {
    sha256: Sha256,
    kind: literalUnion(['image', 'video', 'audio'] as const),
    url: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ContentSchema = Type.Object(
  {
    id: EntityIdSchema,
    kind: literalUnion(CONTENT_KINDS),
    modality: Type.Optional(literalUnion(MODALITIES)),
    title: Type.Optional(Type.String({ maxLength: 2_000 })),
    text: Type.Optional(Type.String({ maxLength: 100_000 })),
    language: Type.Optional(Language),
    market: Type.Optional(Market),
    media: Type.Optional(Type.Array(MediaRefSchema, { maxItems: 50 })),
    landing_url: Type.Optional(Type.String({ maxLength: 2000 })),
    price_cents: Type.Optional(Type.Integer({ minimum: 0 })),
    currency: Type.Optional(Currency),
    duration_s: Type.Optional(Type.Number({ minimum: 0 })),
    attrs: Attrs,
  },
  { additionalProperties: false },
);

export const LivestreamSchema = Type.Object(
  { id: EntityIdSchema, title: Type.Optional(Type.String({ maxLength: 2_000 })), language: Type.Optional(Language), market: Type.Optional(Market), attrs: Attrs },
  { additionalProperties: false },
);
export const ShopSchema = Type.Object(
  { id: EntityIdSchema, name: Type.Optional(Type.String({ maxLength: 500 })), market: Type.Optional(Market), attrs: Attrs },
  { additionalProperties: false },
);
export const DeviceSchema = Type.Object(
  { id: EntityIdSchema, os: Type.Optional(Type.String({ maxLength: 100 })), attrs: Attrs },
  { additionalProperties: false },
);
export const IpSchema = Type.Object({ id: EntityIdSchema, country: Type.Optional(Market), attrs: Attrs }, { additionalProperties: false });
export const PaymentInstrumentSchema = Type.Object(
  {
    id: EntityIdSchema,
    kind: Type.Optional(literalUnion(['card', 'wallet', 'bank_account', 'gift_card'] as const)),
    country: Type.Optional(Market),
    attrs: Attrs,
  },
  { additionalProperties: false },
);
const TargetSchema = Type.Object(
  { type: literalUnion(['account', 'content', 'livestream', 'shop'] as const), id: EntityIdSchema },
  { additionalProperties: false },
);

const envelope = {
  id: Type.String({ minLength: 1, maxLength: 200, description: 'Unique event id; re-sending an id is idempotent' }),
  time: Type.String({ format: 'date-time', description: 'When the event happened on the platform (RFC 3339)' }),
  signals: Type.Optional(Type.Record(Type.String(), Type.Number(), { description: 'Numeric model scores sent with the event' })),
  attrs: Attrs,
};

function eventSchema<K extends string, P extends Record<string, TSchema>>(type: K, description: string, props: P) {
  return Type.Object({ ...envelope, type: Type.Literal(type), ...props }, { additionalProperties: false, description, $id: `event.${type}` });
}

const Opt = Type.Optional;
export const EVENT_SCHEMAS = {
  'account.created': eventSchema('account.created', 'An account was registered', { account: AccountSchema, device: Opt(DeviceSchema), ip: Opt(IpSchema) }),
  'account.updated': eventSchema('account.updated', 'An account changed its profile', { account: AccountSchema }),
  login: eventSchema('login', 'An account signed in', { account: AccountSchema, device: Opt(DeviceSchema), ip: Opt(IpSchema), success: Opt(Type.Boolean()) }),
  'content.created': eventSchema('content.created', 'A content item was posted: video, photo, audio, text post, ad creative or product listing', {
    content: ContentSchema,
    author: AccountSchema,
    livestream: Opt(LivestreamSchema),
    shop: Opt(ShopSchema),
  }),
  'content.updated': eventSchema('content.updated', 'A content item was edited', { content: ContentSchema, author: Opt(AccountSchema) }),
  comment: eventSchema('comment', 'A comment on a content item or in a livestream chat', {
    content: ContentSchema,
    author: AccountSchema,
    target: TargetSchema,
  }),
  'livestream.started': eventSchema('livestream.started', 'A livestream went live', { livestream: LivestreamSchema, host: AccountSchema }),
  'livestream.ended': eventSchema('livestream.ended', 'A livestream ended', { livestream: LivestreamSchema }),
  'viewer.joined': eventSchema('viewer.joined', 'A viewer joined a livestream', { livestream: LivestreamSchema, viewer: AccountSchema }),
  gift: eventSchema('gift', 'A viewer sent a paid gift in a livestream', {
    livestream: LivestreamSchema,
    sender: AccountSchema,
    recipient: Opt(AccountSchema),
    payment_instrument: Opt(PaymentInstrumentSchema),
    gift: Type.Object({ name: Type.String({ maxLength: 100 }), value_cents: Type.Integer({ minimum: 0 }), currency: Currency }, { additionalProperties: false }),
  }),
  'view_count.tick': eventSchema('view_count.tick', 'Periodic view counts of a content item or livestream', {
    target: TargetSchema,
    views: Type.Integer({ minimum: 0, description: 'Total views so far' }),
    viewers: Opt(Type.Integer({ minimum: 0, description: 'Concurrent viewers (livestreams)' })),
  }),
  report: eventSchema('report', 'A user reported an entity', {
    reporter: AccountSchema,
    target: TargetSchema,
    reason: Type.String({ minLength: 1, maxLength: 100, description: 'Policy id or platform reason code' }),
    text: Opt(Type.String({ maxLength: 10_000 })),
  }),
  purchase: eventSchema('purchase', 'A buyer bought a product listing', {
    buyer: AccountSchema,
    listing: ContentSchema,
    seller: Opt(AccountSchema),
    shop: Opt(ShopSchema),
    payment_instrument: Opt(PaymentInstrumentSchema),
    amount_cents: Type.Integer({ minimum: 0 }),
    currency: Currency,
  }),
  'shop.created': eventSchema('shop.created', 'A seller opened a shop', { shop: ShopSchema, owner: AccountSchema }),
  'payment_instrument.added': eventSchema('payment_instrument.added', 'An account added a payment instrument', {
    account: AccountSchema,
    payment_instrument: PaymentInstrumentSchema,
  }),
  appeal: eventSchema('appeal', 'An affected user appealed a decision', {
    appellant: AccountSchema,
    target: TargetSchema,
    decision_id: Opt(Type.String({ maxLength: 200 })),
    text: Opt(Type.String({ maxLength: 10_000 })),
  }),
} as const satisfies Record<string, TObject>;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];
export type EventOf<T extends EventType> = Static<(typeof EVENT_SCHEMAS)[T]>;
export type VigilEvent = { [T in EventType]: EventOf<T> }[EventType];

export const EventSchema = Type.Union(EVENT_TYPES.map((t) => EVENT_SCHEMAS[t]), { description: 'Any Vigil event, discriminated by `type`' });

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_SCHEMAS, value);
}

/** What an event says about the world: the entities it mentions (with attributes) and the relations it implies. */
export interface EventDescription {
  mentions: EntityMention[];
  relations: Relation[];
  /** The entity whose events must be processed in order; the bus partitions by it. */
  partitionKey: string;
  /** Text that a language detector may read when the event names no language. */
  text?: string;
}

type Obj = { id: string; attrs?: Record<string, unknown> } & Record<string, unknown>;

function attributesOf(obj: Obj): Record<string, unknown> {
  const { id: _id, attrs, ...known } = obj;
  return { ...(attrs ?? {}), ...known };
}

function mention(role: string, type: EntityMention['type'], obj: Obj | undefined, out: EntityMention[]): EntityRef | undefined {
  if (!obj) return undefined;
  out.push({ role, type, id: obj.id, attrs: attributesOf(obj) });
  return { type, id: obj.id };
}

function targetRef(role: string, target: { type: EntityMention['type']; id: string }, out: EntityMention[], attrs: Record<string, unknown> = {}): EntityRef {
  out.push({ role, type: target.type, id: target.id, attrs });
  return { type: target.type, id: target.id };
}

function textOf(content: { title?: string; text?: string } | undefined): string | undefined {
  const parts = [content?.title, content?.text].filter((s): s is string => typeof s === 'string' && s.length > 0);
  return parts.length ? parts.join('\n') : undefined;
}

/** Pure: maps an event to the entities and relations it mentions. */
export function describeEvent(event: VigilEvent): EventDescription {
  const m: EntityMention[] = [];
  const r: Relation[] = [];
  const rel = (src: EntityRef | undefined, kind: Relation['kind'], dst: EntityRef | undefined) => {
    if (src && dst) r.push({ src, kind, dst });
  };
  const key = (ref: EntityRef | undefined) => (ref ? `${ref.type}:${ref.id}` : `event:${event.id}`);
  switch (event.type) {
    case 'account.created':
    case 'login': {
      const a = mention('account', 'account', event.account, m);
      rel(a, 'used_device', mention('device', 'device', event.device, m));
      rel(a, 'used_ip', mention('ip', 'ip', event.ip, m));
      return { mentions: m, relations: r, partitionKey: key(a) };
    }
    case 'account.updated': {
      const a = mention('account', 'account', event.account, m);
      return { mentions: m, relations: r, partitionKey: key(a), text: event.account.bio };
    }
    case 'content.created': {
      const c = mention('content', 'content', event.content, m);
      const a = mention('author', 'account', event.author, m);
      rel(a, 'owns', c);
      rel(c, 'posted_in', mention('livestream', 'livestream', event.livestream, m));
      const s = mention('shop', 'shop', event.shop, m);
      rel(c, 'sold_by', s);
      return { mentions: m, relations: r, partitionKey: key(a), text: textOf(event.content) };
    }
    case 'content.updated': {
      const c = mention('content', 'content', event.content, m);
      const a = mention('author', 'account', event.author, m);
      rel(a, 'owns', c);
      return { mentions: m, relations: r, partitionKey: key(a ?? c), text: textOf(event.content) };
    }
    case 'comment': {
      const c = mention('content', 'content', event.content, m);
      const a = mention('author', 'account', event.author, m);
      const t = targetRef('target', event.target, m);
      rel(a, 'owns', c);
      rel(c, event.target.type === 'livestream' ? 'posted_in' : 'replied_to', t);
      return { mentions: m, relations: r, partitionKey: key(a), text: textOf(event.content) };
    }
    case 'livestream.started': {
      const l = mention('livestream', 'livestream', event.livestream, m);
      rel(mention('host', 'account', event.host, m), 'hosts', l);
      return { mentions: m, relations: r, partitionKey: key(l), text: event.livestream.title };
    }
    case 'livestream.ended':
      return { mentions: m, relations: r, partitionKey: key(mention('livestream', 'livestream', event.livestream, m)) };
    case 'viewer.joined': {
      const l = mention('livestream', 'livestream', event.livestream, m);
      mention('viewer', 'account', event.viewer, m);
      return { mentions: m, relations: r, partitionKey: key(l) };
    }
    case 'gift': {
      const l = mention('livestream', 'livestream', event.livestream, m);
      const s = mention('sender', 'account', event.sender, m);
      mention('recipient', 'account', event.recipient, m);
      rel(s, 'paid_with', mention('payment_instrument', 'payment_instrument', event.payment_instrument, m));
      return { mentions: m, relations: r, partitionKey: key(l) };
    }
    case 'view_count.tick': {
      // Reach for review priority: the latest count and when it was read (velocity is derived from them).
      const reach = { views: event.views, views_at: event.time, ...(event.viewers !== undefined ? { viewers: event.viewers } : {}) };
      return { mentions: m, relations: r, partitionKey: key(targetRef('target', event.target, m, reach)) };
    }
    case 'report': {
      mention('reporter', 'account', event.reporter, m);
      const t = targetRef('target', event.target, m);
      return { mentions: m, relations: r, partitionKey: key(t), text: event.text };
    }
    case 'purchase': {
      const b = mention('buyer', 'account', event.buyer, m);
      const l = mention('listing', 'content', event.listing, m);
      const seller = mention('seller', 'account', event.seller, m);
      const shop = mention('shop', 'shop', event.shop, m);
      rel(seller, 'owns', l);
      rel(l, 'sold_by', shop);
      rel(b, 'paid_with', mention('payment_instrument', 'payment_instrument', event.payment_instrument, m));
      return { mentions: m, relations: r, partitionKey: key(seller ?? shop ?? l), text: textOf(event.listing) };
    }
    case 'shop.created': {
      const s = mention('shop', 'shop', event.shop, m);
      rel(mention('owner', 'account', event.owner, m), 'owns', s);
      return { mentions: m, relations: r, partitionKey: key(s) };
    }
    case 'payment_instrument.added': {
      const a = mention('account', 'account', event.account, m);
      rel(a, 'paid_with', mention('payment_instrument', 'payment_instrument', event.payment_instrument, m));
      return { mentions: m, relations: r, partitionKey: key(a) };
    }
    case 'appeal': {
      const a = mention('appellant', 'account', event.appellant, m);
      targetRef('target', event.target, m);
      return { mentions: m, relations: r, partitionKey: key(a), text: event.text };
    }
  }
}

/** The language an event states for its content, if any. */
export function statedLanguage(event: VigilEvent): string | undefined {
  if ('content' in event && event.content && 'language' in event.content) return event.content.language;
  if (event.type === 'purchase') return event.listing.language;
  if ('livestream' in event && event.livestream && 'language' in event.livestream) return event.livestream.language;
  return undefined;
}
