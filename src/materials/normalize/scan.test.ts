// The scanner, one normalisation step and one language at a time: what text becomes (Units.toString(), the
// "normalised" view) and which code points of the original each unit covers. Expected values are written by
// hand from the documented rules; the properties at the end run the scanner on arbitrary text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NORMALISATION_STEPS, type NormalisationStep } from '../../domain/material.js';
import { BOUNDARY, scan, Units } from './scan.js';
import { ALL_STEPS, I_OR_L, stepsWithout, type StepSet } from './steps.js';

/** The unit that 1, | and ! read as, shown as "¹" in expectations below. */
const IL = '¹';

interface Scanned {
  /** The normalised text, I_OR_L shown as ¹. */
  text: string;
  /** Non-boundary units: the folded character and its [start, end) in code points of the original. */
  letters: { ch: string; start: number; end: number }[];
  /** Code point positions of the boundary units between words (not the first and last). */
  boundaries: number[];
  out: Units;
}

function scanned(text: string, options: { arabizi?: boolean; steps?: StepSet } = {}): Scanned {
  const out = new Units();
  scan(text, options.steps ?? ALL_STEPS, { arabizi: options.arabizi ?? false }, out);
  const letters: Scanned['letters'] = [];
  const boundaries: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const ch = out.units[i] === I_OR_L ? IL : String.fromCodePoint(out.units[i]);
    if (out.kinds[i] === BOUNDARY) {
      if (i > 0 && i < out.length - 1) boundaries.push(out.starts[i]);
    } else letters.push({ ch, start: out.starts[i], end: out.ends[i] });
  }
  return { text: out.toString().replaceAll(String.fromCodePoint(I_OR_L), IL), letters, boundaries, out };
}

const norm = (text: string, options: { arabizi?: boolean; steps?: StepSet } = {}) => scanned(text, options).text;
/** [start, end) of every letter unit, in order. */
const spans = (text: string) => scanned(text).letters.map((l) => [l.start, l.end]);

describe('scan: output shape', () => {
  it('starts and ends with a boundary; words are separated by one boundary at the start of the separator run', () => {
    const s = scanned('ab  cd');
    expect(s.out.kinds[0]).toBe(BOUNDARY);
    expect(s.out.kinds[s.out.length - 1]).toBe(BOUNDARY);
    expect(s.text).toBe('ab cd');
    expect(s.boundaries).toEqual([2]);
    expect(spans('ab  cd')).toEqual([[0, 1], [1, 2], [4, 5], [5, 6]]);
  });

  it('counts spans in code points, not UTF-16 code units', () => {
    // 😀 is two code units but one code point.
    expect(scanned('😀 ab').letters.slice(1)).toEqual([{ ch: 'a', start: 2, end: 3 }, { ch: 'b', start: 3, end: 4 }]);
  });

  it('an empty or all-separator text has no letters', () => {
    expect(norm('')).toBe('');
    expect(norm(' ,.;  ')).toBe('');
  });
});

describe('scan: English evasions', () => {
  it('case: lower-cases', () => {
    expect(norm('HELP Me NoW')).toBe('help me now');
  });

  it('diacritics: Latin marks dropped, ø/ł and friends folded, standalone combining marks dropped', () => {
    expect(norm('Crème brûlée')).toBe('creme brule'); // "ee" squeezed
    expect(norm('Søren Łódź')).toBe('soren lodz');
    // e + combining overline: the mark is dropped but still belongs to the e's span.
    expect(scanned('e\u0305x').letters).toEqual([{ ch: 'e', start: 0, end: 2 }, { ch: 'x', start: 2, end: 3 }]);
    expect(norm('\u0300')).toBe('');
  });

  it('invisible: zero-width characters, bidi controls, soft hyphen, word joiner and BOM inside a word are dropped and covered by the span', () => {
    // h e ZWSP l ZWNJ p ZWJ
    const zw = 'he\u200Bl\u200Cp\u200D';
    expect(norm(zw)).toBe('help');
    expect(spans(zw)).toEqual([[0, 1], [1, 3], [3, 5], [5, 7]]);
    // h RLO e SHY l WJ p BOM s
    expect(norm('h\u202Ee\u00ADl\u2060p\uFEFFs')).toBe('helps');
  });

  it('leet: digits and symbols next to Latin letters read as letters', () => {
    expect(norm('h3lp')).toBe('help');
    expect(norm('p4ss w0rd')).toBe('pas word');
    expect(norm('$ecret')).toBe('secret');
    expect(norm('ro8ot')).toBe('robot');
    expect(norm('€vil')).toBe('evil');
    expect(norm('b+c')).toBe('btc');
    expect(norm('7ea')).toBe('tea');
    expect(norm('9oo6le')).toBe('gogle'); // "oo" squeezed
    expect(norm('e@t')).toBe('eat');
  });

  it('leet: 1, | and ! read as one unit standing for i or l', () => {
    expect(norm('k1ll')).toBe(`k${IL}l`);
    expect(norm('ki11')).toBe(`ki${IL}`);
    expect(norm('k!ss')).toBe(`k${IL}s`);
    expect(norm('ki|n')).toBe(`ki${IL}n`);
  });

  it('leet: only next to Latin letters; @user stays a mention; sentence punctuation stays punctuation', () => {
    expect(norm('call 911 now')).toBe('cal 911 now');
    expect(norm('eat 347')).toBe('eat 347');
    expect(norm('@user')).toBe('user');
    expect(norm('hi @mike')).toBe('hi mike');
    expect(norm('wow!')).toBe('wow');
  });

  it('squeeze: repeated letters become one; the span covers the whole run', () => {
    expect(norm('sooooo baaad')).toBe('so bad');
    expect(scanned('heeelp').letters).toEqual([
      { ch: 'h', start: 0, end: 1 },
      { ch: 'e', start: 1, end: 4 },
      { ch: 'l', start: 4, end: 5 },
      { ch: 'p', start: 5, end: 6 },
    ]);
  });

  it('squeeze: not digits, not Chinese, not emoji', () => {
    expect(norm('1100')).toBe('1100');
    expect(norm('好好学习')).toBe('好好学习');
    expect(norm('🔥🔥')).toBe('🔥🔥');
  });

  it('separators: three or more single letters separated by up to three separators are joined', () => {
    expect(norm('s p a m')).toBe('spam');
    expect(norm('s.p.a.m')).toBe('spam');
    expect(norm('s - p - a - m')).toBe('spam');
    expect(norm('buy s_p_a_m now')).toBe('buy spam now');
    expect(spans('s.p.a.m')).toEqual([[0, 1], [2, 3], [4, 5], [6, 7]]);
  });

  it('separators: two single letters, or letters more than three separators apart, are not joined', () => {
    expect(norm('a b')).toBe('a b');
    expect(norm('s    p    a    m')).toBe('s p a m');
    expect(norm('s    p a m')).toBe('s pam');
  });

  it('separators: an apostrophe between letters is dropped, elsewhere it separates', () => {
    expect(norm("don't")).toBe('dont');
    expect(norm('don’t')).toBe('dont');
    expect(spans("don't")).toEqual([[0, 1], [1, 2], [2, 3], [4, 5]]);
    expect(norm("'quote' it")).toBe('quote it');
  });

  it('confusables: Cyrillic and Greek look-alikes inside a Latin word fold to Latin', () => {
    expect(norm('p\u0430yp\u0430l')).toBe('paypal'); // Cyrillic а
    expect(norm('g\u03BF\u03BFgle')).toBe('gogle'); // Greek ο ο, then squeezed
    expect(norm('\u0455\u0440\u0430m')).toBe('spam'); // Cyrillic ѕ р а
  });

  it('nfkc: full-width letters, ligatures and mathematical alphanumerics become plain letters', () => {
    expect(norm('ＳＰＡＭ')).toBe('spam');
    expect(norm('𝐒𝐏𝐀𝐌 𝓼𝓹𝓪𝓶 𝕤𝕡𝕒𝕞')).toBe('spam spam spam');
    // Each mathematical letter is one code point (two UTF-16 code units).
    expect(spans('𝐒𝐏𝐀𝐌')).toEqual([[0, 1], [1, 2], [2, 3], [3, 4]]);
    // One ligature code point gives two letters, both spanning it.
    expect(scanned('ﬁnd').letters).toEqual([
      { ch: 'f', start: 0, end: 1 },
      { ch: 'i', start: 0, end: 1 },
      { ch: 'n', start: 1, end: 2 },
      { ch: 'd', start: 2, end: 3 },
    ]);
  });

  it('case: ß folds like ss, and a final sigma like a sigma', () => {
    expect(norm('Straße')).toBe(norm('STRASSE'));
    expect(norm('Straße')).toBe('strase');
    expect(norm('λογος')).toBe(norm('λογοσ'));
  });
});

describe('scan: Spanish', () => {
  it('ñ and accented vowels fold to the plain letter', () => {
    expect(norm('NIÑO')).toBe('nino');
    expect(norm('niño')).toBe(norm('nino'));
    expect(norm('canción ¿Qué pasó?')).toBe('cancion que paso');
  });
});

describe('scan: Arabic', () => {
  it('harakat are dropped and belong to the letter before them', () => {
    // ك ِ ت َ ا ب ٌ
    const text = '\u0643\u0650\u062A\u064E\u0627\u0628\u064C';
    expect(norm(text)).toBe('كتاب');
    expect(spans(text)).toEqual([[0, 2], [2, 4], [4, 5], [5, 7]]);
  });

  it('tatweel is dropped', () => {
    expect(norm('كـــتاب')).toBe('كتاب');
    expect(spans('كـــتاب')).toEqual([[0, 4], [4, 5], [5, 6], [6, 7]]);
  });

  it('alef forms أ إ آ ٱ fold to ا', () => {
    expect(norm('أحمد إسلام آمن ٱبن')).toBe('احمد اسلام امن ابن');
  });

  it('ta marbuta, alef maqsura and hamza carriers fold', () => {
    expect(norm('مدرسة')).toBe('مدرسه');
    expect(norm('مستشفى')).toBe('مستشفي');
    expect(norm('سؤال')).toBe('سوال');
    expect(norm('بئر')).toBe('بير');
  });

  it('Persian ک and ی fold to Arabic ك and ي', () => {
    expect(norm('\u06A9\u062A\u0627\u0628')).toBe('\u0643\u062A\u0627\u0628');
    expect(norm('\u06A9\u06CC')).toBe('\u0643\u064A');
  });

  it('Arabic-Indic and Persian digits become ASCII digits', () => {
    expect(norm('٢٠٢٤ ۱۴۰۳')).toBe('2024 1403');
  });

  it('Arabizi: in Arabic context 2 3 5 6 7 8 9 stay digits (letters of Arabizi); 0 1 4 are still leet', () => {
    expect(norm('3ayb 7abibi', { arabizi: true })).toBe('3ayb 7abibi');
    expect(norm('3ayb 7abibi')).toBe('eayb tabibi');
    expect(norm('h4ck', { arabizi: true })).toBe('hack');
    expect(norm('3vil', { arabizi: true })).toBe('3vil');
  });
});

describe('scan: Chinese', () => {
  it('traditional characters become simplified', () => {
    expect(norm('這是測試')).toBe('这是测试');
    expect(norm('學習漢語')).toBe('学习汉语');
  });

  it('full-width punctuation separates words', () => {
    expect(norm('你好，世界！')).toBe('你好 世界');
    expect(scanned('你好，世界！').boundaries).toEqual([2]);
  });

  it('a change between spaced and spaceless scripts is a word boundary', () => {
    const s = scanned('買iPhone');
    expect(s.text).toBe('买 iphone');
    expect(s.boundaries).toEqual([1]);
  });
});

describe('scan: emoji', () => {
  it('skin tone modifiers and variation selectors are dropped and covered by the emoji span', () => {
    const s = scanned('👍🏽👍🏿 ❤️');
    expect(s.text).toBe('👍👍 ❤');
    expect(s.letters.map((l) => [l.start, l.end])).toEqual([[0, 2], [2, 4], [5, 7]]);
  });

  it('zero-width joiners of an emoji sequence are dropped', () => {
    expect(norm('👨\u200D👩\u200D👧')).toBe('👨👩👧');
  });
});

describe('scan: steps can be turned off', () => {
  const without = (...steps: NormalisationStep[]) => stepsWithout(steps);
  it('each step does nothing once removed', () => {
    expect(norm('HeLp', { steps: without('case') })).toBe('HeLp');
    expect(norm('crème', { steps: without('diacritics') })).toBe('crème');
    expect(norm('h3lp', { steps: without('leet') })).toBe('h3lp');
    expect(norm('heeelp', { steps: without('squeeze') })).toBe('heeelp');
    expect(norm('s p a m', { steps: without('separators') })).toBe('s p a m');
    expect(norm('ＳＰＡＭ', { steps: without('nfkc') })).toBe('ｓｐａｍ');
    expect(norm('he\u200Blp', { steps: without('invisible') })).not.toBe('help');
    expect(norm('p\u0430y', { steps: without('confusables') })).toBe('p\u0430y');
    expect(norm('مدرسة', { steps: without('arabic') })).toBe('مدرسة');
    expect(norm('這是', { steps: without('chinese') })).toBe('這是');
  });
});

describe('scan: long texts', () => {
  it('keeps every unit when a character that folds to many units (ﷺ) comes before a long text', () => {
    // ﷺ (U+FDFA) folds to 18 code points. Then `count` × "a中" (every character after the first gives a
    // boundary and a letter: 4 units per pair), then " help". Around count 251 the units outgrow the
    // buffer reserved for two units per code unit. Expected, by construction: the normalised text ends
    // with " a 中" × count + " help", and the last four letters are the last four code points.
    for (let count = 200; count <= 300; count++) {
      const text = '\uFDFA ' + 'a中'.repeat(count) + ' help';
      const cpLength = [...text].length;
      const out = new Units();
      scan(text, ALL_STEPS, { arabizi: false }, out);
      const tail = Array.from({ length: 4 }, (_, k) => out.length - 5 + k).map((i) => [String.fromCodePoint(out.units[i] ?? 0), out.starts[i], out.ends[i]]);
      expect(tail, `count ${count}`).toEqual([
        ['h', cpLength - 4, cpLength - 3],
        ['e', cpLength - 3, cpLength - 2],
        ['l', cpLength - 2, cpLength - 1],
        ['p', cpLength - 1, cpLength],
      ]);
      expect(() => out.toString(), `count ${count}`).not.toThrow();
      expect(out.toString().endsWith(' a 中'.repeat(count) + ' help'), `count ${count}`).toBe(true);
    }
  });
});

// Characters that exercise every branch of the scanner, mixed with arbitrary code points.
const INTERESTING = [
  'a', 'b', 'l', 'i', 'E', 'é', 'ß', 'ﬁ', '\uFDFA', '¼', '㏠', '1', '3', '0', '@', '$', '!', '|', '+', '€', "'", '’', ' ', '.', '-', ',',
  '\u200B', '\u200D', '\u0301', '\uFE0F', '🏽', '👍', '中', '國', 'ب', 'ك', 'ل', 'ا', 'ـ', '\u064E', '٣', 'а', 'ο', '\uD800', '\uDC00', '😀',
];
const anyText = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...INTERESTING), weight: 3 }, { arbitrary: fc.string({ unit: 'binary', maxLength: 3 }), weight: 1 }), { maxLength: 60 })
  .map((parts) => parts.join(''));

describe('scan: properties', () => {
  it('never throws; spans are monotone, within the text, and boundaries frame the output', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary' })), fc.subarray([...NORMALISATION_STEPS]), fc.boolean(), (text, optOut, arabizi) => {
        const out = new Units();
        scan(text, stepsWithout(optOut), { arabizi }, out);
        const cpLength = [...text].length;
        expect(out.length).toBeGreaterThanOrEqual(1);
        expect(out.kinds[0]).toBe(BOUNDARY);
        expect(out.kinds[out.length - 1]).toBe(BOUNDARY);
        let lastStart = 0;
        let lastLetterEnd = 0;
        for (let i = 0; i < out.length; i++) {
          const start = out.starts[i];
          const end = out.ends[i];
          expect(start).toBeGreaterThanOrEqual(lastStart);
          expect(end).toBeGreaterThanOrEqual(start);
          expect(end).toBeLessThanOrEqual(cpLength);
          if (out.kinds[i] === BOUNDARY) {
            expect(end).toBe(start);
            if (i > 0) expect(out.kinds[i - 1]).not.toBe(BOUNDARY);
          } else {
            expect(end).toBeGreaterThan(start);
            expect(end).toBeGreaterThanOrEqual(lastLetterEnd);
            lastLetterEnd = end;
          }
          lastStart = start;
        }
        expect(() => out.toString()).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('a reused Units buffer gives the same result as a fresh one', () => {
    const shared = new Units();
    fc.assert(
      fc.property(anyText, (text) => {
        scan(text, ALL_STEPS, { arabizi: false }, shared);
        const fresh = new Units();
        scan(text, ALL_STEPS, { arabizi: false }, fresh);
        expect(shared.length).toBe(fresh.length);
        expect(Array.from(shared.units.subarray(0, shared.length))).toEqual(Array.from(fresh.units.subarray(0, fresh.length)));
        expect(Array.from(shared.starts.subarray(0, shared.length))).toEqual(Array.from(fresh.starts.subarray(0, fresh.length)));
        expect(Array.from(shared.ends.subarray(0, shared.length))).toEqual(Array.from(fresh.ends.subarray(0, fresh.length)));
      }),
      { numRuns: 300 },
    );
  });
});
