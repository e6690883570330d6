// Risk materials: packages of terms, phrases, patterns, URLs and hashes that content is checked against,
// and the hits they leave. Analysts edit packages; every change makes a new package version.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { SEVERITY_TIERS } from './policy.js';

/** Where a package applies. Every piece of checked text or media belongs to exactly one surface. */
export const SURFACES = ['post', 'comment', 'livestream_chat', 'livestream', 'ad_creative', 'ad_landing_page', 'product_listing', 'profile'] as const;
export type Surface = (typeof SURFACES)[number];

export const MATERIAL_KINDS = ['term', 'phrase', 'proximity', 'pattern', 'url', 'domain', 'file_hash', 'image_hash', 'video_hash'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
/** Kinds matched by the text automaton. */
export const TEXT_KINDS = ['term', 'phrase', 'proximity'] as const satisfies readonly MaterialKind[];

/** `testing` records hits marked as test (never acted on); `active` acts; `retired` stops matching. */
export const MATERIAL_STATUSES = ['testing', 'active', 'retired'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

/** `word` matches whole words (scripts without spaces, such as Chinese, match anywhere); `substring` matches inside words too. */
export const MATCH_MODES = ['word', 'substring'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

/** The normalisation steps, in the order they are documented in docs/materials.md; a material can opt out of any. */
export const NORMALISATION_STEPS = ['nfkc', 'case', 'invisible', 'diacritics', 'confusables', 'leet', 'squeeze', 'separators', 'arabic', 'clitics', 'chinese'] as const;
export type NormalisationStep = (typeof NORMALISATION_STEPS)[number];

// Typed so Static<> gives the literal union ('term' | 'phrase' | ...), not string | number.
const literalUnion = <T extends readonly (string | number)[]>(values: T): TUnion<TLiteral<T[number]>[]> => Type.Union(values.map((v) => Type.Literal(v))) as TUnion<TLiteral<T[number]>[]>;
const Id = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', description: 'lower_snake_case identifier' });
const Lang = Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 language code, e.g. en, ar, es, zh' });
const MarketCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 market, e.g. US' });

export const PackageScopeSchema = Type.Object(
  {
    surfaces: Type.Array(literalUnion(SURFACES), { uniqueItems: true, description: 'Surfaces the package applies to; empty means all' }),
    markets: Type.Array(MarketCode, { uniqueItems: true, description: 'Markets the package applies to; empty means all' }),
    languages: Type.Array(Lang, { uniqueItems: true, description: 'Content languages the package applies to; empty means all' }),
  },
  { additionalProperties: false },
);
export type PackageScope = Static<typeof PackageScopeSchema>;

export const PackageInputSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 5_000, default: '' }),
    owner: Type.String({ minLength: 1, maxLength: 200, description: 'Team or person answerable for the package' }),
    scope: PackageScopeSchema,
  },
  { additionalProperties: false },
);
export type PackageInput = Static<typeof PackageInputSchema>;

export const PackageSchema = Type.Intersect([
  PackageInputSchema,
  Type.Object({
    version: Type.Integer({ description: 'Incremented by every change to the package or its materials' }),
    archived: Type.Boolean(),
    material_count: Type.Integer(),
    active_count: Type.Integer(),
    updated_at: Type.String({ format: 'date-time' }),
    updated_by: Type.String(),
  }),
]);
export type Package = Static<typeof PackageSchema>;

export const MaterialInputSchema = Type.Object(
  {
    kind: literalUnion(MATERIAL_KINDS),
    value: Type.String({
      minLength: 1,
      maxLength: 2_000,
      description:
        'term/phrase: the words; proximity: the first word or phrase; pattern: an RE2 regular expression; url/domain: as written (normalised on save); file_hash: hex MD5 or SHA-256; image_hash: 64-hex PDQ; video_hash: comma-separated 64-hex PDQ frame hashes',
    }),
    near: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'proximity only: the second word or phrase' })),
    within: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'proximity only: at most this many words between the two' })),
    languages: Type.Array(Lang, { uniqueItems: true, default: [], description: 'Languages the material is written in; empty means any' }),
    policy_id: Id,
    severity: literalUnion(SEVERITY_TIERS),
    match_mode: literalUnion(MATCH_MODES),
    exceptions: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { default: [], maxItems: 100, description: 'Allow phrases: a hit inside one of them is suppressed' }),
    status: literalUnion(MATERIAL_STATUSES),
    opt_out: Type.Array(literalUnion(NORMALISATION_STEPS), { uniqueItems: true, default: [], description: 'Normalisation steps this material skips' }),
    max_distance: Type.Optional(Type.Integer({ minimum: 0, maximum: 128, description: 'image_hash/video_hash: Hamming distance that still matches (default 31)' })),
    min_frame_share: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'video_hash: share of frames that must match (default 0.5)' })),
    note: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);
export type MaterialInput = Static<typeof MaterialInputSchema>;

export const MaterialSchema = Type.Intersect([
  MaterialInputSchema,
  Type.Object({
    id: Type.Integer(),
    package_id: Id,
    author: Type.String({ description: 'Who created the material' }),
    version: Type.Integer({ description: 'Package version of the material’s last change' }),
    updated_at: Type.String({ format: 'date-time' }),
    updated_by: Type.String(),
  }),
]);
export type Material = Static<typeof MaterialSchema>;

/** A hit: a material matched a piece of checked content. Spans count Unicode code points of the original text. */
export const MaterialHitSchema = Type.Object({
  material_id: Type.Integer(),
  package_id: Type.String(),
  package_version: Type.Integer(),
  kind: literalUnion(MATERIAL_KINDS),
  policy_id: Type.String(),
  severity: literalUnion(SEVERITY_TIERS),
  test: Type.Boolean({ description: 'The material was in testing: recorded, never acted on' }),
  field: Type.String({ description: 'Which part of the item matched, e.g. text, title, bio, landing_url, media:<sha256>' }),
  start: Type.Optional(Type.Integer({ description: 'First code point of the hit in the original text' })),
  end: Type.Optional(Type.Integer({ description: 'Code point after the hit (exclusive)' })),
  matched: Type.Optional(Type.String({ description: 'The original text of the span, or the matched hash' })),
  distance: Type.Optional(Type.Integer({ description: 'Hamming distance, for image and video hashes' })),
});
export type MaterialHit = Static<typeof MaterialHitSchema>;
