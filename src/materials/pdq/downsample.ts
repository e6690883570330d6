// Blur-and-decimate to 64x64, as PDQ does: two X-then-Y passes of 1-D box filters (Jarosz, "Fast Image
// Convolutions", 2001) approximate a tent filter, then one sample is taken per 64th of each dimension.
// Blurring first is what makes the hash stable under resizing and recompression.

export const PDQ_GRID = 64;
const PASSES = 2;
// Two passes, so each pass spans half of the 1/64th block: ceil(dimension / 128).
const WINDOW_DIVISOR = 2 * PDQ_GRID;

export function boxWindowFor(dimension: number): number {
  return Math.ceil(dimension / WINDOW_DIVISOR);
}

/**
 * One 1-D box filter over `length` values spaced `stride` apart. The window of `window` values is
 * placed so that it reaches `window - half` values back and `half - 1` forward, with
 * half = floor((window + 2) / 2); near the edges it shrinks rather than padding, as the reference does.
 */
export function box1d(input: Float32Array, output: Float32Array, start: number, length: number, stride: number, window: number): void {
  const half = Math.floor((window + 2) / 2);
  const back = window - half;
  const ahead = half - 1;
  let sum = 0;
  let lo = 0; // first index inside the window
  let hi = -1; // last index inside the window
  for (let k = 0; k < length; k++) {
    const wantHi = Math.min(length - 1, k + ahead);
    while (hi < wantHi) sum += input[start + ++hi * stride];
    const wantLo = Math.max(0, k - back);
    while (lo < wantLo) sum -= input[start + lo++ * stride];
    output[start + k * stride] = sum / (hi - lo + 1);
  }
}

/** Blurs `luma` in place (using `scratch` of the same size) with the PDQ tent filter. */
export function jaroszBlur(luma: Float32Array, scratch: Float32Array, rows: number, cols: number): void {
  const alongRows = boxWindowFor(cols);
  const alongCols = boxWindowFor(rows);
  for (let pass = 0; pass < PASSES; pass++) {
    for (let r = 0; r < rows; r++) box1d(luma, scratch, r * cols, cols, 1, alongRows);
    for (let c = 0; c < cols; c++) box1d(scratch, luma, c, rows, cols, alongCols);
  }
}

/** Samples the centre of each of the 64x64 cells of a rows x cols image. */
export function decimateTo64(luma: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(PDQ_GRID * PDQ_GRID);
  for (let i = 0; i < PDQ_GRID; i++) {
    const r = Math.floor(((i + 0.5) * rows) / PDQ_GRID);
    for (let j = 0; j < PDQ_GRID; j++) {
      const c = Math.floor(((j + 0.5) * cols) / PDQ_GRID);
      out[i * PDQ_GRID + j] = luma[r * cols + c];
    }
  }
  return out;
}

/** The 64x64 blurred luminance every PDQ output is computed from. */
export function downsampleTo64(luma: Float32Array, rows: number, cols: number): Float32Array {
  if (rows === PDQ_GRID && cols === PDQ_GRID) return Float32Array.from(luma);
  const work = Float32Array.from(luma);
  jaroszBlur(work, new Float32Array(work.length), rows, cols);
  return decimateTo64(work, rows, cols);
}
