// What an event puts in front of the materials: each checked item (the content, profile or stream it is
// about), on which surface, in which market and language, with its text fields, URLs and media.
import type { EntityRef, Surface, VigilEvent } from '../../domain/index.js';

export interface CheckedItem {
  item: EntityRef;
  surface: Surface;
  market?: string;
  language?: string;
  /** Text to match: `field` names where it came from (title, text, bio, display_name). */
  texts: { field: string; text: string }[];
  /** Whole URLs the item links to (an ad's landing page), checked against URL and domain materials. */
  urls: { field: string; url: string }[];
  media: { sha256: string; kind: 'image' | 'video' | 'audio' }[];
}

type ContentLike = {
  id: string;
  kind: string;
  title?: string;
  text?: string;
  language?: string;
  market?: string;
  landing_url?: string;
  media?: { sha256: string; kind: 'image' | 'video' | 'audio' }[];
};

const SURFACE_OF_KIND: Record<string, Surface> = { comment: 'comment', ad_creative: 'ad_creative', product_listing: 'product_listing' };

function texts(fields: Record<string, string | undefined>): CheckedItem['texts'] {
  return Object.entries(fields).flatMap(([field, text]) => (text ? [{ field, text }] : []));
}

function contentItems(content: ContentLike, surface: Surface, language: string | undefined): CheckedItem[] {
  const item: EntityRef = { type: 'content', id: content.id };
  const base = { item, market: content.market, language: content.language ?? language };
  const items: CheckedItem[] = [{ ...base, surface, texts: texts({ title: content.title, text: content.text }), urls: [], media: content.media ?? [] }];
  if (content.landing_url) items.push({ ...base, surface: 'ad_landing_page', texts: [], urls: [{ field: 'landing_url', url: content.landing_url }], media: [] });
  return items;
}

/** Pure. `language` is the event's stored language (stated or detected), used when the item states none. */
export function checkedItemsOf(event: VigilEvent, language?: string): CheckedItem[] {
  switch (event.type) {
    case 'account.created':
    case 'account.updated': {
      const a = event.account;
      const found = texts({ display_name: a.display_name, bio: a.bio });
      return found.length ? [{ item: { type: 'account', id: a.id }, surface: 'profile', market: a.country, language, texts: found, urls: [], media: [] }] : [];
    }
    case 'content.created':
    case 'content.updated':
      return contentItems(event.content, SURFACE_OF_KIND[event.content.kind] ?? 'post', language);
    case 'comment':
      return contentItems(event.content, event.target.type === 'livestream' ? 'livestream_chat' : 'comment', language);
    case 'livestream.started': {
      const l = event.livestream;
      return l.title ? [{ item: { type: 'livestream', id: l.id }, surface: 'livestream', market: l.market, language: l.language ?? language, texts: texts({ title: l.title }), urls: [], media: [] }] : [];
    }
    default:
      return [];
  }
}
