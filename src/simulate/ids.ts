// Ids minted by a run: a prefix unique to the run (default `s<seed>`), a short kind and a counter, so
// the same run mints the same ids and two runs never collide in one Vigil.

export type IdKind = 'a' | 'd' | 'pi' | 'c' | 'ls' | 'shop' | 'e' | 'ring';

export class IdMint {
  private counters = new Map<IdKind, number>();

  constructor(readonly prefix: string) {}

  next(kind: IdKind): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${this.prefix}-${kind}${n}`;
  }

  /** IPv6 addresses from the documentation prefix 2001:db8::/32, one block per run. */
  nextIp(): string {
    const n = (this.counters.get('ip' as IdKind) ?? 0) + 1;
    this.counters.set('ip' as IdKind, n);
    let block = 0;
    for (let i = 0; i < this.prefix.length; i++) block = (block * 31 + this.prefix.charCodeAt(i)) & 0xffff;
    return `2001:db8:${block.toString(16)}:${(n >>> 16).toString(16)}::${(n & 0xffff).toString(16)}`;
  }
}

/** Shared mobile-carrier addresses (documentation ranges): many unrelated people behind one IP. */
export function carrierIp(index: number): string {
  const i = index % 508;
  return i < 254 ? `198.51.100.${i + 1}` : `203.0.113.${i - 253}`;
}
