// The part of the 2-D DCT that PDQ keeps: frequencies 1..16 in each direction of the 64x64 image
// (the DC term 0 is skipped: it is only overall brightness). Output is 16x16, row-major.
import { PDQ_GRID } from './downsample.js';

export const PDQ_COEFFS = 16;

/** D[i][k] = sqrt(2/64) * cos(pi / (2*64) * (i + 1) * (2k + 1)), 16 rows of 64. */
const DCT_MATRIX: Float64Array = (() => {
  const m = new Float64Array(PDQ_COEFFS * PDQ_GRID);
  const scale = Math.sqrt(2 / PDQ_GRID);
  for (let i = 0; i < PDQ_COEFFS; i++) {
    for (let k = 0; k < PDQ_GRID; k++) m[i * PDQ_GRID + k] = scale * Math.cos((Math.PI / 2 / PDQ_GRID) * (i + 1) * (2 * k + 1));
  }
  return m;
})();

/** B = D A Dt for the 64x64 `grid` A. */
export function dct16(grid: Float32Array): Float64Array {
  const D = DCT_MATRIX;
  // T = D A: 16 x 64
  const T = new Float64Array(PDQ_COEFFS * PDQ_GRID);
  for (let i = 0; i < PDQ_COEFFS; i++) {
    for (let j = 0; j < PDQ_GRID; j++) {
      let sum = 0;
      for (let k = 0; k < PDQ_GRID; k++) sum += D[i * PDQ_GRID + k] * grid[k * PDQ_GRID + j];
      T[i * PDQ_GRID + j] = sum;
    }
  }
  // B = T Dt: 16 x 16
  const B = new Float64Array(PDQ_COEFFS * PDQ_COEFFS);
  for (let i = 0; i < PDQ_COEFFS; i++) {
    for (let j = 0; j < PDQ_COEFFS; j++) {
      let sum = 0;
      for (let k = 0; k < PDQ_GRID; k++) sum += T[i * PDQ_GRID + k] * D[j * PDQ_GRID + k];
      B[i * PDQ_COEFFS + j] = sum;
    }
  }
  return B;
}
