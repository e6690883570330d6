// The Aho–Corasick automaton over normalised units: every pattern found in one pass, overlaps included.
// Units map to dense character classes (only characters that occur in some pattern get one), the root has
// a full row, and every other edge lives in one open-addressing table keyed by (state, class), so memory
// stays proportional to the patterns even for scripts with thousands of characters such as Chinese.

/** Plain typed arrays and numbers only: built in a worker thread and transferred to the matcher. */
export interface AutomatonTables {
  classOfBmp: Int32Array;
  astralUnits: Int32Array;
  astralClasses: Int32Array;
  classCount: number;
  /**
   * Full transition rows (failures already followed) for the root and the states with the most
   * children, such as the word-boundary state every whole-word pattern starts from: one read instead of
   * probing the edge table. `denseRow[state]` is the row's offset in `dense`, or -1.
   */
  denseRow: Int32Array;
  dense: Int32Array;
  fail: Int32Array;
  /** The nearest state along the failure chain whose own patterns end there (0 = none). */
  dict: Int32Array;
  /** First pattern ending exactly at a state, or -1; further ones through patternNext. */
  patternHead: Int32Array;
  patternNext: Int32Array;
  edgeState: Int32Array;
  edgeClass: Int32Array;
  edgeTarget: Int32Array;
  edgeMask: number;
  stateCount: number;
}

/** States with at least this many children get a dense row, up to MAX_DENSE_ROWS of them. */
const DENSE_MIN_CHILDREN = 24;
const MAX_DENSE_ROWS = 64;

const hash = (state: number, cls: number) => (Math.imul(state, 0x9e3779b1) ^ Math.imul(cls + 1, 0x85ebca77)) >>> 0;

export class AutomatonBuilder {
  private readonly classes = new Map<number, number>();
  private stateCount = 1;
  private depth: number[] = [0];
  private edgeState = new Int32Array(1 << 12).fill(-1);
  private edgeClass = new Int32Array(1 << 12);
  private edgeTarget = new Int32Array(1 << 12);
  private edgeCount = 0;
  /** Edges in insertion order, for the breadth-first failure computation. */
  private edgesFrom: number[] = [];
  private edgesClass: number[] = [];
  private edgesTo: number[] = [];
  private ends: number[] = [];
  private endPatterns: number[] = [];

  private classOf(unit: number): number {
    let c = this.classes.get(unit);
    if (c === undefined) this.classes.set(unit, (c = this.classes.size + 1));
    return c;
  }

  private findEdge(state: number, cls: number): number {
    const mask = this.edgeState.length - 1;
    for (let h = hash(state, cls) & mask; ; h = (h + 1) & mask) {
      const s = this.edgeState[h];
      if (s === -1) return -1 - h;
      if (s === state && this.edgeClass[h] === cls) return this.edgeTarget[h];
    }
  }

  private grow(): void {
    const old = { s: this.edgeState, c: this.edgeClass, t: this.edgeTarget };
    const size = old.s.length * 2;
    this.edgeState = new Int32Array(size).fill(-1);
    this.edgeClass = new Int32Array(size);
    this.edgeTarget = new Int32Array(size);
    for (let i = 0; i < old.s.length; i++) if (old.s[i] !== -1) this.putEdge(old.s[i], old.c[i], old.t[i]);
  }

  private putEdge(state: number, cls: number, target: number): void {
    const slot = -1 - this.findEdge(state, cls);
    this.edgeState[slot] = state;
    this.edgeClass[slot] = cls;
    this.edgeTarget[slot] = target;
  }

  /** Adds a pattern (a sequence of units); `id` comes back with each occurrence. */
  add(units: ArrayLike<number>, id: number): void {
    let state = 0;
    for (let i = 0; i < units.length; i++) {
      const cls = this.classOf(units[i]);
      let next = this.findEdge(state, cls);
      if (next < 0) {
        if ((this.edgeCount + 1) * 2 > this.edgeState.length) this.grow();
        next = this.stateCount++;
        this.depth.push(this.depth[state] + 1);
        this.putEdge(state, cls, next);
        this.edgeCount++;
        this.edgesFrom.push(state);
        this.edgesClass.push(cls);
        this.edgesTo.push(next);
      }
      state = next;
    }
    this.ends.push(state);
    this.endPatterns.push(id);
  }

  private denseRows(root: Int32Array, fail: Int32Array, classCount: number): { denseRow: Int32Array; dense: Int32Array } {
    const children = new Int32Array(this.stateCount);
    for (const from of this.edgesFrom) children[from]++;
    const chosen = [0, ...Array.from(children.keys()).filter((s) => s !== 0 && children[s] >= DENSE_MIN_CHILDREN).sort((a, b) => children[b] - children[a]).slice(0, MAX_DENSE_ROWS - 1)];
    const denseRow = new Int32Array(this.stateCount).fill(-1);
    const dense = new Int32Array(chosen.length * classCount);
    chosen.forEach((state, row) => {
      denseRow[state] = row * classCount;
      for (let cls = 1; cls < classCount; cls++) {
        let s = state;
        let target = 0;
        for (;;) {
          if (s === 0) {
            target = root[cls];
            break;
          }
          const t = this.findEdge(s, cls);
          if (t > 0) {
            target = t;
            break;
          }
          s = fail[s];
        }
        dense[row * classCount + cls] = target;
      }
    });
    return { denseRow, dense };
  }

  build(): AutomatonTables {
    const n = this.stateCount;
    const classCount = this.classes.size + 1;
    const root = new Int32Array(classCount);
    const fail = new Int32Array(n);
    const dict = new Int32Array(n);
    const patternHead = new Int32Array(n).fill(-1);
    const patternNext = new Int32Array(this.endPatterns.reduce((m, id) => Math.max(m, id), -1) + 1).fill(-1);
    for (let i = 0; i < this.ends.length; i++) {
      patternNext[this.endPatterns[i]] = patternHead[this.ends[i]];
      patternHead[this.ends[i]] = this.endPatterns[i];
    }
    // Edges sorted by the depth of their source state: failure links of shallower states are known first.
    const order = this.edgesFrom.map((_, i) => i).sort((a, b) => this.depth[this.edgesFrom[a]] - this.depth[this.edgesFrom[b]]);
    for (const e of order) {
      const from = this.edgesFrom[e];
      const cls = this.edgesClass[e];
      const to = this.edgesTo[e];
      if (from === 0) {
        root[cls] = to;
        continue;
      }
      let f = fail[from];
      for (;;) {
        const t = f === 0 ? root[cls] : this.findEdge(f, cls);
        if (t > 0 || f === 0) {
          fail[to] = t > 0 ? t : 0;
          break;
        }
        f = fail[f];
      }
      const failTarget = fail[to];
      dict[to] = patternHead[failTarget] >= 0 ? failTarget : dict[failTarget];
    }
    const { denseRow, dense } = this.denseRows(root, fail, classCount);
    const classOfBmp = new Int32Array(0x10000);
    const astral: [number, number][] = [];
    for (const [unit, cls] of this.classes) {
      if (unit < 0x10000) classOfBmp[unit] = cls;
      else astral.push([unit, cls]);
    }
    return {
      classOfBmp,
      astralUnits: Int32Array.from(astral, ([u]) => u),
      astralClasses: Int32Array.from(astral, ([, c]) => c),
      classCount,
      denseRow,
      dense,
      fail,
      dict,
      patternHead,
      patternNext,
      edgeState: this.edgeState,
      edgeClass: this.edgeClass,
      edgeTarget: this.edgeTarget,
      edgeMask: this.edgeState.length - 1,
      stateCount: n,
    };
  }
}

/** Occurrences found by one run: pattern `ids[i]` ends at unit `ends[i]`. */
export class Occurrences {
  ids = new Int32Array(256);
  ends = new Int32Array(256);
  length = 0;

  push(id: number, end: number): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.length * 2);
      const ends = new Int32Array(this.length * 2);
      ids.set(this.ids);
      ends.set(this.ends);
      this.ids = ids;
      this.ends = ends;
    }
    this.ids[this.length] = id;
    this.ends[this.length++] = end;
  }
}

export class Automaton {
  private readonly astral: Map<number, number>;

  constructor(readonly tables: AutomatonTables) {
    this.astral = new Map(Array.from(tables.astralUnits, (u, i) => [u, tables.astralClasses[i]]));
  }

  /** Runs over units[0..length) and appends every occurrence to `out` (cleared first). */
  run(units: Int32Array, length: number, out: Occurrences): void {
    const { classOfBmp, denseRow, dense, fail, dict, patternHead, patternNext, edgeState, edgeClass, edgeTarget, edgeMask } = this.tables;
    const astral = this.astral;
    out.length = 0;
    let state = 0;
    for (let k = 0; k < length; k++) {
      const unit = units[k];
      const cls = unit < 0x10000 ? classOfBmp[unit] : astral.get(unit) ?? 0;
      if (cls === 0) {
        state = 0;
        continue;
      }
      for (;;) {
        const row = denseRow[state];
        if (row >= 0) {
          state = dense[row + cls];
          break;
        }
        let target = -1;
        for (let h = ((Math.imul(state, 0x9e3779b1) ^ Math.imul(cls + 1, 0x85ebca77)) >>> 0) & edgeMask; ; h = (h + 1) & edgeMask) {
          const s = edgeState[h];
          if (s === -1) break;
          if (s === state && edgeClass[h] === cls) {
            target = edgeTarget[h];
            break;
          }
        }
        if (target > 0) {
          state = target;
          break;
        }
        state = fail[state];
      }
      if (state === 0) continue;
      let o = patternHead[state] >= 0 ? state : dict[state];
      while (o !== 0) {
        for (let p = patternHead[o]; p >= 0; p = patternNext[p]) out.push(p, k);
        o = dict[o];
      }
    }
  }
}

/** The typed arrays of the tables, for transferring them between threads without copying. */
export function transferables(t: AutomatonTables): ArrayBuffer[] {
  return [t.classOfBmp, t.astralUnits, t.astralClasses, t.denseRow, t.dense, t.fail, t.dict, t.patternHead, t.patternNext, t.edgeState, t.edgeClass, t.edgeTarget].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
