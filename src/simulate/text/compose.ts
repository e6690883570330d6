// Writes the text of a post, comment, listing or ad: benign, or violating one policy with a term from
// the demo package or the unseen vocabulary, disguised or not. Returns the text and how it was made,
// which becomes ground truth.
import type { Random } from '../random.js';
import { DEMO_TERMS } from '../vocabulary/demo-terms.js';
import { UNSEEN_TERMS } from '../vocabulary/unseen-terms.js';
import { SUSPICIOUS_URLS, VIOLATION_TEMPLATES } from '../vocabulary/templates.js';
import { handle } from '../vocabulary/benign.js';
import type { SimLanguage, SimPolicy } from '../vocabulary/languages.js';
import { disguise, EVASIONS_BY_LANGUAGE, type EvasionKind } from './evasion.js';

export type TermSource = 'demo' | 'unseen';

export interface ViolationWriting {
  policy: SimPolicy;
  termSource: TermSource;
  /** The term as listed, before any disguise. */
  term: string;
  evasion: EvasionKind | 'none';
}

export interface ComposedViolation {
  text: string;
  /** The same sentence with the term undisguised: what a perfect normalizer would see. */
  plainText: string;
  writing: ViolationWriting;
}

export interface WritingShares {
  unseenTermShare: number;
  evasionShare: number;
}

function fill(template: string, term: string, random: Random): string {
  return template.replace('{t}', term).replace('{u}', handle(random)).replace('{url}', random.pick(SUSPICIOUS_URLS));
}

export function composeViolation(random: Random, policy: SimPolicy, language: SimLanguage, shares: WritingShares): ComposedViolation {
  const termSource: TermSource = random.chance(shares.unseenTermShare) ? 'unseen' : 'demo';
  const term = random.pick((termSource === 'demo' ? DEMO_TERMS : UNSEEN_TERMS)[policy][language]);
  let evasion: EvasionKind | 'none' = random.chance(shares.evasionShare) ? random.pick(EVASIONS_BY_LANGUAGE[language]) : 'none';
  const written = evasion === 'none' ? term : disguise(random, term, evasion);
  // A disguise with nothing to act on (no leetable letter, say) is no disguise: record it honestly.
  if (written === term) evasion = 'none';
  const template = random.pick(VIOLATION_TEMPLATES[policy][language]);
  // Two identical streams draw the handle and link for both versions, so they differ only in the term.
  const fillSeed = `fill:${random.nextUint32()}`;
  const plainText = fill(template, term, random.fork(fillSeed));
  const text = fill(template, written, random.fork(fillSeed));
  return { text, plainText, writing: { policy, termSource, term, evasion } };
}
