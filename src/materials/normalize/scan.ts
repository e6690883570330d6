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

/** Scans `text` into `out` (cleared first). Starts and ends with a boundary unit. */
export function scan(text: string, steps: StepSet, options: ScanOptions, out: Units): void {
  new Scanner(text, foldTableFor(steps), steps, options, out).run();
}

class Scanner {
  private readonly squeeze: boolean;
  private readonly leet: boolean;
  private readonly bridge: boolean;
  private lastKind = BOUNDARY;
  private lastUnit = SPACE;
  /** Units since the last boundary or bridged separator. */
  private segment = 0;
  /** The last separator run was bridged: a run of single letters is being joined. */
  private bridging = false;
  private pendingSeparator = false;
  private separatorStart = 0;
  private separatorCount = 0;

  constructor(
    private readonly text: string,
    private readonly table: FoldTable,
    steps: StepSet,
    private readonly options: ScanOptions,
    private readonly out: Units,
  ) {
    this.squeeze = steps.has('squeeze');
    this.leet = steps.has('leet');
    this.bridge = steps.has('separators');
  }

  run(): void {
    const { text, table, out } = this;
    const kinds = table.kinds;
    const singles = table.singles;
    const squeeze = this.squeeze;
    const length = text.length;
    out.length = 0;
    // Every code unit yields at most a boundary and a letter on the inline path; longer folds reserve their own room.
    out.reserve(2 * length + 2);
    let outUnits = out.units;
    let outStarts = out.starts;
    let outEnds = out.ends;
    let outKinds = out.kinds;
    out.push(SPACE, 0, 0, BOUNDARY);
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
      const next = i + width;
      i = next;
      if (kind === LATIN || kind === LETTER) {
        const unit = cp < 0x10000 ? singles[cp] : table.single(cp);
        // The common case, inline: a letter continuing a word.
        if (unit >= 0 && !this.pendingSeparator && this.lastKind !== SPACELESS) {
          if (squeeze && unit === this.lastUnit) outEnds[out.length - 1] = cpIndex + 1;
          else {
            const n = out.length++;
            outUnits[n] = unit;
            outStarts[n] = cpIndex;
            outEnds[n] = cpIndex + 1;
            outKinds[n] = kind;
            this.lastKind = kind;
            this.lastUnit = unit;
            this.segment++;
          }
        } else if (unit >= 0) this.word(unit, kind, cpIndex, next);
        else {
          this.words(table.multi(cp), cpIndex, next);
          ({ units: outUnits, starts: outStarts, ends: outEnds, kinds: outKinds } = out);
        }
        continue;
      }
      if (kind === SKIP) {
        // Marks and invisible characters belong to the letter before them, so a span covers them.
        if (!this.pendingSeparator && this.lastKind !== BOUNDARY) out.ends[out.length - 1] = cpIndex + 1;
        continue;
      }
      if (kind === SEPARATOR) {
        this.separator(cpIndex);
        continue;
      }
      if (kind === SPACELESS) {
        const unit = table.single(cp);
        if (unit >= 0) this.word(unit, kind, cpIndex, next);
        else {
          this.words(table.multi(cp), cpIndex, next);
          ({ units: outUnits, starts: outStarts, ends: outEnds, kinds: outKinds } = out);
        }
        continue;
      }
      if (kind === DIGIT) {
        const unit = table.single(cp);
        if (this.leet && !(this.options.arabizi && ARABIZI_DIGITS.has(unit)) && LEET_LETTERS.has(unit) && (this.afterLatin() || this.latinAhead(next))) {
          this.word(LEET_LETTERS.get(unit)!, LATIN, cpIndex, next);
        } else this.word(unit, DIGIT, cpIndex, next);
        continue;
      }
      if (kind === LEET_SYMBOL) {
        const unit = table.single(cp);
        if (this.leet && this.latinAhead(next) && (this.afterLatin() || unit !== AT_SIGN)) {
          this.word(LEET_LETTERS.get(unit)!, LATIN, cpIndex, next);
          continue;
        }
      } else if (kind === APOSTROPHE && !this.pendingSeparator && isAlphabetic(this.lastKind) && this.bridge && this.letterAhead(next)) {
        continue;
      }
      this.separator(cpIndex);
    }
    if (this.pendingSeparator) this.boundary(this.separatorStart);
    this.boundary(cpIndex);
  }

  /** A character that folds to several units ("ß" → "ss", "ﷺ" → 18 letters). */
  private words(units: number[], cpIndex: number, nextIndex: number): void {
    this.out.reserve(2 * units.length);
    for (const u of units) this.word(u, kindOf(u), cpIndex, nextIndex);
  }

  private afterLatin(): boolean {
    return !this.pendingSeparator && this.lastKind === LATIN;
  }

  private separator(cpIndex: number): void {
    if (!this.pendingSeparator) {
      this.pendingSeparator = true;
      this.separatorStart = cpIndex;
      this.separatorCount = 0;
    }
    this.separatorCount++;
  }

  private boundary(cpIndex: number): void {
    this.pendingSeparator = false;
    this.segment = 0;
    this.bridging = false;
    if (this.lastKind === BOUNDARY) return;
    this.out.push(SPACE, cpIndex, cpIndex, BOUNDARY);
    this.lastKind = BOUNDARY;
    this.lastUnit = SPACE;
  }

  private word(unit: number, kind: number, cpIndex: number, nextIndex: number): void {
    const out = this.out;
    if (this.pendingSeparator) {
      if (this.bridges(kind, nextIndex)) {
        this.pendingSeparator = false;
        this.bridging = true;
        this.segment = 0;
      } else this.boundary(this.separatorStart);
    } else if (this.lastKind !== BOUNDARY && (kind === SPACELESS) !== (this.lastKind === SPACELESS)) {
      // A change between spaced and spaceless scripts ("买iphone") is a word boundary.
      this.boundary(cpIndex);
    }
    if (this.squeeze && unit === this.lastUnit && isAlphabetic(kind)) {
      out.ends[out.length - 1] = cpIndex + 1;
      return;
    }
    out.push(unit, cpIndex, cpIndex + 1, kind);
    this.lastKind = kind;
    this.lastUnit = unit;
    this.segment++;
  }

  /** Whether the pending separator run sits inside a run of three or more single letters ("s p a m", "s.p.a.m"). */
  private bridges(kind: number, nextIndex: number): boolean {
    if (!this.bridge || this.separatorCount > MAX_BRIDGED_SEPARATORS || this.segment !== 1) return false;
    if (!isAlphabetic(kind) || !isAlphabetic(this.lastKind)) return false;
    const after = this.afterSingleLetter(nextIndex);
    if (after < 0) return false;
    if (this.bridging) return true;
    const third = this.skipSeparators(after);
    return third >= 0 && this.isSingleLetterAt(third);
  }

  /** With a letter just read ending at `index`: where its separator run starts if the letter stands alone, else -1. */
  private afterSingleLetter(index: number): number {
    const j = this.skipKind(index, SKIP);
    if (j >= this.text.length) return j;
    const k = this.kindAt(j);
    return k === SEPARATOR || k === APOSTROPHE || k === LEET_SYMBOL ? j : -1;
  }

  private isSingleLetterAt(index: number): boolean {
    if (index >= this.text.length) return false;
    const k = this.kindAt(index);
    if (!isAlphabetic(k)) return false;
    return this.afterSingleLetter(index + this.widthAt(index)) >= 0;
  }

  /** Skips at most MAX_BRIDGED_SEPARATORS separators; -1 when there are more or none. */
  private skipSeparators(index: number): number {
    let j = index;
    for (let n = 0; j < this.text.length; n++) {
      const k = this.kindAt(j);
      if (k !== SEPARATOR && k !== APOSTROPHE && k !== LEET_SYMBOL && k !== SKIP) return n === 0 ? -1 : j;
      if (n === MAX_BRIDGED_SEPARATORS) return -1;
      j += this.widthAt(j);
    }
    return -1;
  }

  private skipKind(index: number, kind: number): number {
    let j = index;
    while (j < this.text.length && this.kindAt(j) === kind) j += this.widthAt(j);
    return j;
  }

  private letterAhead(index: number): boolean {
    const j = this.skipKind(index, SKIP);
    return j < this.text.length && isAlphabetic(this.kindAt(j));
  }

  /** A Latin letter follows, possibly after one more leetspeak candidate ("h3ll0", "$$ex" is not). */
  private latinAhead(index: number): boolean {
    let j = this.skipKind(index, SKIP);
    for (let candidates = 0; j < this.text.length; candidates++) {
      const k = this.kindAt(j);
      if (k === LATIN) return true;
      if (candidates === 1 || (k !== DIGIT && k !== LEET_SYMBOL) || !LEET_LETTERS.has(this.codePointAt(j))) return false;
      if (k === DIGIT && this.options.arabizi && ARABIZI_DIGITS.has(this.codePointAt(j))) return false;
      j = this.skipKind(j + this.widthAt(j), SKIP);
    }
    return false;
  }

  private codePointAt(index: number): number {
    const cp = this.text.codePointAt(index)!;
    const unit = this.table.kind(cp) && this.table.single(cp);
    return unit >= 0 ? unit : cp;
  }

  private kindAt(index: number): number {
    return this.table.kind(this.text.codePointAt(index)!);
  }

  private widthAt(index: number): number {
    return this.text.codePointAt(index)! > 0xffff ? 2 : 1;
  }
}

