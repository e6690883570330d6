// Small formatting helpers shared by the pages: times, numbers, and what to show for an event in a list.
import type { StoredEvent } from './types';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local HH:MM:SS, with the date when it is not today. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const today = new Date();
  if (d.toDateString() === today.toDateString()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** Local HH:MM, for chart axes. */
export const formatMinute = (iso: string) => {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export const formatCount = (n: number) => n.toLocaleString('en-US');

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The text an event carries: a post's text or title, a report or appeal, a stream title, a bio. */
export function eventText(body: Obj): string | undefined {
  const content = obj(body.content) ?? obj(body.listing);
  return (
    str(content?.text) ??
    str(content?.title) ??
    str(body.text) ??
    str(obj(body.livestream)?.title) ??
    str(obj(body.account)?.bio) ??
    (obj(body.gift) ? `${str(obj(body.gift)?.name) ?? 'gift'} (${String(obj(body.gift)?.value_cents ?? '?')}¢)` : undefined) ??
    str(body.reason)
  );
}

/** Which field of an event body holds which entity type, in order of what an event is mainly about. */
const MAIN_ROLES: [string, string][] = [
  ['content', 'content'],
  ['listing', 'content'],
  ['target', ''],
  ['livestream', 'livestream'],
  ['shop', 'shop'],
  ['account', 'account'],
  ['author', 'account'],
  ['host', 'account'],
  ['buyer', 'account'],
  ['reporter', 'account'],
  ['appellant', 'account'],
  ['payment_instrument', 'payment_instrument'],
];

export interface EntityRef {
  type: string;
  id: string;
}

/** The entity an event is mainly about (what the feed links to). */
export function mainEntity(event: StoredEvent): EntityRef | undefined {
  for (const [field, type] of MAIN_ROLES) {
    const o = obj(event.body[field]);
    const id = str(o?.id);
    const t = type || str(o?.type);
    if (id && t) return { type: t, id };
  }
  const [type, ...rest] = event.partition_key.split(':');
  return rest.length && type !== 'event' ? { type, id: rest.join(':') } : undefined;
}

export const entityPath = (ref: EntityRef) => `/entities/${encodeURIComponent(ref.type)}/${encodeURIComponent(ref.id)}`;

/** Attribute values as text: strings as they are, everything else as compact JSON. */
export function attrText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "policies" → "Policies", for nouns that start a title. */
export const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
