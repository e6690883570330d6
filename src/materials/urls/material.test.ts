// Saving url and domain materials: what they are stored as, and the messages for what cannot be saved.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseUrlMaterial } from './index.js';

const value = (kind: 'url' | 'domain', input: string) => {
  const result = normaliseUrlMaterial(kind, input);
  if (!result.ok) throw new Error(`expected ${input} to be accepted: ${result.message}`);
  return result.value;
};
const message = (kind: 'url' | 'domain', input: string) => {
  const result = normaliseUrlMaterial(kind, input);
  if (result.ok) throw new Error(`expected ${input} to be refused, got ${result.value}`);
  return result.message;
};

describe('domain materials', () => {
  it.each([
    ['evil.com', 'evil.com'],
    ['EVIL.com.', 'evil.com'],
    ['https://www.Evil.com:8443/login?x=1#top', 'evil.com'],
    ['hxxps://evil[.]com/path', 'evil.com'],
    ['evil(.)com', 'evil.com'],
    ['*.evil.com', 'evil.com'],
    ['user@evil.com', 'evil.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['foo.github.io', 'foo.github.io'],
    ['10.0.0.1', '10.0.0.1'],
  ])('%s is saved as %s', (input, expected) => {
    expect(value('domain', input)).toBe(expected);
  });

  it('explains what is wrong', () => {
    expect(message('domain', 'not a domain')).toMatch(/"not a domain" is not a domain; expected something like example\.com/);
    expect(message('domain', 'ftp://evil.com')).toMatch(/"ftp:" links are not supported/);
    expect(message('domain', 'localhost')).toMatch(/single label/);
    expect(message('domain', 'co.uk')).toMatch(/public suffix.*example\.co\.uk/);
    expect(message('domain', 'ex!.com')).toMatch(/not a valid host name/);
  });
});

describe('url materials', () => {
  it.each([
    ['https://Evil.com/Login/', 'evil.com/Login'],
    ['http://evil.com/Login', 'evil.com/Login'],
    ['evil.com/Login', 'evil.com/Login'],
    ['https://www.evil.com:443/a', 'evil.com/a'],
    ['http://evil.com:80/a', 'evil.com/a'],
    ['http://evil.com:8080/a', 'evil.com:8080/a'],
    ['https://evil.com/', 'evil.com'],
    ['https://evil.com/a/../b/./c//', 'evil.com/b/c'],
    ['https://evil.com/%7euser/%2f%c3%a9', 'evil.com/~user/%2F%C3%A9'],
    ['https://evil.com/é', 'evil.com/%C3%A9'],
    ['https://evil.com/p?b=2&a=1&&c=%7e#frag', 'evil.com/p?a=1&b=2&c=~'],
    ['https://paypal.com@evil.com/login', 'evil.com/login'],
    ['hxxp://bücher[.]example/x', 'xn--bcher-kva.example/x'],
  ])('%s is saved as %s', (input, expected) => {
    expect(value('url', input)).toBe(expected);
  });

  it('explains what is wrong', () => {
    expect(message('url', 'javascript://alert(1)')).toMatch(/"javascript:" links are not supported/);
    expect(message('url', 'http://exa mple.com/')).toMatch(/not a URL/);
  });

  it('is idempotent: a saved value saves as itself', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9%é~ .-]{0,6}$/);
    const input = fc.record({
      host: fc.constantFrom('Evil.com', 'www.bücher.example', 'a.b.co.uk', '1.2.3.4'),
      port: fc.constantFrom('', ':80', ':443', ':8080'),
      path: fc.array(segment, { maxLength: 4 }),
      query: fc.array(fc.tuple(segment, segment), { maxLength: 3 }),
      scheme: fc.constantFrom('', 'http://', 'https://', 'HTTPS://'),
    });
    fc.assert(
      fc.property(input, ({ host, port, path, query, scheme }) => {
        const raw = `${scheme}${host}${port}/${path.join('/')}${query.length ? '?' + query.map(([k, v]) => `${k}=${v}`).join('&') : ''}`;
        const once = normaliseUrlMaterial('url', raw);
        if (!once.ok) return;
        expect(normaliseUrlMaterial('url', once.value)).toEqual(once);
      }),
    );
  });
});
