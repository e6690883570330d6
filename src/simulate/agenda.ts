// The simulator's agenda: what happens next, ordered by simulated time. A binary min-heap keyed by
// (time, insertion order), so two happenings at the same millisecond run in the order they were
// scheduled and a run is reproducible.

export type Happening = () => void | Promise<void>;

interface Entry {
  time: number;
  order: number;
  run: Happening;
}

export class Agenda {
  private heap: Entry[] = [];
  private inserted = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Simulated time (ms) of the earliest happening, or Infinity when there is none. */
  nextTime(): number {
    return this.heap.length ? this.heap[0].time : Infinity;
  }

  schedule(time: number, run: Happening): void {
    this.heap.push({ time, order: this.inserted++, run });
    this.siftUp(this.heap.length - 1);
  }

  /** Removes and returns the earliest happening. */
  take(): { time: number; run: Happening } | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: Entry, b: Entry): boolean {
    return a.time < b.time || (a.time === b.time && a.order < b.order);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < heap.length && this.before(heap[l], heap[least])) least = l;
      if (r < heap.length && this.before(heap[r], heap[least])) least = r;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least], heap[i]];
      i = least;
    }
  }
}
