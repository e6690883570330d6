// URL and domain materials: normalised on save, links and bare domains extracted from text (with spans
// in code points), and matched by host suffix (domains) or canonical URL prefix (urls).
export { normaliseHost } from './host.js';
export { normaliseUrlMaterial, type NormalisedMaterial } from './material.js';
export { extractUrls, type ExtractedUrl } from './extract.js';
export { SHORTENERS, isShortener } from './shorteners.js';
export { compileUrlMaterials, type UrlMatcher, type UrlMaterial, type UrlHit } from './matcher.js';
