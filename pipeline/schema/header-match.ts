// Source headers → canonical columns. A header is the path of texts above a column (merged parent
// cells first), because government reports put "Phân loại đơn" over "Khiếu nại | Tố cáo | KNPA".
import { asciiKey } from '../text/normalise.ts';
import { DATASET_COLUMNS, type DatasetName, type SourceColumn } from './columns.ts';
import { ENUMS, type EnumName } from './vocabulary.ts';

// Locating a table tries every header path of the first rows against every dataset, so the
// same texts are keyed many times over; the cache is dropped when it grows large.
const headerKeyCache = new Map<string, string>();

/** Header text reduced to what distinguishes it: no case, diacritics, punctuation or numbering. */
export function headerKey(text: string): string {
  let key = headerKeyCache.get(text);
  if (key === undefined) {
    key = asciiKey(text)
      .replace(/^\(?\d{1,2}\)?[.)]?\s+/, '') // "(3) Ngày nhận", "3. Ngày nhận"
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (headerKeyCache.size >= 20_000) headerKeyCache.clear();
    headerKeyCache.set(text, key);
  }
  return key;
}

/** The same header without parenthesised hints: "Số tiền (đồng)" → "Số tiền". */
function withoutParentheses(text: string): string {
  return text.replace(/\([^)]*\)/g, ' ');
}

export type HeaderMatch =
  | { column: string }
  /** A one-hot column: an "x" in it means the enum column takes this value. */
  | { column: string; flagValue: string };

interface DatasetIndex {
  byKey: Map<string, SourceColumn>;
  columns: readonly SourceColumn[];
}

const indexes = new Map<DatasetName, DatasetIndex>();

function indexFor(dataset: DatasetName): DatasetIndex {
  let idx = indexes.get(dataset);
  if (!idx) {
    const byKey = new Map<string, SourceColumn>();
    for (const col of DATASET_COLUMNS[dataset]) {
      for (const alias of [col.name, col.vi, ...col.aliases, col.en]) {
        const key = headerKey(alias);
        if (key && !byKey.has(key)) byKey.set(key, col);
      }
    }
    idx = { byKey, columns: DATASET_COLUMNS[dataset] };
    indexes.set(dataset, idx);
  }
  return idx;
}

function lookup(idx: DatasetIndex, text: string): SourceColumn | undefined {
  return idx.byKey.get(headerKey(text)) ?? idx.byKey.get(headerKey(withoutParentheses(text)));
}

const enumValueIndex = new Map<EnumName, Map<string, string>>();

/** The code of an enum value written as a header or a cell ("Khiếu nại", "KN", "khieu nai"). */
export function enumValueByKey(name: EnumName, text: string): string | undefined {
  let map = enumValueIndex.get(name);
  if (!map) {
    map = new Map();
    for (const def of ENUMS[name]) {
      for (const alias of [def.code, def.vi, def.en, ...def.aliases]) {
        const key = headerKey(alias);
        if (key && !map.has(key)) map.set(key, def.code);
      }
    }
    enumValueIndex.set(name, map);
  }
  return map.get(headerKey(text));
}

/**
 * Match one column's header path. Tries the whole path ("Ngày" over "nhận"), then the lowest
 * cell alone ("Thông tin người gửi" over "Họ tên"), then parent + value for one-hot and
 * per-level columns.
 */
export function matchHeader(path: readonly string[], dataset: DatasetName): HeaderMatch | null {
  const parts = dedupe(path.map((p) => p.trim()).filter(Boolean));
  if (parts.length === 0) return null;
  const idx = indexFor(dataset);
  const whole = lookup(idx, parts.join(' '));
  if (whole) return { column: whole.name };
  // An outer group label over a two-level header: "Thông tin đơn" › "Ngày" › "nhận".
  for (let k = 1; k < parts.length - 1; k++) {
    const inner = lookup(idx, parts.slice(k).join(' '));
    if (inner) return { column: inner.name };
  }
  const last = parts[parts.length - 1];
  for (let i = parts.length - 2; i >= 0; i--) {
    const parent = lookup(idx, parts.slice(0, i + 1).join(' ')) ?? lookup(idx, parts[i]);
    if (!parent) continue;
    if (parent.type === 'enum' && parent.enum) {
      const value = enumValueByKey(parent.enum, last);
      if (value) return { column: parent.name, flagValue: value };
    }
    const perLevel = lookup(idx, `${parent.vi} ${last}`);
    if (perLevel && perLevel !== parent) return { column: perLevel.name };
  }
  const alone = lookup(idx, last);
  return alone ? { column: alone.name } : null;
}

function dedupe(parts: string[]): string[] {
  // Merged cells repeat a parent's text down the header rows; keep it once.
  return parts.filter((p, i) => i === 0 || headerKey(p) !== headerKey(parts[i - 1]));
}

export interface DatasetGuess {
  dataset: DatasetName;
  matches: (HeaderMatch | null)[];
  /** Distinct canonical columns found. */
  score: number;
  missingRequired: string[];
}

/** Which dataset a table holds, judged by how many of its canonical columns the headers name. */
export function guessDataset(headerPaths: readonly (readonly string[])[]): DatasetGuess | null {
  let best: DatasetGuess | null = null;
  for (const dataset of Object.keys(DATASET_COLUMNS) as DatasetName[]) {
    const matches = headerPaths.map((p) => matchHeader(p, dataset));
    const found = new Set(matches.filter((m): m is HeaderMatch => m !== null).map((m) => m.column));
    const meaningful = [...found].filter((c) => !DATASET_COLUMNS[dataset].find((d) => d.name === c)?.dropped);
    const missingRequired = DATASET_COLUMNS[dataset]
      .filter((c) => c.required && !found.has(c.name))
      .map((c) => c.name);
    const score = meaningful.length - missingRequired.length * 2;
    if (meaningful.length >= 2 && (!best || score > best.score)) best = { dataset, matches, score, missingRequired };
  }
  return best;
}
