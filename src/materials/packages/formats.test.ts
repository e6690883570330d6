import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';
import { ImportError } from './errors.js';
import { parseImport } from './formats.js';
import { joinList, splitList } from './lists.js';

const problemOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportError) return err.message;
    throw err;
  }
  throw new Error('expected an ImportError');
};

describe('the CSV reader', () => {
  it('reads RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF, a BOM, blank lines', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\n,,\nlast,"",z';
    const records = [...readCsv(text)];
    expect(records.map((r) => r.fields.map((f) => f.value))).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['', '', ''],
      ['last', '', 'z'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(records[1].fields.map((f) => [f.line, f.column])).toEqual([
      [2, 1],
      [2, 8],
      [2, 21],
    ]);
    expect(records[3].fields[2]).toEqual({ value: 'z', line: 6, column: 9 });
  });

  it('names the line and column of broken quoting', () => {
    expect(() => [...readCsv('a,b\n1,"open\n')]).toThrow(/^line 2, column 3: a quoted field is never closed/);
    expect(() => [...readCsv('a,b\n1,"x"y\n')]).toThrow(/^line 2, column 6: unexpected text after a closing quote/);
    expect(() => [...readCsv('a,b\n1,x"y\n')]).toThrow(/^line 2, column 4: a quote inside an unquoted field/);
  });

  it('splits and joins list cells, escaping bars and backslashes', () => {
    const items = ['plain', 'with, comma', 'a|b', 'back\\slash', 'both \\|'];
    expect(splitList(joinList(items))).toEqual(items);
    expect(splitList('en | es|')).toEqual(['en', 'es']);
    expect(splitList('')).toEqual([]);
  });
});

describe('reading imports', () => {
  it('fills defaults and applies the kind rules', () => {
    const parsed = parseImport('kind,value,near,within,policy_id\nterm,  free money ,,,\nproximity,send,bitcoin,3,scam\nimage_hash,' + 'AB'.repeat(32) + ',,,\n', 'csv', { policy_id: 'spam', status: 'active' });
    expect(parsed.materials).toEqual([
      { kind: 'term', value: 'free money', languages: [], exceptions: [], opt_out: [], match_mode: 'word', status: 'active', policy_id: 'spam' },
      { kind: 'proximity', value: 'send', near: 'bitcoin', within: 3, languages: [], exceptions: [], opt_out: [], match_mode: 'word', status: 'active', policy_id: 'scam' },
      { kind: 'image_hash', value: 'ab'.repeat(32), languages: [], exceptions: [], opt_out: [], match_mode: 'word', status: 'active', policy_id: 'spam' },
    ]);
    expect(parsed.rows).toEqual(['line 2', 'line 3', 'line 4']);
  });

  it('names the CSV line and column of every bad cell, and the header problems', () => {
    const text = ['kind,value,near,within,policy_id,severity', 'term,ok,,,scam,', 'teRm,bad kind,,,scam,', 'proximity,send,,,scam,', 'term,sev,,,scam,7', 'term,ok,,,scam,'].join('\n');
    const message = problemOf(() => parseImport(text, 'csv'));
    expect(message).toContain('line 3, column 1 (kind): must be one of term, phrase, proximity, pattern, url, domain, file_hash, image_hash, video_hash; got "teRm"');
    expect(message).toContain('line 4, column 16 (near): is required for a proximity material');
    expect(message).toContain('line 5, column 17 (severity): must be one of 1, 2, 3, 4; got 7');
    expect(message).toContain('line 6, column 6 (value): repeats the material at line 2');
    expect(message).toMatch(/Nothing was imported$/);
    expect(problemOf(() => parseImport('kind,valeu\nterm,x\n', 'csv'))).toMatch(/^line 1, column 6: unknown column "valeu" in the header; columns: kind, value, near/);
    expect(problemOf(() => parseImport('kind,value,policy_id\nterm,x\n', 'csv'))).toMatch(/^line 2: has 2 fields; the header has 3/);
    expect(problemOf(() => parseImport('', 'csv'))).toMatch(/^the body: holds no materials/);
  });

  it('names the JSON index and field, and the NDJSON line', () => {
    const json = JSON.stringify([{ kind: 'term', value: 'a', policy_id: 'scam' }, { kind: 'term', value: 'b', policy_id: 'scam', within: 2 }, { kind: 'term', value: 'c', policy_id: 'scam', colour: 'red' }, 'nope']);
    const message = problemOf(() => parseImport(json, 'json'));
    expect(message).toContain('[1].within: is only for proximity materials, not term');
    expect(message).toContain('[2].colour: "colour" is not a material field');
    expect(message).toContain('[3]: must be a JSON object');
    expect(problemOf(() => parseImport('[{"kind": "term",\n "value": }]', 'json'))).toMatch(/^line 2, column 11: is not valid JSON: Unexpected token '}'\. Nothing/);
    expect(problemOf(() => parseImport('{"kind":"term","value":"a","policy_id":"scam"}\n\n{"kind":"term","value":"b","policy_id":"scam","status":"live"}\n{oops\n', 'ndjson'))).toMatch(
      /^line 3, field status: must be one of testing, active, retired; got "live"; line 4, column 2: is not valid JSON: Expected property name/,
    );
    expect(parseImport(JSON.stringify({ materials: [{ kind: 'term', value: 'a', policy_id: 'scam' }] }), 'json').materials).toHaveLength(1);
  });

  it('refuses NUL characters, which PostgreSQL text cannot hold', () => {
    expect(problemOf(() => parseImport(JSON.stringify([{ kind: 'term', value: 'a\u0000b', policy_id: 'scam' }]), 'json'))).toMatch(/^\[0\]\.value: contains a NUL character/);
    expect(problemOf(() => parseImport(JSON.stringify([{ kind: 'term', value: 'ab', policy_id: 'scam', exceptions: ['x\u0000'] }]), 'json'))).toMatch(/^\[0\]\.exceptions: contains a NUL character/);
  });

  it('reports at most five problems in the message and counts the rest', () => {
    const text = 'kind,value,policy_id\n' + Array.from({ length: 12 }, (_, i) => `nope,v${i},scam`).join('\n');
    expect(problemOf(() => parseImport(text, 'csv'))).toMatch(/; and 7 more problems\. Nothing was imported$/);
  });
});

describe('HMA / ThreatExchange hash files', () => {
  const pdq1 = 'acecf3355e3125c8e24e2f30e0d4ec4f8482b878b3c34cdbdf063278db275992';
  const pdq2 = '8fb70f36e1c4181e82fde7d0f80138430e1e31f07b628e31ccbb687e87e1f307';

  it('reads the python-threatexchange signal CSV, skipping negative opinions', () => {
    const text = `collab,signal_type,signal_str,category,tags\nSample Signals,pdq,${pdq1},WORTH_INVESTIGATING,\nSample Signals,pdq,${pdq2},NEGATIVE_CLASS,\nOther,video_md5,D41D8CD98F00B204E9800998ECF8427E,POSITIVE_CLASS,csam\nOther,pdq,${pdq1},POSITIVE_CLASS,\n`;
    const parsed = parseImport(text, 'hma', { policy_id: 'minor_safety' });
    expect(parsed.materials.map((x) => [x.kind, x.value, x.status, x.policy_id])).toEqual([
      ['image_hash', pdq1, 'testing', 'minor_safety'],
      ['file_hash', 'd41d8cd98f00b204e9800998ecf8427e', 'testing', 'minor_safety'],
    ]);
    expect(parsed.materials[0].note).toBe('collaboration Sample Signals; category WORTH_INVESTIGATING');
    expect(parsed.skipped).toEqual({ count: 1, reason: 'negative opinions (NEGATIVE_CLASS or false_positive)' });
  });

  it('reads the headerless dataset rows (hash, id, added_on, tags) and one-signal-per-line files', () => {
    const dataset = `${pdq1},2880742865368386,2020-07-31T18:47:52+0000,media_priority_pdq_samples disputed media_type_photo\n${pdq2},2888629371260007,2020-07-31T18:47:52+0000,false_positive media_type_photo\n`;
    const parsed = parseImport(dataset, 'hma', { policy_id: 'violence', status: 'active' });
    expect(parsed.materials).toHaveLength(1);
    expect(parsed.materials[0]).toMatchObject({ kind: 'image_hash', value: pdq1, status: 'active', note: 'ThreatExchange descriptor 2880742865368386; added 2020-07-31T18:47:52+0000; tags media_priority_pdq_samples disputed media_type_photo' });
    expect(parsed.skipped?.count).toBe(1);
    const lines = parseImport(`pdq ${pdq1}\n${pdq2}\nurl https://Example.com/path\n`, 'hma', { policy_id: 'scam' });
    expect(lines.materials.map((x) => x.kind)).toEqual(['image_hash', 'image_hash', 'url']);
  });

  it('needs a policy and names unsupported signal types', () => {
    expect(problemOf(() => parseImport(`${pdq1}\n`, 'hma'))).toMatch(/^the import: hash files carry no policy/);
    expect(problemOf(() => parseImport(`tmk ${pdq1}\nxyz\n`, 'hma', { policy_id: 'scam' }))).toMatch(/^line 1, column 1: signal type "tmk" cannot be imported; .*line 2, column 1: "xyz" is neither a PDQ hash/);
    expect(problemOf(() => parseImport(`pdq ${pdq1.slice(1)}\n`, 'hma', { policy_id: 'scam' }))).toMatch(/^line 1, column 1: must be a PDQ hash/);
  });
});
