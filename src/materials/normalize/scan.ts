// The scanner: turns text into normalised units (folded code points and word boundaries), each mapped
// back to the code points of the original it came from. Terms and content go through the same scanner,
// so whatever it folds, it folds the same way on both sides.
import { foldTableFor, type FoldTable } from './fold-table.js';
import { ARABIZI_DIGITS, Kind, kindOf, LEET_LETTERS, SPACE, type StepSet } from './steps.js';

const SKIP = Kind.Skip;
const SEPARATOR = Kind.Separator;
const LATIN = Kind.Latin;
const LETTER = Kind.Letter;
const SPACELESS = Kind.Spaceless;
const DIGIT = Kind.Digit;
const LEET_SYMBOL = Kind.LeetSymbol;
const APOSTROPHE = Kind.Apostrophe;
/** The kind recorded for a word-boundary unit. */
export const BOUNDARY = 0;
/** Separators longer than this are never bridged ("s . . . p" is not "sp"). */
const MAX_BRIDGED_SEPARATORS = 3;
const AT_SIGN = 0x40;

export interface ScanOptions {
  /** Text is Arabic (declared or detected): digits of Arabizi (2 3 5 6 7 8 9) are letters there, not leetspeak. */
  arabizi: boolean;
}

/** Reusable output buffers: unit i is `units[i]`, from original code point `starts[i]` to `ends[i]` (exclusive). */
export class Units {
  units = new Int32Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  kinds = new Uint8Array(1024);
  length = 0;

  /** Makes room for `n` more units without growing. */
  reserve(n: number): void {
    while (this.length + n > this.units.length) this.grow();
  }

  push(unit: number, start: number, end: number, kind: number): void {
    if (this.length === this.units.length) this.grow();
    const n = this.length++;
    this.units[n] = unit;
    this.starts[n] = start;
    this.ends[n] = end;
    this.kinds[n] = kind;
  }

  private grow(): void {
    const size = this.units.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T) => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.units = grown(this.units, (n) => new Int32Array(n));
    this.starts = grown(this.starts, (n) => new Int32Array(n));
    this.ends = grown(this.ends, (n) => new Int32Array(n));
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
  }

  /** The units as a string, boundaries as spaces: what the console shows as "normalised". */
  toString(): string {
    let s = '';
    for (let i = 0; i < this.length; i++) s += String.fromCodePoint(this.units[i]);
    return s.trim();
  }
}

const isAlphabetic = (k: number) => k === LATIN || k === LETTER;

/**
 * Scans `text` into `out` (cleared first). Starts and ends with a boundary unit. One function with its
 * state in local variables: this loop is the matcher's hot path. The rare decisions that need to look
 * ahead (leetspeak, bridging single letters, apostrophes) are the pure functions below it.
 */
export function scan(text: string, steps: StepSet, options: ScanOptions, out: Units): void {
  const table = foldTableFor(steps);
  const kinds = table.kinds;
  const singles = table.singles;
  const squeeze = steps.has('squeeze');
  const leet = steps.has('leet');
  const bridge = steps.has('separators');
  const arabizi = options.arabizi;
  const length = text.length;
  // Every code unit yields at most a boundary and a letter; longer folds reserve their own room.
  out.length = 0;
  out.reserve(2 * length + 2);
  let units = out.units;
  let starts = out.starts;
  let ends = out.ends;
  let unitKinds = out.kinds;
  units[0] = SPACE;
  starts[0] = 0;
  ends[0] = 0;
  unitKinds[0] = BOUNDARY;
  let n = 1;
  let lastKind = BOUNDARY;
  let lastUnit = SPACE;
  /** Units since the last boundary or bridged separator. */
  let segment = 0;
  /** The last separator run was bridged: a run of single letters is being joined. */
  let bridging = false;
  let pending = false;
  let separatorStart = 0;
  let separatorCount = 0;
  let cpIndex = 0;
  for (let i = 0; i < length; cpIndex++) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    let kind: number = cp < 0x10000 ? kinds[cp] : 0;
    if (kind === 0) kind = table.kind(cp);
    i += width;
    let unit: number;
    if (kind === LATIN || kind === LETTER || kind === SPACELESS) {
      unit = cp < 0x10000 ? singles[cp] : table.single(cp);
    } else if (kind === SKIP) {
      // Marks and invisible characters belong to the letter before them, so a span covers them.
      if (!pending && lastKind !== BOUNDARY) ends[n - 1] = cpIndex + 1;
      continue;
    } else if (kind === SEPARATOR) {
      if (!pending) (pending = true), (separatorStart = cpIndex), (separatorCount = 0);
      separatorCount++;
      continue;
    } else if (kind === DIGIT) {
      unit = table.single(cp);
      if (leet && !(arabizi && ARABIZI_DIGITS.has(unit)) && LEET_LETTERS.has(unit) && ((!pending && lastKind === LATIN) || latinAhead(text, table, i, arabizi))) {
        unit = LEET_LETTERS.get(unit)!;
        kind = LATIN;
      }
    } else if (kind === LEET_SYMBOL) {
      unit = table.single(cp);
      if (leet && latinAhead(text, table, i, arabizi) && ((!pending && lastKind === LATIN) || unit !== AT_SIGN)) {
        unit = LEET_LETTERS.get(unit)!;
        kind = LATIN;
      } else {
        if (!pending) (pending = true), (separatorStart = cpIndex), (separatorCount = 0);
        separatorCount++;
        continue;
      }
    } else {
      // An apostrophe: dropped between two letters, otherwise a separator.
      if (!(bridge && !pending && isAlphabetic(lastKind) && letterAhead(text, table, i))) {
        if (!pending) (pending = true), (separatorStart = cpIndex), (separatorCount = 0);
        separatorCount++;
      }
      continue;
    }
    const several = unit < 0 ? table.multi(cp) : null;
    if (several) {
      // Room for these units and, as at the start, two for every code unit still to come.
      out.length = n;
      out.reserve(2 * several.length + 2 * (length - i) + 2);
      ({ units, starts, ends, kinds: unitKinds } = out);
    }
    for (let j = 0, count = several ? several.length : 1; j < count; j++) {
      if (several) {
        unit = several[j];
        kind = kindOf(unit);
      }
      if (pending) {
        if (bridge && separatorCount <= MAX_BRIDGED_SEPARATORS && segment === 1 && isAlphabetic(kind) && isAlphabetic(lastKind) && bridges(text, table, i, bridging)) {
          bridging = true;
          segment = 0;
        } else {
          if (lastKind !== BOUNDARY) {
            units[n] = SPACE;
            starts[n] = separatorStart;
            ends[n] = separatorStart;
            unitKinds[n++] = BOUNDARY;
            lastKind = BOUNDARY;
            lastUnit = SPACE;
          }
          segment = 0;
          bridging = false;
        }
        pending = false;
      } else if (lastKind !== BOUNDARY && (kind === SPACELESS) !== (lastKind === SPACELESS)) {
        // A change between spaced and spaceless scripts ("买iphone") is a word boundary.
        units[n] = SPACE;
        starts[n] = cpIndex;
        ends[n] = cpIndex;
        unitKinds[n++] = BOUNDARY;
        lastKind = BOUNDARY;
        lastUnit = SPACE;
        segment = 0;
        bridging = false;
      }
      if (squeeze && unit === lastUnit && (kind === LATIN || kind === LETTER)) {
        ends[n - 1] = cpIndex + 1;
        continue;
      }
      units[n] = unit;
      starts[n] = cpIndex;
      ends[n] = cpIndex + 1;
      unitKinds[n++] = kind;
      lastKind = kind;
      lastUnit = unit;
      segment++;
    }
  }
  const end = pending ? separatorStart : cpIndex;
  if (lastKind !== BOUNDARY) {
    units[n] = SPACE;
    starts[n] = end;
    ends[n] = end;
    unitKinds[n++] = BOUNDARY;
  }
  out.length = n;
}

function kindAt(text: string, table: FoldTable, index: number): number {
  return table.kind(text.codePointAt(index)!);
}

function widthAt(text: string, index: number): number {
  return text.codePointAt(index)! > 0xffff ? 2 : 1;
}

function skipKind(text: string, table: FoldTable, index: number, kind: number): number {
  let j = index;
  while (j < text.length && kindAt(text, table, j) === kind) j += widthAt(text, j);
  return j;
}

/** The folded unit of the character at `index` (digits fold from Arabic-Indic to ASCII). */
function unitAt(text: string, table: FoldTable, index: number): number {
  const cp = text.codePointAt(index)!;
  table.kind(cp);
  const unit = table.single(cp);
  return unit >= 0 ? unit : cp;
}

function letterAhead(text: string, table: FoldTable, index: number): boolean {
  const j = skipKind(text, table, index, SKIP);
  return j < text.length && isAlphabetic(kindAt(text, table, j));
}

/** A Latin letter follows, possibly after one more leetspeak candidate ("h3ll0" reads, "$$$" does not). */
function latinAhead(text: string, table: FoldTable, index: number, arabizi: boolean): boolean {
  let j = skipKind(text, table, index, SKIP);
  for (let candidates = 0; j < text.length; candidates++) {
    const k = kindAt(text, table, j);
    if (k === LATIN) return true;
    if (candidates === 1 || (k !== DIGIT && k !== LEET_SYMBOL)) return false;
    const unit = unitAt(text, table, j);
    if (!LEET_LETTERS.has(unit) || (k === DIGIT && arabizi && ARABIZI_DIGITS.has(unit))) return false;
    j = skipKind(text, table, j + widthAt(text, j), SKIP);
  }
  return false;
}

/** With a letter just read ending at `index`: where its separator run starts if the letter stands alone, else -1. */
function afterSingleLetter(text: string, table: FoldTable, index: number): number {
  const j = skipKind(text, table, index, SKIP);
  if (j >= text.length) return j;
  const k = kindAt(text, table, j);
  return k === SEPARATOR || k === APOSTROPHE || k === LEET_SYMBOL ? j : -1;
}

function isSingleLetterAt(text: string, table: FoldTable, index: number): boolean {
  if (index >= text.length || !isAlphabetic(kindAt(text, table, index))) return false;
  return afterSingleLetter(text, table, index + widthAt(text, index)) >= 0;
}

/** Skips one to MAX_BRIDGED_SEPARATORS separators; -1 when there are more or none. */
function skipSeparators(text: string, table: FoldTable, index: number): number {
  let j = index;
  for (let count = 0; j < text.length; count++) {
    const k = kindAt(text, table, j);
    if (k !== SEPARATOR && k !== APOSTROPHE && k !== LEET_SYMBOL && k !== SKIP) return count === 0 ? -1 : j;
    if (count === MAX_BRIDGED_SEPARATORS) return -1;
    j += widthAt(text, j);
  }
  return -1;
}

/**
 * Whether the separator run before a single letter (just read, ending at `index`) is inside a run of
 * three or more single letters ("s p a m", "s.p.a.m"): it then joins the letters instead of ending a word.
 */
function bridges(text: string, table: FoldTable, index: number, bridging: boolean): boolean {
  const after = afterSingleLetter(text, table, index);
  if (after < 0) return false;
  if (bridging) return true;
  const third = skipSeparators(text, table, after);
  return third >= 0 && isSingleLetterAt(text, table, third);
}

const probe = new Units();
/** True when nothing matchable is left of `text` after normalisation (only spaces, punctuation or invisible characters). */
export function normalisesToNothing(text: string, steps: StepSet): boolean {
  scan(text, steps, { arabizi: false }, probe);
  for (let i = 0; i < probe.length; i++) if (probe.kinds[i] !== BOUNDARY) return false;
  return true;
}
