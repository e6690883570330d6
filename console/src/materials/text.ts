// Text helpers for showing hits. The server counts spans in Unicode code points, while JS strings index
// UTF-16 code units (an emoji or a rare CJK character is two), so every span here is applied to
// Array.from(text), never to text.slice.
import type { HiddenChar } from './types';

/** A span of code points [start, end) and what to say about it. */
export interface Span {
  start: number;
  end: number;
}

export type Segment =
  | { type: 'text'; start: number; end: number; text: string; /** indices into the spans covering it */ spans: number[] }
  | { type: 'hidden'; start: number; end: number; hidden: HiddenChar; spans: number[] };

// The names a reader needs for the invisible characters that evade matching; the server names them for
// try-it, and the console names the same ones in excerpts (preview, recent hits) the server does not scan.
const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN', 0x061c: 'ARABIC LETTER MARK', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER', 0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING', 0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER', 0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};
const FORMAT = /^\p{Cf}$/u;

export const codePointLabel = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Invisible and direction-control characters of `text`, by code point index. Shown as badges instead of
 * being rendered: a raw U+202E RIGHT-TO-LEFT OVERRIDE would reorder what the analyst sees, which is the
 * very evasion they are looking for. `known` (the server's list) wins where both name a character.
 */
export function hiddenChars(text: string, known: HiddenChar[] = []): HiddenChar[] {
  const byIndex = new Map(known.map((h) => [h.index, h]));
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!byIndex.has(index) && (NAMES[cp] || FORMAT.test(ch))) byIndex.set(index, { index, code_point: codePointLabel(cp), name: NAMES[cp] ?? 'FORMAT CHARACTER' });
    index++;
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** Cuts `text` at every span edge and hidden character, so each piece is covered by one fixed set of spans. */
export function segment(text: string, spans: Partial<Span>[], hidden: HiddenChar[]): Segment[] {
  const cps = Array.from(text);
  const n = cps.length;
  const clamp = (i: number) => Math.max(0, Math.min(n, i));
  const placed = spans.map((s) => (s.start === undefined || s.end === undefined ? undefined : { start: clamp(s.start), end: clamp(s.end) }));
  const hiddenAt = new Map(hidden.filter((h) => h.index >= 0 && h.index < n).map((h) => [h.index, h]));
  const cuts = new Set([0, n]);
  for (const s of placed) if (s) cuts.add(s.start).add(s.end);
  for (const i of hiddenAt.keys()) cuts.add(i).add(i + 1);
  const edges = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const [start, end] = [edges[k], edges[k + 1]];
    const covering = placed.flatMap((s, i) => (s && s.start <= start && s.end >= end && s.start < s.end ? [i] : []));
    const h = hiddenAt.get(start);
    if (h && end === start + 1) out.push({ type: 'hidden', start, end, hidden: h, spans: covering });
    else out.push({ type: 'text', start, end, text: cps.slice(start, end).join(''), spans: covering });
  }
  return out;
}

/** The code points [start, end) of `text` (what a span names). */
export const spanText = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

/**
 * A window of about `context` code points either side of a span, for excerpts of long texts, with "…"
 * where it was cut (inside the text, so a right-to-left excerpt shows it on the right side); the span is
 * moved into the excerpt's coordinates. Texts that fit come back as they are.
 */
export function excerpt(text: string, span: Partial<Span>, context = 60): { text: string; span: Partial<Span> } {
  const cps = Array.from(text);
  if (span.start === undefined || span.end === undefined) return cps.length <= 2 * context ? { text, span } : { text: `${cps.slice(0, 2 * context).join('')}…`, span };
  if (cps.length <= span.end - span.start + 2 * context) return { text, span };
  const from = Math.max(0, span.start - context);
  const to = Math.min(cps.length, span.end + context);
  const lead = from > 0 ? '…' : '';
  const tail = to < cps.length ? '…' : '';
  return { text: `${lead}${cps.slice(from, to).join('')}${tail}`, span: { start: span.start - from + lead.length, end: span.end - from + lead.length } };
}

/** "en, es ar" → ["en", "es", "ar"]: codes typed as a list. */
export const parseCodes = (text: string, upper = false) => [...new Set(text.split(/[\s,]+/).map((s) => (upper ? s.trim().toUpperCase() : s.trim().toLowerCase())).filter(Boolean))];

/** One item per non-empty line (exceptions). */
export const parseLines = (text: string) => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/** Hashes are long: the first and last characters identify one at a glance. */
export const shortHash = (value: string) => (value.length > 20 ? `${value.slice(0, 10)}…${value.slice(-6)}` : value);
