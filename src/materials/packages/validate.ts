// The rules of each material kind, checked before anything is written: proximity needs its second word
// and distance, patterns must compile, URLs, domains and hashes are normalised so the natural key
// (kind, value, near) finds the same material however it was written.
import type { MaterialInput, MaterialKind } from '../../domain/index.js';
import { normaliseFileHash } from '../filehash/index.js';
import { validatePattern } from '../patterns/index.js';
import { isPdqHex } from '../pdq/index.js';
import { normalisesToNothing, stepsWithout } from '../normalize/index.js';
import { normaliseUrlMaterial } from '../urls/index.js';

/** The fields the kind rules look at; severity, status and the rest are the schema's business. */
export type KindFields = Pick<MaterialInput, 'kind' | 'value' | 'near' | 'within' | 'max_distance' | 'min_frame_share'> & Partial<Pick<MaterialInput, 'exceptions' | 'note' | 'opt_out'>>;

export type KindCheck<T> = { ok: true; material: T } | { ok: false; field: keyof KindFields; message: string };

/**
 * PostgreSQL refuses a unique-index entry above about 2,700 bytes; the natural key indexes value and near,
 * so their UTF-8 size is capped below that (2,000 CJK characters would be 6,000 bytes).
 */
export const MAX_KEY_BYTES = 2_400;

const TEXT: ReadonlySet<MaterialKind> = new Set(['term', 'phrase', 'proximity']);
const MEDIA: ReadonlySet<MaterialKind> = new Set(['image_hash', 'video_hash']);

/** Checks and normalises one material's kind-specific fields; returns a copy, never changes its argument. */
export function checkKindRules<T extends KindFields>(input: T): KindCheck<T> {
  const m: T = { ...input };
  const fail = (field: keyof KindFields, message: string): KindCheck<T> => ({ ok: false, field, message });

  if (m.kind === 'proximity') {
    if (m.near === undefined) return fail('near', 'is required for a proximity material (the second word or phrase)');
    if (m.within === undefined) return fail('within', 'is required for a proximity material (at most this many words between the two)');
  } else {
    if (m.near !== undefined) return fail('near', `is only for proximity materials, not ${m.kind}`);
    if (m.within !== undefined) return fail('within', `is only for proximity materials, not ${m.kind}`);
  }
  // PostgreSQL text cannot hold U+0000; say so instead of failing on write.
  for (const field of ['value', 'near', 'note'] as const) if (m[field]?.includes('\u0000')) return fail(field, 'contains a NUL character (U+0000)');
  if (m.exceptions?.some((e) => e.includes('\u0000'))) return fail('exceptions', 'contains a NUL character (U+0000)');
  if (m.max_distance !== undefined && !MEDIA.has(m.kind)) return fail('max_distance', `is only for image_hash and video_hash materials, not ${m.kind}`);
  if (m.min_frame_share !== undefined && m.kind !== 'video_hash') return fail('min_frame_share', `is only for video_hash materials, not ${m.kind}`);

  // Spaces around words are spreadsheet noise, not meaning; a pattern's own spaces are kept.
  if (TEXT.has(m.kind)) {
    m.value = m.value.trim();
    if (!m.value) return fail('value', 'is blank');
    if (m.near !== undefined) {
      m.near = m.near.trim();
      if (!m.near) return fail('near', 'is blank');
    }
    // Words made only of punctuation or invisible characters would match nothing (or, as a bare boundary, everything).
    const steps = stepsWithout(m.opt_out ?? []);
    if (normalisesToNothing(m.value, steps)) return fail('value', 'has no letters, digits or symbols left after normalisation');
    if (m.near !== undefined && normalisesToNothing(m.near, steps)) return fail('near', 'has no letters, digits or symbols left after normalisation');
    const emptyException = m.exceptions?.findIndex((e) => normalisesToNothing(e, steps)) ?? -1;
    if (emptyException >= 0) return fail('exceptions', `exception ${emptyException + 1} has no letters, digits or symbols left after normalisation`);
  }

  switch (m.kind) {
    case 'pattern': {
      const checked = validatePattern(m.value);
      if (!checked.ok) return fail('value', `is not a valid pattern: ${checked.message}`);
      break;
    }
    case 'url':
    case 'domain': {
      const checked = normaliseUrlMaterial(m.kind, m.value.trim());
      if (!checked.ok) return fail('value', `is not a valid ${m.kind}: ${checked.message}`);
      m.value = checked.value;
      break;
    }
    case 'file_hash': {
      const checked = normaliseFileHash(m.value.trim());
      if (!checked.ok) return fail('value', `is not a valid file hash: ${checked.message}`);
      m.value = checked.value;
      break;
    }
    case 'image_hash': {
      const hash = m.value.trim().toLowerCase();
      if (!isPdqHex(hash)) return fail('value', 'must be a PDQ hash: 64 hexadecimal characters');
      m.value = hash;
      break;
    }
    case 'video_hash': {
      const frames = m.value.split(',').map((f) => f.trim().toLowerCase());
      const bad = frames.findIndex((f) => !isPdqHex(f));
      if (bad >= 0) return fail('value', `frame ${bad + 1} of ${frames.length} is not a PDQ hash (64 hexadecimal characters); give frame hashes separated by commas`);
      m.value = frames.join(',');
      break;
    }
    default:
      break;
  }
  const bytes = Buffer.byteLength(m.value) + (m.near ? Buffer.byteLength(m.near) : 0);
  if (bytes > MAX_KEY_BYTES) return fail('value', `is ${bytes} bytes long (with near); at most ${MAX_KEY_BYTES} bytes of UTF-8 fit the index that keeps materials unique`);
  return { ok: true, material: m };
}
