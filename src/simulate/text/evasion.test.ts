// Each disguise changes the term and can be undone by the normalization a matcher would apply.
import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { disguise, HARAKAT, HOMOGLYPHS, TATWEEL, ZERO_WIDTH } from './evasion.js';

const undoHomoglyphs = (s: string) => Array.from(s).map((ch) => Object.entries(HOMOGLYPHS).find(([, g]) => g === ch)?.[0] ?? ch).join('');
const strip = (s: string, chars: readonly string[]) => Array.from(s).filter((ch) => !chars.includes(ch)).join('');

describe('disguise', () => {
  const random = new Random(3);
  it('leetspeak swaps letters for digits', () => {
    const out = disguise(random, 'free followers', 'leetspeak');
    expect(out).not.toBe('free followers');
    expect(out).toMatch(/[0-9]/);
    expect(out.length).toBe('free followers'.length);
  });

  it('homoglyphs swap Latin letters for Cyrillic look-alikes that map back', () => {
    const out = disguise(random, 'crypto giveaway', 'homoglyph');
    expect(out).not.toBe('crypto giveaway');
    expect(out).toMatch(/[\u0400-\u04ff]/);
    expect(undoHomoglyphs(out)).toBe('crypto giveaway');
  });

  it('spacing puts one separator inside words, never between them', () => {
    const out = disguise(random, 'sub4sub now', 'spacing');
    const separator = out[1];
    expect([' ', '.', '-', '*']).toContain(separator);
    expect(out.split(separator).join('').replace(/ +/g, ' ')).toBe(separator === ' ' ? 'sub4subnow' : 'sub4sub now');
  });

  it('zero-width characters hide inside the term', () => {
    const out = disguise(random, '免费涨粉', 'zero_width');
    expect(out).not.toBe('免费涨粉');
    expect(strip(out, ZERO_WIDTH)).toBe('免费涨粉');
  });

  it('harakat and tatweel decorate Arabic and strip back to the term', () => {
    const term = 'حشيش للبيع';
    const withHarakat = disguise(random, term, 'harakat');
    expect(withHarakat).not.toBe(term);
    expect(strip(withHarakat, HARAKAT)).toBe(term);
    const withTatweel = disguise(random, term, 'tatweel');
    expect(withTatweel).toContain(TATWEEL);
    expect(strip(withTatweel, [TATWEEL])).toBe(term);
  });
});
