// Finds links and bare domains in text: `https://…`, `www.…`, `example.com/path`, and the defanged
// forms `hxxp://`, `example[.]com`, `example(.)com` that people use to slip links past filters.
import { codePointIndexer } from '../patterns/index.js';
import { canonicaliseUrl, formatCanonicalUrl } from './canonical.js';
import { isIpHost, isKnownDomain, normaliseHost } from './host.js';

export interface ExtractedUrl {
  /** Code points of the text, end exclusive. */
  start: number;
  end: number;
  /** The text as written. */
  raw: string;
  /** normaliseHost form. */
  host: string;
  /** Canonical form (see canonical.ts); a bare domain is just its host. */
  url: string;
}

const LABEL = String.raw`[\p{L}\p{N}\p{M}_-]+`;
const DOT = String.raw`(?:\.|\[\.\]|\(\.\))`;
// Every quantified part stops at a character the next part must start with, and a match may only start
// where a label does not continue, so V8 backtracks at most once over each run: linear in the text.
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}\p{M}_.\-/\\])` +
    String.raw`(?:(?<scheme>(?:https?|hxxps?):\/\/)(?<userinfo>[^\s/?#@]*@)?)?` +
    String.raw`(?<host>${LABEL}(?:${DOT}${LABEL})+)` +
    String.raw`(?<port>:\d{1,5})?` +
    String.raw`(?<rest>[/?#][^\s<>"'\x60]*)?`,
  'giu',
);
const DEFANGED_DOT = /\[\.\]|\(\.\)/g;
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function extractUrls(text: string): ExtractedUrl[] {
  const found: ExtractedUrl[] = [];
  const toCodePoint = codePointIndexer(text);
  for (const match of text.matchAll(CANDIDATE)) {
    const { scheme, host: written, port = '', rest = '' } = match.groups!;
    const start = match.index;
    const trimmedRest = trimTrailing(rest);
    const end = start + match[0].length - (rest.length - trimmedRest.length);
    // `name.surname@example.com`: the part before @ is a mailbox, not a host; the domain after it is found next.
    if (scheme === undefined && text[start + match[0].length] === '@' && trimmedRest === '') continue;
    const host = normaliseHost(written.replace(DEFANGED_DOT, '.'));
    if (host === undefined || !plausible(host, scheme !== undefined, written)) continue;
    const canonical = canonicaliseUrl(`http://${host}${port}${trimmedRest}`);
    if (!canonical.ok) continue;
    found.push({ start: toCodePoint(start), end: toCodePoint(end), raw: text.slice(start, end), host, url: formatCanonicalUrl(canonical.url) });
  }
  return found;
}

/**
 * With a scheme or `www.` the writer meant a link, so any valid host counts. A bare token must end in a
 * known public suffix, so `e.g`, `file.txt` and version numbers such as 1.2.3.4 are not taken for hosts.
 */
function plausible(host: string, hasScheme: boolean, written: string): boolean {
  if (hasScheme || /^www\./i.test(written)) return true;
  return !isIpHost(host) && isKnownDomain(host);
}

/** Sentence punctuation after a link is not part of it; a closing bracket is, when the link opened it. */
function trimTrailing(rest: string): string {
  const open: Record<string, number> = { '(': 0, '[': 0, '{': 0 };
  const close: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
  for (const char of rest) {
    if (char in open) open[char]++;
    else if (char in close) close[char]++;
  }
  let end = rest.length;
  while (end > 0) {
    const last = rest[end - 1];
    if (TRAILING_PUNCTUATION.has(last)) end--;
    else if (last in CLOSERS && close[last] > open[CLOSERS[last]]) {
      close[last]--;
      end--;
    } else break;
  }
  return rest.slice(0, end);
}
