// Where a material hit's text lives in an event: hits name the field (text, title, bio, display_name,
// landing_url) of the item the event carries (its content, listing, account or livestream).
type Obj = Record<string, unknown>;
const ITEM_KEYS = ['content', 'listing', 'account', 'livestream', 'shop'];

export function fieldText(body: Obj | undefined, field: string): string | undefined {
  if (!body) return undefined;
  for (const k of ITEM_KEYS) {
    const item = body[k];
    if (item && typeof item === 'object' && typeof (item as Obj)[field] === 'string') return (item as Obj)[field] as string;
  }
  return typeof body[field] === 'string' ? (body[field] as string) : undefined;
}

/** A condition's value as text: strings quoted, lists and objects as JSON, numbers rounded for reading. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10_000) / 10_000);
  return JSON.stringify(v);
}
