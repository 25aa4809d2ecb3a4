// CSV/TSV text (already decoded to a JS string) → rows of cell texts. Used on the head of a file to
// find the table, and on small files whole; the bulk of a big CSV is read by DuckDB.

export type Delimiter = ',' | ';' | '\t' | '|';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
const SNIFF_LINES = 50;
const SNIFF_CHARS = 256 * 1024;

/**
 * The delimiter that splits the head of the file into the most rows of one and the same width
 * (> 1). Title lines above a government table hold a single field and do not vote.
 */
export function sniffDelimiter(text: string): Delimiter {
  const head = stripBom(text.slice(0, SNIFF_CHARS));
  let best: { delimiter: Delimiter; rows: number; width: number; singles: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const rows = parseCsvRows(head, delimiter, SNIFF_LINES * 4)
      .filter((r) => r.length > 1 || r[0].trim() !== '')
      .slice(0, SNIFF_LINES);
    const widths = new Map<number, number>();
    let singles = 0;
    for (const r of rows) {
      if (r.length > 1) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
      else singles++;
    }
    let modeWidth = 0;
    let modeCount = 0;
    for (const [width, count] of widths) {
      if (count > modeCount || (count === modeCount && width > modeWidth)) {
        modeWidth = width;
        modeCount = count;
      }
    }
    if (modeCount === 0) continue;
    const better =
      !best ||
      modeCount > best.rows ||
      (modeCount === best.rows && singles < best.singles) ||
      (modeCount === best.rows && singles === best.singles && modeWidth > best.width);
    if (better) best = { delimiter, rows: modeCount, width: modeWidth, singles };
  }
  return best?.delimiter ?? ',';
}

/**
 * RFC 4180 with the leniency real exports need: a quote inside an unquoted field is kept as is; a
 * quote inside a quoted field that is not followed by a delimiter or line end is kept as is too
 * ("pedro "pdet" holanda"); a quoted field never closed is read again as unquoted text. Blank
 * lines are kept as [''] so row numbers follow the file's lines.
 */
export function parseCsvRows(text: string, delimiter: string, maxRows = Infinity): string[][] {
  if (delimiter.length !== 1) throw new Error(`delimiter must be one character, got ${JSON.stringify(delimiter)}`);
  const s = stripBom(text);
  const n = s.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;

  const isLineEnd = (ch: string) => ch === '\n' || ch === '\r';
  /** Consumes the line ending at i (CRLF, LF or CR) and returns the index after it. */
  const skipLineEnd = (at: number) => (s[at] === '\r' && s[at + 1] === '\n' ? at + 2 : at + 1);

  while (i < n && rows.length < maxRows) {
    let field: string;
    if (s[i] === '"') {
      const parsed = readQuoted(s, i + 1, delimiter);
      if (parsed) {
        field = parsed.value;
        i = parsed.end;
      } else {
        const end = unquotedEnd(s, i, delimiter);
        field = s.slice(i, end);
        i = end;
      }
    } else {
      const end = unquotedEnd(s, i, delimiter);
      field = s.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= n) break;
    if (s[i] === delimiter) {
      i++;
      if (i >= n) row.push(''); // a trailing delimiter at the very end is an empty last field
      continue;
    }
    if (isLineEnd(s[i])) {
      rows.push(row);
      row = [];
      i = skipLineEnd(i);
    }
  }
  if (row.length > 0 && rows.length < maxRows) rows.push(row);
  return rows;
}

function unquotedEnd(s: string, from: number, delimiter: string): number {
  let j = from;
  while (j < s.length) {
    const ch = s[j];
    if (ch === delimiter || ch === '\n' || ch === '\r') break;
    j++;
  }
  return j;
}

/** Reads a quoted field whose content starts at `from`; null when the quote is never closed. */
function readQuoted(s: string, from: number, delimiter: string): { value: string; end: number } | null {
  let out = '';
  let j = from;
  while (j < s.length) {
    const q = s.indexOf('"', j);
    if (q < 0) return null;
    out += s.slice(j, q);
    if (s[q + 1] === '"') {
      out += '"';
      j = q + 2;
      continue;
    }
    // Spaces between the closing quote and the delimiter are a writer's padding, not content.
    let k = q + 1;
    while ((s[k] === ' ' || s[k] === '\t') && s[k] !== delimiter) k++;
    const next = s[k];
    if (next === undefined || next === delimiter || next === '\n' || next === '\r') {
      return { value: out, end: k };
    } else {
      out += '"'; // a stray quote inside the field
      j = q + 1;
    }
  }
  return null;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
