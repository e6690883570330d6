// Hash lists from Meta's ThreatExchange tools and Hasher-Matcher-Actioner (HMA), imported as materials.
// Three layouts are recognised, as written by facebook/ThreatExchange:
//  1. A CSV with the header `collab,signal_type,signal_str,category,tags`, as in
//     python-threatexchange/threatexchange/pdq_samples.csv (the sample exchange the `threatexchange` CLI
//     and HMA ship). Rows whose category is NEGATIVE_CLASS are opinions that the hash is NOT harmful and
//     are skipped (counted in the summary).
//  2. A headerless CSV starting with the hash: `hash,descriptor_id,added_on,tags` as the `threatexchange`
//     CLI stores datasets (cli/dataset/simple_serialization.py, CliIndicatorSerialization: the indicator
//     then SimpleDescriptorRollup.as_row(), tags space-separated) and HMA's sample_data/pdq.csv, or
//     `hash,indicator_id,descriptor_id,added_on,tags` (HMASerialization, the same file with the indicator
//     id). Rows tagged `false_positive` (ThreatExchange's own "not harmful" tag) are skipped.
//  3. One signal per line, `signal_type signal` or a bare signal, as read by LocalFileSignalExchangeAPI
//     (exchanges/impl/file_api.py).
// Signal types: pdq → image_hash; video_md5, photo_md5, md5 → file_hash; url → url; raw_text → phrase.
// A bare 64-hex value is PDQ, a bare 32-hex value MD5. The extra columns are kept in the material's note.
// HMA exports repeat a hash once per collaboration, so repeats are merged, not refused.
import type { ImportDefaults } from './draft.js';
import { readCsv, type CsvRecord } from './csv.js';
import type { ImportProblem } from './errors.js';

const SIGNAL_KINDS: Record<string, string> = {
  pdq: 'image_hash',
  video_md5: 'file_hash',
  photo_md5: 'file_hash',
  md5: 'file_hash',
  url: 'url',
  raw_text: 'phrase',
};
const NEGATIVE_CATEGORY = 'NEGATIVE_CLASS';
const FALSE_POSITIVE_TAG = 'false_positive';

type Add = (raw: Record<string, unknown>, where: (field?: string) => string, whereRow: string) => void;

const guessType = (signal: string) => (/^[0-9a-f]{64}$/i.test(signal) ? 'pdq' : /^[0-9a-f]{32}$/i.test(signal) ? 'md5' : undefined);

/** Reads an HMA / ThreatExchange file; returns how many rows were skipped as negative opinions. */
export function readHma(text: string, defaults: ImportDefaults, add: Add, problems: ImportProblem[], full: () => boolean): { count: number; reason: string } {
  let skipped = 0;
  if (defaults.policy_id === undefined) {
    problems.push({ where: 'the import', message: 'hash files carry no policy: give the policy the hashes violate (?policy=ID, or --policy with the CLI)' });
    return { count: 0, reason: '' };
  }
  const records = [...readCsv(text)];
  const head = records[0]?.fields.map((f) => f.value.trim().toLowerCase()) ?? [];
  const withHeader = head.includes('signal_type') && head.includes('signal_str');
  const col = (name: string) => head.indexOf(name);

  for (const record of (withHeader ? records.slice(1) : records) as CsvRecord[]) {
    if (full()) break;
    const fields = record.fields;
    let type: string | undefined;
    let signal: string;
    let signalAt = fields[0];
    let typeAt = fields[0];
    const note: string[] = [];
    if (withHeader) {
      typeAt = fields[col('signal_type')] ?? fields[0];
      signalAt = fields[col('signal_str')] ?? fields[0];
      type = typeAt.value.trim().toLowerCase();
      signal = signalAt.value.trim();
      const category = fields[col('category')]?.value.trim();
      if (category === NEGATIVE_CATEGORY) {
        skipped += 1;
        continue;
      }
      const collab = fields[col('collab')]?.value.trim();
      const tags = fields[col('tags')]?.value.trim();
      if (collab) note.push(`collaboration ${collab}`);
      if (category) note.push(`category ${category}`);
      if (tags) note.push(`tags ${tags}`);
    } else {
      const first = fields[0].value.trim();
      const space = first.indexOf(' ');
      if (space > 0) {
        type = first.slice(0, space).toLowerCase();
        signal = first.slice(space + 1).trim();
      } else {
        signal = first;
        type = guessType(signal);
      }
      const rest = fields.slice(1).map((f) => f.value.trim());
      const tags = rest.length ? rest[rest.length - 1] : '';
      if (tags.split(/\s+/).includes(FALSE_POSITIVE_TAG)) {
        skipped += 1;
        continue;
      }
      if (rest.length === 3) note.push(`ThreatExchange descriptor ${rest[0]}`, `added ${rest[1]}`);
      if (rest.length === 4) note.push(`ThreatExchange indicator ${rest[0]}`, `descriptor ${rest[1]}`, `added ${rest[2]}`);
      if (rest.length >= 3 && tags) note.push(`tags ${tags}`);
    }
    const whereRow = `line ${record.line}`;
    if (type === undefined || !(type in SIGNAL_KINDS)) {
      const known = Object.keys(SIGNAL_KINDS).join(', ');
      problems.push({
        where: `line ${typeAt.line}, column ${typeAt.column}`,
        message: type === undefined ? `${JSON.stringify(signal)} is neither a PDQ hash (64 hex) nor an MD5 (32 hex); name its signal type (${known})` : `signal type ${JSON.stringify(type)} cannot be imported; supported: ${known}`,
      });
      continue;
    }
    const raw: Record<string, unknown> = { kind: SIGNAL_KINDS[type], value: signal };
    if (note.length) raw.note = note.join('; ').slice(0, 2_000);
    add(raw, (field) => (field === 'value' || field === 'kind' ? `line ${signalAt.line}, column ${signalAt.column}` : `${whereRow}${field ? ` (${field})` : ''}`), whereRow);
  }
  return { count: skipped, reason: skipped ? 'negative opinions (NEGATIVE_CLASS or false_positive)' : '' };
}
