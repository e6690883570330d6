// A line diff of two sources: common prefix and suffix trimmed, then a longest-common-subsequence table
// over what is left (strategy sources are short; past a few million cells the middle is shown as removed
// and added wholesale rather than stall the page).

export type DiffLine = { kind: 'same' | 'del' | 'add'; text: string; a?: number; b?: number };

const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): { lines: DiffLine[]; exact: boolean } {
  const A = before.split('\n');
  const B = after.split('\n');
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++;
  const a = A.slice(pre, A.length - suf);
  const b = B.slice(pre, B.length - suf);
  const out: DiffLine[] = [];
  for (let i = 0; i < pre; i++) out.push({ kind: 'same', text: A[i]!, a: i + 1, b: i + 1 });
  let exact = true;
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) {
    exact = false;
    a.forEach((t, i) => out.push({ kind: 'del', text: t, a: pre + i + 1 }));
    b.forEach((t, j) => out.push({ kind: 'add', text: t, b: pre + j + 1 }));
  } else {
    // L[i][j] = LCS length of a[i..] and b[j..], row-major in one array.
    const w = m + 1;
    const L = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i * w + j] = a[i] === b[j] ? L[(i + 1) * w + j + 1]! + 1 : Math.max(L[(i + 1) * w + j]!, L[i * w + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) {
        out.push({ kind: 'same', text: a[i]!, a: pre + i + 1, b: pre + j + 1 });
        i++;
        j++;
      } else if (j < m && (i === n || L[i * w + j + 1]! >= L[(i + 1) * w + j]!)) {
        out.push({ kind: 'add', text: b[j]!, b: pre + j + 1 });
        j++;
      } else {
        out.push({ kind: 'del', text: a[i]!, a: pre + i + 1 });
        i++;
      }
    }
  }
  for (let k = 0; k < suf; k++) {
    const ia = A.length - suf + k;
    const ib = B.length - suf + k;
    out.push({ kind: 'same', text: A[ia]!, a: ia + 1, b: ib + 1 });
  }
  // Deletions read best before the additions that replace them.
  return { lines: reorder(out), exact };
}

/** Within each run of changes, removed lines first, then added ones. */
function reorder(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let run: DiffLine[] = [];
  const flush = () => {
    out.push(...run.filter((l) => l.kind === 'del'), ...run.filter((l) => l.kind === 'add'));
    run = [];
  };
  for (const l of lines) {
    if (l.kind === 'same') {
      flush();
      out.push(l);
    } else run.push(l);
  }
  flush();
  return out;
}

export type DiffRow = DiffLine | { kind: 'skip'; count: number; from: number };

/** Long unchanged stretches folded to `context` lines either side of each change. */
export function fold(lines: DiffLine[], context = 3): DiffRow[] {
  const changed = lines.map((l) => l.kind !== 'same');
  const keep = lines.map((_, i) => {
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) if (changed[k]) return true;
    return false;
  });
  const out: DiffRow[] = [];
  for (let i = 0; i < lines.length; ) {
    if (keep[i]) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !keep[j]) j++;
    if (j - i <= 1) out.push(...lines.slice(i, j));
    else out.push({ kind: 'skip', count: j - i, from: i });
    i = j;
  }
  return out;
}
