// A small RFC 4180 reader that remembers where every field starts, so an import can name the line and
// column of a bad cell. No CSV parser is installed (only csv-stringify, used for writing).
// Accepts CRLF or LF line ends, a UTF-8 byte-order mark, quoted fields with "" escapes and line breaks,
// and skips blank lines.

export interface CsvField {
  value: string;
  /** 1-based line and column of the field's first character (its opening quote, when quoted). */
  line: number;
  column: number;
}

export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Reads records one at a time (a generator, so callers can report progress on large files). */
export function* readCsv(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  const n = text.length;
  while (i < n) {
    const recordLine = line;
    const fields: CsvField[] = [];
    let quoted = false;
    for (;;) {
      const column = i - lineStart + 1;
      const fieldLine = line;
      let value: string;
      if (text[i] === '"') {
        quoted = true;
        let out = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new CsvSyntaxError(fieldLine, column, 'a quoted field is never closed (a " is missing)');
          const chunk = text.slice(j, q);
          out += chunk;
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) {
            line += 1;
            lineStart = j + k + 1;
          }
          if (text[q + 1] === '"') {
            out += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        value = out;
        const next = text[i];
        if (i < n && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(line, i - lineStart + 1, 'unexpected text after a closing quote; double a quote inside a quoted field ("")');
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 /* , */ || c === 10 /* \n */ || c === 13 /* \r */) break;
          if (c === 34 /* " */) throw new CsvSyntaxError(line, j - lineStart + 1, 'a quote inside an unquoted field; quote the whole field and double the quote ("")');
          j += 1;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push({ value, line: fieldLine, column });
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      break;
    }
    // End of record: CRLF, LF, lone CR or end of text.
    if (text[i] === '\r') i += 1;
    if (text[i] === '\n') i += 1;
    line += 1;
    lineStart = i;
    if (fields.length === 1 && fields[0].value === '' && !quoted) continue;
    yield { line: recordLine, fields };
  }
}
