// The bank's entries packed in typed arrays, appended in order, removed by marking and compacted on
// demand: 1M hashes take 32 MB of words, not 1M strings. Each hash is split in two halves of 4 words
// kept in separate arrays, because the low half alone tells almost every non-match (an unrelated hash
// differs in ~64 of its 128 bits), so a search mostly touches a 16 MB array rather than 32 MB.
import { HALF, WORDS } from './bits.js';

/** Stamp of a removed slot; query epochs stay below it. */
export const DEAD = 0xffffffff;

export class PackedHashes {
  /** Words 0..3 of each slot's hash (bits 0..127), 4 per slot. */
  lo = new Uint32Array(0);
  /** Words 4..7 (bits 128..255). */
  hi = new Uint32Array(0);
  ids = new Float64Array(0);
  /** Per slot: DEAD, or the last query epoch that examined it (so a query looks at each slot once). */
  stamps = new Uint32Array(0);
  /** Slots in use, live or dead; live ones are found through `slotOf`. */
  count = 0;
  readonly slotOf = new Map<number, number>();

  get live(): number {
    return this.slotOf.size;
  }

  /** Appends the hash in the 8 words at `hash[offset..]` (see bits.toWords). */
  append(id: number, hash: Uint32Array, offset: number): void {
    if (this.count === this.ids.length) this.grow(Math.max(1024, this.ids.length * 2));
    const slot = this.count;
    this.lo.set(hash.subarray(offset, offset + HALF), slot * HALF);
    this.hi.set(hash.subarray(offset + HALF, offset + WORDS), slot * HALF);
    this.ids[slot] = id;
    this.stamps[slot] = 0;
    this.count++;
    this.slotOf.set(id, slot);
  }

  /** Marks the id's slot dead; false when the id is not here. */
  kill(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.stamps[slot] = DEAD;
    this.slotOf.delete(id);
    return true;
  }

  /** Moves live slots down over dead ones, keeping their order, and releases spare capacity. */
  compact(): void {
    let to = 0;
    for (let from = 0; from < this.count; from++) {
      if (this.stamps[from] === DEAD) continue;
      if (to !== from) {
        this.lo.copyWithin(to * HALF, from * HALF, (from + 1) * HALF);
        this.hi.copyWithin(to * HALF, from * HALF, (from + 1) * HALF);
        this.ids[to] = this.ids[from];
        this.slotOf.set(this.ids[to], to);
      }
      this.stamps[to] = 0;
      to++;
    }
    this.count = to;
    if (this.ids.length > 2 * Math.max(1024, to)) this.grow(Math.max(1024, to));
  }

  /** Clears the stamps of live slots, for when the epoch counter wraps. */
  resetStamps(): void {
    for (let s = 0; s < this.count; s++) if (this.stamps[s] !== DEAD) this.stamps[s] = 0;
  }

  private grow(capacity: number): void {
    const lo = new Uint32Array(capacity * HALF);
    lo.set(this.lo.subarray(0, this.count * HALF));
    const hi = new Uint32Array(capacity * HALF);
    hi.set(this.hi.subarray(0, this.count * HALF));
    const ids = new Float64Array(capacity);
    ids.set(this.ids.subarray(0, this.count));
    const stamps = new Uint32Array(capacity);
    stamps.set(this.stamps.subarray(0, this.count));
    this.lo = lo;
    this.hi = hi;
    this.ids = ids;
    this.stamps = stamps;
  }
}
