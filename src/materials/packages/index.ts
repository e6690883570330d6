// Material packages: the data side of the risk-materials library. Packages of terms, phrases, patterns,
// URLs, domains and hashes, versioned as a whole; materials with history; bulk import and export; hits.
export * from './errors.js';
export * from './packages.js';
export {
  addMaterial,
  updateMaterial,
  retireMaterial,
  getMaterial,
  materialHistory,
  materialAtVersion,
  listMaterials,
  MAX_PAGE,
  type MaterialFilter,
  type MaterialVersion,
} from './materials.js';
export { importMaterials, importParsed, IMPORT_MODES, type ImportMode, type ImportOptions, type ImportSummary } from './import.js';
export { parseImport, IMPORT_FORMATS, CSV_COLUMNS, MAX_IMPORT_ROWS, type ImportFormat, type ParsedImport, type ParseOptions } from './formats.js';
export { exportPackage, EXPORT_FORMATS, type ExportFormat } from './export.js';
export { hitsOverTime, recentHits, MAX_BUCKETS, type HitBucket, type HitCount, type HitTarget, type RecentHit } from './hits.js';
export { loadMatchableMaterials, loadMatchableSource, parseMatchable, materialsGeneration, type MatchableMaterials, type MatchablePackage, type MatchableSource } from './matchable.js';
export { checkKindRules, MAX_KEY_BYTES } from './validate.js';
export { readCsv, CsvSyntaxError, type CsvField, type CsvRecord } from './csv.js';
export type { MaterialDraft, ImportDefaults } from './draft.js';
