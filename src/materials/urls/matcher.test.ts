// Matching url and domain materials against extracted links.
import { describe, expect, it } from 'vitest';
import { compileUrlMaterials, extractUrls, type UrlMaterial } from './index.js';

const idsFor = (materials: UrlMaterial[], text: string) => compileUrlMaterials(materials).match(extractUrls(text)).map((hit) => hit.id);

describe('domain materials', () => {
  const evil: UrlMaterial[] = [{ id: 1, kind: 'domain', value: 'evil.com' }];

  it('match the host and every subdomain of it, at label boundaries only', () => {
    expect(idsFor(evil, 'evil.com')).toEqual([1]);
    expect(idsFor(evil, 'https://a.b.evil.com/x')).toEqual([1]);
    expect(idsFor(evil, 'notevil.com')).toEqual([]);
    expect(idsFor(evil, 'evil.com.au')).toEqual([]);
    expect(idsFor(evil, 'evil.community')).toEqual([]);
  });

  it('match however the host was written: case, www, port, trailing dot, defanged', () => {
    expect(idsFor(evil, 'HTTPS://WWW.EVIL.COM:443/ and evil.com.:8080 and evil[.]com')).toEqual([1, 1, 1]);
  });

  it('match an international domain in either form', () => {
    const bucher: UrlMaterial[] = [{ id: 7, kind: 'domain', value: 'bücher.example' }];
    expect(idsFor(bucher, 'https://xn--bcher-kva.example/a')).toEqual([7]);
    expect(idsFor([{ id: 8, kind: 'domain', value: 'xn--bcher-kva.example' }], 'https://shop.BÜCHER.example/')).toEqual([8]);
  });

  it('report the span of the link', () => {
    const text = '😀 evil.com';
    expect(compileUrlMaterials(evil).match(extractUrls(text))).toEqual([{ id: 1, start: 2, end: 10 }]);
  });

  it('an IP address is matched whole, not by its tail', () => {
    const ip: UrlMaterial[] = [{ id: 2, kind: 'domain', value: '2.3.4' }, { id: 3, kind: 'domain', value: '1.2.3.4' }];
    expect(idsFor(ip, 'http://1.2.3.4/')).toEqual([3]);
  });

  it('many materials: each link finds its own', () => {
    const many: UrlMaterial[] = Array.from({ length: 5_000 }, (_, i) => ({ id: i, kind: 'domain', value: `site${i}.com` }));
    expect(idsFor(many, 'x.site42.com site4999.com site5000.com')).toEqual([42, 4999]);
  });
});

describe('url materials', () => {
  const phish: UrlMaterial[] = [{ id: 1, kind: 'url', value: 'https://evil.com/phish' }];

  it('match the same URL and anything below it at a path-segment boundary', () => {
    expect(idsFor(phish, 'http://www.evil.com/phish/')).toEqual([1]);
    expect(idsFor(phish, 'evil.com/phish/step2?id=3#x')).toEqual([1]);
    expect(idsFor(phish, 'evil.com/phishing')).toEqual([]);
    expect(idsFor(phish, 'evil.com/other')).toEqual([]);
    expect(idsFor(phish, 'a.evil.com/phish')).toEqual([]);
    expect(idsFor(phish, 'evil.com:8080/phish')).toEqual([]);
  });

  it('with a query, match links carrying those parameters among others', () => {
    const item: UrlMaterial[] = [{ id: 2, kind: 'url', value: 'evil.com/item?id=7' }];
    expect(idsFor(item, 'https://evil.com/item?utm=x&id=7')).toEqual([2]);
    expect(idsFor(item, 'https://evil.com/item?id=8')).toEqual([]);
  });

  it('a host-only url material matches every path on that host, but not its subdomains', () => {
    const host: UrlMaterial[] = [{ id: 3, kind: 'url', value: 'evil.com' }];
    expect(idsFor(host, 'evil.com/a/b')).toEqual([3]);
    expect(idsFor(host, 'sub.evil.com/a')).toEqual([]);
  });

  it('set aside values that do not normalise', () => {
    const matcher = compileUrlMaterials([{ id: 9, kind: 'domain', value: 'not a domain' }]);
    expect(matcher.rejected).toEqual([{ id: 9, message: expect.stringMatching(/not a domain/) }]);
  });
});
