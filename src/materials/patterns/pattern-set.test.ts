// Pattern matching: spans in code points, case, many patterns, and bounded time on hostile patterns.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePatterns, MAX_SPANS_PER_PATTERN, type PatternHit } from './index.js';

/** The text a hit covers, cut by code points. */
const cut = (text: string, hit: PatternHit) => [...text].slice(hit.start, hit.end).join('');

describe('compilePatterns', () => {
  it('is case-insensitive unless told otherwise', () => {
    const set = compilePatterns([
      { id: 1, source: 'free money' },
      { id: 2, source: 'Free Money', caseInsensitive: false },
    ]);
    expect(set.find('FREE MONEY here')).toEqual([{ id: 1, start: 0, end: 10 }]);
    expect(set.find('Free Money')).toEqual([
      { id: 1, start: 0, end: 10 },
      { id: 2, start: 0, end: 10 },
    ]);
  });

  it('finds every non-overlapping, leftmost-first match of each pattern', () => {
    const set = compilePatterns([
      { id: 1, source: 'aa' },
      { id: 2, source: 'a|ab' },
    ]);
    const hits = set.find('aaaaa ab');
    expect(hits.filter((h) => h.id === 1).map((h) => [h.start, h.end])).toEqual([[0, 2], [2, 4]]);
    // Leftmost-first: the first alternative wins at position 6, as a backtracking engine would choose.
    expect(hits.filter((h) => h.id === 2).map((h) => [h.start, h.end]).at(-1)).toEqual([6, 7]);
  });

  it('reports spans in code points after Arabic, Chinese and emoji', () => {
    const text = 'مرحبا 😀😀 你好世界 🇫🇷 buy pills 💊 now';
    const set = compilePatterns([
      { id: 1, source: 'buy pills' },
      { id: 2, source: '你好' },
      { id: 3, source: '💊 now' },
      { id: 4, source: 'مرحبا' },
    ]);
    const hits = set.find(text);
    expect(hits.map((h) => [h.id, cut(text, h)])).toEqual([
      [1, 'buy pills'],
      [2, '你好'],
      [3, '💊 now'],
      [4, 'مرحبا'],
    ]);
    const buy = hits.find((h) => h.id === 1)!;
    expect(buy.start).toBe([...text.slice(0, text.indexOf('buy'))].length);
    expect(buy.start).toBeLessThan(text.indexOf('buy'));
  });

  it('agrees with a native RegExp on literal patterns, across many sets of patterns', () => {
    const word = fc.stringMatching(/^[a-c😀é]{1,3}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom('a', 'b', 'c', 'é', '😀', ' ', '中'), { maxLength: 60 }), (words, parts) => {
        const text = parts.join('');
        const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const set = compilePatterns(words.map((w, id) => ({ id, source: escape(w), caseInsensitive: false })));
        const expected = words.flatMap((w, id) =>
          [...text.matchAll(new RegExp(escape(w), 'gu'))]
            .slice(0, MAX_SPANS_PER_PATTERN)
            .map((m) => ({ id, start: [...text.slice(0, m.index)].length, end: [...text.slice(0, m.index + m[0].length)].length })),
        );
        expect(set.find(text)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('sets aside patterns that do not compile or match the empty string, and matches the rest', () => {
    const set = compilePatterns([
      { id: 1, source: '(' },
      { id: 2, source: 'a*' },
      { id: 3, source: 'ok' },
    ]);
    expect(set.rejected.map((r) => r.id)).toEqual([1, 2]);
    expect(set.rejected[0].message).toContain('missing closing )');
    expect(set.find('ok')).toEqual([{ id: 3, start: 0, end: 2 }]);
  });

  it(`keeps at most ${MAX_SPANS_PER_PATTERN} spans per pattern and text`, () => {
    const hits = compilePatterns([{ id: 1, source: 'a' }]).find('a'.repeat(MAX_SPANS_PER_PATTERN * 3));
    expect(hits).toHaveLength(MAX_SPANS_PER_PATTERN);
    expect(hits.at(-1)).toEqual({ id: 1, start: MAX_SPANS_PER_PATTERN - 1, end: MAX_SPANS_PER_PATTERN });
  });
});

describe('hostile patterns over 100k-character inputs', () => {
  const N = 100_000;
  it.each([
    ['(a+)+$', 'a'.repeat(N) + '!', 0],
    ['(a|aa)*b', 'a'.repeat(N), 0],
    ['(x+x+)+y', 'x'.repeat(N), 0],
    ['(.*a){20}', 'a'.repeat(N) + 'b', 1],
    ['([a-z]+)*@', 'ab'.repeat(N / 2), 0],
    // Finding all matches of this one is quadratic (each `a` rescans the rest for a `b`): the span cap bounds it.
    ['a*b|a', 'a'.repeat(N), MAX_SPANS_PER_PATTERN],
  ])('%s returns in bounded time', (source, text, expectedHits) => {
    const set = compilePatterns([{ id: 1, source }]);
    const started = performance.now();
    const hits = set.find(text);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(hits).toHaveLength(expectedHits);
  });
});
