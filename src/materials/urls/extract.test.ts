// Finding links in text: the forms people write (and defang), what is not a link, and spans in code points.
import { describe, expect, it } from 'vitest';
import { extractUrls, type ExtractedUrl } from './index.js';

const summary = (text: string) => extractUrls(text).map(({ raw, host, url }) => ({ raw, host, url }));
const cut = (text: string, link: ExtractedUrl) => [...text].slice(link.start, link.end).join('');

describe('extractUrls', () => {
  it('finds links with a scheme, with www., and bare domains with a path', () => {
    expect(summary('go to https://Evil.com/Login?b=2&a=1, or www.evil.net and evil.org/x/y.')).toEqual([
      { raw: 'https://Evil.com/Login?b=2&a=1', host: 'evil.com', url: 'evil.com/Login?a=1&b=2' },
      { raw: 'www.evil.net', host: 'evil.net', url: 'evil.net' },
      { raw: 'evil.org/x/y', host: 'evil.org', url: 'evil.org/x/y' },
    ]);
  });

  it('undoes the bracket and hxxp defanging', () => {
    expect(summary('hxxps://evil[.]com/a and evil(.)net and HXXP://x.evil.org:8080/')).toEqual([
      { raw: 'hxxps://evil[.]com/a', host: 'evil.com', url: 'evil.com/a' },
      { raw: 'evil(.)net', host: 'evil.net', url: 'evil.net' },
      { raw: 'HXXP://x.evil.org:8080/', host: 'x.evil.org', url: 'x.evil.org:8080' },
    ]);
  });

  it('turns international hosts into punycode', () => {
    expect(summary('https://bücher.example/a and пример.рф')).toEqual([
      { raw: 'https://bücher.example/a', host: 'xn--bcher-kva.example', url: 'xn--bcher-kva.example/a' },
      { raw: 'пример.рф', host: 'xn--e1afmkfd.xn--p1ai', url: 'xn--e1afmkfd.xn--p1ai' },
    ]);
  });

  it('does not take abbreviations, file names, numbers or mailboxes for domains', () => {
    expect(summary('e.g. this, i.e. that, open file.txt or report.docx, version 1.2.3.4, pi is 3.14, co.uk')).toEqual([]);
    expect(summary('write to user.name@evil.com (.name is a TLD)')).toEqual([{ raw: 'evil.com', host: 'evil.com', url: 'evil.com' }]);
  });

  it('takes an unknown suffix or an address when a scheme says it is a link', () => {
    expect(summary('http://intranet.corp/x and http://10.0.0.1:8080/admin')).toEqual([
      { raw: 'http://intranet.corp/x', host: 'intranet.corp', url: 'intranet.corp/x' },
      { raw: 'http://10.0.0.1:8080/admin', host: '10.0.0.1', url: '10.0.0.1:8080/admin' },
    ]);
  });

  it('leaves out sentence punctuation and brackets the link did not open', () => {
    expect(summary('(see https://evil.com/a_(b)). "evil.net/x", [evil.org/y]')).toEqual([
      { raw: 'https://evil.com/a_(b)', host: 'evil.com', url: 'evil.com/a_(b)' },
      { raw: 'evil.net/x', host: 'evil.net', url: 'evil.net/x' },
      { raw: 'evil.org/y', host: 'evil.org', url: 'evil.org/y' },
    ]);
  });

  it('keeps the real host of a link with a user name in front', () => {
    expect(summary('https://paypal.com@evil.com/login')).toEqual([{ raw: 'https://paypal.com@evil.com/login', host: 'evil.com', url: 'evil.com/login' }]);
  });

  it('gives spans in code points after Arabic and emoji', () => {
    const text = 'مرحبا 😀😀 اضغط hxxps://evil[.]com/x 🎁 evil.net';
    const links = extractUrls(text);
    expect(links.map((link) => cut(text, link))).toEqual(['hxxps://evil[.]com/x', 'evil.net']);
    expect(links[0].start).toBe([...text.slice(0, text.indexOf('hxxps'))].length);
    expect(links[1].end).toBe([...text].length);
  });

  it('stays linear on long runs that look almost like hosts', () => {
    const texts = ['a'.repeat(100_000), 'a.'.repeat(50_000), `http://${'a'.repeat(100_000)}`, 'a-'.repeat(50_000), '[.]'.repeat(30_000)];
    for (const text of texts) {
      const started = performance.now();
      extractUrls(text);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
