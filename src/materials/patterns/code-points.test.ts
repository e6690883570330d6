// The UTF-16 to code point conversion, checked against the definition ([...text] counts code points).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointIndexer } from './code-points.js';

const byDefinition = (text: string, offset: number) => [...text.slice(0, offset)].length;

describe('codePointIndexer', () => {
  it('counts an emoji (a surrogate pair) as one code point', () => {
    const text = 'a😀b🇫🇷c';
    const toCodePoint = codePointIndexer(text);
    expect(toCodePoint(text.indexOf('b'))).toBe(2);
    expect(toCodePoint(text.indexOf('c'))).toBe(5);
    expect(toCodePoint(text.length)).toBe([...text].length);
  });

  it('agrees with [...text] at every character boundary, lone surrogates included', () => {
    const unit = fc.oneof(fc.constantFrom('a', 'ب', '中', '😀', '\uD800', '\uDC00', 'é'));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const toCodePoint = codePointIndexer(text);
        let offset = 0;
        for (const ch of [...text, '']) {
          expect(toCodePoint(offset)).toBe(byDefinition(text, offset));
          offset += ch.length;
        }
      }),
    );
  });
});
