// PDQ's quality metric: how much significant edge there is in the 64x64 image. Flat or nearly flat
// images hash to noise, so matchers discard hashes of quality below 50.
import { PDQ_GRID } from './downsample.js';

// Heuristic constants of the published algorithm: a luminance step counts in whole percent of full
// scale (truncated, so steps under 1% count for nothing) and the sum is scaled by 1/90, capped at 100.
const SCALE = 90;
const MAX_QUALITY = 100;

function percentStep(a: number, b: number): number {
  return Math.abs(Math.trunc(((a - b) * 100) / 255));
}

export function qualityOf(grid: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < PDQ_GRID - 1; i++) {
    for (let j = 0; j < PDQ_GRID; j++) gradientSum += percentStep(grid[i * PDQ_GRID + j], grid[(i + 1) * PDQ_GRID + j]);
  }
  for (let i = 0; i < PDQ_GRID; i++) {
    for (let j = 0; j < PDQ_GRID - 1; j++) gradientSum += percentStep(grid[i * PDQ_GRID + j], grid[i * PDQ_GRID + j + 1]);
  }
  return Math.min(MAX_QUALITY, Math.floor(gradientSum / SCALE));
}
