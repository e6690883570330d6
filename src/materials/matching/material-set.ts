// Every matchable material compiled together: the text automaton, patterns, URL and domain matchers, file
// hashes and the PDQ image bank. One immutable set answers "what does this item hit"; a new set replaces
// it whole when a package changes.
import type { Material, MaterialHit, PackageScope, Surface } from '../../domain/index.js';
import { HashBank } from '../banks/index.js';
import { TextMatcher } from '../matcher/text-matcher.js';
import type { MatchablePackage } from '../packages/index.js';
import { compilePatterns, type PatternSet } from '../patterns/index.js';
import { PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, type DihedralVariant } from '../pdq/index.js';
import { compileUrlMaterials, extractUrls, type UrlMatcher } from '../urls/index.js';
import { VideoBank, type FrameHash } from '../video/index.js';
import type { CheckedItem } from './items.js';
import { textIndexOf, textMaterialAt, type PreparedSet, type TextColumns } from './prepare.js';

/** What the set knows about stored media: its file hashes and, for images, its PDQ hash. */
export interface MediaFacts {
  sha256: string;
  md5?: string | null;
  pdq?: string | null;
  pdq_quality?: number | null;
  /** The 8 rotations and mirrorings, when known, so a flipped copy of a banked image still matches. */
  pdq_dihedral?: Partial<Record<DihedralVariant, string>> | null;
  /** A video's frame hashes (frames under quality 50 already left out). */
  frame_pdq?: readonly string[] | null;
}

/** Frame hashes as the video bank takes them; stored frames passed the quality bar when they were hashed. */
const framesOf = (hashes: readonly string[]): FrameHash[] => hashes.map((hash, frame) => ({ frame, timestamp: frame, hash, quality: 100 }));

export interface ItemContext {
  surface?: Surface;
  market?: string;
  language?: string;
}

const inScope = (scope: PackageScope, ctx: ItemContext) =>
  (!scope.surfaces.length || !ctx.surface || scope.surfaces.includes(ctx.surface)) &&
  (!scope.markets.length || !ctx.market || scope.markets.includes(ctx.market)) &&
  (!scope.languages.length || !ctx.language || scope.languages.includes(ctx.language.slice(0, 2)));

/** What a hit needs to know of its material. */
type HitSource = Pick<Material, 'id' | 'package_id' | 'kind' | 'policy_id' | 'severity' | 'status'>;

export class MaterialSet {
  readonly packages: ReadonlyMap<string, MatchablePackage>;
  private readonly packageList: readonly MatchablePackage[];
  /** Materials other than text ones (patterns, URLs, hashes), by id. */
  private readonly byId: ReadonlyMap<number, Material>;
  private readonly text: TextMatcher;
  private readonly textColumns: TextColumns;
  private readonly patterns: PatternSet;
  private readonly urls: UrlMatcher;
  private readonly fileHashes = new Map<string, Material[]>();
  private readonly imageBank = new HashBank();
  private readonly imageRadius: number;
  private readonly videoBank = new VideoBank();
  /** Banked video ids by their "maxDistance/minFrameShare". */
  private readonly videoThresholds = new Map<string, Set<number>>();
  /** Materials that could not be compiled (a stored pattern the engine now refuses), with the reason. */
  readonly rejected: { material_id: number; message: string }[];

  constructor(prepared: PreparedSet) {
    const { packages, others } = prepared;
    this.packageList = packages;
    this.packages = new Map(packages.map((p) => [p.id, p]));
    this.byId = new Map(others.map((m) => [m.id, m]));
    this.textColumns = prepared.text;
    this.text = new TextMatcher(prepared.compiled, new Map(prepared.text.complex));
    this.patterns = compilePatterns(others.filter((m) => m.kind === 'pattern').map((m) => ({ id: m.id, source: m.value })));
    this.urls = compileUrlMaterials(others.flatMap((m) => (m.kind === 'url' || m.kind === 'domain' ? [{ id: m.id, kind: m.kind, value: m.value }] : [])));
    let radius = 0;
    for (const m of others) {
      if (m.kind === 'file_hash') (this.fileHashes.get(m.value) ?? this.fileHashes.set(m.value, []).get(m.value)!).push(m);
      if (m.kind === 'image_hash') {
        this.imageBank.add(m.id, m.value);
        radius = Math.max(radius, m.max_distance ?? PDQ_MATCH_DISTANCE);
      }
      if (m.kind === 'video_hash') {
        this.videoBank.add(m.id, framesOf(m.value.split(',')));
        const key = `${m.max_distance ?? PDQ_MATCH_DISTANCE}/${m.min_frame_share ?? 0.5}`;
        (this.videoThresholds.get(key) ?? this.videoThresholds.set(key, new Set()).get(key)!).add(m.id);
      }
    }
    this.imageRadius = radius;
    // Built now, while the set is being made, not by the first query after the swap.
    this.imageBank.reindex();
    this.rejected = [...prepared.rejected, ...[...this.patterns.rejected, ...this.urls.rejected].map((r) => ({ material_id: r.id, message: r.message }))];
  }

  get size(): number {
    return this.byId.size + this.textColumns.ids.length;
  }

  /** A material of the set with the fields hits and the console show (text materials keep no more). */
  material(id: number): (HitSource & { value: string }) | undefined {
    const other = this.byId.get(id);
    if (other) return other;
    const i = textIndexOf(this.textColumns, id);
    return i >= 0 ? textMaterialAt(this.textColumns, i, this.packageList) : undefined;
  }

  private hit(m: HitSource, ctx: ItemContext, found: Omit<MaterialHit, 'material_id' | 'package_id' | 'package_version' | 'kind' | 'policy_id' | 'severity' | 'test'>): MaterialHit | undefined {
    const pkg = this.packages.get(m.package_id);
    if (!pkg || !inScope(pkg.scope, ctx)) return undefined;
    return { material_id: m.id, package_id: m.package_id, package_version: pkg.version, kind: m.kind, policy_id: m.policy_id, severity: m.severity, test: m.status === 'testing', ...found };
  }

  /** Hits of term, phrase, proximity, pattern, URL and domain materials on one text. */
  checkText(text: string, field: string, ctx: ItemContext): MaterialHit[] {
    const hits: MaterialHit[] = [];
    const push = (m: HitSource | undefined, start: number, end: number, matched: string) => {
      const h = m && this.hit(m, ctx, { field, start, end, matched });
      if (h) hits.push(h);
    };
    const arabic = ctx.language?.startsWith('ar') === true;
    const chars = () => (charsCache ??= Array.from(text));
    let charsCache: string[] | undefined;
    const excerpt = (start: number, end: number) => chars().slice(start, end).join('');
    for (const h of this.text.match(text, { arabic })) push(textMaterialAt(this.textColumns, h.spec, this.packageList), h.start, h.end, excerpt(h.start, h.end));
    for (const h of this.patterns.find(text)) push(this.byId.get(h.id), h.start, h.end, excerpt(h.start, h.end));
    const links = extractUrls(text);
    if (links.length) for (const h of this.urls.match(links)) push(this.byId.get(h.id), h.start, h.end, excerpt(h.start, h.end));
    return hits;
  }

  /** Hits of URL and domain materials on a URL given on its own (an ad's landing page). */
  checkUrl(url: string, field: string, ctx: ItemContext): MaterialHit[] {
    return this.urls.match(extractUrls(url)).flatMap((h) => {
      const m = this.byId.get(h.id);
      const hit = m && this.hit(m, ctx, { field, matched: url });
      return hit ? [hit] : [];
    });
  }

  /** Hits of file-hash and image-hash materials on stored media. */
  checkMedia(media: MediaFacts, field: string, ctx: ItemContext): MaterialHit[] {
    const hits: MaterialHit[] = [];
    for (const digest of [media.sha256, media.md5]) {
      for (const m of (digest && this.fileHashes.get(digest)) || []) {
        const h = this.hit(m, ctx, { field, matched: digest! });
        if (h) hits.push(h);
      }
    }
    if (media.pdq && (media.pdq_quality ?? 0) >= PDQ_MIN_QUALITY && this.imageRadius > 0) {
      const matches = media.pdq_dihedral ? this.imageBank.queryDihedral(media.pdq_dihedral, this.imageRadius) : this.imageBank.query(media.pdq, this.imageRadius);
      for (const { id, distance } of matches) {
        const m = this.byId.get(id);
        if (!m || distance > (m.max_distance ?? PDQ_MATCH_DISTANCE)) continue;
        const h = this.hit(m, ctx, { field, matched: m.value, distance });
        if (h) hits.push(h);
      }
    }
    if (media.frame_pdq?.length && this.videoBank.size > 0) {
      // One comparison per distinct (distance, share) among the banked videos; usually just the default.
      const frames = framesOf(media.frame_pdq);
      for (const [key, ids] of this.videoThresholds) {
        const [maxDistance, minFrameShare] = key.split('/').map(Number);
        for (const c of this.videoBank.query(frames, { maxDistance, minFrameShare })) {
          const m = ids.has(c.videoId) ? this.byId.get(c.videoId) : undefined;
          const h = m && this.hit(m, ctx, { field, matched: `${Math.round(c.queryShare * 100)}% of frames match` });
          if (h) hits.push(h);
        }
      }
    }
    return hits;
  }

  /** Everything an item hits; media facts come from the media store (missing media is skipped). */
  checkItem(item: CheckedItem, mediaFacts: ReadonlyMap<string, MediaFacts>): MaterialHit[] {
    const ctx: ItemContext = { surface: item.surface, market: item.market, language: item.language };
    return [
      ...item.texts.flatMap((t) => this.checkText(t.text, t.field, ctx)),
      ...item.urls.flatMap((u) => this.checkUrl(u.url, u.field, ctx)),
      ...item.media.flatMap((m) => {
        const facts = mediaFacts.get(m.sha256);
        return facts ? this.checkMedia(facts, `media:${m.sha256}`, ctx) : [];
      }),
    ];
  }
}
