// URL shorteners hide where a link goes, so a domain material cannot see through them; strategies can
// treat a shortened link as a signal of its own (and resolve it, later).
import { normaliseHost } from './host.js';

/**
 * Shorteners that take any destination. First-party ones that only ever point into their own site
 * (youtu.be, amzn.to, redd.it, db.tt) are left out: the short host already says where the link goes.
 * t.co and lnkd.in are in: X and LinkedIn wrap every outside link posted on them.
 */
export const SHORTENERS: readonly string[] = [
  'adf.ly',
  'bit.do',
  'bit.ly',
  'bl.ink',
  'buff.ly',
  'clck.ru',
  'cutt.ly',
  'dlvr.it',
  'goo.gl',
  'ift.tt',
  'is.gd',
  'j.mp',
  'lnkd.in',
  'ow.ly',
  'qrco.de',
  'rb.gy',
  'rebrand.ly',
  's.id',
  'shorte.st',
  'shorturl.at',
  'snip.ly',
  't.co',
  't.ly',
  'tiny.cc',
  'tinyurl.com',
  'trib.al',
  'v.gd',
];

const SHORTENER_SET: ReadonlySet<string> = new Set(SHORTENERS);

/** Whether `host` (in any form normaliseHost accepts) is a listed shortener. */
export function isShortener(host: string): boolean {
  const normalised = normaliseHost(host);
  return normalised !== undefined && SHORTENER_SET.has(normalised);
}
