// Matching: every matchable material compiled into one set, kept current as packages change, run over
// each ingested event's items (hits stored), and asked directly by analysts (try, preview, image lookup).
export { MaterialSet, type MediaFacts, type ItemContext } from './material-set.js';
export { buildMaterialSet, buildMaterialSetNow } from './build.js';
export { prepareSet, textSpecOf, TEXT_MATERIAL_KINDS, type PreparedSet } from './prepare.js';
export { MaterialsService, type MaterialsServiceOptions } from './service.js';
export { checkedItemsOf, type CheckedItem } from './items.js';
export { startMaterialHits, hitRowsOf, MATERIAL_HITS_CONSUMER } from './hits-consumer.js';
export { tryText, previewMaterial, checkImage, hiddenCharacters, CheckInputError, PREVIEW_SCAN_LIMIT, type TryResult, type PreviewResult, type ImageCheck } from './checks.js';
export { fingerprintMedia, type Fingerprint } from './fingerprint.js';
