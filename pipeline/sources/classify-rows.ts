// Which rows below a header are data and which are the furniture of a government report:
// section headings ("I. Huyện Bình Sơn"), totals ("Tổng cộng"), page-repeated column numbers and
// the signature block. Runs as SQL over a sheet's raw cells so a million-row CSV is classified in
// one pass; the patterns live here once.

export type RowKind = 'data' | 'blank' | 'section' | 'total' | 'signature' | 'column_numbers' | 'header';

/** Skipped row kinds, in the order the load report lists them. */
export const SKIPPED_KINDS = ['title', 'header', 'column_numbers', 'section', 'total', 'blank', 'signature'] as const;
export type SkippedKind = (typeof SKIPPED_KINDS)[number];

export const SKIPPED_LABELS: Record<SkippedKind, { vi: string; en: string }> = {
  title: { vi: 'dòng tiêu đề', en: 'title rows' },
  header: { vi: 'dòng tên cột', en: 'header rows' },
  column_numbers: { vi: 'dòng số thứ tự cột', en: 'column-number rows' },
  section: { vi: 'dòng đề mục', en: 'section rows' },
  total: { vi: 'dòng tổng cộng', en: 'total rows' },
  blank: { vi: 'dòng trống', en: 'blank rows' },
  signature: { vi: 'dòng chữ ký', en: 'signature rows' },
};

// Patterns match text folded to lower case without diacritics (đ → d), as `fold` below does in SQL.
// Every total pattern starts with t or c: that letter is checked first, so data rows skip the regex.
const TOTAL = '^(tong cong|tong so|tong|cong|cong so|total)([ :.,(]|$)';
const SIGNATURE =
  '(nguoi lap bieu|nguoi lap|nguoi ky|thu truong|truong ban|pho truong ban|chu tich|pho chu tich|giam doc|chanh thanh tra|chanh van phong|^tm[. ]|^kt[. ]|ky ten|ky, ghi ro|ky va ghi ro|dong dau|noi nhan|^[a-z ]+, ngay .{1,3} thang .{1,3} nam)';
const COLUMN_NUMBER = '^\\(?[0-9]{1,2}\\)?$';

function fold(expr: string): string {
  return `replace(strip_accents(lower(trim(${expr}))), 'đ', 'd')`;
}

/** How many cells of a raw row are filled. */
function filledSql(width: number): string {
  return Array.from({ length: width }, (_, i) => `coalesce(c${i} <> '', false)::INT`).join(' + ') || '0';
}

/**
 * SQL that adds `_kind` (and `_heading`, a section's text) to a raw table `raw(_row, c0 … cN)`.
 * `keyCols` are the columns a data row must fill (petition number, unit): a row with them empty and
 * only a heading is a section, not a broken petition. The signature block runs from its first line
 * ("Người lập biểu", "TM. UBND", a dated place line) to the end: `firstSig` is that row once known;
 * until then each signature line is marked 'signature', and the caller extends the block from the
 * first one (every row below it, blanks apart, is part of it).
 * Written so that ordinary data rows — nearly all rows — cost a count of filled cells and little
 * more: the text tests run only on rows with few filled cells or empty keys.
 */
export function classifyRowsSql(raw: string, width: number, keyCols: number[], keyHeaders: string[], firstSig: number | null): string {
  const cols = Array.from({ length: width }, (_, i) => `c${i}`);
  const signature = firstSig !== null
    ? `_row >= ${firstSig}`
    : `_filled BETWEEN 1 AND 4 AND regexp_matches(${fold(`concat_ws(' ', ${cols.join(', ')})`)}, '${SIGNATURE}')`;
  const first = `coalesce(${cols.slice(0, 4).map((c) => `nullif(trim(${c}), '')`).join(', ')}, '')`;
  const keysEmpty = keyCols.length ? keyCols.map((i) => `coalesce(trim(c${i}) = '', true)`).join(' AND ') : 'TRUE';
  // A heading merged across the row repeats one text in every cell: it is still one text.
  const single = cols.map((c) => `(coalesce(${c}, '') = '' OR trim(${c}) = _first)`).join(' AND ');
  const numbersOnly = cols.map((c) => `(coalesce(${c}, '') = '' OR regexp_matches(trim(${c}), '${COLUMN_NUMBER}'))`).join(' AND ');
  const repeatedHeader = keyCols.length
    ? keyCols.map((i, k) => `trim(c${i}) = '${(keyHeaders[k] ?? '').replaceAll("'", "''")}'`).join(' AND ')
    : 'FALSE';
  const section = `${keysEmpty} AND (_filled <= 2 OR ${single})`;
  return `
SELECT * EXCLUDE (_filled, _first), CASE
    WHEN _filled = 0 THEN 'blank'
    WHEN ${signature} THEN 'signature'
    WHEN lower(_first[1]) IN ('t', 'c') AND regexp_matches(${fold('_first')}, '${TOTAL}') THEN 'total'
    WHEN _filled >= 3 AND regexp_matches(_first, '${COLUMN_NUMBER}') AND ${numbersOnly} THEN 'column_numbers'
    WHEN ${repeatedHeader} THEN 'header'
    WHEN ${section} THEN 'section'
    ELSE 'data' END AS _kind,
  CASE WHEN _filled > 0 AND ${section} THEN _first END AS _heading
FROM (SELECT *, ${filledSql(width)} AS _filled, ${first} AS _first FROM ${raw})`;
}
