// Shared benchmark plumbing: timing, readable progress lines, and the one-JSON-object last line.
export interface BenchContext {
  quick: boolean;
  args: string[];
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export function say(line: string): void {
  console.log(line);
}

/** The last line of every benchmark: one JSON object with its figures. */
export function finish(figures: Record<string, number | string | boolean | null>): void {
  console.log(JSON.stringify(figures));
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
