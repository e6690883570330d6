// Matches url and domain materials against links found in text. Lookups are by host, so the cost per
// link is a handful of Map probes however many materials there are.
import { canonicaliseUrl, splitCanonicalUrl, type CanonicalUrl } from './canonical.js';
import type { ExtractedUrl } from './extract.js';
import { isIpHost } from './host.js';
import { normaliseUrlMaterial } from './material.js';

export interface UrlMaterial {
  id: number;
  kind: 'url' | 'domain';
  value: string;
}

export interface UrlHit {
  id: number;
  start: number;
  end: number;
}

export interface UrlMatcher {
  /** One hit per material and link it matches, in the order of the links. */
  match(extracted: readonly ExtractedUrl[]): UrlHit[];
  /** Materials left out because their value no longer normalises (saved before a rule changed). */
  readonly rejected: readonly { id: number; message: string }[];
}

export function compileUrlMaterials(items: readonly UrlMaterial[]): UrlMatcher {
  const domains = new Map<string, number[]>();
  const urls = new Map<string, { id: number; url: CanonicalUrl }[]>();
  const rejected: { id: number; message: string }[] = [];
  for (const { id, kind, value } of items) {
    const normalised = normaliseUrlMaterial(kind, value);
    if (!normalised.ok) {
      rejected.push({ id, message: normalised.message });
      continue;
    }
    if (kind === 'domain') push(domains, normalised.value, id);
    else {
      const canonical = canonicaliseUrl(normalised.value);
      if (canonical.ok) push(urls, canonical.url.host, { id, url: canonical.url });
    }
  }

  return {
    rejected,
    match(extracted) {
      const hits: UrlHit[] = [];
      for (const link of extracted) {
        const hit = (id: number) => hits.push({ id, start: link.start, end: link.end });
        for (const suffix of hostSuffixes(link.host)) domains.get(suffix)?.forEach(hit);
        const candidates = urls.get(link.host);
        if (candidates === undefined) continue;
        const url = splitCanonicalUrl(link.url);
        for (const candidate of candidates) if (covers(candidate.url, url)) hit(candidate.id);
      }
      return hits;
    },
  };
}

/** `a.b.evil.com`, `b.evil.com`, `evil.com`, `com`: a domain material matches its host and every subdomain. */
export function hostSuffixes(host: string): string[] {
  // The tail of an IP address is not a parent of it.
  if (isIpHost(host)) return [host];
  const suffixes = [host];
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) suffixes.push(host.slice(dot + 1));
  return suffixes;
}

/**
 * A url material covers a link on the same host and port whose path is the material's or below it (at a
 * segment boundary: `/phish` covers `/phish/x`, not `/phishing`) and whose query has all the material's
 * parameters (queries are sorted, so a plain prefix would miss `?a=1&id=7` for a material `?id=7`).
 */
function covers(material: CanonicalUrl, link: CanonicalUrl): boolean {
  if (material.port !== link.port) return false;
  if (material.path !== '' && link.path !== material.path && !link.path.startsWith(`${material.path}/`)) return false;
  return material.query.every((parameter) => link.query.includes(parameter));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
