import { describe, expect, it } from 'vitest';
import { bodyHash, canonicalJson } from './canonical-json.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members, like JSON.stringify does', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: null }], c: 'é"' } })).toBe('{"a":{"c":"é\\"","d":[3,{"x":null,"z":1}]},"b":1}');
  });
  it('means the same JSON as JSON.stringify, whatever the key order', () => {
    const value = { id: 'e', type: 't', nested: { list: [1, 'two', true, null, { k: 'v' }], n: 1.5e-7 } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(bodyHash({ a: 1, b: [1, 2] })).toBe(bodyHash({ b: [1, 2], a: 1 }));
    expect(bodyHash({ a: 1, b: [1, 2] })).not.toBe(bodyHash({ a: 1, b: [2, 1] }));
  });
});
