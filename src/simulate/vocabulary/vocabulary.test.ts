// The vocabulary's promises: demo and unseen terms stay apart, templates and benign text carry no demo term.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from '../../domain/index.js';
import { Random } from '../random.js';
import { adCopy, BAIT, benignComment, benignPost, bio, productTitle, streamTitle } from './benign.js';
import { DEMO_TERMS, demoTermList } from './demo-terms.js';
import { SIM_LANGUAGES, SIM_POLICIES } from './languages.js';
import { VIOLATION_TEMPLATES } from './templates.js';
import { UNSEEN_TERMS } from './unseen-terms.js';

// Case and accents folded, as a forgiving matcher would: "unseen" must hold even then.
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const demo = demoTermList().map((t) => fold(t.term));
const unseen = Object.values(UNSEEN_TERMS).flatMap((l) => Object.values(l).flat());

describe('vocabulary', () => {
  it('covers exactly the default catalogue’s policies', () => {
    expect([...SIM_POLICIES].sort()).toEqual(DEFAULT_POLICIES.map((p) => p.id).sort());
  });

  it('has demo and unseen terms for every policy in every language', () => {
    for (const policy of SIM_POLICIES) {
      for (const language of SIM_LANGUAGES) {
        expect(DEMO_TERMS[policy][language].length, `${policy}/${language}`).toBeGreaterThanOrEqual(3);
        expect(UNSEEN_TERMS[policy][language].length, `${policy}/${language}`).toBeGreaterThanOrEqual(3);
        expect(VIOLATION_TEMPLATES[policy][language].every((t) => t.includes('{t}'))).toBe(true);
      }
    }
  });

  it('keeps every demo term out of the unseen vocabulary and out of the templates', () => {
    for (const term of unseen) expect(demo.filter((d) => fold(term).includes(d)), term).toEqual([]);
    const templates = Object.values(VIOLATION_TEMPLATES).flatMap((l) => Object.values(l).flat());
    for (const template of templates) expect(demo.filter((d) => fold(template).includes(d)), template).toEqual([]);
  });

  it('writes benign text without demo terms, except bait, which contains its term', () => {
    const random = new Random(9);
    for (const language of SIM_LANGUAGES) {
      for (let i = 0; i < 300; i++) {
        const texts = [benignPost(random, language), benignComment(random, language), productTitle(random, language), adCopy(random, language), streamTitle(random, language), bio(random, language)];
        for (const text of texts) expect(demo.filter((d) => fold(text).includes(d)), text).toEqual([]);
      }
      for (const bait of BAIT[language]) expect(fold(bait.text)).toContain(fold(bait.term));
    }
  });
});
