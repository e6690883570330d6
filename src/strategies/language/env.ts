// What a strategy can read about an event, derived from the event schemas so the language and the
// schemas never disagree: the roles (entities around the event) with their typed fields, and the
// event's own fields, per event type.
import type { TSchema } from '@sinclair/typebox';
import {
  AccountSchema,
  ContentSchema,
  DeviceSchema,
  EVENT_SCHEMAS,
  IpSchema,
  LivestreamSchema,
  PaymentInstrumentSchema,
  ShopSchema,
  type EntityType,
  type EventType,
} from '../../domain/index.js';

export type ValueType = 'number' | 'string' | 'bool' | 'time' | 'list' | 'any' | 'null';

export interface RoleShape {
  /** 'target' when the event says which kind of entity (a report's target). */
  entityType: EntityType | 'target';
  fields: ReadonlyMap<string, ValueType>;
}

export interface EventShape {
  roles: ReadonlyMap<string, RoleShape>;
  /** Paths under `event.` (e.g. 'amount_cents', 'gift.value_cents') with their types. */
  fields: ReadonlyMap<string, ValueType>;
}

/** Fields every entity has, whatever its type. */
export const COMMON_ENTITY_FIELDS: ReadonlyMap<string, ValueType> = new Map<string, ValueType>([
  ['id', 'string'],
  ['type', 'string'],
  ['labels', 'list'],
  ['first_seen', 'time'],
]);

const COMMON_EVENT_FIELDS: [string, ValueType][] = [
  ['id', 'string'],
  ['type', 'string'],
  ['time', 'time'],
  ['language', 'string'],
  ['text', 'string'],
];

const ENVELOPE = new Set(['id', 'type', 'time', 'signals', 'attrs']);

const ENTITY_SCHEMAS = new Map<unknown, EntityType>([
  [AccountSchema.properties, 'account'],
  [ContentSchema.properties, 'content'],
  [LivestreamSchema.properties, 'livestream'],
  [ShopSchema.properties, 'shop'],
  [DeviceSchema.properties, 'device'],
  [IpSchema.properties, 'ip'],
  [PaymentInstrumentSchema.properties, 'payment_instrument'],
]);

function scalarType(schema: TSchema): ValueType | undefined {
  if (schema.type === 'string') return schema.format === 'date-time' ? 'time' : 'string';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'bool';
  if (Array.isArray(schema.anyOf) && schema.anyOf.every((s: TSchema) => s.const !== undefined)) return 'string';
  if (schema.type === 'array' && schema.items?.type === 'string') return 'list';
  return undefined;
}

function fieldsOf(properties: Record<string, TSchema>): Map<string, ValueType> {
  const fields = new Map(COMMON_ENTITY_FIELDS);
  for (const [name, schema] of Object.entries(properties)) {
    if (name === 'id' || name === 'attrs') continue;
    const t = scalarType(schema);
    if (t) fields.set(name, t);
  }
  return fields;
}

function shapeOf(schema: TSchema): EventShape {
  const roles = new Map<string, RoleShape>();
  const fields = new Map<string, ValueType>(COMMON_EVENT_FIELDS);
  for (const [name, prop] of Object.entries(schema.properties as Record<string, TSchema>)) {
    if (ENVELOPE.has(name)) continue;
    const entityType = ENTITY_SCHEMAS.get(prop.properties);
    if (entityType) roles.set(name, { entityType, fields: fieldsOf(prop.properties) });
    else if (prop.type === 'object' && prop.properties?.id && prop.properties?.type) roles.set(name, { entityType: 'target', fields: new Map(COMMON_ENTITY_FIELDS) });
    else if (prop.type === 'object') {
      for (const [sub, subSchema] of Object.entries(prop.properties as Record<string, TSchema>)) {
        const t = scalarType(subSchema);
        if (t) fields.set(`${name}.${sub}`, t);
      }
    } else {
      const t = scalarType(prop);
      if (t) fields.set(name, t);
    }
  }
  return { roles, fields };
}

export const EVENT_SHAPES: ReadonlyMap<EventType, EventShape> = new Map((Object.keys(EVENT_SCHEMAS) as EventType[]).map((t) => [t, shapeOf(EVENT_SCHEMAS[t])]));

/** Every role name any event has, for suggestions in error messages. */
export const ALL_ROLES: readonly string[] = [...new Set([...EVENT_SHAPES.values()].flatMap((s) => [...s.roles.keys()]))].sort();
