// The context-free normalisation steps, applied to one code point at a time: what a character becomes
// (zero, one or more folded code points) and what kind of character it is. docs/materials.md lists them.
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { NORMALISATION_STEPS, type NormalisationStep } from '../../domain/material.js';

/** How the scanner treats a folded character. */
export const Kind = {
  /** Dropped: zero-width and format characters, combining marks, harakat, tatweel. */
  Skip: 1,
  /** Spaces and punctuation: a word boundary, sometimes bridged. */
  Separator: 2,
  /** A letter of Latin, Greek or Cyrillic script: leetspeak is read around these. */
  Latin: 3,
  /** A letter of another script written with spaces (Arabic, Hebrew, Devanagari, Hangul, ...). */
  Letter: 4,
  /** A character of a script written without spaces (Chinese, Japanese, Thai, ...) or an emoji: no word boundaries. */
  Spaceless: 5,
  /** 0-9 (Arabic-Indic and Persian digits fold to these). */
  Digit: 6,
  /** @ $ ! | + €: a separator unless leetspeak reads it as a letter. */
  LeetSymbol: 7,
  /** ' ’ ʼ: dropped between two letters ("don't" is "dont"), a separator elsewhere. */
  Apostrophe: 8,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export type StepSet = ReadonlySet<NormalisationStep>;
export const ALL_STEPS: StepSet = new Set(NORMALISATION_STEPS);

export function stepsWithout(optOut: readonly NormalisationStep[]): StepSet {
  if (!optOut.length) return ALL_STEPS;
  return new Set(NORMALISATION_STEPS.filter((s) => !optOut.includes(s)));
}

/** One of "i" and "l": what 1, | and ! read as in leetspeak, so "k1ll" and "ki11" both read as "kill". */
export const I_OR_L = 0xe001;
export const SPACE = 0x20;

export const LEET_LETTERS: ReadonlyMap<number, number> = new Map(
  (
    [
      ['4', 'a'], ['@', 'a'], ['8', 'b'], ['3', 'e'], ['€', 'e'], ['6', 'g'], ['9', 'g'], ['0', 'o'],
      ['5', 's'], ['$', 's'], ['7', 't'], ['+', 't'], ['1', I_OR_L], ['|', I_OR_L], ['!', I_OR_L],
    ] as const
  ).map(([from, to]) => [from.codePointAt(0)!, typeof to === 'number' ? to : to.codePointAt(0)!]),
);
/** In Arabizi (Arabic written in Latin letters) these digits are letters: 3 is ع, 7 is ح, 2 is ء, ... */
export const ARABIZI_DIGITS: ReadonlySet<number> = new Set([...'2356789'].map((c) => c.codePointAt(0)!));

const INVISIBLE_EXTRA = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x034f, 0x180e, 0x2800]);
const isInvisible = (cp: number, s: string) =>
  /^\p{Cf}$/u.test(s) || INVISIBLE_EXTRA.has(cp) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x1f3fb && cp <= 0x1f3ff);

/** Letters with no Unicode decomposition that readers still see as a plain Latin letter. */
const LATIN_EXTRA: Record<string, string> = { ø: 'o', đ: 'd', ł: 'l', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th', ħ: 'h', ı: 'i', ŀ: 'l', ſ: 's', ƒ: 'f' };

/**
 * Cyrillic and Greek letters that look like Latin ones. They fold to the Latin letter in the scanner's
 * output; a hit is kept only when the script of the matched words agrees with the material's script
 * (matcher/text-matcher.ts), which is the "fold toward the script of the surrounding word" rule.
 */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', γ: 'y',
};

const ARABIC_FOLD: Record<number, number> = {
  0x0623: 0x0627, 0x0625: 0x0627, 0x0622: 0x0627, 0x0671: 0x0627, // أ إ آ ٱ → ا
  0x0649: 0x064a, // ى → ي
  0x0629: 0x0647, // ة → ه
  0x0624: 0x0648, 0x0626: 0x064a, // hamza carriers ؤ → و, ئ → ي
  0x06a9: 0x0643, 0x06cc: 0x064a, // Persian ک → ك, ی → ي
};
const isArabicMark = (cp: number) => (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x06d6 && cp <= 0x06ed) || cp === 0x0640;
const arabicDigit = (cp: number) => (cp >= 0x0660 && cp <= 0x0669 ? cp - 0x0660 + 0x30 : cp >= 0x06f0 && cp <= 0x06f9 ? cp - 0x06f0 + 0x30 : -1);

let traditionalToSimplified: Map<number, number> | undefined;
function simplified(cp: number): number {
  if (!traditionalToSimplified) {
    traditionalToSimplified = new Map();
    for (const pair of TS_CHARACTERS.split('|')) {
      const [t, s] = pair.split(' ');
      if (t && s) traditionalToSimplified.set(t.codePointAt(0)!, s.codePointAt(0)!);
    }
  }
  return traditionalToSimplified.get(cp) ?? cp;
}

const LATIN_LIKE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
const SPACELESS = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Extended_Pictographic}]$/u;
const COMBINING_DIACRITIC = /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/u;
const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc, 0x2018, 0x60, 0xb4]);

export interface Folded {
  kind: Kind;
  /** The folded code points (one for almost every character; "ß" gives two). Empty when skipped. */
  units: number[];
}

/** The kind of an already-folded code point. */
export function kindOf(cp: number): Kind {
  const s = String.fromCodePoint(cp);
  if (cp === I_OR_L) return Kind.Latin;
  if (cp >= 0x30 && cp <= 0x39) return Kind.Digit;
  if (LEET_LETTERS.has(cp)) return Kind.LeetSymbol;
  if (APOSTROPHES.has(cp)) return Kind.Apostrophe;
  if (SPACELESS.test(s)) return Kind.Spaceless;
  if (/^[\p{L}\p{M}]$/u.test(s)) return LATIN_LIKE.test(s) ? Kind.Latin : Kind.Letter;
  if (/^\p{N}$/u.test(s)) return Kind.Letter;
  return Kind.Separator;
}

/** What one code point becomes under the given steps. Pure; the scanner caches it per code point. */
export function foldCodePoint(cp: number, steps: StepSet): Folded {
  const original = String.fromCodePoint(cp);
  if (steps.has('invisible') && isInvisible(cp, original)) return { kind: Kind.Skip, units: [] };
  if (steps.has('arabic') && isArabicMark(cp)) return { kind: Kind.Skip, units: [] };
  if (steps.has('diacritics') && COMBINING_DIACRITIC.test(original)) return { kind: Kind.Skip, units: [] };
  let s = steps.has('nfkc') ? original.normalize('NFKC') : original;
  if (steps.has('case')) s = s.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  if (steps.has('diacritics')) {
    s = [...s]
      .map((ch) => {
        if (LATIN_EXTRA[ch]) return LATIN_EXTRA[ch];
        if (!/^\p{Script=Latin}$/u.test(ch) && !/^\p{Script=Greek}$/u.test(ch)) return ch;
        return ch.normalize('NFD').replace(/\p{M}/gu, '');
      })
      .join('');
  }
  const units: number[] = [];
  for (const ch of s) {
    let u = ch.codePointAt(0)!;
    if (steps.has('arabic')) {
      if (isArabicMark(u)) continue;
      u = ARABIC_FOLD[u] ?? u;
      const digit = arabicDigit(u);
      if (digit >= 0) u = digit;
    }
    if (steps.has('confusables') && CONFUSABLES[ch]) u = CONFUSABLES[ch].codePointAt(0)!;
    if (steps.has('chinese')) u = simplified(u);
    if (steps.has('invisible') && isInvisible(u, String.fromCodePoint(u))) continue;
    if (steps.has('diacritics') && COMBINING_DIACRITIC.test(String.fromCodePoint(u))) continue;
    units.push(u);
  }
  if (!units.length) return { kind: Kind.Skip, units };
  // NFKC can turn one character into a space-separated sequence (e.g. "¼" → "1⁄4"); the first unit decides the kind.
  return { kind: kindOf(units[0]), units };
}

/** Unicode script of a letter, for the script check on Latin/Greek/Cyrillic hits: 'latin' | 'greek' | 'cyrillic' | undefined. */
const SCRIPTS = [undefined, 'latin', 'cyrillic', 'greek'] as const;
const scriptCache = new Uint8Array(0x10000);
export function scriptOf(ch: string): 'latin' | 'greek' | 'cyrillic' | undefined {
  return SCRIPTS[scriptCodeOf(ch.codePointAt(0)!)];
}

/** 0 none, 1 Latin, 2 Cyrillic, 3 Greek: the same as scriptOf, as a number, cached per code point. */
export function scriptCodeOf(cp: number): number {
  if (cp >= 0x10000) return 0;
  if (scriptCache[cp] === 0) scriptCache[cp] = 1 + SCRIPTS.indexOf(computeScript(String.fromCharCode(cp)));
  return scriptCache[cp] - 1;
}

function computeScript(ch: string): 'latin' | 'greek' | 'cyrillic' | undefined {
  if (/^\p{Script=Latin}$/u.test(ch)) return 'latin';
  if (/^\p{Script=Cyrillic}$/u.test(ch)) return 'cyrillic';
  if (/^\p{Script=Greek}$/u.test(ch)) return 'greek';
  return undefined;
}
