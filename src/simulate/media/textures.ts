// Procedural photo-like images: a fractal-noise background in a random palette, soft discs and
// panels, stripes, and rows of dark strokes that read like caption text. Energy falls with spatial
// frequency as in photographs, so the PDQ quality is high and near-duplicates stay near.
import type { Random } from '../random.js';

export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

type Rgb = [number, number, number];

function hueToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const k = (n: number) => (n + hue * 12) % 12;
  const a = saturation * Math.min(lightness, 1 - lightness);
  const f = (n: number) => lightness - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/**
 * Adds `weight` x smooth value noise on a `cells` x `cells` lattice to `field`. Interpolation
 * positions are computed once per row and column, which keeps a 320 px image to a few milliseconds.
 */
function addValueNoise(random: Random, field: Float32Array, width: number, height: number, cells: number, weight: number): void {
  const row = cells + 1;
  const lattice = new Float32Array(row * row);
  for (let i = 0; i < lattice.length; i++) lattice[i] = random.next() * weight;
  const axis = (size: number) => {
    const index = new Int32Array(size);
    const frac = new Float32Array(size);
    for (let p = 0; p < size; p++) {
      const g = (p / size) * cells;
      const i = Math.min(cells - 1, Math.floor(g));
      const f = g - i;
      index[p] = i;
      frac[p] = f * f * (3 - 2 * f);
    }
    return { index, frac };
  };
  const cols = axis(width);
  const rows = axis(height);
  for (let y = 0; y < height; y++) {
    const iy = rows.index[y];
    const fy = rows.frac[y];
    const top = iy * row;
    const bottom = top + row;
    for (let x = 0; x < width; x++) {
      const ix = cols.index[x];
      const fx = cols.frac[x];
      const a = lattice[top + ix] + (lattice[top + ix + 1] - lattice[top + ix]) * fx;
      const b = lattice[bottom + ix] + (lattice[bottom + ix + 1] - lattice[bottom + ix]) * fx;
      field[y * width + x] += a + (b - a) * fy;
    }
  }
}

/** Blends `colour` into the pixel at `o` with weight `alpha`. */
function blend(data: Uint8Array, o: number, colour: Rgb, alpha: number): void {
  data[o] = data[o] * (1 - alpha) + colour[0] * alpha;
  data[o + 1] = data[o + 1] * (1 - alpha) + colour[1] * alpha;
  data[o + 2] = data[o + 2] * (1 - alpha) + colour[2] * alpha;
}

function paintBackground(random: Random, image: RgbImage): void {
  const { width, height, data } = image;
  const hue = random.next();
  const dark = hueToRgb(hue, random.between(0.3, 0.8), random.between(0.08, 0.25));
  const light = hueToRgb((hue + random.between(0.1, 0.5)) % 1, random.between(0.3, 0.9), random.between(0.65, 0.92));
  const field = new Float32Array(width * height);
  const weights = [3, 6, 12, 24].map((cells, i) => {
    const weight = 0.55 ** i;
    addValueNoise(random, field, width, height, cells, weight);
    return weight;
  });
  const total = weights.reduce((s, w) => s + w, 0);
  const tilt = random.between(-0.4, 0.4);
  // Stretch the noise's contrast: averaged octaves bunch up around the middle grey.
  const contrast = 1.8;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const t = Math.min(1, Math.max(0, (field[p] / total - 0.5) * contrast + 0.5 + tilt * (x / width - 0.5)));
      const o = p * 3;
      data[o] = dark[0] + (light[0] - dark[0]) * t;
      data[o + 1] = dark[1] + (light[1] - dark[1]) * t;
      data[o + 2] = dark[2] + (light[2] - dark[2]) * t;
    }
  }
}

function paintDiscs(random: Random, image: RgbImage): void {
  const { width, height, data } = image;
  for (let n = random.int(2, 6); n > 0; n--) {
    const cx = random.next() * width;
    const cy = random.next() * height;
    const r = random.between(0.05, 0.18) * width;
    const colour = hueToRgb(random.next(), random.between(0.4, 1), random.between(0.2, 0.8));
    const soft = 0.02 * width;
    for (let y = Math.max(0, Math.floor(cy - r - soft)); y < Math.min(height, cy + r + soft); y++) {
      for (let x = Math.max(0, Math.floor(cx - r - soft)); x < Math.min(width, cx + r + soft); x++) {
        const alpha = Math.min(1, Math.max(0, (r - Math.sqrt((x - cx) ** 2 + (y - cy) ** 2)) / soft));
        if (alpha > 0) blend(data, (y * width + x) * 3, colour, alpha * 0.9);
      }
    }
  }
}

function paintPanelsAndStripes(random: Random, image: RgbImage): void {
  const { width, height, data } = image;
  for (let n = random.int(1, 3); n > 0; n--) {
    const x0 = Math.floor(random.next() * width * 0.7);
    const y0 = Math.floor(random.next() * height * 0.7);
    const w = Math.floor(random.between(0.15, 0.4) * width);
    const h = Math.floor(random.between(0.1, 0.35) * height);
    const colour = hueToRgb(random.next(), random.between(0.2, 0.9), random.between(0.15, 0.85));
    const stripePeriod = random.chance(0.4) ? random.int(10, 24) : 0;
    for (let y = y0; y < Math.min(height, y0 + h); y++) {
      for (let x = x0; x < Math.min(width, x0 + w); x++) {
        const stripe = stripePeriod ? 0.5 + 0.5 * Math.sin(((x + y) * 2 * Math.PI) / stripePeriod) : 1;
        blend(data, (y * width + x) * 3, colour, 0.75 * stripe);
      }
    }
  }
}

/** Rows of short dark strokes, like a caption or a price tag burned into the picture. */
function paintTextStrokes(random: Random, image: RgbImage): void {
  const { width, height, data } = image;
  const rows = random.int(1, 3);
  const top = Math.floor(random.between(0.05, 0.6) * height);
  const ink: Rgb = random.chance(0.5) ? [20, 20, 24] : [245, 245, 240];
  const stroke = Math.max(4, Math.round(width / 64));
  for (let row = 0; row < rows; row++) {
    const y0 = top + row * stroke * 3;
    let x = Math.floor(random.between(0.05, 0.2) * width);
    const end = Math.floor(random.between(0.6, 0.95) * width);
    while (x < end) {
      const len = random.int(stroke * 2, stroke * 6);
      for (let y = y0; y < Math.min(height, y0 + stroke); y++) {
        for (let xx = x; xx < Math.min(width, x + len); xx++) blend(data, (y * width + xx) * 3, ink, 0.9);
      }
      x += len + random.int(stroke, stroke * 2);
    }
  }
}

/**
 * A new image. 320 = 64 x 5 pixels a side by default: PDQ's downsample is exactly symmetric at that
 * size, so rotated and mirrored copies hash to exactly the dihedral variants of the original.
 */
export function texturedImage(random: Random, width = 320, height = 320): RgbImage {
  const image: RgbImage = { width, height, data: new Uint8Array(width * height * 3) };
  paintBackground(random, image);
  paintDiscs(random, image);
  paintPanelsAndStripes(random, image);
  if (random.chance(0.6)) paintTextStrokes(random, image);
  return image;
}
