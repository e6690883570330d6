// A compact byte form for memory-store snapshots. Times and seqs are stored as differences from the
// previous entry (small in practice), so a typical observation takes a few bytes instead of 16–24.
// Every number goes through one tagged varint: an integer of at most 2^50 in magnitude is zigzagged and
// doubled (even); a short decimal (an amount like 12.34) is the odd tag 2k+1 and the integer x·10^k
// (k = 1..4), taken only when dividing back gives exactly x; anything else is the tag 1 and the raw
// float64. No value is ever rounded.

const SMALL = 2 ** 50;
const POW10 = [1, 10, 100, 1000, 10000];
const zigzag = (x: number) => (x >= 0 ? x * 2 : -x * 2 - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

export class ByteWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** A non-negative integer below 2^53. */
  uint(u: number): void {
    this.ensure(8);
    const buf = this.buf;
    let pos = this.pos;
    while (u >= 0x80000000) {
      buf[pos++] = (u % 128) | 128;
      u = Math.floor(u / 128);
    }
    while (u >= 128) {
      buf[pos++] = (u & 127) | 128;
      u >>>= 7;
    }
    buf[pos++] = u;
    this.pos = pos;
  }

  num(x: number): void {
    if (Number.isInteger(x) && x <= SMALL && x >= -SMALL) {
      this.uint(zigzag(x) * 2);
      return;
    }
    if (Number.isFinite(x)) {
      for (let k = 1; k <= 4; k++) {
        const m = Math.round(x * POW10[k]);
        if (m <= SMALL && m >= -SMALL && m / POW10[k] === x) {
          this.uint(2 * k + 1);
          this.uint(zigzag(m));
          return;
        }
      }
    }
    this.uint(1);
    this.ensure(8);
    this.buf.writeDoubleLE(x, this.pos);
    this.pos += 8;
  }

  str(s: string): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.uint(len);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

export class ByteReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError('counter snapshot is truncated');
    return this.buf[this.pos++];
  }

  uint(): number {
    let u = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      u += (b & 127) * scale;
      if (b < 128) return u;
      scale *= 128;
      if (scale > 2 ** 56) throw new RangeError('counter snapshot has an overlong number');
    }
  }

  num(): number {
    const u = this.uint();
    if (u === 1) {
      if (this.pos + 8 > this.buf.length) throw new RangeError('counter snapshot is truncated');
      const x = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, 8).readDoubleLE(0);
      this.pos += 8;
      return x;
    }
    if (u % 2 === 0) return unzigzag(u / 2);
    const k = (u - 1) / 2;
    if (k > 4) throw new RangeError('counter snapshot has a malformed number');
    return unzigzag(this.uint()) / POW10[k];
  }

  str(): string {
    const len = this.uint();
    if (this.pos + len > this.buf.length) throw new RangeError('counter snapshot is truncated');
    const s = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, len).toString('utf8');
    this.pos += len;
    return s;
  }
}
