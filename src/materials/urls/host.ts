// Host names in one comparable form, so a material saved as `WWW.Bücher.example.` and a link to
// `xn--bcher-kva.example` are the same string.
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

const MAX_HOST_LENGTH = 253;
// Underscores are not valid in host names by the letter of RFC 952, but DNS serves them and browsers follow them.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** Lower-case ASCII (IDN as punycode), no trailing dot, no leading `www.`; undefined when not a host name. */
export function normaliseHost(host: string): string | undefined {
  let name = host.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return undefined;
  // domainToASCII lower-cases, applies IDNA mapping and punycode, and canonicalises IPv4 forms (0x7f.1).
  const ascii = domainToASCII(name);
  if (ascii === '') return undefined;
  if (isIpHost(ascii)) return ascii;
  if (ascii.length > MAX_HOST_LENGTH || !ascii.split('.').every((label) => LABEL.test(label))) return undefined;
  return stripWww(ascii);
}

export function isIpHost(host: string): boolean {
  return IPV4.test(host) || IPV6.test(host);
}

/** `www.` goes only when what remains is still a domain: `www.com` and `www.co.uk` keep it. */
function stripWww(host: string): string {
  if (!host.startsWith('www.')) return host;
  const rest = host.slice(4);
  return parse(rest).domain === null ? host : rest;
}

/**
 * Whether a bare token in text (no scheme, no `www.`) is a domain: its suffix must be on the ICANN part of
 * the public suffix list and a registrable name must sit on it, so `e.g`, `file.txt` and `co.uk` are not.
 * Private suffixes are left out of the parse on purpose: `github.io` itself then counts as a domain.
 */
export function isKnownDomain(host: string): boolean {
  const parsed = parse(host, { allowPrivateDomains: false });
  return parsed.isIcann === true && parsed.domain !== null;
}

/** An ICANN public suffix such as `com` or `co.uk`: a domain material for it would match every site under it. */
export function isPublicSuffix(host: string): boolean {
  const parsed = parse(host, { allowPrivateDomains: false });
  return parsed.isIcann === true && parsed.publicSuffix === host;
}
