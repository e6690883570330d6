// url and domain materials as saved: an analyst pastes whatever they have (a link, a defanged indicator
// from a threat feed, a wildcard) and the material is stored in the form matching compares.
import { canonicaliseUrl, formatCanonicalUrl, type CanonicalResult } from './canonical.js';
import { isIpHost, isPublicSuffix } from './host.js';

export type NormalisedMaterial = { ok: true; value: string } | { ok: false; message: string };

const DEFANGED_DOT = /\[\.\]|\(\.\)/g;
const DEFANGED_SCHEME = /^hxxp(s?):\/\//i;

/** Threat-intelligence feeds defang links (`hxxp://evil[.]com`) so nobody clicks them; saving undoes it. */
export function refang(value: string): string {
  return value.trim().replace(DEFANGED_SCHEME, 'http$1://').replace(DEFANGED_DOT, '.');
}

export function normaliseUrlMaterial(kind: 'url' | 'domain', value: string): NormalisedMaterial {
  return kind === 'domain' ? normaliseDomain(value) : normaliseUrl(value);
}

function normaliseUrl(value: string): NormalisedMaterial {
  const result = canonicaliseUrl(refang(value));
  if (!result.ok) return { ok: false, message: explain('URL', value, result) };
  return { ok: true, value: formatCanonicalUrl(result.url) };
}

/** A domain keeps only its host: `https://Evil.com/login` and `*.evil.com` both become `evil.com`. */
function normaliseDomain(value: string): NormalisedMaterial {
  const result = canonicaliseUrl(refang(value).replace(/^\*\./, ''));
  if (!result.ok) return { ok: false, message: explain('domain', value, result) };
  const { host } = result.url;
  if (isIpHost(host)) return { ok: true, value: host };
  if (!host.includes('.')) return { ok: false, message: `"${host}" is a single label; a domain has at least two, such as example.com.` };
  if (isPublicSuffix(host)) {
    return { ok: false, message: `"${host}" is a public suffix, so every site under it would match; give a registrable domain such as example.${host}.` };
  }
  return { ok: true, value: host };
}

function explain(what: 'URL' | 'domain', value: string, failure: Extract<CanonicalResult, { ok: false }>): string {
  switch (failure.reason) {
    case 'scheme':
      return `"${failure.detail}:" links are not supported; a ${what} material takes http or https links, or a bare host such as example.com.`;
    case 'host':
      return `"${failure.detail}" is not a valid host name; expected something like example.com.`;
    case 'syntax':
      return `"${value.trim()}" is not a ${what}; expected something like ${what === 'URL' ? 'example.com/path' : 'example.com'}.`;
  }
}
