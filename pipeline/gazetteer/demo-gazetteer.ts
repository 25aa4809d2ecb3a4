// The built-in demo gazetteer (Quảng Ngãi, DOMAIN §8), committed under data/gazetteer/ and rebuilt
// from the fixtures by make-demo-gazetteer.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AdminUnit } from './gazetteer.ts';
import { UNIT_TYPES, type UnitType } from './unit-names.ts';

export const DEMO_GAZETTEER_DIR = fileURLToPath(new URL('../../data/gazetteer/', import.meta.url));

export const UNITS_COLUMNS = [
  'unit_code',
  'name',
  'short_name',
  'unit_type',
  'level',
  'parent_code',
  'valid_from',
  'valid_to',
  'is_remote',
] as const;

export interface TileCell {
  unit_code: string;
  row: number;
  col: number;
}

export interface AdjacencyExtra {
  unit_code: string;
  neighbour_code: string;
  reason: string;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) — enough for the gazetteer's own files. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const cell = (v: string | number | boolean | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Rows of a CSV as objects keyed by header; the header must hold `columns` (in any order). */
function readTable(file: string, columns: readonly string[]): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(readFileSync(DEMO_GAZETTEER_DIR + file, 'utf8'));
  const missing = columns.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0) {
    throw new Error(`${file}: thiếu cột ${missing.join(', ')} / missing columns ${missing.join(', ')}`);
  }
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function toUnit(r: Record<string, string>): AdminUnit {
  const level = Number(r.level);
  if (level !== 1 && level !== 2 && level !== 3) throw new Error(`units.csv: cấp không hợp lệ '${r.level}' (${r.unit_code})`);
  if (!UNIT_TYPES.includes(r.unit_type as UnitType)) {
    throw new Error(`units.csv: loại đơn vị không hợp lệ '${r.unit_type}' (${r.unit_code})`);
  }
  return {
    unit_code: r.unit_code,
    name: r.name,
    short_name: r.short_name,
    unit_type: r.unit_type as UnitType,
    level,
    parent_code: r.parent_code || null,
    valid_from: r.valid_from || null,
    valid_to: r.valid_to || null,
    is_remote: r.is_remote === 'true',
  };
}

/**
 * Units, adjacency and tile grid of the demo province. `adjacency` (both directions) is the border
 * adjacency of adjacency.csv plus the declared links of adjacency-extra.csv (Lý Sơn island to the
 * nearest mainland), so spatial statistics see no isolated unit; `adjacencyExtra` lists the latter
 * with their reasons.
 */
export function loadDemoGazetteer(): {
  units: AdminUnit[];
  adjacency: Array<[string, string]>;
  adjacencyExtra: AdjacencyExtra[];
  tileGrid: TileCell[];
} {
  const units = readTable('units.csv', UNITS_COLUMNS).map(toUnit);
  const border = readTable('adjacency.csv', ['unit_code', 'neighbour_code']);
  const adjacencyExtra = readTable('adjacency-extra.csv', ['unit_code', 'neighbour_code', 'reason']).map((r) => ({
    unit_code: r.unit_code,
    neighbour_code: r.neighbour_code,
    reason: r.reason,
  }));
  const pairs = new Set<string>();
  for (const r of [...border, ...adjacencyExtra]) {
    pairs.add(`${r.unit_code},${r.neighbour_code}`);
    pairs.add(`${r.neighbour_code},${r.unit_code}`);
  }
  const adjacency = [...pairs].sort().map((p) => p.split(',') as [string, string]);
  const tileGrid = readTable('tile-grid.csv', ['unit_code', 'row', 'col']).map((r) => ({
    unit_code: r.unit_code,
    row: Number(r.row),
    col: Number(r.col),
  }));
  return { units, adjacency, adjacencyExtra, tileGrid };
}
