// Reading an import: CSV (one material per row, a header naming the columns), a JSON array, NDJSON, or
// an HMA / ThreatExchange hash file (hma.ts). Every row is checked before anything is written; problems
// name the CSV line and column, the JSON index and field, or the NDJSON line and field.
import { CLEAR, CLEARABLE, MATERIAL_FIELDS, checkDraft, naturalKey, type ImportDefaults, type MaterialDraft } from './draft.js';
import { CsvSyntaxError, readCsv, type CsvRecord } from './csv.js';
import { ImportError, type ImportProblem } from './errors.js';
import { readHma } from './hma.js';
import { jsonErrorIndex } from './json-position.js';
import { splitList } from './lists.js';

export const IMPORT_FORMATS = ['csv', 'json', 'ndjson', 'hma'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The CSV columns, in export order; an import may give any subset that includes kind and value. */
export const CSV_COLUMNS = MATERIAL_FIELDS;
export const MAX_IMPORT_ROWS = 500_000;
/** Past this many problems reading stops: the file is clearly in the wrong shape. */
const MAX_PROBLEMS = 1_000;

export interface ParsedImport {
  materials: MaterialDraft[];
  /** Where each material is in the input ("line 7", "[3]"), for problems found later (unknown policies). */
  rows: string[];
  /** Per material, the fields its row left out: a material the package already has keeps its values for them. */
  absent: (readonly string[])[];
  /** Rows deliberately left out (HMA: negative opinions), with the reason. */
  skipped: { count: number; reason: string } | undefined;
}

export interface ParseOptions extends ImportDefaults {
  /** Called every so many rows read, for progress bars. */
  onRows?: (rows: number) => void;
}

const INTEGER_FIELDS = new Set(['within', 'severity', 'max_distance']);
const NUMBER_FIELDS = new Set(['min_frame_share']);
const LIST_FIELDS = new Set(['languages', 'exceptions', 'opt_out']);

/**
 * A CSV cell as the JS value the schema expects. An empty cell clears an optional field and a list, and
 * leaves the rest out (kept for a material the package has, the default for a new one).
 */
function cellValue(field: string, text: string): unknown {
  if (LIST_FIELDS.has(field)) return splitList(text);
  if (text === '') return CLEARABLE.has(field) ? CLEAR : undefined;
  if (INTEGER_FIELDS.has(field)) return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
  if (NUMBER_FIELDS.has(field)) return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  return text;
}

class Collector {
  readonly problems: ImportProblem[] = [];
  readonly materials: MaterialDraft[] = [];
  readonly rows: string[] = [];
  readonly absent: (readonly string[])[] = [];
  /** Rows mostly leave out the same fields; one shared array per combination saves 100,000 copies. */
  private readonly absentSets = new Map<string, readonly string[]>();
  private readonly seen = new Map<string, string>();
  read = 0;
  constructor(private readonly options: ParseOptions) {}

  full() {
    return this.problems.length >= MAX_PROBLEMS;
  }

  add(raw: Record<string, unknown>, where: (field?: string) => string, whereRow: string, duplicates: 'refuse' | 'ignore' = 'refuse') {
    this.read += 1;
    if (this.read > MAX_IMPORT_ROWS) {
      if (this.read === MAX_IMPORT_ROWS + 1) this.problems.push({ where: whereRow, message: `an import holds at most ${MAX_IMPORT_ROWS} materials; split the file` });
      return;
    }
    if (this.read % 5_000 === 0) this.options.onRows?.(this.read);
    const checked = checkDraft(raw, where, this.options, this.problems);
    if (!checked) return;
    const { draft } = checked;
    const key = naturalKey(draft);
    const first = this.seen.get(key);
    if (first !== undefined) {
      if (duplicates === 'refuse') this.problems.push({ where: where('value'), message: `repeats the material at ${first} (same kind, value and near); give each material once` });
      return;
    }
    this.seen.set(key, whereRow);
    this.materials.push(draft);
    this.rows.push(whereRow);
    const absentKey = checked.absent.join();
    if (!this.absentSets.has(absentKey)) this.absentSets.set(absentKey, checked.absent);
    this.absent.push(this.absentSets.get(absentKey)!);
  }

  finish(skipped?: ParsedImport['skipped']): ParsedImport {
    this.options.onRows?.(this.read);
    if (this.problems.length) throw new ImportError(this.problems);
    if (!this.materials.length && !skipped?.count) throw new ImportError([{ where: 'the body', message: 'holds no materials' }]);
    return { materials: this.materials, rows: this.rows, absent: this.absent, skipped };
  }
}

function parseCsv(text: string, c: Collector) {
  const records = readCsv(text);
  const first = records.next();
  if (first.done) return;
  const header = first.value.fields.map((f) => ({ ...f, value: f.value.trim() }));
  const columns = new Map<string, number>();
  for (const [i, h] of header.entries()) {
    if (!(CSV_COLUMNS as string[]).includes(h.value)) {
      c.problems.push({ where: `line ${h.line}, column ${h.column}`, message: `unknown column ${JSON.stringify(h.value)} in the header; columns: ${CSV_COLUMNS.join(', ')}` });
    } else if (columns.has(h.value)) {
      c.problems.push({ where: `line ${h.line}, column ${h.column}`, message: `column ${JSON.stringify(h.value)} appears twice in the header` });
    } else columns.set(h.value, i);
  }
  for (const required of ['kind', 'value']) {
    if (!columns.has(required)) c.problems.push({ where: `line ${first.value.line}`, message: `the header has no ${JSON.stringify(required)} column; the first line must name the columns (${CSV_COLUMNS.join(', ')})` });
  }
  if (c.problems.length) return;
  for (const record of records as Iterable<CsvRecord>) {
    if (c.full()) return;
    if (record.fields.length !== header.length) {
      const last = record.fields[record.fields.length - 1];
      c.problems.push({ where: `line ${record.line}`, message: `has ${record.fields.length} fields; the header has ${header.length}${last ? ` (check quoting near column ${last.column})` : ''}` });
      c.read += 1;
      continue;
    }
    const raw: Record<string, unknown> = {};
    for (const [field, i] of columns) raw[field] = cellValue(field, record.fields[i].value);
    const where = (field?: string) => {
      const i = field === undefined ? undefined : columns.get(field);
      return i === undefined ? `line ${record.line}${field ? ` (${field})` : ''}` : `line ${record.fields[i].line}, column ${record.fields[i].column} (${field})`;
    };
    c.add(raw, where, `line ${record.line}`);
  }
}

/** A JSON syntax problem with the line and column where the text goes wrong. */
function jsonProblem(text: string, err: unknown, prefix = ''): ImportProblem {
  const message = (err instanceof Error ? err.message : String(err)).replace(/ in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
  const index = jsonErrorIndex(text);
  if (index < 0) return { where: prefix || 'the body', message: `is not valid JSON: ${message}` };
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { where: `${prefix}line ${line}, column ${column}`, message: `is not valid JSON: ${message}` };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseJson(text: string, c: Collector) {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    c.problems.push(jsonProblem(text, err));
    return;
  }
  const items = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.materials) ? doc.materials : undefined;
  if (!items) {
    c.problems.push({ where: 'the body', message: 'must be a JSON array of materials (or an object with a "materials" array)' });
    return;
  }
  for (const [i, item] of items.entries()) {
    if (c.full()) return;
    const where = (field?: string) => `[${i}]${field ? `.${field}` : ''}`;
    if (!isObject(item)) {
      c.problems.push({ where: where(), message: 'must be a JSON object' });
      continue;
    }
    c.add(item, where, `[${i}]`);
  }
}

function parseNdjson(text: string, c: Collector) {
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    if (c.full()) return;
    const line = raw.trim();
    if (!line) continue;
    const where = (field?: string) => `line ${i + 1}${field ? `, field ${field}` : ''}`;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (err) {
      const problem = jsonProblem(raw, err);
      const column = /column (\d+)$/.exec(problem.where)?.[1];
      c.problems.push({ where: `line ${i + 1}${column ? `, column ${column}` : ''}`, message: problem.message });
      continue;
    }
    if (!isObject(item)) {
      c.problems.push({ where: where(), message: 'must be a JSON object' });
      continue;
    }
    c.add(item, where, `line ${i + 1}`);
  }
}

/**
 * Reads and checks a whole import; throws ImportError listing problems, or returns every material.
 * Pure (no database): the CLI runs it on the file before sending it, the server again on receipt.
 */
export function parseImport(text: string, format: ImportFormat, options: ParseOptions = {}): ParsedImport {
  const c = new Collector(options);
  try {
    switch (format) {
      case 'csv':
        parseCsv(text, c);
        break;
      case 'json':
        parseJson(text, c);
        break;
      case 'ndjson':
        parseNdjson(text, c);
        break;
      case 'hma': {
        const skipped = readHma(text, options, (raw, where, whereRow) => c.add(raw, where, whereRow, 'ignore'), c.problems, () => c.full());
        return c.finish(skipped);
      }
    }
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    c.problems.push({ where: `line ${err.line}, column ${err.column}`, message: err.message.replace(/^line \d+, column \d+: /, '') });
  }
  return c.finish();
}
