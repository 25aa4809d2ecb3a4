// Where the table starts in a sheet or CSV: government reports put title lines, a header of one to
// three rows (merged parents over children) and a row of column numbers above the data. The
// header is the run of rows whose texts name the most canonical columns of one dataset.
import { DATASET_COLUMNS, type DatasetName } from '../schema/columns.ts';
import { guessDataset, headerKey, type HeaderMatch } from '../schema/header-match.ts';
import { asciiKey } from '../text/normalise.ts';

export interface LocatedTable {
  dataset: DatasetName;
  /** 0-based row indices, inclusive. */
  headerRows: { first: number; last: number };
  /** Every non-empty header column, left → right; `path` is top → bottom without repeats. */
  columns: { index: number; path: string[]; match: HeaderMatch | null }[];
  /** A row of column numbers "(1) (2) (3)…" or "1 2 3 …" right under the header, skipped. */
  numberRow: number | null;
  /** First row after the header (and the number row). */
  dataStart: number;
  /** Non-empty texts of the rows above the header, top to bottom (campaign name, period, unit). */
  titleLines: string[];
  missingRequired: string[];
}

const MAX_HEADER_ROWS = 3;

// Letterhead and title lines of Vietnamese administrative documents (Decree 30/2020 layout),
// compared without diacritics. Anchored at the start so a header such as "Kỳ báo cáo" is not one.
const TITLE_PATTERNS: readonly RegExp[] = [
  /^cong hoa xa hoi chu nghia/,
  /^doc lap\W+tu do\W+hanh phuc/,
  /^(uy ban nhan dan|ubnd)\b/,
  /^(huyen uy|tinh uy|thanh uy|thi uy|dang uy|ban dan van|uy ban mat tran|mat tran to quoc)\b/,
  /^(danh sach|bao cao|tong hop|bieu mau|bieu so|mau so|phu luc)\b/,
  /^\(?kem theo\b/,
  /^don vi tinh\s*:/,
  /^so\s*:\s*\S*\d/, // "Số: 125/BC-UBND"
  /\bngay \d{1,2} thang \d{1,2} nam \d{4}\b/, // "Quảng Ngãi, ngày 05 tháng 3 năm 2024"
];

export function locateTable(rows: string[][], opts?: { maxScan?: number }): LocatedTable | null {
  const maxScan = Math.max(1, opts?.maxScan ?? 40);
  const limit = Math.min(rows.length, maxScan + MAX_HEADER_ROWS + 1);
  const texts = rows.slice(0, limit).map((r) => (r ?? []).map(cleanText));
  const info = texts.map((cells) => ({
    blank: cells.every((c) => c === ''),
    title: isTitleRow(cells),
    numbers: isColumnNumberRow(cells),
    distinct: new Set(cells.filter((c) => c !== '').map(headerKey)).size,
  }));

  let best: (Candidate & { rank: number[] }) | null = null;
  for (let start = 0; start < Math.min(texts.length, maxScan); start++) {
    const first = info[start];
    // A header row names at least two different things; a lone text (even merged across the
    // whole width) is a title or a group label.
    if (first.blank || first.title || first.numbers || first.distinct < 2) continue;
    for (let depth = 1; depth <= MAX_HEADER_ROWS && start + depth <= texts.length; depth++) {
      const last = info[start + depth - 1];
      if (depth > 1 && (last.blank || last.title || last.numbers)) break;
      const candidate = evaluate(texts, start, depth);
      if (!candidate) continue;
      const rank = [candidate.score, candidate.matched, -depth, -start];
      if (!best || compareRank(rank, best.rank) > 0) best = { ...candidate, rank };
    }
  }
  if (!best) return null;

  // A group-label row ("Thông tin đơn" over "Số hiệu đơn | Ngày …") adds no match, so the tie
  // rule above leaves it out when the reader has copied merged cells down. It belongs to the
  // header when a vertically merged cell runs through it (same text at the same column below).
  while (best.depth < MAX_HEADER_ROWS && best.start > 0) {
    const up = best.start - 1;
    const above = info[up];
    if (above.blank || above.title || above.numbers || above.distinct < 2) break;
    const top = texts[best.start];
    if (!texts[up].some((t, c) => t !== '' && t === top[c])) break;
    const extended = evaluate(texts, up, best.depth + 1);
    if (!extended || extended.score < best.score || extended.matched < best.matched) break;
    best = { ...extended, rank: best.rank };
  }

  const { start, depth } = best;
  const after = start + depth;
  const numberRow = after < texts.length && info[after].numbers ? after : null;
  const titleLines: string[] = [];
  for (let r = 0; r < start; r++) titleLines.push(...distinctTexts(texts[r]));
  return {
    dataset: best.dataset,
    headerRows: { first: start, last: after - 1 },
    columns: best.columns,
    numberRow,
    dataStart: numberRow === null ? after : numberRow + 1,
    titleLines,
    missingRequired: best.missingRequired,
  };
}

interface Candidate {
  start: number;
  depth: number;
  dataset: DatasetName;
  columns: LocatedTable['columns'];
  missingRequired: string[];
  score: number;
  /** Header columns that matched a canonical column: breaks ties in favour of the deeper header that names its children. */
  matched: number;
}

function evaluate(texts: string[][], start: number, depth: number): Candidate | null {
  const paths = headerPaths(texts.slice(start, start + depth));
  const used = paths.map((p, index) => ({ index, path: p })).filter((c) => c.path.length > 0);
  if (used.length < 2) return null;
  const guess = guessDataset(used.map((c) => c.path));
  if (!guess) return null;
  const required = DATASET_COLUMNS[guess.dataset].filter((c) => c.required).length;
  const requiredFound = required - guess.missingRequired.length;
  // Two columns a dataset knows are not enough when most of what makes it that dataset is
  // missing (an address list has a name and an address): a table must name its required columns.
  if (guess.score < 0 && requiredFound < 2) return null;
  const columns = used.map((c, i) => ({ index: c.index, path: c.path, match: guess.matches[i] }));
  return {
    start,
    depth,
    dataset: guess.dataset,
    columns,
    missingRequired: guess.missingRequired,
    score: guess.score,
    matched: columns.filter((c) => c.match !== null).length,
  };
}

/**
 * Each column's texts from the top header row down. A workbook reader has already copied merged
 * parents into every cell they cover; a CSV leaves a parent only in the first cell of its span,
 * so an upper-row text is carried right over empty cells that have children below, within the
 * same grand-parent.
 */
function headerPaths(header: string[][]): string[][] {
  const width = header.reduce((w, r) => Math.max(w, r.length), 0);
  const grid = header.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  const depth = grid.length;
  const hasChildren = (k: number, c: number) => {
    for (let j = k + 1; j < depth; j++) if (grid[j][c] !== '') return true;
    return false;
  };
  for (let k = 0; k < depth - 1; k++) {
    for (let c = 1; c < width; c++) {
      if (grid[k][c] !== '' || grid[k][c - 1] === '') continue;
      if (!hasChildren(k, c) || !hasChildren(k, c - 1)) continue;
      let sameParent = true;
      for (let j = 0; j < k; j++) if (grid[j][c] !== grid[j][c - 1]) sameParent = false;
      if (sameParent) grid[k][c] = grid[k][c - 1];
    }
  }
  const paths: string[][] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (let k = 0; k < depth; k++) {
      const t = grid[k][c];
      if (t !== '' && path[path.length - 1] !== t) path.push(t);
    }
    paths.push(path);
  }
  return paths;
}

/**
 * A row of column numbers under a header: "(1) (2) (3)", "1 2 3", with letters for the first
 * columns ("A", "B") and formulas such as "(5)=(3)+(4)". The numbers must climb by one (a data
 * row of small counts rarely does), repeated numbers of merged cells aside.
 */
export function isColumnNumberRow(cells: string[]): boolean {
  const texts = cells.map(cleanText).filter((c) => c !== '');
  if (texts.length < 2) return false;
  const numbers: number[] = [];
  for (const t of texts) {
    const num = /^\(?(\d{1,3})\)?(\s*=[\s\d()+\-*/x×%.,:]*)?$/i.exec(t);
    if (num) {
      const n = Number(num[1]);
      if (numbers.length === 0 || numbers[numbers.length - 1] !== n) numbers.push(n);
      continue;
    }
    if (/^\(?[A-Za-z]\)?$/.test(t)) continue;
    return false;
  }
  if (numbers.length < 2) return false;
  let byOne = 0;
  for (let i = 1; i < numbers.length; i++) {
    const step = numbers[i] - numbers[i - 1];
    if (step <= 0) return false;
    if (step === 1) byOne++;
  }
  return byOne >= 0.8 * (numbers.length - 1);
}

function isTitleRow(cells: string[]): boolean {
  for (const c of cells) {
    if (c === '') continue;
    const key = asciiKey(c);
    if (TITLE_PATTERNS.some((p) => p.test(key))) return true;
  }
  return false;
}

function cleanText(c: unknown): string {
  if (c === null || c === undefined) return '';
  return String(c).replace(/\s+/g, ' ').trim();
}

function distinctTexts(cells: string[]): string[] {
  const out: string[] = [];
  for (const c of cells) if (c !== '' && !out.includes(c)) out.push(c);
  return out;
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
