// Posting: a video, photo, audio clip, text post, ad or product listing, benign or violating as its
// author is, with text in the author's language (stated or left for Vigil to detect), real image
// bytes or media references, and its views ticking up afterwards.
import type { Static } from '@sinclair/typebox';
import type { ContentKind, ContentSchema, MediaRefSchema } from '../../domain/index.js';
import type { SimContext } from '../context.js';
import { accountRef, shopRef, stamp } from '../events.js';
import type { ContentTruth, ImageTruth } from '../ground-truth.js';
import { freshPhoto, nearDuplicate, NEAR_DUPLICATE_TRANSFORMS } from '../media/images.js';
import { KNOWN_BAD_VIDEOS, mediaReference } from '../media/references.js';
import { hammingDistance, pdqHashImage } from '../../materials/pdq/index.js';
import { composeViolation, type ComposedViolation } from '../text/compose.js';
import { HOUR } from '../time.js';
import { adCopy, BAIT, benignPost, productTitle } from '../vocabulary/benign.js';
import { currencyOf, type SimPolicy } from '../vocabulary/languages.js';
import { SUSPICIOUS_URLS } from '../vocabulary/templates.js';
import { BAD_ACTORS, ORDINARY_SLIP_POLICIES, ORDINARY_SLIP_RATE } from '../world/actors.js';
import type { SimAccount, SimContent } from '../world/model.js';
import { newReach } from '../world/reach.js';
import { scheduleViewTicks } from './views.js';

export type PostKind = Exclude<ContentKind, 'comment'>;
type ContentJson = Static<typeof ContentSchema>;
type MediaRef = Static<typeof MediaRefSchema>;

const MODALITY: Readonly<Record<PostKind, ContentJson['modality']>> = {
  video: 'video',
  photo: 'image',
  audio: 'audio',
  text_post: 'text',
  ad_creative: 'mixed',
  product_listing: 'mixed',
};
/** Chance that a violating photo or listing re-uploads a known-bad image of its policy. */
const KNOWN_BAD_IMAGE_SHARE = 0.3;
/** Of those, the share whose text is innocent: the image alone violates. */
const MEDIA_ONLY_SHARE = 0.5;
const KNOWN_BAD_VIDEO_SHARE = 0.25;
const BAIT_SHARE = 0.01;

/** Whether this author's next item violates, and which policy. */
export function violationFor(ctx: SimContext, author: SimAccount): SimPolicy | undefined {
  if (author.actor === 'ordinary') return ctx.random.chance(ORDINARY_SLIP_RATE) ? ctx.random.weighted(ORDINARY_SLIP_POLICIES) : undefined;
  const profile = BAD_ACTORS[author.actor];
  return ctx.random.chance(profile.violationRate) ? profile.policy : undefined;
}

interface Body {
  text: string;
  composed?: ComposedViolation;
  baitTerm?: string;
}

function benignBody(ctx: SimContext, author: SimAccount, kind: PostKind): Body {
  const random = ctx.textRandom;
  if (kind === 'product_listing') return { text: productTitle(random, author.language) };
  if (kind === 'ad_creative') return { text: adCopy(random, author.language) };
  if (random.chance(BAIT_SHARE)) {
    const bait = random.pick(BAIT[author.language]);
    return { text: bait.text, baitTerm: bait.term };
  }
  return { text: benignPost(random, author.language) };
}

async function photoFor(ctx: SimContext, policy: SimPolicy | undefined, mediaOnlyAllowed: boolean): Promise<{ ref: MediaRef; truth: ImageTruth; mediaOnly: boolean } | undefined> {
  if (!ctx.config.images) return undefined;
  const knownBad = policy ? ctx.knownBadImages.filter((k) => k.policy === policy) : [];
  if (knownBad.length && ctx.random.chance(KNOWN_BAD_IMAGE_SHARE)) {
    const original = ctx.random.pick(knownBad);
    const transform = ctx.random.pick(NEAR_DUPLICATE_TRANSFORMS);
    const image = await nearDuplicate(ctx.mediaRandom, original, transform);
    const pdq = await pdqHashImage(image.bytes);
    await ctx.storeMedia(image.bytes, 'image', image.mime, image.sha256);
    ctx.stats.s.media.images++;
    ctx.stats.s.media.imageBytes += image.bytes.length;
    ctx.stats.s.media.knownBadImageReuploads++;
    return {
      ref: { sha256: image.sha256, kind: 'image' },
      truth: { sha256: image.sha256, pdq: pdq.hash, nearDuplicateOf: original.id, transform, distance: hammingDistance(pdq.hash, original.pdq) },
      mediaOnly: mediaOnlyAllowed && ctx.random.chance(MEDIA_ONLY_SHARE),
    };
  }
  const image = await freshPhoto(ctx.mediaRandom);
  await ctx.storeMedia(image.bytes, 'image', image.mime, image.sha256);
  ctx.stats.s.media.images++;
  ctx.stats.s.media.imageBytes += image.bytes.length;
  return { ref: { sha256: image.sha256, kind: 'image' }, truth: { sha256: image.sha256 }, mediaOnly: false };
}

function reachFor(ctx: SimContext, author: SimAccount, kind: PostKind, violating: boolean): number {
  const random = ctx.random;
  const organic = author.followers * random.logNormal(-1.2, 1) + random.logNormal(2.5, 1);
  const paid = kind === 'ad_creative' ? random.logNormal(8, 0.8) : 0;
  // Outrage and scams travel: violating items are boosted a little by engagement.
  return Math.round((organic + paid) * (violating ? 1.5 : 1));
}

function landingUrl(ctx: SimContext, author: SimAccount, scam: boolean): string {
  if (scam) return ctx.random.pick(SUSPICIOUS_URLS);
  return `https://${author.displayName.replace(/[^a-z0-9]/gi, '').toLowerCase() || 'shop'}-store.example/offer/${ctx.random.int(100, 999)}`;
}

export async function postContent(ctx: SimContext, author: SimAccount, kind: PostKind, extra: { livestreamId?: string } = {}): Promise<SimContent> {
  const random = ctx.random;
  const policy = violationFor(ctx, author);
  const contentId = ctx.ids.next('c');
  const languageStated = !random.chance(ctx.config.unstatedLanguageShare);
  let body: Body = policy ? { text: '', composed: composeViolation(ctx.textRandom, policy, author.language, ctx.config) } : benignBody(ctx, author, kind);
  if (body.composed) body.text = body.composed.text;

  const media: MediaRef[] = [];
  let imageTruth: ImageTruth | undefined;
  let knownBadMedia: string | undefined;
  if (kind === 'photo' || kind === 'product_listing' || (kind === 'ad_creative' && random.chance(0.5))) {
    const photo = await photoFor(ctx, policy, kind !== 'ad_creative');
    if (photo) {
      media.push(photo.ref);
      imageTruth = photo.truth;
      if (photo.mediaOnly) body = benignBody(ctx, author, kind);
    }
  } else if (kind === 'video' || kind === 'audio') {
    const knownBad = kind === 'video' && policy ? KNOWN_BAD_VIDEOS.filter((v) => v.policy === policy) : [];
    if (knownBad.length && random.chance(KNOWN_BAD_VIDEO_SHARE)) {
      const video = random.pick(knownBad);
      media.push({ sha256: video.sha256, kind: 'video', url: video.url });
      knownBadMedia = video.id;
      ctx.stats.s.media.knownBadVideoReuploads++;
      if (random.chance(MEDIA_ONLY_SHARE)) body = benignBody(ctx, author, kind);
    } else {
      const ref = mediaReference(kind, contentId);
      media.push({ sha256: ref.sha256, kind: ref.kind, url: ref.url });
    }
    ctx.stats.s.media.references++;
  }

  const violating = policy !== undefined;
  const content: ContentJson = { id: contentId, kind, modality: MODALITY[kind] };
  if (kind === 'video' || kind === 'product_listing' || kind === 'ad_creative') content.title = body.text;
  else content.text = body.text;
  if (languageStated) content.language = author.language;
  content.market = author.country;
  if (media.length) content.media = media;
  if (kind === 'video' || kind === 'audio') content.duration_s = Math.round(random.between(8, 600));
  if (kind === 'ad_creative') content.landing_url = landingUrl(ctx, author, policy === 'scam');
  const shop = author.shopId ? ctx.world.shops.get(author.shopId) : undefined;
  if (kind === 'product_listing') {
    // Counterfeits undercut the genuine article: luxury goods at a fraction of their price.
    content.price_cents = policy === 'counterfeit' ? random.int(2_000, 15_000) : random.int(500, 20_000);
    content.currency = currencyOf(author.country);
  }

  const event = stamp(ctx, 'content.created', { content, author: accountRef(author), ...(kind === 'product_listing' && shop ? { shop: shopRef(shop) } : {}) });
  ctx.emit(event);

  const sim: SimContent = {
    id: contentId,
    authorId: author.id,
    kind,
    language: author.language,
    postedMs: ctx.now,
    violating,
    policies: policy ? [policy] : [],
    reach: newReach(reachFor(ctx, author, kind, violating), random.between(3, 10) * HOUR),
    removed: false,
    limited: false,
    ageGated: false,
    priceCents: content.price_cents,
    currency: content.currency,
    shopId: kind === 'product_listing' ? shop?.id : undefined,
    title: content.title,
    livestreamId: extra.livestreamId,
    lastViews: 0,
  };
  ctx.world.addContent(sim);
  if (violating && author.firstViolationMs === undefined) author.firstViolationMs = ctx.now;

  const truth: ContentTruth = {
    kind: 'content',
    id: contentId,
    eventId: event.id,
    contentKind: kind,
    author: author.id,
    language: author.language,
    languageStated,
    violating,
    policies: sim.policies,
    reach: sim.reach.reach,
  };
  if (body.composed) truth.writing = body.composed.writing;
  if (body.baitTerm) truth.baitTerm = body.baitTerm;
  if (imageTruth) truth.image = imageTruth;
  if (knownBadMedia) truth.knownBadMedia = knownBadMedia;
  ctx.truth.record(truth);
  ctx.stats.content({
    violating,
    policies: sim.policies,
    termSource: body.composed?.writing.termSource,
    evasion: body.composed?.writing.evasion,
    language: author.language,
    languageStated,
    bait: !!body.baitTerm,
  });
  scheduleViewTicks(ctx, sim);
  return sim;
}
