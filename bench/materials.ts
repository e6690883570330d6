// `npm run bench -- materials`: the text matcher with every normalisation step on and spans mapped back,
// over ~1 KB documents in English, Arabic, Chinese and emoji, next to @monyone/aho-corasick (fast mode)
// and one RegExp alternation on the same raw documents in the same run. Also the 100k-term build time
// and memory. MB are UTF-8 bytes of the raw input.
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { compileText, type TextMaterialSpec } from '../src/materials/matcher/compile.js';
import { TextMatcher } from '../src/materials/matcher/text-matcher.js';
import { foldCodePoint, ALL_STEPS } from '../src/materials/normalize/steps.js';
import { execFileSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startVigil } from '../src/server/index.js';
import { createPackage, importMaterials } from '../src/materials/index.js';
import { finish, round, say, type BenchContext } from './harness.js';

type Script = 'en' | 'ar' | 'zh' | 'emoji';

function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return { next, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)], int: (k: number) => Math.floor(next() * k) };
}

/** Characters the normaliser leaves as they are, so a plain copy of a term reads the same to Vigil and to the peers. */
function stable(chars: string[]): string[] {
  return chars.filter((c) => {
    const f = foldCodePoint(c.codePointAt(0)!, ALL_STEPS);
    return f.units.length === 1 && f.units[0] === c.codePointAt(0);
  });
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
// Terms and filler text draw on disjoint letters, so a term never appears inside filler by accident.
const ALPHABET = {
  en: { term: [...'bdgkmqvwxz'], filler: [...'aceinorstuhl'] },
  ar: { term: stable([...'بتثجحخدذرز']), filler: stable([...'سشصضطظعغفقكلمنهوي']) },
  zh: { term: stable(range(0x4e00, 0x4fff)), filler: stable(range(0x5000, 0x51ff)) },
  emoji: { term: range(0x1f600, 0x1f64f), filler: range(0x1f680, 0x1f6c5) },
};

export function makeTerms(n: number, seed: number): { value: string; script: Script }[] {
  const r = rng(seed);
  const seen = new Set<string>();
  const terms: { value: string; script: Script }[] = [];
  const shapes: [Script, number, number][] = [['en', 0.55, 6], ['ar', 0.2, 5], ['zh', 0.2, 3], ['emoji', 0.05, 2]];
  while (terms.length < n) {
    const x = r.next();
    let acc = 0;
    const [script, , len] = shapes.find(([, share]) => (acc += share) > x) ?? shapes[0];
    const letters = ALPHABET[script].term;
    // A fixed length per script and a vowel from the filler set in Latin terms keep terms from containing each other.
    const value = Array.from({ length: len }, (_, i) => (script === 'en' && i % 2 === 1 ? 'aeiou'[r.int(5)] : r.pick(letters))).join('');
    // No letter twice in a row: the normaliser squeezes repeats, so "ذذب" and "ذب" are one term to Vigil.
    const repeats = [...value].some((c, i, all) => i > 0 && all[i - 1] === c);
    if (!repeats && !seen.has(value)) (seen.add(value), terms.push({ value, script }));
  }
  return terms;
}

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const LEET: Record<string, string> = { a: '4', e: '3', o: '0', i: '1', s: '$' };
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', x: 'х' };
/** Simplified → traditional, from the same OpenCC table the normaliser folds with. */
const TRADITIONAL: Record<string, string> = Object.fromEntries(TS_CHARACTERS.split('|').map((pair) => pair.split(' ').reverse().slice(0, 2) as [string, string]));

/** An evaded copy of a term: the kinds of evasion the normaliser undoes, one or two at a time. */
function evade(term: { value: string; script: Script }, r: ReturnType<typeof rng>): string {
  const chars = [...term.value];
  const kind = r.int(6);
  if (term.script === 'en') {
    if (kind === 0) return chars.map((c) => LEET[c] ?? c).join('');
    if (kind === 1) return chars.join(r.pick(['.', ' ', '-']));
    if (kind === 2) return chars.map((c) => (c === 'a' || c === 'e' ? c + c + c : c.toUpperCase())).join('');
    if (kind === 3) return chars.map((c) => CYRILLIC[c] ?? c).join('');
    if (kind === 4) return chars.map((c) => (c === 'e' ? 'é' : c === 'a' ? 'á' : c)).join('');
  }
  if (term.script === 'ar') {
    if (kind === 0) return 'وال' + term.value;
    if (kind === 1) return chars.join('\u064e');
    if (kind === 2) return chars.join('\u0640');
  }
  if (term.script === 'zh' && kind < 3 && chars.some((c) => TRADITIONAL[c])) return chars.map((c) => TRADITIONAL[c] ?? c).join('');
  return chars.join(r.pick(ZERO_WIDTH));
}

export function makeDocuments(terms: { value: string; script: Script }[], targetBytes: number, seed: number, evaded: boolean): string[] {
  const r = rng(seed);
  const fillerWord = (script: Script) => Array.from({ length: script === 'zh' ? 2 : 3 + r.int(5) }, () => r.pick(ALPHABET[script].filler)).join('');
  const docs: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const script: Script = r.pick(['en', 'en', 'ar', 'zh']);
    const words: string[] = [];
    let size = 0;
    while (size < 1000) {
      const roll = r.next();
      let w: string;
      if (roll < 0.01) {
        const term = r.pick(terms);
        w = evaded ? evade(term, r) : term.value;
      } else w = roll < 0.02 ? r.pick(ALPHABET.emoji.filler) : fillerWord(script);
      words.push(w);
      size += Buffer.byteLength(w) + 1;
    }
    const doc = words.join(script === 'zh' ? '，' : ' ');
    docs.push(doc);
    bytes += Buffer.byteLength(doc);
  }
  return docs;
}

const spec = (value: string): TextMaterialSpec => ({ kind: 'term', value, matchMode: 'word', exceptions: [], optOut: [] });
const mb = (docs: string[]) => docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6;
const seconds = (fn: () => void) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
};

export async function main({ quick }: BenchContext): Promise<void> {
  // First, on a fresh heap: a running Vigil swapping in 100k terms (a later phase's garbage would pause it too).
  const swap = await measureSwap(100_000);
  const termCount = 20_000;
  const corpusMb = quick ? 5 : 50;
  const terms = makeTerms(termCount, 7);
  say(`materials: ${termCount} terms (${['en', 'ar', 'zh', 'emoji'].map((s) => `${terms.filter((t) => t.script === s).length} ${s}`).join(', ')}), ${corpusMb} MB of ~1 KB documents`);
  const plain = makeDocuments(terms, (corpusMb * 1e6) / 2, 11, false);
  const evaded = makeDocuments(terms, (corpusMb * 1e6) / 2, 13, true);
  const all = [...plain, ...evaded];
  const totalMb = mb(all);

  const specs = terms.map((t) => spec(t.value));
  const matcher = new TextMatcher(compileText(specs), specs);
  const peer = new AhoCorasick(terms.map((t) => t.value));
  // Warm both up on a slice, then time the whole corpus.
  for (const d of all.slice(0, 200)) (matcher.match(d), peer.matchInText(d));

  let vigilPlainHits = 0;
  let vigilHits = 0;
  const vigilSeconds = seconds(() => {
    for (let i = 0; i < all.length; i++) {
      const n = matcher.match(all[i], { arabic: false }).length;
      vigilHits += n;
      if (i < plain.length) vigilPlainHits += n;
    }
  });
  let peerPlainHits = 0;
  const peerSeconds = seconds(() => {
    for (let i = 0; i < all.length; i++) {
      const n = peer.matchInText(all[i]).length;
      if (i < plain.length) peerPlainHits += n;
    }
  });
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternation = new RegExp(terms.map((t) => escape(t.value)).join('|'), 'gu');
  const slice = all.slice(0, quick ? 5 : 100);
  let regexHits = 0;
  const regexSeconds = seconds(() => {
    for (const d of slice) regexHits += d.match(alternation)?.length ?? 0;
  });
  const regexMbPerS = mb(slice) / regexSeconds;

  const vigilMbPerS = totalMb / vigilSeconds;
  const peerMbPerS = totalMb / peerSeconds;
  say(`vigil (all steps, spans):    ${round(vigilMbPerS)} MB/s  ${vigilHits} hits (${vigilPlainHits} on the un-evaded half, ${vigilHits - vigilPlainHits} on the evaded half)`);
  say(`@monyone/aho-corasick fast:  ${round(peerMbPerS)} MB/s  ${peerPlainHits} hits on the un-evaded half`);
  say(`RegExp alternation (100 docs, extrapolated): ${round(regexMbPerS, 4)} MB/s  ${regexHits} hits in the slice`);
  if (process.env.DEBUG_HITS) for (const d of plain) { const a = matcher.match(d); const b = peer.matchInText(d); if (a.length !== b.length) { console.log(JSON.stringify(d.slice(0, 300))); console.log(a.map(h => specs[h.spec].value + '@' + h.start), b.map(h => h.keyword + '@' + h.begin)); break; } }
  if (vigilPlainHits !== peerPlainHits) throw new Error(`hit counts disagree on the un-evaded half: vigil ${vigilPlainHits}, aho-corasick ${peerPlainHits}`);

  // The 100k-term build in a fresh process of its own, so its memory is the build's, not this run's.
  const build = buildInFreshProcess(100_000);
  say(`build 100k terms in a fresh process: ${build.ms} ms, peak rss ${build.rss_mb} MB, ${build.states} states`);
  say(`swap in a running Vigil (PGlite): ${swap.terms} terms loaded, built in a worker and swapped in ${round(swap.seconds, 2)} s; longest event-loop stall ${round(swap.maxStallMs, 1)} ms`);
  finish({
    ratio: round(vigilMbPerS / peerMbPerS),
    mb_per_s: round(vigilMbPerS),
    peer_mb_per_s: round(peerMbPerS),
    regexp_mb_per_s: round(regexMbPerS, 4),
    hits_plain: vigilPlainHits,
    hits_evaded: vigilHits - vigilPlainHits,
    build_ms_100k: build.ms,
    rss_mb: build.rss_mb,
    corpus_mb: round(totalMb, 1),
    swap_terms: swap.terms,
    swap_s: round(swap.seconds, 2),
    swap_max_stall_ms: round(swap.maxStallMs, 1),
  });
}

function buildInFreshProcess(n: number): { ms: number; rss_mb: number; states: number } {
  const here = new URL('.', import.meta.url);
  const code = `
    const { makeTerms } = await import(${JSON.stringify(new URL('./materials.js', here).href)});
    const { compileText } = await import(${JSON.stringify(new URL('../src/materials/matcher/compile.js', here).href)});
    const specs = makeTerms(${n}, 23).map((t) => ({ kind: 'term', value: t.value, matchMode: 'word', exceptions: [], optOut: [] }));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const compiled = compileText(specs);
    const ms = Math.round(performance.now() - started);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(JSON.stringify({ ms, rss_mb: Math.round(peak / 1e6), states: compiled.automaton.stateCount }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Imports `n` terms into a running Vigil, then times the rebuild and swap while watching the event loop. */
async function measureSwap(n: number): Promise<{ terms: number; seconds: number; maxStallMs: number }> {
  const vigil = await startVigil({ port: 0, consoleDir: false, startConsumers: false });
  try {
    const { db, clock } = vigil.services;
    await createPackage(db, { id: 'bench', name: 'bench', description: '', owner: 'bench', scope: { surfaces: [], markets: [], languages: [] } }, 'bench', clock());
    const rows = makeTerms(n, 29).map((t) => ({ kind: 'term', value: t.value, policy_id: 'spam', match_mode: 'word', status: 'active' }));
    await importMaterials(db, 'bench', JSON.stringify(rows), { format: 'json', mode: 'merge' }, 'bench', clock());
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = process.hrtime.bigint();
    const set = await vigil.services.materials.refresh();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    histogram.disable();
    if (set.size !== n) throw new Error(`the swapped set holds ${set.size} materials, expected ${n}`);
    return { terms: n, seconds, maxStallMs: histogram.max / 1e6 };
  } finally {
    await vigil.close();
  }
}
