// The platform's entities and the relations between them: the nouns every capability talks about.
import { Type, type Static } from '@sinclair/typebox';

export const ENTITY_TYPES = ['account', 'content', 'livestream', 'shop', 'device', 'payment_instrument', 'ip'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ACCOUNT_KINDS = ['user', 'creator', 'seller', 'advertiser'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const CONTENT_KINDS = ['video', 'photo', 'audio', 'text_post', 'comment', 'ad_creative', 'product_listing'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const MODALITIES = ['text', 'image', 'video', 'audio', 'mixed'] as const;
export type Modality = (typeof MODALITIES)[number];

/** Relations are directed: `src -[kind]-> dst`. */
export const RELATION_KINDS = ['owns', 'posted_in', 'replied_to', 'sold_by', 'used_device', 'used_ip', 'paid_with', 'hosts'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface EntityRef {
  type: EntityType;
  id: string;
}

/** An entity mentioned by an event, with whatever attributes the event carried about it. */
export interface EntityMention extends EntityRef {
  role: string;
  attrs: Record<string, unknown>;
}

export interface Relation {
  src: EntityRef;
  kind: RelationKind;
  dst: EntityRef;
}

export interface Entity extends EntityRef {
  attrs: Record<string, unknown>;
  labels: string[];
  firstSeen: Date;
  lastSeen: Date;
  eventCount: number;
}

export const EntityTypeSchema = Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t)));

export const EntityIdSchema = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s]+$' });

export const EntitySchema = Type.Object({
  type: EntityTypeSchema,
  id: Type.String(),
  attrs: Type.Record(Type.String(), Type.Unknown()),
  labels: Type.Array(Type.String()),
  firstSeen: Type.String({ format: 'date-time' }),
  lastSeen: Type.String({ format: 'date-time' }),
  eventCount: Type.Integer(),
});
export type EntityJson = Static<typeof EntitySchema>;

export function entityKey(ref: EntityRef): string {
  return `${ref.type}:${ref.id}`;
}
