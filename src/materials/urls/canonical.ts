// The canonical form of a URL, shared by saved url materials and links found in text so that comparing
// them is comparing strings: `evil.com:8080/a/b?x=1&y=2` (no scheme, no default port, no trailing slash,
// sorted query, no fragment, no user name).
import { normaliseHost } from './host.js';

export interface CanonicalUrl {
  host: string;
  /** Empty for the default ports. */
  port: string;
  /** Starts with `/`, or is empty for the root. */
  path: string;
  /** `name=value` parameters, sorted. */
  query: string[];
}

export type CanonicalResult = { ok: true; url: CanonicalUrl } | { ok: false; reason: 'scheme' | 'syntax' | 'host'; detail: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
// http and https are treated as one, so either's default port is dropped whichever was written.
const DEFAULT_PORTS = new Set(['', '80', '443']);
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Canonicalises `input`, which may lack a scheme; only http and https are accepted. */
export function canonicaliseUrl(input: string): CanonicalResult {
  const trimmed = input.trim();
  const scheme = SCHEME.exec(trimmed)?.[1].toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { ok: false, reason: 'scheme', detail: scheme };
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `http://${trimmed}` : trimmed);
  } catch {
    return { ok: false, reason: 'syntax', detail: trimmed };
  }
  const host = normaliseHost(url.hostname);
  if (host === undefined) return { ok: false, reason: 'host', detail: url.hostname };
  return {
    ok: true,
    url: {
      host,
      port: DEFAULT_PORTS.has(url.port) ? '' : url.port,
      path: normalisePercent(url.pathname).replace(/\/+$/, ''),
      query: url.search
        .slice(1)
        .split('&')
        .filter((parameter) => parameter !== '')
        .map(normalisePercent)
        .sort(),
    },
  };
}

export function formatCanonicalUrl({ host, port, path, query }: CanonicalUrl): string {
  return `${host}${port ? `:${port}` : ''}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/** Splits a string formatCanonicalUrl made, without parsing it again. */
export function splitCanonicalUrl(canonical: string): CanonicalUrl {
  const authorityEnd = canonical.search(/[/?]/);
  const authority = authorityEnd < 0 ? canonical : canonical.slice(0, authorityEnd);
  const rest = authorityEnd < 0 ? '' : canonical.slice(authorityEnd);
  const colon = authority.lastIndexOf(':');
  // A colon inside brackets belongs to an IPv6 address, not a port.
  const hasPort = colon > authority.lastIndexOf(']');
  const queryStart = rest.indexOf('?');
  return {
    host: hasPort ? authority.slice(0, colon) : authority,
    port: hasPort ? authority.slice(colon + 1) : '',
    path: queryStart < 0 ? rest : rest.slice(0, queryStart),
    query: queryStart < 0 ? [] : rest.slice(queryStart + 1).split('&'),
  };
}

/** RFC 3986 6.2.2: decode escapes of unreserved characters, upper-case the hex of the rest. */
function normalisePercent(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}
