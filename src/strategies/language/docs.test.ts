// Every strategy in docs/rules.md compiles against the default catalogue (with the packages and lists
// the examples name), so the reference never shows a program Vigil would refuse.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES, DEFAULT_QUEUES } from '../../domain/index.js';
import { compileStrategy } from './index.js';

const doc = fs.readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
const examples = [...doc.matchAll(/```vigil\n([\s\S]*?)```/g)].map((m) => m[1]!);

const context = {
  policies: new Map(DEFAULT_POLICIES.map((p) => [p.id, { severity_tier: p.severity_tier }])),
  queues: new Set(DEFAULT_QUEUES.map((q) => q.id)),
  packages: new Set(['scam-links', 'luxury-brands']),
  lists: new Set(['cloaking_domains', 'authorised_resellers']),
};

describe('the examples in docs/rules.md', () => {
  it('are there', () => expect(examples.length).toBeGreaterThanOrEqual(6));
  it.each(examples.map((e, i) => [i + 1, e]))('example %i compiles without warnings', (_, source) => {
    expect(compileStrategy(source as string, context).warnings).toEqual([]);
  });
});
