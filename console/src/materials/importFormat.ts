// Import helpers: which format a file or pasted text is in, the content type the server expects for it,
// and where in the text a refused import went wrong ("line 3, column 13 (status): …").
import type { ImportFormat } from './types';

export const CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  hma: 'text/plain; charset=utf-8',
};

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  csv: 'CSV (header naming the columns)',
  json: 'JSON array of materials',
  ndjson: 'NDJSON (one material per line)',
  hma: 'HMA / ThreatExchange hash file',
};

/** A guess from the file name, then from the first characters: HMA files look like CSV, so they are never guessed from content. */
export function guessFormat(name: string | undefined, head: string): ImportFormat {
  const ext = name?.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'hma' || ext === 'te') return 'hma';
  const start = head.trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    // One object spread over lines is JSON; one object per line is NDJSON.
    const lines = start.split(/\r?\n/).filter((l) => l.trim());
    return lines.length > 1 && lines.every((l) => l.trimStart().startsWith('{')) ? 'ndjson' : 'json';
  }
  return 'csv';
}

export interface ProblemPlace {
  line: number;
  /** 1-based, in UTF-16 units as the server counts them (what a textarea selection uses too). */
  column?: number;
}

/** The first "line L[, column C]" an import error names, if any. */
export function problemPlace(message: string): ProblemPlace | undefined {
  const m = /\bline (\d+)(?:, column (\d+))?/.exec(message);
  return m ? { line: Number(m[1]), column: m[2] ? Number(m[2]) : undefined } : undefined;
}

/** The text of line `line` (1-based) and the offset where it starts, for excerpts and selections. */
export function lineAt(text: string, line: number): { text: string; offset: number } | undefined {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  return { text: text.slice(offset, end < 0 ? undefined : end).replace(/\r$/, ''), offset };
}
