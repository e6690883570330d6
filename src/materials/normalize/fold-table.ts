// A per-step-set cache of foldCodePoint: typed arrays for the Basic Multilingual Plane, a map above it,
// each entry computed the first time the character is seen (so start-up costs nothing).
import { foldCodePoint, Kind, type StepSet } from './steps.js';

const MULTI = -1;

export class FoldTable {
  /** Read directly by the scanner's inner loop; 0 means not computed yet (call kind()). */
  readonly kinds = new Uint8Array(0x10000);
  readonly singles = new Int32Array(0x10000);
  private readonly multis = new Map<number, number[]>();
  private readonly astral = new Map<number, { kind: Kind; units: number[] }>();

  constructor(readonly steps: StepSet) {}

  /** The kind of `cp`; its folded units are then `single(cp)` or, when that is -1, `multi(cp)`. */
  kind(cp: number): Kind {
    if (cp < 0x10000) {
      const k = this.kinds[cp];
      if (k !== 0) return k as Kind;
      const folded = foldCodePoint(cp, this.steps);
      this.kinds[cp] = folded.kind;
      if (folded.units.length === 1) this.singles[cp] = folded.units[0];
      else {
        this.singles[cp] = MULTI;
        this.multis.set(cp, folded.units);
      }
      return folded.kind;
    }
    let entry = this.astral.get(cp);
    if (!entry) {
      entry = foldCodePoint(cp, this.steps);
      this.astral.set(cp, entry);
    }
    return entry.kind;
  }

  /** The single folded unit of `cp` (after kind() was asked), or -1 when it folds to several or none. */
  single(cp: number): number {
    if (cp < 0x10000) return this.singles[cp];
    const units = this.astral.get(cp)!.units;
    return units.length === 1 ? units[0] : MULTI;
  }

  multi(cp: number): number[] {
    return cp < 0x10000 ? this.multis.get(cp) ?? [] : this.astral.get(cp)!.units;
  }
}

const tables = new Map<string, FoldTable>();
const bySet = new WeakMap<StepSet, FoldTable>();

/** One shared table per step set, so every matcher and every call in a process reuses the cache. */
export function foldTableFor(steps: StepSet): FoldTable {
  let table = bySet.get(steps);
  if (table) return table;
  const key = [...steps].sort().join(',');
  table = tables.get(key);
  if (!table) tables.set(key, (table = new FoldTable(steps)));
  bySet.set(steps, table);
  return table;
}
