// Rebuilds data/gazetteer/ (the demo province, DOMAIN §8) from the fixtures, so the committed CSVs are
// reproducible derived data:  npx tsx pipeline/gazetteer/make-demo-gazetteer.ts
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { centroid, deriveAdjacency, parseBoundaryFile, polygonsOf, type BoundaryFeature, type Position } from './boundaries.ts';
import { DEMO_GAZETTEER_DIR, UNITS_COLUMNS, parseCsv, toCsv, type TileCell } from './demo-gazetteer.ts';
import type { AdminUnit } from './gazetteer.ts';
import { parseGsoUnitList } from './gso-list.ts';
import { parseUnitName } from './unit-names.ts';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const GSO_FILE = FIXTURES + 'gazetteer/quang-ngai-gso-units.csv';
const GEO_FILE = FIXTURES + 'geo/quang-ngai-districts.geojson';

const PROVINCE = { code: '51', name: 'Tỉnh Quảng Ngãi' };

/** DOMAIN §8: the 13 district-level units of 2020–2024 (Lý Sơn has no communes in the 2025 list). */
const DISTRICTS: ReadonlyArray<[code: string, name: string, remote: boolean]> = [
  ['522', 'Thành phố Quảng Ngãi', false],
  ['524', 'Huyện Bình Sơn', false],
  ['525', 'Huyện Trà Bồng', true],
  ['527', 'Huyện Sơn Tịnh', false],
  ['528', 'Huyện Tư Nghĩa', false],
  ['529', 'Huyện Sơn Hà', true],
  ['530', 'Huyện Sơn Tây', true],
  ['531', 'Huyện Minh Long', true],
  ['532', 'Huyện Nghĩa Hành', false],
  ['533', 'Huyện Mộ Đức', false],
  ['534', 'Thị xã Đức Phổ', false],
  ['535', 'Huyện Ba Tơ', true],
  ['536', 'Huyện Lý Sơn', true],
];

/**
 * The district level was abolished on 1 July 2025 (DOMAIN §2) and the communes were re-formed with
 * it, so every district and commune of this snapshot ends on 30 June 2025. Start dates are unknown
 * (null): the demo covers 2020–2024 and a change of type (Đức Phổ became a thị xã in 2020) keeps the
 * code, so it must not start a new unit.
 */
const SNAPSHOT_VALID_TO = '2025-06-30';

/** Lý Sơn is an island: linked to the mainland district(s) nearest to it, within this factor. */
const ISLAND_NEAREST_FACTOR = 1.2;

const TILE_ROWS = 5;
const TILE_COLS = 5;

function buildUnits(): AdminUnit[] {
  const gso = parseGsoUnitList(parseCsv(readFileSync(GSO_FILE, 'utf8')));
  const province = gso.find((u) => u.level === 1);
  if (province?.unit_code !== PROVINCE.code || province.name !== PROVINCE.name) {
    throw new Error(`${GSO_FILE}: expected province ${PROVINCE.code} ${PROVINCE.name}`);
  }
  const remote = new Set(DISTRICTS.filter((d) => d[2]).map((d) => d[0]));
  const units: AdminUnit[] = [{ ...province, valid_from: null, valid_to: null, is_remote: false }];
  for (const [code, name, isRemote] of DISTRICTS) {
    const listed = gso.find((u) => u.unit_code === code);
    if (listed && listed.name !== name) throw new Error(`${GSO_FILE}: district ${code} is '${listed.name}', DOMAIN says '${name}'`);
    const parsed = parseUnitName(name);
    if (!parsed.type) throw new Error(`no type prefix in '${name}'`);
    units.push({
      unit_code: code,
      name,
      short_name: parsed.core,
      unit_type: parsed.type,
      level: 2,
      parent_code: PROVINCE.code,
      valid_from: null,
      valid_to: SNAPSHOT_VALID_TO,
      is_remote: isRemote,
    });
  }
  const known = new Set(DISTRICTS.map((d) => d[0]));
  const communes = gso.filter((u) => u.level === 3).sort((a, b) => a.unit_code.localeCompare(b.unit_code));
  for (const c of communes) {
    if (!c.parent_code || !known.has(c.parent_code)) throw new Error(`commune ${c.unit_code} has unknown district ${c.parent_code}`);
    // A commune of a remote district is remote for deadline purposes (the demo has no finer list).
    units.push({ ...c, valid_from: null, valid_to: SNAPSHOT_VALID_TO, is_remote: remote.has(c.parent_code) });
  }
  return units;
}

/** Shortest distance in km between the vertices of two units (equirectangular, fine at this scale). */
function distanceKm(a: BoundaryFeature, b: BoundaryFeature): number {
  const pa = polygonsOf(a.geometry).flat(2);
  const pb = polygonsOf(b.geometry).flat(2);
  const k = Math.cos((15.3 * Math.PI) / 180);
  let best = Infinity;
  for (const p of pa) {
    for (const q of pb) best = Math.min(best, Math.hypot((p[0] - q[0]) * k, p[1] - q[1]));
  }
  return best * 111.32;
}

function islandLinks(features: BoundaryFeature[], adjacency: Array<[string, string]>): Array<[string, string, string]> {
  const connected = new Set(adjacency.map((p) => p[0]));
  const rows: Array<[string, string, string]> = [];
  for (const island of features.filter((f) => !connected.has(f.code))) {
    const mainland = features
      .filter((f) => connected.has(f.code))
      .map((f) => ({ f, km: distanceKm(island, f) }))
      .sort((x, y) => x.km - y.km);
    const nearest = mainland[0].km;
    for (const { f, km } of mainland.filter((m) => m.km <= nearest * ISLAND_NEAREST_FACTOR)) {
      const reason =
        `đảo không giáp huyện nào: nối với huyện đất liền cách ${km.toFixed(1)} km (gần nhất ${nearest.toFixed(1)} km)` +
        ` / island: linked to a mainland district ${km.toFixed(1)} km away (nearest ${nearest.toFixed(1)} km)`;
      rows.push([island.code, f.code, reason], [f.code, island.code, reason]);
    }
  }
  return rows;
}

/**
 * Each unit in the grid cell nearest its centroid, no two in one cell: greedy start, then moves and
 * swaps while they lower the total squared distance (13 units — a tiny search).
 */
function tileGrid(features: BoundaryFeature[]): TileCell[] {
  const centres = features.map((f) => ({ code: f.code, c: centroid(f.geometry) }));
  const midLat = centres.reduce((s, x) => s + x.c[1], 0) / centres.length;
  const k = Math.cos((midLat * Math.PI) / 180);
  const xs = centres.map((x) => x.c[0] * k);
  const ys = centres.map((x) => x.c[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const cell = Math.max((maxX - minX) / (TILE_COLS - 1), (maxY - minY) / (TILE_ROWS - 1));
  const target = centres.map((x, i): Position => [(xs[i] - minX) / cell, (maxY - ys[i]) / cell]);
  const cost = (i: number, r: number, c: number): number => (target[i][0] - c) ** 2 + (target[i][1] - r) ** 2;

  const taken = new Map<string, number>();
  const place: Array<[number, number]> = [];
  const order = centres.map((_, i) => i);
  for (const i of order) {
    let best: [number, number] = [0, 0];
    let bestCost = Infinity;
    for (let r = 0; r < TILE_ROWS; r++) {
      for (let c = 0; c < TILE_COLS; c++) {
        if (!taken.has(`${r},${c}`) && cost(i, r, c) < bestCost) [best, bestCost] = [[r, c], cost(i, r, c)];
      }
    }
    place[i] = best;
    taken.set(`${best[0]},${best[1]}`, i);
  }
  for (let improved = true; improved; ) {
    improved = false;
    for (const i of order) {
      for (let r = 0; r < TILE_ROWS; r++) {
        for (let c = 0; c < TILE_COLS; c++) {
          const [ri, ci] = place[i];
          const other = taken.get(`${r},${c}`);
          const before = cost(i, ri, ci) + (other === undefined ? 0 : cost(other, r, c));
          const after = cost(i, r, c) + (other === undefined ? 0 : cost(other, ri, ci));
          if (after < before - 1e-12) {
            taken.delete(`${ri},${ci}`);
            taken.delete(`${r},${c}`);
            place[i] = [r, c];
            taken.set(`${r},${c}`, i);
            if (other !== undefined) {
              place[other] = [ri, ci];
              taken.set(`${ri},${ci}`, other);
            }
            improved = true;
          }
        }
      }
    }
  }
  return centres
    .map((x, i) => ({ unit_code: x.code, row: place[i][0], col: place[i][1] }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
}

/** The four CSV files of data/gazetteer/ as text, keyed by file name. */
export function buildDemoGazetteerFiles(): Record<string, string> {
  const units = buildUnits();
  const { features } = parseBoundaryFile(readFileSync(GEO_FILE, 'utf8'), GEO_FILE);
  const districts = new Set(units.filter((u) => u.level === 2).map((u) => u.unit_code));
  const codes = new Set(features.map((f) => f.code));
  if (codes.size !== districts.size || ![...districts].every((c) => codes.has(c))) {
    throw new Error(`${GEO_FILE}: districts do not match the gazetteer`);
  }
  const adjacency = deriveAdjacency(features);
  const grid = tileGrid(features);
  return {
    'units.csv': toCsv([[...UNITS_COLUMNS], ...units.map((u) => UNITS_COLUMNS.map((c) => u[c]))]),
    'adjacency.csv': toCsv([['unit_code', 'neighbour_code'], ...adjacency]),
    'adjacency-extra.csv': toCsv([['unit_code', 'neighbour_code', 'reason'], ...islandLinks(features, adjacency)]),
    'tile-grid.csv': toCsv([['unit_code', 'row', 'col'], ...grid.map((g) => [g.unit_code, g.row, g.col])]),
  };
}

function main(): void {
  mkdirSync(DEMO_GAZETTEER_DIR, { recursive: true });
  for (const [file, text] of Object.entries(buildDemoGazetteerFiles())) {
    writeFileSync(DEMO_GAZETTEER_DIR + file, text);
    console.log(`${DEMO_GAZETTEER_DIR}${file}: ${text.trimEnd().split('\n').length - 1} rows`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
