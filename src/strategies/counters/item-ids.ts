// Item ids of one distinct counter key: each item its held entries mention gets a small integer, so
// multiplicities live in arrays indexed by id, not in maps keyed by strings. That makes moving the running
// window cheap, and a late read's correction (thousands of entries on a hot key) a pass over numbers.

/** Up to this many ids, an item is looked up by a scan of `names`; most keys (a device, an account) never need the map. */
const SCAN_UP_TO = 4;

export class ItemIds {
  private ids: Map<string, number> | null = null;
  /** id → item ('' for a freed id). */
  readonly names: string[] = [];
  /** Held entries per id: an id none of them mentions any more is freed for reuse. */
  private readonly held: number[] = [];
  private readonly free: number[] = [];
  /** Multiplicity of each id in the running window, and how many ids have one. */
  private readonly run: number[] = [];
  distinct = 0;
  /** Scratch for one answer: a change of multiplicity per id (all zero between answers) and the ids changed. */
  private readonly delta: number[] = [];
  private readonly touched: number[] = [];

  /** The id of `item` for a new held entry. */
  acquire(item: string): number {
    let id = this.find(item);
    if (id === undefined) {
      id = this.free.pop();
      if (id === undefined) {
        id = this.names.length;
        this.names.push(item);
        this.held.push(0);
        this.run.push(0);
        this.delta.push(0);
        if (this.ids === null && this.names.length > SCAN_UP_TO) this.ids = new Map(this.names.flatMap((name, i) => (this.held[i] > 0 || i === id ? [[name, i]] : [])));
      } else this.names[id] = item;
      this.ids?.set(item, id);
    }
    this.held[id]++;
    return id;
  }

  /** A held entry mentioning `id` is pruned. */
  release(id: number): void {
    if (--this.held[id] > 0) return;
    this.ids?.delete(this.names[id]);
    this.names[id] = '';
    this.free.push(id);
  }

  private find(item: string): number | undefined {
    if (this.ids !== null) return this.ids.get(item);
    // ('' marks a freed id, so the empty item itself must not match one: held tells them apart.)
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === item && this.held[i] > 0) return i;
    return undefined;
  }

  add(id: number): void {
    if (this.run[id]++ === 0) this.distinct++;
  }

  remove(id: number): void {
    if (--this.run[id] === 0) this.distinct--;
  }

  clear(): void {
    this.run.fill(0);
    this.distinct = 0;
  }

  /** Notes a change of `by` to the multiplicity of `id`, for `settle` or `settleAlone`. */
  shift(id: number, by: number): void {
    if (this.delta[id] === 0) this.touched.push(id);
    this.delta[id] += by;
  }

  /** The distinct count of the running window changed by the noted shifts; clears them. */
  settle(): number {
    let n = this.distinct;
    for (const id of this.touched) {
      const d = this.delta[id];
      if (d === 0) continue; // cancelled out, or a second mention of an id already settled
      const r = this.run[id];
      n += (r + d > 0 ? 1 : 0) - (r > 0 ? 1 : 0);
      this.delta[id] = 0;
    }
    this.touched.length = 0;
    return n;
  }

  /** The number of ids with a positive noted shift, ignoring the running window; clears them. */
  settleAlone(): number {
    let n = 0;
    for (const id of this.touched) {
      if (this.delta[id] > 0) n++;
      this.delta[id] = 0;
    }
    this.touched.length = 0;
    return n;
  }
}
