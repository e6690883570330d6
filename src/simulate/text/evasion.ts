// How violators disguise a term so that a plain list lookup misses it: leetspeak, look-alike letters
// from other scripts, spacing or dots inside words, Arabic diacritics (harakat) and tatweel, and
// zero-width characters. Each keeps the term readable to a person, which is the whole point.
import type { Random } from '../random.js';
import type { SimLanguage } from '../vocabulary/languages.js';

export const EVASION_KINDS = ['leetspeak', 'homoglyph', 'spacing', 'zero_width', 'harakat', 'tatweel'] as const;
export type EvasionKind = (typeof EVASION_KINDS)[number];

/** Which disguises make sense in each script. */
export const EVASIONS_BY_LANGUAGE: Readonly<Record<SimLanguage, readonly EvasionKind[]>> = {
  en: ['leetspeak', 'homoglyph', 'spacing', 'zero_width'],
  es: ['leetspeak', 'homoglyph', 'spacing', 'zero_width'],
  ar: ['harakat', 'tatweel', 'spacing', 'zero_width'],
  zh: ['spacing', 'zero_width'],
};

const LEET: Readonly<Record<string, string>> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7', l: '1', g: '9' };
/** Cyrillic letters that render like Latin ones. */
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
  a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', x: '\u0445', i: '\u0456', y: '\u0443', s: '\u0455',
};
export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;
/** Fatha, damma, kasra, shadda, sukun and tanween. */
export const HARAKAT = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b', '\u064c', '\u064d'] as const;
export const TATWEEL = '\u0640';

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isArabicLetter = (ch: string) => /[\u0620-\u064a]/u.test(ch);
// Arabic letters that never join to the next one: tatweel after them would look wrong.
const NON_JOINING = new Set(['ا', 'أ', 'إ', 'آ', 'د', 'ذ', 'ر', 'ز', 'و', 'ؤ', 'ة', 'ء', 'ى']);

/** Replaces at least one and up to about half of the replaceable characters. */
function substitute(random: Random, term: string, table: Readonly<Record<string, string>>): string {
  const chars = Array.from(term);
  const candidates = chars.map((ch, i) => (table[ch.toLowerCase()] ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return term;
  const chosen = new Set(random.sample(candidates, Math.max(1, Math.ceil(candidates.length * random.between(0.3, 0.6)))));
  return chars.map((ch, i) => (chosen.has(i) ? table[ch.toLowerCase()] : ch)).join('');
}

/** Puts `insert()` between letters of the same word (never at a word's ends). */
function interleave(term: string, insert: (prev: string, next: string) => string): string {
  const chars = Array.from(term);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    out += chars[i];
    const next = chars[i + 1];
    if (next !== undefined && isLetter(chars[i]) && isLetter(next)) out += insert(chars[i], next);
  }
  return out;
}

/** The term in disguise; the same term back when the disguise does not apply to its script. */
export function disguise(random: Random, term: string, kind: EvasionKind): string {
  switch (kind) {
    case 'leetspeak':
      return substitute(random, term, LEET);
    case 'homoglyph':
      return substitute(random, term, HOMOGLYPHS);
    case 'spacing': {
      const separator = random.pick([' ', '.', '-', '*']);
      return interleave(term, () => separator);
    }
    case 'zero_width':
      return interleave(term, () => (random.chance(0.6) ? random.pick(ZERO_WIDTH) : ''));
    case 'harakat':
      return interleave(term, (prev) => (isArabicLetter(prev) && random.chance(0.7) ? random.pick(HARAKAT) : ''));
    case 'tatweel':
      return interleave(term, (prev, next) => (isArabicLetter(prev) && isArabicLetter(next) && !NON_JOINING.has(prev) ? TATWEEL.repeat(random.int(1, 3)) : ''));
  }
}
