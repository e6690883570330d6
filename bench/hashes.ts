// `npm run bench -- hashes`: PDQ images/s on one core including the JPEG decode, and a hash bank of 1M
// clustered near-duplicates (100k with --quick) queried at distance 31 through its multi-index and by a
// linear scan over the same typed arrays, in the same run, with identical answers required.
import sharp from 'sharp';
import { decodeForPdq, pdqHash, PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY } from '../src/materials/pdq/index.js';
import { fromWords, HashBank, WORDS, type BankMatch } from '../src/materials/banks/index.js';
import { finish, round, say, timed, type BenchContext } from './harness.js';
import { prng } from '../src/materials/pdq/texture-fixture.js';

/** A 640x480 photo-like JPEG: a coarse random colour field smoothly interpolated, plus grain. */
async function photoLike(seed: number): Promise<Buffer> {
  const rand = prng(seed);
  const W = 640, H = 480, G = 9;
  const grid = Float64Array.from({ length: G * G * 3 }, () => rand() * 255);
  const data = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    const gy = (y / H) * (G - 1), iy = Math.floor(gy), fy = gy - iy;
    for (let x = 0; x < W; x++) {
      const gx = (x / W) * (G - 1), ix = Math.floor(gx), fx = gx - ix;
      for (let c = 0; c < 3; c++) {
        const at = (cx: number, cy: number) => grid[(cy * G + cx) * 3 + c];
        const v = (at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx) * (1 - fy) + (at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx) * fy;
        data[(y * W + x) * 3 + c] = v + (rand() - 0.5) * 40;
      }
    }
  }
  return sharp(data, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

async function imagesPerSecond(count: number): Promise<{ imagesPerS: number; lowQuality: number; distinct: number }> {
  const jpegs: Buffer[] = [];
  for (let i = 0; i < count; i++) jpegs.push(await photoLike(1000 + i));
  sharp.concurrency(1); // one core: libvips would otherwise decode on every core
  const hashes = new Set<string>();
  let lowQuality = 0;
  const { seconds } = await timed(async () => {
    for (const jpeg of jpegs) {
      const { hash, quality } = pdqHash(await decodeForPdq(jpeg));
      hashes.add(hash);
      if (quality < PDQ_MIN_QUALITY) lowQuality++;
    }
  });
  sharp.concurrency(0);
  return { imagesPerS: count / seconds, lowQuality, distinct: hashes.size };
}

/** Clusters as real banks hold them: random originals, each with edited copies 0..20 bits away. */
function clusteredWords(n: number, rand: () => number): Uint32Array {
  const words = new Uint32Array(n * WORDS);
  let slot = 0;
  while (slot < n) {
    const centre = Uint32Array.from({ length: WORDS }, () => (rand() * 2 ** 32) >>> 0);
    const copies = 1 + Math.floor(rand() * 19);
    for (let c = 0; c < copies && slot < n; c++, slot++) {
      words.set(centre, slot * WORDS);
      const flips = Math.floor(rand() * 21);
      for (let f = 0; f < flips; f++) {
        const bit = Math.floor(rand() * 256);
        words[slot * WORDS + (bit >>> 5)] ^= 1 << (bit & 31);
      }
    }
  }
  return words;
}

/** Half edited copies (0..25 bits) of banked hashes, half unrelated hashes. */
function queryHashes(words: Uint32Array, n: number, count: number, rand: () => number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const q = new Uint32Array(WORDS);
    if (i % 2) for (let w = 0; w < WORDS; w++) q[w] = (rand() * 2 ** 32) >>> 0;
    else {
      const at = Math.floor(rand() * n) * WORDS;
      q.set(words.subarray(at, at + WORDS));
      const flips = Math.floor(rand() * 26);
      for (let f = 0; f < flips; f++) {
        const bit = Math.floor(rand() * 256);
        q[bit >>> 5] ^= 1 << (bit & 31);
      }
    }
    return fromWords(q);
  });
}

const same = (a: BankMatch[], b: BankMatch[]) => a.length === b.length && a.every((m, i) => m.id === b[i].id && m.distance === b[i].distance);

export async function main({ quick }: BenchContext): Promise<void> {
  const imageCount = quick ? 60 : 200;
  say(`PDQ: ${imageCount} distinct 640x480 JPEGs, decoded with sharp and hashed, one at a time on one core`);
  const images = await imagesPerSecond(imageCount);
  say(`  ${round(images.imagesPerS, 1)} images/s (goal >= 50); ${images.distinct} distinct hashes, ${images.lowQuality} under quality ${PDQ_MIN_QUALITY}`);

  const bankSize = quick ? 100_000 : 1_000_000;
  const queryCount = quick ? 1000 : 2000;
  const rand = prng(42);
  const words = clusteredWords(bankSize, rand);
  const heapBefore = process.memoryUsage();
  const bank = new HashBank();
  const { seconds: buildS } = await timed(async () => {
    for (let i = 0; i < bankSize; i++) bank.addWords(i, words, i * WORDS);
    bank.reindex();
  });
  const heapAfter = process.memoryUsage();
  const bankMb = (heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers) / 2 ** 20;
  say(`bank: ${bankSize} hashes in clusters of 1..19 copies within 20 bits; added and indexed in ${round(buildS)} s, ~${round(bankMb, 0)} MB`);

  const queries = queryHashes(words, bankSize, queryCount, rand);
  // Both paths warmed up first (on other queries), so neither is timed while the JIT is still compiling it.
  for (const q of queryHashes(words, bankSize, 100, rand)) {
    bank.query(q, PDQ_MATCH_DISTANCE);
    bank.linearScan(q, PDQ_MATCH_DISTANCE);
  }
  const viaBank = await timed(async () => queries.map((q) => bank.query(q, PDQ_MATCH_DISTANCE)));
  const viaScan = await timed(async () => queries.map((q) => bank.linearScan(q, PDQ_MATCH_DISTANCE)));
  const mismatched = queries.filter((_, i) => !same(viaBank.value[i], viaScan.value[i])).length;
  if (mismatched) throw new Error(`bank and linear scan disagree on ${mismatched} of ${queryCount} queries`);
  const found = viaBank.value.reduce((s, m) => s + m.length, 0);
  const queriesPerS = queryCount / viaBank.seconds;
  const ratio = viaScan.seconds / viaBank.seconds;
  say(`  ${queryCount} queries at distance ${PDQ_MATCH_DISTANCE} (half edited copies, half unrelated): ${found} matches, identical from bank and scan`);
  say(`  bank ${round(queriesPerS, 0)} queries/s (goal >= 1000); linear scan ${round(queryCount / viaScan.seconds, 1)} queries/s; ratio ${round(ratio, 1)}x (goal >= 50x)`);

  finish({
    ratio: round(ratio, 1),
    queries_per_s: round(queriesPerS, 0),
    images_per_s: round(images.imagesPerS, 1),
    bank_size: bankSize,
    bank_build_s: round(buildS),
    bank_mb: round(bankMb, 0),
    queries: queryCount,
    matches: found,
    scan_queries_per_s: round(queryCount / viaScan.seconds, 1),
    quick,
  });
}
