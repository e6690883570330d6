// Value parsing shared by both backends, so bigint, numeric and timestamps come back the same from PGlite and PostgreSQL.

/** OIDs of the PostgreSQL types whose text form we parse ourselves. */
export const OID = { int8: 20, numeric: 1700, int8Array: 1016 } as const;

/** int8 → number. Vigil's counters and sequence numbers stay far below 2^53; past it we refuse rather than round. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint value ${text} exceeds JavaScript's safe integer range`);
  return n;
}

export function parseInt8Array(text: string): number[] {
  const inner = text.slice(1, -1).trim();
  return inner === '' ? [] : inner.split(',').map((v) => parseInt8(v.trim()));
}

/** True for PostgreSQL's unique_violation (23505), as raised by either backend's driver. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
