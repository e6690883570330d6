// What an analyst asks of the materials directly: "what does this text hit and how does Vigil read it"
// (try it), "what would this draft material have hit on last week's content" (preview), and "what does
// this image hash to and match" (hash lookup).
import { createHash } from 'node:crypto';
import type { Material, MaterialHit, MaterialInput, Surface, VigilEvent } from '../../domain/index.js';
import { scan, Units } from '../normalize/scan.js';
import { ALL_STEPS, foldCodePoint, Kind } from '../normalize/steps.js';
import { getPackage, checkKindRules } from '../packages/index.js';
import { pdqHashImageDihedral } from '../pdq/index.js';
import type { Executor } from '../../store/schema.js';
import { buildMaterialSetNow } from './build.js';
import { checkedItemsOf } from './items.js';
import type { MaterialSet } from './material-set.js';

export class CheckInputError extends Error {}

const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN', 0x034f: 'COMBINING GRAPHEME JOINER', 0x061c: 'ARABIC LETTER MARK', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER', 0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING', 0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER', 0x2061: 'FUNCTION APPLICATION', 0x2062: 'INVISIBLE TIMES', 0x2063: 'INVISIBLE SEPARATOR', 0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER', 0xfe0f: 'VARIATION SELECTOR-16', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

export interface HiddenCharacter {
  index: number;
  code_point: string;
  name: string;
}

/** Characters a reader cannot see but the normaliser drops: invisible, format and direction controls. */
export function hiddenCharacters(text: string): HiddenCharacter[] {
  const hidden: HiddenCharacter[] = [];
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (foldCodePoint(cp, ALL_STEPS).kind === Kind.Skip && (NAMES[cp] || /^\p{Cf}$/u.test(ch))) hidden.push({ index, code_point: hex(cp), name: NAMES[cp] ?? 'FORMAT CHARACTER' });
    index++;
  }
  return hidden;
}

export interface TryResult {
  normalised: string;
  hidden: HiddenCharacter[];
  hits: (MaterialHit & { value: string })[];
}

export function tryText(set: MaterialSet, input: { text: string; language?: string; surface?: Surface; market?: string; package_id?: string }): TryResult {
  const units = new Units();
  scan(input.text, ALL_STEPS, { arabizi: input.language?.startsWith('ar') === true }, units);
  const hits = set
    .checkText(input.text, 'text', { surface: input.surface, market: input.market, language: input.language })
    .filter((h) => !input.package_id || h.package_id === input.package_id)
    .map((h) => ({ ...h, value: set.material(h.material_id)?.value ?? '' }));
  return { normalised: units.toString(), hidden: hiddenCharacters(input.text), hits };
}

const PREVIEW_TYPES = ['content.created', 'content.updated', 'comment', 'account.created', 'account.updated', 'livestream.started'] as const;
/** Events read per preview: enough for a week of a busy demo, bounded so a preview answers in seconds. */
export const PREVIEW_SCAN_LIMIT = 20_000;

export interface PreviewHit {
  event_id: string;
  event_time: string;
  item_type: string;
  item_id: string;
  field: string;
  text: string;
  start?: number;
  end?: number;
  matched?: string;
}

export interface PreviewResult {
  from: string;
  to: string;
  scanned: number;
  truncated: boolean;
  hits: PreviewHit[];
}

/** Runs one draft material, as if active in its package, over the newest stored content of the last `days` days. */
export async function previewMaterial(
  ex: Executor,
  input: { package_id: string; material: MaterialInput; days: number; limit: number },
  now: Date,
): Promise<PreviewResult> {
  const pkg = await getPackage(ex, input.package_id);
  const checked = checkKindRules(input.material);
  if (!checked.ok) throw new CheckInputError(`material.${checked.field} ${checked.message}`);
  const draft: Material = { ...checked.material, id: 0, package_id: pkg.id, author: '', version: pkg.version, updated_at: now.toISOString(), updated_by: '', status: 'active' } as Material;
  const set = buildMaterialSetNow({ packages: [{ id: pkg.id, version: pkg.version, scope: pkg.scope }], materials: [draft] });
  if (set.rejected.length) throw new CheckInputError(`material.value ${set.rejected[0].message}`);
  const from = new Date(now.getTime() - input.days * 86_400_000);
  const rows = await ex
    .selectFrom('events')
    .select(['seq', 'id', 'event_time', 'language', 'body'])
    .where('type', 'in', [...PREVIEW_TYPES])
    .where('event_time', '>=', from)
    .where('event_time', '<=', now)
    .orderBy('event_time', 'desc')
    .limit(PREVIEW_SCAN_LIMIT + 1)
    .execute();
  const hits: PreviewHit[] = [];
  for (const row of rows.slice(0, PREVIEW_SCAN_LIMIT)) {
    for (const item of checkedItemsOf(row.body as VigilEvent, row.language ?? undefined)) {
      const ctx = { surface: item.surface, market: item.market, language: item.language };
      for (const t of item.texts) {
        for (const h of set.checkText(t.text, t.field, ctx)) {
          hits.push({ event_id: row.id, event_time: row.event_time.toISOString(), item_type: item.item.type, item_id: item.item.id, field: t.field, text: t.text, start: h.start, end: h.end, matched: h.matched });
        }
      }
      for (const u of item.urls) for (const h of set.checkUrl(u.url, u.field, ctx)) hits.push({ event_id: row.id, event_time: row.event_time.toISOString(), item_type: item.item.type, item_id: item.item.id, field: u.field, text: u.url, matched: h.matched });
    }
    if (hits.length >= input.limit) break;
  }
  return { from: from.toISOString(), to: now.toISOString(), scanned: Math.min(rows.length, PREVIEW_SCAN_LIMIT), truncated: rows.length > PREVIEW_SCAN_LIMIT || hits.length >= input.limit, hits: hits.slice(0, input.limit) };
}

export interface ImageCheck {
  sha256: string;
  pdq: string;
  quality: number;
  matches: { material_id: number; package_id: string; value: string; distance: number; policy_id: string; test: boolean }[];
}

/** Hashes image bytes (with the 8 rotations and mirrorings) and matches them against the image banks. */
export async function checkImage(set: MaterialSet, bytes: Buffer): Promise<ImageCheck> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let dihedral: Awaited<ReturnType<typeof pdqHashImageDihedral>>;
  try {
    dihedral = await pdqHashImageDihedral(bytes);
  } catch (err) {
    throw new CheckInputError(`the body is not an image Vigil can decode (${(err as Error).message})`);
  }
  const pdq = dihedral.hashes.original;
  const hits = set.checkMedia({ sha256, pdq, pdq_quality: dihedral.quality, pdq_dihedral: dihedral.hashes }, `media:${sha256}`, {});
  return {
    sha256,
    pdq,
    quality: dihedral.quality,
    matches: hits
      .filter((h) => h.kind === 'image_hash' || h.kind === 'file_hash')
      .map((h) => ({ material_id: h.material_id, package_id: h.package_id, value: set.material(h.material_id)?.value ?? '', distance: h.distance ?? 0, policy_id: h.policy_id, test: h.test }))
      .sort((a, b) => a.distance - b.distance),
  };
}
