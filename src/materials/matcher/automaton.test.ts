// The Aho–Corasick automaton checked against a brute-force search: every occurrence of every pattern,
// overlapping and nested ones included, at the right position and with the right id.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Automaton, AutomatonBuilder, Occurrences } from './automaton.js';

/** "id@end" for every occurrence (end = index of the pattern's last unit), sorted: what a brute-force scan finds. */
function bruteForce(patterns: readonly (readonly number[])[], text: readonly number[]): string[] {
  const found: string[] = [];
  patterns.forEach((p, id) => {
    for (let start = 0; start + p.length <= text.length; start++) {
      let same = true;
      for (let j = 0; j < p.length && same; j++) same = text[start + j] === p[j];
      if (same) found.push(`${id}@${start + p.length - 1}`);
    }
  });
  return found.sort();
}

function viaAutomaton(patterns: readonly (readonly number[])[], text: readonly number[], ids?: readonly number[]): string[] {
  const builder = new AutomatonBuilder();
  patterns.forEach((p, i) => builder.add(p, ids ? ids[i] : i));
  const automaton = new Automaton(builder.build());
  const out = new Occurrences();
  automaton.run(Int32Array.from(text), text.length, out);
  const found: string[] = [];
  for (let i = 0; i < out.length; i++) found.push(`${out.ids[i]}@${out.ends[i]}`);
  return found.sort();
}

describe('Automaton', () => {
  it('finds overlapping, nested and repeated occurrences (hand-checked example)', () => {
    // Classic he / she / his / hers over "ushers", as unit codes.
    const u = (s: string) => [...s].map((c) => c.codePointAt(0)!);
    const patterns = [u('he'), u('she'), u('his'), u('hers')];
    // ushers: u0 s1 h2 e3 r4 s5 → she ends at 3, he ends at 3, hers ends at 5.
    expect(viaAutomaton(patterns, u('ushers'))).toEqual(['0@3', '1@3', '3@5']);
    // aaaa with a, aa, aaa: every nested and overlapping occurrence.
    expect(viaAutomaton([u('a'), u('aa'), u('aaa')], u('aaaa'))).toEqual(
      ['0@0', '0@1', '0@2', '0@3', '1@1', '1@2', '1@3', '2@2', '2@3'].sort(),
    );
  });

  it('reports every id of a pattern added more than once', () => {
    const builder = new AutomatonBuilder();
    builder.add([1, 2], 0);
    builder.add([1, 2], 1);
    builder.add([2], 2);
    const automaton = new Automaton(builder.build());
    const out = new Occurrences();
    automaton.run(Int32Array.from([1, 2, 1, 2]), 4, out);
    const found = Array.from({ length: out.length }, (_, i) => `${out.ids[i]}@${out.ends[i]}`).sort();
    expect(found).toEqual(['0@1', '0@3', '1@1', '1@3', '2@1', '2@3'].sort());
  });

  it('equals a brute-force search on random pattern sets over a small alphabet (overlaps forced)', () => {
    // Units: 1-3 in patterns and text, 9 only in text (a unit no pattern has), and one astral unit.
    const ASTRAL = 0x1f600;
    const unit = fc.constantFrom(1, 2, 3, ASTRAL);
    const pattern = fc.array(unit, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 12 }),
        fc.array(fc.oneof(unit, fc.constant(9)), { maxLength: 60 }),
        (patterns, text) => {
          expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('ids given in any order come back as given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }).chain((patterns) =>
          fc.tuple(fc.constant(patterns), fc.shuffledSubarray([...patterns.keys()], { minLength: patterns.length, maxLength: patterns.length }), fc.array(fc.constantFrom(1, 2), { maxLength: 30 })),
        ),
        ([patterns, ids, text]) => {
          // Brute force with ids[i] for pattern i.
          const expected = bruteForce(patterns, text).map((s) => {
            const [id, end] = s.split('@');
            return `${ids[Number(id)]}@${end}`;
          });
          expect(viaAutomaton(patterns, text, ids)).toEqual(expected.sort());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays exact when states have many children (a large alphabet after shared prefixes)', () => {
    // 60 letters; most patterns start with one of three short prefixes, so those states get dozens of
    // children, and the text is built from pattern pieces so matches and failures through them are frequent.
    const letter = fc.integer({ min: 1, max: 60 });
    const prefix = fc.constantFrom<number[]>([], [1], [2, 3], [1, 2, 3]);
    const patternSet = fc.array(
      fc.tuple(prefix, fc.array(letter, { minLength: 1, maxLength: 3 })).map(([p, rest]) => [...p, ...rest]),
      { minLength: 150, maxLength: 300 },
    );
    fc.assert(
      fc.property(
        patternSet.chain((patterns) =>
          fc.tuple(
            fc.constant(patterns),
            fc.array(fc.oneof(fc.constantFrom(...patterns), fc.array(letter, { maxLength: 2 }), fc.constant([0])), { maxLength: 80 }).map((pieces) => pieces.flat()),
          ),
        ),
        ([patterns, text]) => {
          expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays exact with thousands of patterns (the edge table grows several times)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }), { minLength: 800, maxLength: 1500 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 200, maxLength: 400 }),
        (patterns, text) => {
          expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
        },
      ),
      { numRuns: 8 },
    );
  });
});
