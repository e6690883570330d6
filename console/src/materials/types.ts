// Shapes of the risk-materials API as the console reads them (kept in step with src/domain/material.ts and
// src/server/routes/materials.ts, material-checks.ts by hand: the domain file pulls in TypeBox, which the
// console bundle should not carry).

export const SURFACES = ['post', 'comment', 'livestream_chat', 'livestream', 'ad_creative', 'ad_landing_page', 'product_listing', 'profile'] as const;
export type Surface = (typeof SURFACES)[number];

export const MATERIAL_KINDS = ['term', 'phrase', 'proximity', 'pattern', 'url', 'domain', 'file_hash', 'image_hash', 'video_hash'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** Kinds read by the text matcher: they have a match mode, exceptions and normalisation opt-outs. */
export const TEXT_KINDS: readonly MaterialKind[] = ['term', 'phrase', 'proximity'];
export const HASH_KINDS: readonly MaterialKind[] = ['image_hash', 'video_hash'];

export const MATERIAL_STATUSES = ['testing', 'active', 'retired'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

export const MATCH_MODES = ['word', 'substring'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export const NORMALISATION_STEPS = ['nfkc', 'case', 'invisible', 'diacritics', 'confusables', 'leet', 'squeeze', 'separators', 'arabic', 'clitics', 'chinese'] as const;
export type NormalisationStep = (typeof NORMALISATION_STEPS)[number];

/** What each step does, for the opt-out checkboxes (the full story is docs/materials.md). */
export const STEP_NOTES: Record<NormalisationStep, string> = {
  nfkc: 'full-width, styled and circled letters and ligatures to plain ones (ﬁ → fi)',
  case: 'upper and lower case read alike',
  invisible: 'drops zero-width and direction-control characters',
  diacritics: 'é reads as e',
  confusables: 'look-alike letters (Cyrillic а, Greek ο) read as Latin',
  leet: '0→o, 3→e, $→s …',
  squeeze: 'a repeated letter is read once (spaaam = spam)',
  separators: 'single letters split by spaces or dots are joined (s p a m, s.p.a.m)',
  arabic: 'Arabic letter variants, tatweel and harakat',
  clitics: 'Arabic “and”, prepositions and the article “al” attached before a word are read past',
  chinese: 'traditional Chinese reads as simplified',
};

export const KIND_LABELS: Record<MaterialKind, string> = {
  term: 'term',
  phrase: 'phrase',
  proximity: 'proximity',
  pattern: 'pattern',
  url: 'URL',
  domain: 'domain',
  file_hash: 'file hash',
  image_hash: 'image hash (PDQ)',
  video_hash: 'video hash',
};

export interface PackageScope {
  surfaces: Surface[];
  markets: string[];
  languages: string[];
}

export interface PackageInput {
  id: string;
  name: string;
  description: string;
  owner: string;
  scope: PackageScope;
}

export interface MaterialPackage extends PackageInput {
  version: number;
  archived: boolean;
  material_count: number;
  active_count: number;
  updated_at: string;
  updated_by: string;
}

export interface PackageVersion {
  version: number;
  changed_at: string;
  changed_by: string;
  summary: string;
}

export interface MaterialInput {
  kind: MaterialKind;
  value: string;
  near?: string;
  within?: number;
  languages: string[];
  policy_id: string;
  severity: 1 | 2 | 3 | 4;
  match_mode: MatchMode;
  exceptions: string[];
  status: MaterialStatus;
  opt_out: NormalisationStep[];
  max_distance?: number;
  min_frame_share?: number;
  note?: string;
}

export interface Material extends MaterialInput {
  id: number;
  package_id: string;
  author: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface MaterialPage {
  materials: Material[];
  next_cursor: string | null;
}

export interface MaterialHistoryEntry {
  package_version: number;
  changed_at: string;
  changed_by: string;
  material: Material;
}

export const IMPORT_FORMATS = ['csv', 'json', 'ndjson', 'hma'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportSummary {
  package_id: string;
  version: number;
  changed_package: boolean;
  total: number;
  new: number;
  changed: number;
  unchanged: number;
  retired: number;
  skipped: number;
  summary: string;
  seconds: number;
}

export interface HitCount {
  at: string;
  live: number;
  test: number;
}

export interface RecentHit {
  id: number;
  at: string;
  event_id: string;
  item_type: string;
  item_id: string;
  surface: string;
  field: string;
  material_id: number;
  package_id: string;
  package_version: number;
  policy_id: string;
  severity: number;
  test: boolean;
  start?: number;
  end?: number;
  matched?: string;
  distance?: number;
}

export interface Hits {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  over_time: HitCount[];
  recent: RecentHit[];
}

/** POST /v1/materials/try. */
export interface TryHit {
  material_id: number;
  package_id: string;
  package_version: number;
  kind: MaterialKind;
  value: string;
  policy_id: string;
  severity: number;
  test: boolean;
  field: string;
  /** Code points of the original text, end exclusive. */
  start?: number;
  end?: number;
  matched?: string;
  distance?: number;
}
export interface HiddenChar {
  /** Code point index in the original text. */
  index: number;
  code_point: string;
  name: string;
}
export interface TryResult {
  normalised: string;
  hidden: HiddenChar[];
  hits: TryHit[];
}

/** POST /v1/materials/preview. */
export interface PreviewHit {
  event_id: string;
  event_time: string;
  item_type: string;
  item_id: string;
  field: string;
  text: string;
  start?: number;
  end?: number;
  matched?: string;
}
export interface PreviewResult {
  from: string;
  to: string;
  scanned: number;
  truncated: boolean;
  hits: PreviewHit[];
}

/** POST /v1/hashes/image. */
export interface ImageCheck {
  sha256?: string;
  pdq: string;
  quality: number;
  matches: { material_id: number; package_id: string; value: string; distance: number; policy_id: string; test: boolean }[];
}
