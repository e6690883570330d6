// The text matcher end to end (compileText + TextMatcher): one test per language and evasion, the
// material options (match mode, exceptions, opt-out, phrase, proximity), and properties that plant a term
// with random evasions in random text and compare plain input with a naive search. Every expected span is
// worked out here from the test's own text (code point positions), never taken from the scanner.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileText, type TextMaterialSpec } from './compile.js';
import { TextMatcher, type TextHit } from './text-matcher.js';

type SpecInput = Partial<TextMaterialSpec> & { value: string };

function specsOf(inputs: SpecInput[]): TextMaterialSpec[] {
  return inputs.map((s) => ({ kind: 'term', matchMode: 'word', exceptions: [], optOut: [], ...s }));
}

function matcherFor(...inputs: SpecInput[]): TextMatcher {
  const specs = specsOf(inputs);
  return new TextMatcher(compileText(specs), specs);
}

/** Hits as [start, end] pairs, for single-material matchers. */
function spansOf(m: TextMatcher, text: string, arabic = false): [number, number][] {
  return m.match(text, { arabic }).map((h) => [h.start, h.end]);
}

/** Code point span of the `nth` occurrence of `part` in `text`. */
function at(text: string, part: string, nth = 0): [number, number] {
  let index = -1;
  for (let k = 0; k <= nth; k++) {
    index = text.indexOf(part, index + 1);
    if (index < 0) throw new Error(`${part} not in ${text}`);
  }
  const start = [...text.slice(0, index)].length;
  return [start, start + [...part].length];
}

describe('English evasions', () => {
  const scam = matcherFor({ value: 'scam' });

  it('case', () => {
    expect(spansOf(scam, 'a SCAM and a ScAm')).toEqual([at('a SCAM and a ScAm', 'SCAM'), at('a SCAM and a ScAm', 'ScAm')]);
  });

  it('diacritics, precomposed or combining', () => {
    const text = 'scàm or sçâm or sca\u0301m';
    expect(spansOf(scam, text)).toEqual([at(text, 'scàm'), at(text, 'sçâm'), at(text, 'sca\u0301m')]);
  });

  it('zero-width characters inside the word', () => {
    const text = 'it is a s\u200Bc\u200Da\u2060m!';
    expect(spansOf(scam, text)).toEqual([at(text, 's\u200Bc\u200Da\u2060m')]);
  });

  it('leet: digits and symbols', () => {
    const text = '5c4m, $cam and sc@m';
    expect(spansOf(scam, text)).toEqual([at(text, '5c4m'), at(text, '$cam'), at(text, 'sc@m')]);
  });

  it('leet: 1, ! and | for i, and 1 for both l of a double l', () => {
    const kill = matcherFor({ value: 'kill' });
    const text = 'k1ll ki11 k!ll k|ll k1111';
    expect(spansOf(kill, text)).toEqual([at(text, 'k1ll'), at(text, 'ki11'), at(text, 'k!ll'), at(text, 'k|ll'), at(text, 'k1111')]);
  });

  it('leet: 1 for one l of a double l ("ki1l", "kil1", "he1lo")', () => {
    const kill = matcherFor({ value: 'kill' });
    expect(spansOf(kill, 'ki1l')).toEqual([[0, 4]]);
    expect(spansOf(kill, 'kil1')).toEqual([[0, 4]]);
    expect(spansOf(matcherFor({ value: 'hello' }), 'say he1lo')).toEqual([[4, 9]]);
  });

  it('leet: 1 for one copy of a repeated i or l ("hel1lo", "k1ill", "l|aa")', () => {
    // Repeated letters read as one, and 1 | ! read as i or l: "hel1lo" is "helllo" with one l written 1,
    // which is "hello"; "k1ill" is "kiill"; "l|aa" is "llaa".
    expect(spansOf(matcherFor({ value: 'hello' }), 'hel1lo')).toEqual([[0, 6]]);
    expect(spansOf(matcherFor({ value: 'kill' }), 'k1ill')).toEqual([[0, 5]]);
    expect(spansOf(matcherFor({ value: 'laa' }), 'l|aa')).toEqual([[0, 4]]);
  });

  it('leet: digits away from Latin letters stay digits', () => {
    expect(spansOf(matcherFor({ value: 'eat' }), 'room 347')).toEqual([]);
    expect(spansOf(matcherFor({ value: 'auser' }), 'hi @user')).toEqual([]);
    expect(spansOf(matcherFor({ value: 'user' }), 'hi @user')).toEqual([at('hi @user', 'user')]);
  });

  it('repeated letters', () => {
    const text = 'total scaaaaammm';
    expect(spansOf(scam, text)).toEqual([at(text, 'scaaaaammm')]);
  });

  it('spaced and dotted letters', () => {
    expect(spansOf(scam, 'the s c a m here')).toEqual([at('the s c a m here', 's c a m')]);
    expect(spansOf(scam, 'it is s.c.a.m!')).toEqual([at('it is s.c.a.m!', 's.c.a.m')]);
    expect(spansOf(scam, 'go s-c-a-m go')).toEqual([at('go s-c-a-m go', 's-c-a-m')]);
  });

  it('homoglyphs inside a Latin word match; an all-Cyrillic word does not', () => {
    const text = 'a s\u0441am here'; // Cyrillic с
    expect(spansOf(scam, text)).toEqual([at(text, 's\u0441am')]);
    const cop = matcherFor({ value: 'cop' });
    expect(spansOf(cop, '\u0441\u043E\u0440')).toEqual([]); // сор, all Cyrillic
    expect(spansOf(cop, 'c\u043Ep')).toEqual([[0, 3]]); // one Cyrillic о
  });

  it('homoglyphs inside a word of full-width or mathematical letters match too', () => {
    // Full-width and mathematical letters are Latin letters to a reader; one Cyrillic с among them is a look-alike.
    expect(spansOf(scam, 'ｓ\u0441ａｍ')).toEqual([[0, 4]]);
    expect(spansOf(scam, '𝐬\u0441𝐚𝐦')).toEqual([[0, 4]]);
  });

  it('full-width letters', () => {
    expect(spansOf(scam, 'ＳＣＡＭ！')).toEqual([[0, 4]]);
  });

  it('mathematical bold letters, spans in code points', () => {
    const text = '😀 𝐒𝐂𝐀𝐌 😀';
    expect(spansOf(scam, text)).toEqual([[2, 6]]);
  });

  it('whole words only in word mode; inside words in substring mode', () => {
    expect(spansOf(scam, 'scammer scams')).toEqual([]);
    expect(spansOf(matcherFor({ value: 'scam', matchMode: 'substring' }), 'xscamx')).toEqual([at('xscamx', 'scam')]);
  });
});

describe('Spanish', () => {
  it('ñ and accents fold: "niño" matches "nino", "NIÑO", "niño"; "nino" matches "niño"', () => {
    const text = 'nino NIÑO niño';
    expect(spansOf(matcherFor({ value: 'niño' }), text)).toEqual([at(text, 'nino'), at(text, 'NIÑO'), at(text, 'niño')]);
    expect(spansOf(matcherFor({ value: 'nino' }), 'el niño')).toEqual([at('el niño', 'niño')]);
    expect(spansOf(matcherFor({ value: 'canción' }), 'CANCION')).toEqual([[0, 7]]);
  });

  it('opting out of diacritics keeps ñ apart from n', () => {
    const text = 'nino niño NIÑO';
    expect(spansOf(matcherFor({ value: 'niño', optOut: ['diacritics'] }), text)).toEqual([at(text, 'niño'), at(text, 'NIÑO')]);
  });
});

describe('Arabic', () => {
  const kitab = matcherFor({ value: 'كتاب' });

  it('harakat', () => {
    const text = 'هذا \u0643\u0650\u062A\u064E\u0627\u0628\u064C';
    expect(spansOf(kitab, text)).toEqual([at(text, '\u0643\u0650\u062A\u064E\u0627\u0628\u064C')]);
  });

  it('tatweel', () => {
    expect(spansOf(kitab, 'كـــتاب')).toEqual([[0, 7]]);
  });

  it('alef forms, both ways', () => {
    expect(spansOf(matcherFor({ value: 'احمد' }), 'أحمد')).toEqual([[0, 4]]);
    expect(spansOf(matcherFor({ value: 'أحمد' }), 'احمد إحمد آحمد')).toEqual([[0, 4], [5, 9], [10, 14]]);
  });

  it('ta marbuta and alef maqsura, both ways', () => {
    expect(spansOf(matcherFor({ value: 'مدرسة' }), 'مدرسه')).toEqual([[0, 5]]);
    expect(spansOf(matcherFor({ value: 'مدرسه' }), 'مدرسة')).toEqual([[0, 5]]);
    expect(spansOf(matcherFor({ value: 'مستشفى' }), 'مستشفي')).toEqual([[0, 6]]);
  });

  it('clitics: conjunctions, prepositions and the article before the word; the span is the word itself', () => {
    for (const prefix of ['و', 'ف', 'ب', 'ل', 'ال', 'وال', 'بال', 'لل', 'وبال', 'فبال', 'كال', 'ولل']) {
      const text = `قرأت ${prefix}كتاب`;
      expect(spansOf(kitab, text), prefix).toEqual([at(text, 'كتاب')]);
    }
    // ك before كتاب reads like a repeated letter too, so the span may start at either ك.
    const text = 'قرأت ككتاب';
    const [start, end] = at(text, 'كتاب');
    expect(spansOf(kitab, text)).toHaveLength(1);
    expect(spansOf(kitab, text)[0][1]).toBe(end);
    expect(spansOf(kitab, text)[0][0]).toBeGreaterThanOrEqual(start - 1);
  });

  it('clitics: other letters before the word, and suffixes after it, are not accepted', () => {
    expect(spansOf(kitab, 'مكتبة')).toEqual([]);
    expect(spansOf(kitab, 'كتابه')).toEqual([]);
    expect(spansOf(kitab, 'كتابي')).toEqual([]);
    expect(spansOf(kitab, 'سكتاب')).toEqual([]);
  });

  it('clitics: the article before a word that starts with ل ("الليل" holds "ليل", "اللعبة" holds "لعبة")', () => {
    for (const [term, text] of [
      ['ليل', 'في الليل'],
      ['لعبة', 'هذه اللعبة'],
      ['لعبة', 'واللعبة'],
    ]) {
      const hits = spansOf(matcherFor({ value: term }), text);
      const [wordStart, wordEnd] = at(text, term.slice(1)); // the word after its first ل
      // One hit, ending at the end of the word, starting at its ل (which is written once or twice).
      expect(hits, `${term} in ${text}`).toHaveLength(1);
      expect(hits[0][1]).toBe(wordEnd);
      expect(hits[0][0]).toBeGreaterThanOrEqual(wordStart - 2);
      expect(hits[0][0]).toBeLessThanOrEqual(wordStart - 1);
    }
  });

  it('clitics: harakat do not decide whether a prefix is a clitic', () => {
    // "العب" is ا + لعب: ا alone is no clitic, so "لعب" is not in it, vocalised ("اِلْعَبْ") or not.
    const laab = matcherFor({ value: 'لعب' });
    expect(spansOf(laab, 'العب')).toEqual([]);
    expect(spansOf(laab, '\u0627\u0650\u0644\u0652\u0639\u064E\u0628\u0652')).toEqual([]);
    // Whereas a vocalised "الليل" (ال + ليل) still holds "ليل".
    const text = '\u0627\u0644\u0644\u064E\u0651\u064A\u0652\u0644';
    const hits = spansOf(matcherFor({ value: 'ليل' }), text);
    expect(hits).toHaveLength(1);
    expect(hits[0][1]).toBe(8);
  });

  it('Persian letters fold to Arabic', () => {
    expect(spansOf(kitab, '\u06A9\u062A\u0627\u0628')).toEqual([[0, 4]]);
    expect(spansOf(matcherFor({ value: '\u0643\u064A' }), '\u06A9\u06CC')).toEqual([[0, 2]]);
  });

  it('Arabic-Indic and Persian digits', () => {
    const text = 'سنة ٢٠٢٤ و ۲۰۲۴';
    expect(spansOf(matcherFor({ value: '2024' }), text)).toEqual([at(text, '٢٠٢٤'), at(text, '۲۰۲۴')]);
  });

  it('Arabizi: "3ayb" matches in Arabic context', () => {
    const text = 'da 3ayb ya';
    expect(spansOf(matcherFor({ value: '3ayb' }), text, true)).toEqual([at(text, '3ayb')]);
  });

  it('Arabizi: in Arabic context "3ayb" (with ع) is not "eayb"; by default 3 reads e, so it is', () => {
    const ayb = matcherFor({ value: '3ayb' });
    expect(spansOf(ayb, 'da eayb', true)).toEqual([]);
    expect(spansOf(ayb, 'da eayb', false)).toEqual([at('da eayb', 'eayb')]);
  });

  it('Arabizi: "3vil" is not "evil" in Arabic context, but is by default', () => {
    const evil = matcherFor({ value: 'evil' });
    expect(spansOf(evil, 'so 3vil', true)).toEqual([]);
    expect(spansOf(evil, 'so 3vil', false)).toEqual([at('so 3vil', '3vil')]);
  });
});

describe('Chinese', () => {
  it('traditional text matches a simplified term, and simplified text a traditional term', () => {
    const traditional = '這是一個測試吧';
    const simplified = '这是一个测试吧';
    expect(spansOf(matcherFor({ value: '测试' }), traditional)).toEqual([at(traditional, '測試')]);
    expect(spansOf(matcherFor({ value: '測試' }), simplified)).toEqual([at(simplified, '测试')]);
  });

  it('a term inside a sentence without spaces, in word mode', () => {
    const text = '我们今天学习汉语吧';
    expect(spansOf(matcherFor({ value: '学习' }), text)).toEqual([at(text, '学习')]);
  });

  it('full-width punctuation around the term', () => {
    const text = '你好，世界！';
    expect(spansOf(matcherFor({ value: '世界' }), text)).toEqual([at(text, '世界')]);
  });

  it('a change from Chinese to Latin is a word boundary', () => {
    const text = '買iPhone便宜';
    expect(spansOf(matcherFor({ value: 'iphone' }), text)).toEqual([at(text, 'iPhone')]);
  });
});

describe('emoji', () => {
  it('skin tone modifiers: the plain emoji term matches, the span covers the modifier', () => {
    const text = 'nice👍🏽ok 👍🏿';
    expect(spansOf(matcherFor({ value: '👍' }), text)).toEqual([at(text, '👍🏽'), at(text, '👍🏿')]);
  });

  it('variation selectors, both ways', () => {
    expect(spansOf(matcherFor({ value: '❤' }), 'i ❤️ u')).toEqual([at('i ❤️ u', '❤️')]);
    expect(spansOf(matcherFor({ value: '❤️' }), 'i ❤ u')).toEqual([at('i ❤ u', '❤')]);
  });
});

describe('exceptions', () => {
  it('"Scunthorpe" suppresses the substring hit inside it; the term elsewhere in the text still hits', () => {
    const m = matcherFor({ value: 'cunt', matchMode: 'substring', exceptions: ['Scunthorpe'] });
    const text = 'Scunthorpe is a town, cunt is not. SCUNTHORPE!';
    expect(spansOf(m, text)).toEqual([at(text, 'cunt', 1)]);
  });

  it('only an actual occurrence of the exception phrase suppresses', () => {
    const m = matcherFor({ value: 'cunt', matchMode: 'substring', exceptions: ['Scunthorpe United'] });
    expect(spansOf(m, 'Scunthorpe')).toEqual([[1, 5]]);
    expect(spansOf(m, 'Scunthorpe United')).toEqual([]);
  });

  it('a hit that only overlaps an occurrence of the exception, without lying inside it, is kept', () => {
    const m = matcherFor({ kind: 'phrase', value: 'bad deal', exceptions: ['too bad'] });
    const text = 'too bad deal';
    expect(spansOf(m, text)).toEqual([at(text, 'bad deal')]);
    expect(spansOf(m, 'not too bad')).toEqual([]);
  });

  it('belong to their material: another material with the same term still hits there', () => {
    const specs = specsOf([
      { value: 'cunt', matchMode: 'substring', exceptions: ['Scunthorpe'] },
      { value: 'cunt', matchMode: 'substring' },
    ]);
    const hits = new TextMatcher(compileText(specs), specs).match('Scunthorpe');
    expect(hits).toEqual([{ spec: 1, start: 1, end: 5 }]);
  });
});

describe('opt-out', () => {
  it('a material opting out of leet does not match "h3llo" for "hello" but matches "hello"', () => {
    const m = matcherFor({ value: 'hello', optOut: ['leet'] });
    const text = 'h3llo and hello';
    expect(spansOf(m, text)).toEqual([at(text, 'hello')]);
    // Without the opt-out both match.
    expect(spansOf(matcherFor({ value: 'hello' }), text)).toEqual([at(text, 'h3llo'), at(text, 'hello')]);
  });

  it('a material opting out of squeeze does not match "helllo" but matches "hello"', () => {
    const m = matcherFor({ value: 'hello', optOut: ['squeeze'] });
    const text = 'helllo and hello';
    expect(spansOf(m, text)).toEqual([at(text, 'hello')]);
    expect(spansOf(matcherFor({ value: 'hello' }), text)).toEqual([at(text, 'helllo'), at(text, 'hello')]);
  });

  it('opting out of case keeps the case of the material', () => {
    const text = 'Apple apple APPLE';
    expect(spansOf(matcherFor({ value: 'Apple', optOut: ['case'] }), text)).toEqual([at(text, 'Apple')]);
  });
});

describe('phrases and proximity', () => {
  it('a phrase matches its words separated by any separator run, not joined', () => {
    const m = matcherFor({ kind: 'phrase', value: 'buy drugs' });
    const text = 'BUY...drugs, buy   drugs, buy\ndrugs, buydrugs';
    expect(spansOf(m, text)).toEqual([at(text, 'BUY...drugs'), at(text, 'buy   drugs'), at(text, 'buy\ndrugs')]);
  });

  it('proximity: within that many words, either order; the span covers both', () => {
    const m = matcherFor({ kind: 'proximity', value: 'cheap', near: 'pills', within: 2 });
    expect(spansOf(m, 'cheap fake pills')).toEqual([[0, 16]]);
    expect(spansOf(m, 'pills are very cheap')).toEqual([[0, 20]]);
    expect(spansOf(m, 'cheap one two three pills')).toEqual([]);
    expect(spansOf(m, 'cheap alone')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property (a): a term planted with random evasions in random text is found at exactly the planted span.

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\uFE0F', '\u{E0100}'];
const COMBINING = ['\u0300', '\u0301', '\u0302', '\u0303', '\u0308', '\u0327'];
/** Precomposed letters that read as the plain letter. */
const ACCENTED: Record<string, string[]> = {
  a: ['à', 'á', 'â', 'ã', 'ä', 'å', 'ā'], c: ['ç', 'ć', 'č'], e: ['è', 'é', 'ê', 'ë', 'ē'], i: ['ì', 'í', 'î', 'ï'],
  n: ['ñ', 'ń'], o: ['ò', 'ó', 'ô', 'õ', 'ö', 'ø'], u: ['ù', 'ú', 'û', 'ü'], y: ['ý', 'ÿ'], s: ['ś', 'š'], z: ['ź', 'ż', 'ž'], l: ['ł', 'ĺ'],
};
/** Leetspeak per letter, from the documented table. */
const LEET: Record<string, string[]> = { a: ['4', '@'], b: ['8'], e: ['3', '€'], g: ['6', '9'], o: ['0'], s: ['5', '$'], t: ['7', '+'], i: ['1', '|', '!'], l: ['1', '|', '!'] };
const DIGITS = new Set([...'0123456789']);

const ARABIC_LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'];
/** Spellings that fold to the same letter. */
const ARABIC_FORMS: Record<string, string[]> = { ا: ['أ', 'إ', 'آ', 'ٱ'], ي: ['ى', 'ی'], ه: ['ة'], ك: ['ک'], و: ['ؤ'] };
const HARAKAT = ['\u064B', '\u064C', '\u064D', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u0670'];
const TATWEEL = '\u0640';

/** [simplified, traditional] pairs (same character when it has no traditional form). */
const HAN: [string, string][] = [
  ['门', '門'], ['国', '國'], ['学', '學'], ['说', '說'], ['东', '東'], ['车', '車'], ['马', '馬'], ['长', '長'], ['见', '見'], ['书', '書'],
  ['语', '語'], ['时', '時'], ['人', '人'], ['大', '大'], ['山', '山'], ['水', '水'],
];

/** Random choices, consumed one at a time by the planting functions (so fast-check can shrink them). */
class Choices {
  private i = 0;
  constructor(private readonly values: readonly number[]) {}
  next(n: number): number {
    const v = this.values[this.i++ % this.values.length] ?? 0;
    return v % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.next(items.length)];
  }
  chance(percent: number): boolean {
    return this.next(100) < percent;
  }
}

interface Glyph {
  /** The letter of the term this glyph writes. */
  letter: string;
  text: string;
  /** 'letter': reads as a letter by itself; 'digit' / 'symbol': leetspeak, which needs Latin letters around. */
  type: 'letter' | 'digit' | 'symbol';
}

/** The evaded spelling of a Latin term: case, diacritics, leetspeak, repeats, zero-width characters between. */
function evadeLatin(term: string, c: Choices): string {
  const glyphs: Glyph[] = [];
  for (const ch of term) {
    const repeats = 1 + (c.chance(25) ? c.next(3) : 0);
    // 1, | and ! read as "i or l": a repeated i or l may have one copy so written (the matcher's readings
    // cover "l1", "1l" and "1"), not several ("1l1" is not read as one l).
    let oneUsed = false;
    for (let r = 0; r < repeats; r++) {
      const form = c.next(5);
      const readsAsOne = (g: string) => g === '1' || g === '|' || g === '!';
      if (form === 4 && LEET[ch] && !(oneUsed && (ch === 'i' || ch === 'l'))) {
        const g = c.pick(LEET[ch]);
        oneUsed ||= readsAsOne(g);
        glyphs.push({ letter: ch, text: g, type: DIGITS.has(g) ? 'digit' : 'symbol' });
        continue;
      }
      let g = form === 2 && ACCENTED[ch] ? c.pick(ACCENTED[ch]) : ch;
      if (c.chance(40)) g = g.toUpperCase();
      if (form === 3) g += c.pick(COMBINING);
      glyphs.push({ letter: ch, text: g, type: 'letter' });
    }
  }
  // Leetspeak is read only next to Latin letters: a digit needs a letter before it (or, first, right after
  // it); a symbol needs a letter right after it, and @ a letter before it too (else it is a mention).
  for (let k = glyphs.length - 1; k >= 0; k--) {
    const g = glyphs[k];
    if (g.type === 'letter') continue;
    const letterAfter = glyphs[k + 1]?.type === 'letter';
    const ok = g.type === 'digit' ? k > 0 || letterAfter : letterAfter && (g.text !== '@' || k > 0);
    if (!ok) glyphs[k] = { letter: g.letter, text: g.letter, type: 'letter' };
  }
  return glyphs.map((g, k) => (k > 0 && c.chance(20) ? c.pick(ZERO_WIDTH) : '') + g.text).join('');
}

/** The evaded spelling of an Arabic term: other spellings of a letter, harakat, tatweel, repeats, zero-width. */
function evadeArabic(term: string, c: Choices): string {
  const glyphs: string[] = [];
  for (const ch of term) {
    const repeats = 1 + (c.chance(25) ? c.next(3) : 0);
    for (let r = 0; r < repeats; r++) {
      let g = ARABIC_FORMS[ch] && c.chance(50) ? c.pick(ARABIC_FORMS[ch]) : ch;
      if (c.chance(30)) g += c.pick(HARAKAT);
      if (c.chance(10)) g += c.pick(HARAKAT);
      glyphs.push(g);
    }
  }
  return glyphs.map((g, k) => (k > 0 && c.chance(15) ? TATWEEL.repeat(1 + c.next(3)) : k > 0 && c.chance(15) ? c.pick(ZERO_WIDTH) : '') + g).join('');
}

/** Chinese: each character simplified or traditional, zero-width characters and variation selectors between. */
function evadeHan(term: [string, string][], c: Choices): string {
  return term.map(([s, t], k) => (k > 0 && c.chance(20) ? c.pick(ZERO_WIDTH) : '') + (c.chance(50) ? t : s)).join('');
}

const latinWord = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 7 });
const fillerWord = fc.oneof(
  latinWord,
  fc.string({ unit: fc.constantFrom(...ARABIC_LETTERS), minLength: 2, maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('你', '好', '世', '界', '吧', '們'), minLength: 1, maxLength: 4 }),
  fc.constantFrom('😀', '👍🏽', '𝐛𝐨𝐥𝐝', '2024', 'ＡＢＣ', 'ok!', '«quoted»'),
);
const filler = fc.array(fillerWord, { maxLength: 6 }).map((words) => words.join(' '));
const choices = fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 200 });

/** Plants `evaded` between the fillers and checks the term is found at exactly its code points. */
function expectFoundAtPlantedSpan(term: string, evaded: string, before: string, after: string, glue: string, arabic: boolean): void {
  const head = before ? before + glue : '';
  const text = head + evaded + (after ? glue + after : '');
  const start = [...head].length;
  const end = start + [...evaded].length;
  const hits = matcherFor({ value: term }).match(text, { arabic });
  expect(hits, JSON.stringify({ term, text })).toContainEqual<TextHit>({ spec: 0, start, end });
}

describe('property: a planted term is found at its exact span, whatever the evasion', () => {
  it('Latin terms (case, diacritics, leetspeak incl. 1 for i/l, repeats, zero-width)', () => {
    const latinTerm = fc
      .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 8 })
      // Single words with at most 3 letters i or l: beyond that the matcher reads 1 for i or l, not repeats mixed with 1.
      .filter((t) => [...t].filter((ch) => ch === 'i' || ch === 'l').length <= 3);
    fc.assert(
      fc.property(latinTerm, choices, filler, filler, fc.constantFrom(' ', ', ', ' - ', '\n'), (term, values, before, after, glue) => {
        expectFoundAtPlantedSpan(term, evadeLatin(term, new Choices(values)), before, after, glue, false);
      }),
      { numRuns: 400 },
    );
  });

  it('Arabic terms (letter forms, harakat, tatweel, repeats, zero-width), in either context', () => {
    const arabicTerm = fc.string({ unit: fc.constantFrom(...ARABIC_LETTERS), minLength: 2, maxLength: 7 });
    fc.assert(
      fc.property(arabicTerm, choices, filler, filler, fc.constantFrom(' ', '، ', ' - ', '\n'), fc.boolean(), (term, values, before, after, glue, arabic) => {
        expectFoundAtPlantedSpan(term, evadeArabic(term, new Choices(values)), before, after, glue, arabic);
      }),
      { numRuns: 400 },
    );
  });

  it('Chinese terms (traditional or simplified on either side, invisible characters), with or without spaces around', () => {
    const hanTerm = fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(hanTerm, fc.boolean(), choices, filler, filler, fc.constantFrom('', ' ', '，', '。'), fc.boolean(), (term, traditionalTerm, values, before, after, glue, arabic) => {
        const value = term.map(([s, t]) => (traditionalTerm ? t : s)).join('');
        expectFoundAtPlantedSpan(value, evadeHan(term, new Choices(values)), before, after, glue, arabic);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property (b) for the matcher: any text, no exceptions thrown, hits inside the text.

describe('property: the matcher on arbitrary text', () => {
  const specs = specsOf([
    { value: 'kill' },
    { value: 'scam', matchMode: 'substring', exceptions: ['scampi'] },
    { value: 'كتاب' },
    { value: '测试' },
    { value: '👍' },
    { kind: 'phrase', value: 'buy now' },
    { kind: 'proximity', value: 'cheap', near: 'pills', within: 3 },
    { value: 'hello', optOut: ['leet', 'squeeze'] },
  ]);
  const matcher = new TextMatcher(compileText(specs), specs);
  const unit = fc.oneof(
    fc.constantFrom('kill', 'k1ll', 'scam', 'scampi', 'كتاب', 'وال', '測試', '👍🏽', 'buy', 'now', 'cheap', 'pills', 'hello', 'h3llo', ' ', '.', '\u200B', '\uFDFA', 'ß', '3', '@'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );
  it('never throws; every hit is a non-empty span inside the text', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.boolean(), (parts, arabic) => {
        const text = parts.join('');
        const length = [...text].length;
        for (const hit of matcher.match(text, { arabic })) {
          expect(hit.start).toBeGreaterThanOrEqual(0);
          expect(hit.end).toBeGreaterThan(hit.start);
          expect(hit.end).toBeLessThanOrEqual(length);
          expect(hit.spec).toBeGreaterThanOrEqual(0);
          expect(hit.spec).toBeLessThan(specs.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property (c): on plain input the matcher finds exactly what a naive search finds.

/** Lower-case words of 2-5 letters with no letter twice in a row (so squeezing and joining single letters do nothing). */
const plainWord = fc
  .array(fc.constantFrom(...'abcdilo'), { minLength: 2, maxLength: 5 })
  .filter((letters) => letters.every((ch, i) => i === 0 || ch !== letters[i - 1]))
  .map((letters) => letters.join(''));

interface PlainSpec {
  kind: 'term' | 'phrase';
  value: string;
  matchMode: 'word' | 'substring';
}

/** The naive reference: words joined by single spaces, searched with indexOf, offsets mapped back to the text. */
function naiveHits(words: string[], wordStarts: number[], specs: PlainSpec[]): TextHit[] {
  const joined = words.join(' ');
  // Position in `joined` → code point in the original text.
  const toOriginal: number[] = [];
  words.forEach((w, k) => {
    for (let j = 0; j < w.length; j++) toOriginal.push(wordStarts[k] + j);
    toOriginal.push(-1); // the space
  });
  const hits: TextHit[] = [];
  specs.forEach((spec, s) => {
    const haystack = spec.matchMode === 'word' ? ` ${joined} ` : joined;
    const needle = spec.matchMode === 'word' ? ` ${spec.value} ` : spec.value;
    for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      // Word mode: i is the space before the word in ` ${joined} `, so the first letter is at i in `joined`.
      const first = i;
      const last = first + spec.value.length - 1;
      hits.push({ spec: s, start: toOriginal[first], end: toOriginal[last] + 1 });
    }
  });
  return hits.sort((a, b) => a.start - b.start || a.end - b.end || a.spec - b.spec);
}

describe('property: plain input, naive reference', () => {
  it('finds exactly the whole-word and substring occurrences a naive search finds', () => {
    const separator = fc.constantFrom(' ', '  ', ', ', '. ', '\n', ' — ', '...');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plainWord, separator), { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom<'term' | 'phrase'>('term', 'term', 'phrase'),
            pick: fc.nat(),
            other: plainWord,
            fromText: fc.boolean(),
            matchMode: fc.constantFrom<'word' | 'substring'>('word', 'substring'),
            cut: fc.nat(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (pieces, specInputs) => {
          const words = pieces.map(([w]) => w);
          let text = '';
          const wordStarts: number[] = [];
          pieces.forEach(([w, sep], k) => {
            wordStarts.push([...text].length);
            text += w + (k < pieces.length - 1 ? sep : '');
          });
          const specs: PlainSpec[] = specInputs.map((s) => {
            const k = s.pick % words.length;
            let value: string;
            if (s.kind === 'phrase') value = s.fromText && k + 1 < words.length ? `${words[k]} ${words[k + 1]}` : `${words[k]} ${s.other}`;
            else value = s.fromText ? words[k] : s.other;
            if (s.matchMode === 'substring' && s.kind === 'term' && value.length > 2) {
              // A piece of the word (at least 2 letters) so substring hits inside words happen.
              const from = s.cut % (value.length - 1);
              value = value.slice(from, Math.max(from + 2, value.length - (s.cut % 2)));
            }
            return { kind: s.kind, value, matchMode: s.matchMode };
          });
          const full = specsOf(specs);
          const hits = new TextMatcher(compileText(full), full).match(text);
          expect(hits, JSON.stringify({ text, specs })).toEqual(naiveHits(words, wordStarts, specs));
        },
      ),
      { numRuns: 500 },
    );
  });
});
