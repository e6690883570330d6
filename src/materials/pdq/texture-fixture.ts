// Test-only textured images shaped like photos: fractal value noise (energy falling with frequency,
// as in natural images) plus soft-edged discs, so PDQ has real structure to hash. Kept here rather
// than borrowed from the simulator so the hash is tested on its own.
import sharp from 'sharp';

/** Mulberry32: a small seeded generator, so fixtures, tests and benchmarks are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function valueNoise(rand: () => number, cells: number): (u: number, v: number) => number {
  const lattice = Array.from({ length: (cells + 1) * (cells + 1) }, () => rand());
  const smooth = (t: number) => t * t * (3 - 2 * t);
  return (u, v) => {
    const gx = u * cells;
    const gy = v * cells;
    const ix = Math.min(cells - 1, Math.floor(gx));
    const iy = Math.min(cells - 1, Math.floor(gy));
    const fx = smooth(gx - ix);
    const fy = smooth(gy - iy);
    const at = (cx: number, cy: number) => lattice[cy * (cells + 1) + cx];
    const top = at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx;
    const bottom = at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  };
}

export function texturedPixels(seed: number, width = 256, height = 256): { width: number; height: number; data: Uint8Array } {
  const rand = prng(seed);
  const octaves = [4, 8, 16, 32].map((cells, i) => ({ noise: valueNoise(rand, cells), weight: 0.5 ** i }));
  const totalWeight = octaves.reduce((s, o) => s + o.weight, 0);
  const discs = Array.from({ length: 6 }, () => ({ x: rand(), y: rand(), r: 0.06 + rand() * 0.14, v: rand() }));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      let value = octaves.reduce((s, o) => s + o.weight * o.noise(u, v), 0) / totalWeight;
      for (const d of discs) {
        const edge = Math.min(1, Math.max(0, (d.r - Math.hypot(u - d.x, v - d.y)) / 0.02));
        value = value * (1 - edge) + d.v * edge;
      }
      const o = (y * width + x) * 3;
      data[o] = value * 255;
      data[o + 1] = value * 200 + 30;
      data[o + 2] = 255 - value * 255;
    }
  }
  return { width, height, data };
}

export async function texturedJpeg(seed: number, quality = 90): Promise<Buffer> {
  const { width, height, data } = texturedPixels(seed, 320, 320);
  return sharp(Buffer.from(data), { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}
