// Pattern materials matched in linear time (re2js, a port of RE2: no backtracking, so an analyst's
// `(a+)+$` cannot stall the checker). One pass per small group of patterns says which patterns hit;
// only those are run again to find where.
import { RE2JS, RE2Set } from 're2js';
import { codePointIndexer } from './code-points.js';
import { compileChecked } from './validate.js';

export interface PatternMaterial {
  id: number;
  source: string;
  /** Defaults to true: analysts write `scam` and expect `SCAM` to hit. */
  caseInsensitive?: boolean;
}

/** One match: `start` and `end` (exclusive) count code points of the text. */
export interface PatternHit {
  id: number;
  start: number;
  end: number;
}

export interface PatternSet {
  /** All matches of every pattern, ordered by pattern then position (leftmost-first, non-overlapping per pattern). */
  find(text: string): PatternHit[];
  /** Patterns left out because they no longer compile or match the empty string (saved before a rule changed). */
  readonly rejected: readonly { id: number; message: string }[];
}

/**
 * Patterns per RE2Set. Measured on 600 patterns over texts of ~200, ~2k and ~20k characters: one
 * test() per pattern took 5, 7 and 56 ms per text; sets of 8 took 2-3, 3-4 and 12 ms. Larger sets
 * were slower again (sets of 128: 16, 66 and 695 ms), as their combined DFA outgrows its cache.
 */
const PATTERNS_PER_SET = 8;
/** DFA memory per set; past it re2js falls back to its (still linear) NFA instead of growing. */
const SET_DFA_BYTES = 2 * 1024 * 1024;
/**
 * Spans kept per pattern and text. Finding all matches is quadratic for some patterns (`a*b|a` over
 * 100k `a`s rescans to the end for every `a`, ~6 ms each), so the count is capped: enough to show
 * and count hits, and it bounds the cost of one pattern to this many scans of the text.
 */
export const MAX_SPANS_PER_PATTERN = 50;

interface Compiled {
  id: number;
  pattern: RE2JS;
  setSource: string;
}

export function compilePatterns(patterns: readonly PatternMaterial[]): PatternSet {
  const compiled: Compiled[] = [];
  const rejected: { id: number; message: string }[] = [];
  for (const { id, source, caseInsensitive = true } of patterns) {
    const checked = compileChecked(source, caseInsensitive);
    if (!checked.ok) rejected.push({ id, message: checked.message });
    // A set takes one set of flags for all its patterns, so case is carried inline.
    else compiled.push({ id, pattern: checked.pattern, setSource: caseInsensitive ? `(?i)${source}` : source });
  }
  const groups = chunk(compiled, PATTERNS_PER_SET).map((members) => {
    const set = new RE2Set(RE2Set.UNANCHORED, 0, SET_DFA_BYTES);
    for (const member of members) set.add(member.setSource);
    set.compile();
    return { set, members };
  });

  return {
    rejected,
    find(text) {
      const hits: PatternHit[] = [];
      const toCodePoint = codePointIndexer(text);
      for (const { set, members } of groups) {
        for (const index of set.match(text).sort((a, b) => a - b)) spans(members[index], text, toCodePoint, hits);
      }
      return hits;
    },
  };
}

function spans({ id, pattern }: Compiled, text: string, toCodePoint: (offset: number) => number, into: PatternHit[]): void {
  const matcher = pattern.matcher(text);
  for (let found = 0; found < MAX_SPANS_PER_PATTERN && matcher.find(); found++) {
    const start = matcher.start();
    const end = matcher.end();
    // compileChecked refuses patterns that match empty; this guard keeps a missed one from reporting nothing as a hit.
    if (end > start) into.push({ id, start: toCodePoint(start), end: toCodePoint(end) });
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
