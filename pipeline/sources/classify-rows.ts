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
const TOTAL = '^(tong cong|tong so|tong|cong|cong so|total)([ :.,(]|$)';
const SIGNATURE =
  '(nguoi lap bieu|nguoi lap|nguoi ky|thu truong|truong ban|pho truong ban|chu tich|pho chu tich|giam doc|chanh thanh tra|chanh van phong|^tm[. ]|^kt[. ]|ky ten|ky, ghi ro|ky va ghi ro|dong dau|noi nhan|^[a-z ]+, ngay .{1,3} thang .{1,3} nam)';
const COLUMN_NUMBER = '^\\(?[0-9]{1,2}\\)?$';

function fold(expr: string): string {
  return `replace(strip_accents(lower(trim(${expr}))), 'đ', 'd')`;
}

function nonEmpty(col: string): string {
  return `(${col} IS NOT NULL AND trim(${col}) <> '')`;
}

/**
 * SQL that adds `_kind` to a raw table `raw(_row, c0 … cN)`. `keyCols` are the columns a data row must
 * fill (petition number, unit): a row with them empty and only a heading is a section, not a broken
 * petition. Written so that ordinary data rows — nearly all rows — cost a count of filled cells and
 * nothing more: the text tests run only on rows with few distinct cells.
 */
export function classifyRowsSql(raw: string, width: number, keyCols: number[], keyHeaders: string[]): string {
  const cols = Array.from({ length: width }, (_, i) => `c${i}`);
  const filled = cols.map((c) => `coalesce(${c} <> '', false)::INT`).join(' + ') || '0';
  const first = `coalesce(${cols.slice(0, 4).map((c) => `nullif(trim(${c}), '')`).join(', ')}, '')`;
  const keysEmpty = keyCols.length ? keyCols.map((i) => `coalesce(trim(c${i}) = '', true)`).join(' AND ') : 'TRUE';
  // A heading merged across the row repeats one text in every cell: it is still one text.
  const single = cols.map((c) => `(coalesce(${c}, '') = '' OR trim(${c}) = _first)`).join(' AND ');
  const numbersOnly = cols.map((c) => `(coalesce(${c}, '') = '' OR regexp_matches(trim(${c}), '${COLUMN_NUMBER}'))`).join(' AND ');
  const repeatedHeader = keyCols.length
    ? keyCols.map((i, k) => `trim(c${i}) = '${(keyHeaders[k] ?? '').replaceAll("'", "''")}'`).join(' AND ')
    : 'FALSE';
  return `
WITH f AS (
  SELECT *, ${filled} AS _filled, ${first} AS _first FROM ${raw}
), g AS (
  SELECT *,
    ${fold('_first')} AS _ff,
    CASE WHEN _filled <= 4 THEN ${fold(`concat_ws(' ', ${cols.join(', ')})`)} END AS _text,
    CASE WHEN _filled > 2 AND ${keysEmpty} THEN ${single} ELSE false END AS _single
  FROM f
), sig AS (
  SELECT min(_row) AS first_sig FROM g WHERE _filled <= 4 AND regexp_matches(_text, '${SIGNATURE}')
)
SELECT * EXCLUDE (_filled, _first, _ff, _text, _single), CASE
    WHEN _filled = 0 THEN 'blank'
    WHEN _row >= coalesce((SELECT first_sig FROM sig), 2147483647) THEN 'signature'
    WHEN regexp_matches(_ff, '${TOTAL}') THEN 'total'
    WHEN _filled >= 3 AND regexp_matches(_first, '${COLUMN_NUMBER}') AND ${numbersOnly} THEN 'column_numbers'
    WHEN ${repeatedHeader} THEN 'header'
    WHEN ${keysEmpty} AND (_filled <= 2 OR _single) THEN 'section'
    ELSE 'data' END AS _kind,
  CASE WHEN ${keysEmpty} AND (_filled <= 2 OR _single) AND _filled > 0 THEN _first END AS _heading
FROM g`;
}

/** The latest section heading above each row ("I. Huyện Bình Sơn"), filled down; NULL when none. */
export function sectionFillSql(classified: string): string {
  return `SELECT * EXCLUDE (_heading), last_value(CASE WHEN _kind = 'section' THEN _heading END IGNORE NULLS)
    OVER (ORDER BY _row ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS _section FROM ${classified}`;
}
