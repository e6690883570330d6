// One small complete run, checked for what Vigil needs from it: valid, ordered events; all policies,
// languages and disguises; unseen terms; textured images and honest near-duplicates; truthful reports.
import { beforeAll, describe, expect, it } from 'vitest';
import { hammingDistance, pdqHashImage, PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY } from '../materials/pdq/index.js';
import type { ContentTruth, GroundTruthRecord, ReportTruth } from './ground-truth.js';
import { knownBadImages } from './media/images.js';
import { eventProblem } from './testing/validate-events.js';
import { smallRun, SMALL_CONFIG, type SmallRun } from './testing/small-run.js';
import { DEMO_TERMS } from './vocabulary/demo-terms.js';
import { SIM_LANGUAGES, SIM_POLICIES } from './vocabulary/languages.js';
import { EVASION_KINDS } from './text/evasion.js';

let run: SmallRun;
const contentTruth = () => run.truth.filter((r): r is ContentTruth => r.kind === 'content');
const allDemoTerms = Object.values(DEMO_TERMS).flatMap((byLanguage) => Object.values(byLanguage).flat()).map((t) => t.toLowerCase());

beforeAll(async () => {
  run = await smallRun();
}, 60_000);

describe('a simulated run', () => {
  it('emits only events that Vigil’s schemas accept', () => {
    expect(run.events.length).toBeGreaterThan(5_000);
    const problems = run.events.map(eventProblem).filter(Boolean);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('gives every event a unique id and the simulated time, in order', () => {
    expect(new Set(run.events.map((e) => e.id)).size).toBe(run.events.length);
    const start = Date.parse(SMALL_CONFIG.start ?? '2025-03-03T00:00:00.000Z');
    const end = start + (SMALL_CONFIG.days ?? 1) * 86_400_000;
    let previous = start;
    for (const event of run.events) {
      const t = Date.parse(event.time);
      expect(t).toBeGreaterThanOrEqual(previous);
      previous = t;
    }
    expect(previous).toBeLessThanOrEqual(end);
    expect(previous - start).toBeGreaterThan((end - start) * 0.9);
  });

  it('emits every kind of platform event', () => {
    const types = new Set(run.events.map((e) => e.type));
    for (const type of ['account.created', 'login', 'content.created', 'comment', 'livestream.started', 'livestream.ended', 'viewer.joined', 'gift', 'view_count.tick', 'report', 'purchase', 'shop.created', 'payment_instrument.added', 'account.updated']) {
      expect(types, type).toContain(type);
    }
  });

  it('violates all ten policies, in four languages, some without a stated language', () => {
    const violating = contentTruth().filter((c) => c.violating);
    expect(new Set(violating.flatMap((c) => c.policies))).toEqual(new Set(SIM_POLICIES));
    expect(new Set(violating.map((c) => c.language))).toEqual(new Set(SIM_LANGUAGES));
    expect(violating.some((c) => !c.languageStated)).toBe(true);
    const unstated = run.events.filter((e) => e.type === 'content.created' && e.content.language === undefined);
    expect(unstated.length).toBeGreaterThan(0);
  });

  it('writes at least 30% of text violations with terms no demo package contains', () => {
    const written = contentTruth().filter((c) => c.writing);
    const unseen = written.filter((c) => c.writing!.termSource === 'unseen');
    expect(written.length).toBeGreaterThan(200);
    expect(unseen.length / written.length).toBeGreaterThanOrEqual(0.3);
    expect(run.stats.content.byTermSource.unseen).toBe(unseen.length);
  });

  it('really leaves the demo terms out of unseen-term violations', () => {
    const textById = new Map<string, string>();
    for (const e of run.events) {
      if (e.type === 'content.created' || e.type === 'comment') textById.set(e.content.id, `${e.content.title ?? ''} ${e.content.text ?? ''}`.toLowerCase());
    }
    const plainUnseen = contentTruth().filter((c) => c.writing?.termSource === 'unseen' && c.writing.evasion === 'none');
    expect(plainUnseen.length).toBeGreaterThan(20);
    for (const c of plainUnseen) {
      const text = textById.get(c.id)!;
      expect(text).toContain(c.writing!.term.toLowerCase());
      expect(allDemoTerms.filter((t) => text.includes(t))).toEqual([]);
    }
  });

  it('disguises terms in every way, and a disguised term is not found verbatim', () => {
    const byEvasion = new Map<string, ContentTruth[]>();
    for (const c of contentTruth()) if (c.writing) byEvasion.set(c.writing.evasion, [...(byEvasion.get(c.writing.evasion) ?? []), c]);
    for (const kind of EVASION_KINDS) expect(byEvasion.get(kind)?.length ?? 0, kind).toBeGreaterThan(0);
    const textById = new Map(run.events.filter((e) => e.type === 'content.created' || e.type === 'comment').map((e) => [(e as { content: { id: string } }).content.id, JSON.stringify(e)]));
    for (const kind of EVASION_KINDS) {
      for (const c of byEvasion.get(kind)!) expect(textById.get(c.id)!.toLowerCase()).not.toContain(JSON.stringify(c.writing!.term.toLowerCase()).slice(1, -1));
    }
  });

  it('generates textured images: at least 95% have PDQ quality >= 50', async () => {
    const images = [...run.media.values()].filter((m) => m.kind === 'image');
    expect(images.length).toBeGreaterThan(50);
    let good = 0;
    for (const image of images) if ((await pdqHashImage(image.bytes)).quality >= PDQ_MIN_QUALITY) good++;
    expect(good / images.length).toBeGreaterThanOrEqual(0.95);
  });

  it('re-uploads known-bad images as near-duplicates whose recorded distance is true', async () => {
    const originals = new Map((await knownBadImages()).map((k) => [k.id, k]));
    const dupes = contentTruth().filter((c) => c.image?.nearDuplicateOf);
    expect(dupes.length).toBeGreaterThan(5);
    for (const c of dupes) {
      const bytes = run.media.get(c.image!.sha256)!.bytes;
      const original = await pdqHashImage(originals.get(c.image!.nearDuplicateOf!)!.bytes);
      const distance = hammingDistance((await pdqHashImage(bytes)).hash, original.hash);
      expect(distance).toBe(c.image!.distance);
      if (c.image!.transform === 'recompress' || c.image!.transform === 'resize') expect(distance).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
      if (c.image!.transform === 'flip') expect(distance).toBeGreaterThan(PDQ_MATCH_DISTANCE);
    }
  });

  it('sends media bytes for every image an event refers to', () => {
    for (const e of run.events) {
      if (e.type !== 'content.created') continue;
      for (const m of e.content.media ?? []) {
        if (m.kind === 'image') expect(run.media.has(m.sha256)).toBe(true);
        else expect(m.url).toMatch(/^https:\/\//);
      }
    }
  });

  it('makes ads with landing pages and listings with prices', () => {
    const created = run.events.filter((e) => e.type === 'content.created');
    const ads = created.filter((e) => e.content.kind === 'ad_creative');
    const listings = created.filter((e) => e.content.kind === 'product_listing');
    expect(ads.length).toBeGreaterThan(0);
    expect(listings.length).toBeGreaterThan(0);
    for (const ad of ads) expect(ad.content.landing_url).toMatch(/^https:\/\//);
    for (const l of listings) expect(l.content.price_cents).toBeGreaterThan(0);
  });

  it('records which reports are false, for reports that exist', () => {
    const reports = run.truth.filter((r): r is ReportTruth => r.kind === 'report');
    const reportIds = new Set(run.events.filter((e) => e.type === 'report').map((e) => e.id));
    expect(reports.length).toBe(reportIds.size);
    for (const r of reports) expect(reportIds.has(r.eventId)).toBe(true);
    expect(reports.some((r) => r.false)).toBe(true);
    expect(reports.some((r) => !r.false)).toBe(true);
    const violatingIds = new Set(contentTruth().filter((c) => c.violating).map((c) => c.id));
    for (const r of reports.filter((x) => !x.false)) expect(violatingIds.has(r.target.id)).toBe(true);
  });

  it('puts ring members on shared devices, and gift-fraud rings in their host’s streams', () => {
    const rings = run.truth.filter((r): r is Extract<GroundTruthRecord, { kind: 'ring' }> => r.kind === 'ring');
    expect(rings.length).toBeGreaterThan(0);
    const devicesByAccount = new Map<string, Set<string>>();
    for (const e of run.events) {
      if (e.type === 'login' || e.type === 'account.created') {
        const set = devicesByAccount.get(e.account.id) ?? new Set();
        if (e.device) set.add(e.device.id);
        devicesByAccount.set(e.account.id, set);
      }
    }
    const ring = rings.find((r) => r.members.filter((m) => devicesByAccount.has(m)).length >= 3)!;
    const seen = ring.members.flatMap((m) => [...(devicesByAccount.get(m) ?? [])]);
    expect(new Set(seen).size).toBeLessThan(seen.length);
    expect(run.stats.livestreams.giftFraud).toBeGreaterThan(0);
  });
});
