import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  centroid,
  deriveAdjacency,
  parseBoundaryFile,
  polygonsOf,
  type BoundaryFeature,
} from '../../pipeline/gazetteer/boundaries.ts';

const fixture = (p: string): string => path.resolve(process.cwd(), '../shared/fixtures', p);
const QN_GEO = fixture('geo/quang-ngai-districts.geojson');
const TH_GEO = fixture('geo/thanh-hoa-districts.geojson');

const qn = parseBoundaryFile(readFileSync(QN_GEO, 'utf8'), QN_GEO).features;
const th = parseBoundaryFile(readFileSync(TH_GEO, 'utf8'), TH_GEO).features;

function neighbours(pairs: Array<[string, string]>): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const [a, b] of pairs) {
    if (!m.has(a)) m.set(a, new Set());
    m.get(a)!.add(b);
  }
  return m;
}

function expectWellFormed(pairs: Array<[string, string]>): void {
  const keys = pairs.map(([a, b]) => `${a}-${b}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const [a, b] of pairs) {
    expect(a).not.toBe(b);
    expect(keys).toContain(`${b}-${a}`);
  }
  const sorted = [...pairs].sort((x, y) => (x[0] + ' ' + x[1] < y[0] + ' ' + y[1] ? -1 : 1));
  expect(pairs).toEqual(sorted);
}

describe('parseBoundaryFile on the fixtures', () => {
  it('reads codes, names and multipolygons', () => {
    expect(qn).toHaveLength(13);
    expect(th).toHaveLength(27);
    expect(qn.find((f) => f.code === '524')).toMatchObject({ name: 'Huyện Bình Sơn', geometry: { type: 'MultiPolygon' } });
    // Lý Sơn: Lý Sơn island and Bé island
    expect(polygonsOf(qn.find((f) => f.code === '536')!.geometry)).toHaveLength(2);
    // centroids fall where the districts are: Lý Sơn east of the coast, Ba Tơ south of Bình Sơn
    const c = (code: string) => centroid(qn.find((f) => f.code === code)!.geometry);
    expect(c('536')[0]).toBeGreaterThan(109.0);
    expect(c('535')[1]).toBeLessThan(c('524')[1]);
    for (const f of qn) {
      const [lon, lat] = centroid(f.geometry);
      expect(lon).toBeGreaterThan(108.2);
      expect(lon).toBeLessThan(109.2);
      expect(lat).toBeGreaterThan(14.5);
      expect(lat).toBeLessThan(15.5);
    }
  });

  it('explains unreadable files, naming the file', () => {
    expect(() => parseBoundaryFile('{not json', 'ranh-gioi.geojson')).toThrow(/ranh-gioi\.geojson.*JSON/);
    expect(() => parseBoundaryFile('{"type":"Point","coordinates":[1,2]}', 'x.json')).toThrow(/không được hỗ trợ/);
    const noCode = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }],
    });
    expect(() => parseBoundaryFile(noCode, 'a.geojson')).toThrow(/không có mã/);
  });
});

describe('deriveAdjacency: Quảng Ngãi districts', () => {
  const pairs = deriveAdjacency(qn);
  const n = neighbours(pairs);

  it('is symmetric, sorted, without self pairs', () => {
    expectWellFormed(pairs);
  });

  it('has the neighbours the map shows', () => {
    for (const [a, b] of [
      ['524', '527'], // Bình Sơn – Sơn Tịnh
      ['522', '528'], // TP Quảng Ngãi – Tư Nghĩa
      ['524', '525'], // Bình Sơn – Trà Bồng
      ['529', '530'], // Sơn Hà – Sơn Tây
      ['532', '533'], // Nghĩa Hành – Mộ Đức
      ['533', '534'], // Mộ Đức – Đức Phổ
      ['534', '535'], // Đức Phổ – Ba Tơ
      ['531', '535'], // Minh Long – Ba Tơ
    ]) {
      expect(n.get(a)?.has(b), `${a}-${b}`).toBe(true);
    }
  });

  it('excludes far pairs and leaves the island alone', () => {
    for (const [a, b] of [
      ['524', '535'], // Bình Sơn – Ba Tơ
      ['530', '534'], // Sơn Tây – Đức Phổ
      ['522', '530'], // TP Quảng Ngãi – Sơn Tây
      ['525', '534'], // Trà Bồng – Đức Phổ
    ]) {
      expect(n.get(a)?.has(b) ?? false, `${a}-${b}`).toBe(false);
    }
    expect(n.has('536')).toBe(false);
    for (const f of qn) if (f.code !== '536') expect(n.get(f.code)?.size ?? 0, f.code).toBeGreaterThan(0);
  });

  it('tolerates vertices that differ by less than the tolerance, not by more', () => {
    const shift = (f: BoundaryFeature, d: number): BoundaryFeature => ({
      ...f,
      geometry: { type: 'MultiPolygon', coordinates: polygonsOf(f.geometry).map((p) => p.map((r) => r.map(([x, y]) => [x + d, y - d]))) },
    });
    const nudged = qn.map((f) => (f.code === '527' ? shift(f, 4e-7) : f));
    expect(deriveAdjacency(nudged)).toEqual(pairs);
    const moved = qn.map((f) => (f.code === '527' ? shift(f, 1e-4) : f));
    expect(neighbours(deriveAdjacency(moved)).has('527')).toBe(false);
  });
});

describe('deriveAdjacency: Thanh Hóa districts', () => {
  const pairs = deriveAdjacency(th);
  const n = neighbours(pairs);

  it('is symmetric and every (mainland) district has a neighbour', () => {
    expectWellFormed(pairs);
    for (const f of th) expect(n.get(f.code)?.size ?? 0, `${f.code} ${f.name}`).toBeGreaterThan(0);
  });

  it('has known neighbours and not far pairs', () => {
    expect(n.get('380')?.has('399')).toBe(true); // TP Thanh Hóa – Hoằng Hóa (across the Mã river)
    expect(n.get('382')?.has('406')).toBe(true); // Sầm Sơn – Quảng Xương
    expect(n.get('384')?.has('385')).toBe(true); // Mường Lát – Quan Hóa
    expect(n.get('401')?.has('381')).toBe(true); // Nga Sơn – Bỉm Sơn
    expect(n.get('406')?.has('407')).toBe(true); // Quảng Xương – Nghi Sơn
    expect(n.get('384')?.has('401')).toBe(false); // Mường Lát – Nga Sơn
    expect(n.get('384')?.size).toBe(1); // Mường Lát borders Laos and Quan Hóa only
  });
});

describe('a single shared point is not a border', () => {
  it('squares touching at one corner are not neighbours', () => {
    const sq = (code: string, x: number, y: number): BoundaryFeature => ({
      code,
      name: code,
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
    });
    expect(deriveAdjacency([sq('A', 0, 0), sq('B', 1, 1)])).toEqual([]);
    expect(deriveAdjacency([sq('A', 0, 0), sq('B', 1, 0)])).toEqual([
      ['A', 'B'],
      ['B', 'A'],
    ]);
  });
});

describe('TopoJSON', () => {
  // Two squares side by side sharing the edge x = 1 (quantized units), a third square touching the
  // right one at a corner only, and a fourth far away. Arc 0 is the shared edge; the right square
  // walks it backwards (~0 = -1). Positions are delta-encoded and scaled by the transform.
  const topology = {
    type: 'Topology',
    transform: { scale: [0.5, 0.25], translate: [108, 15] },
    objects: {
      districts: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'MultiPolygon', arcs: [[[0, 1]]], properties: { code: 'A', name: 'Ấp A' } },
          { type: 'Polygon', arcs: [[2, -1]], properties: { ma: 'B', ten: 'Bê' } },
          { type: 'Polygon', arcs: [[3]], properties: { ma_huyen: 'C' } },
          { type: 'Polygon', arcs: [[4]], id: 'D' },
        ],
      },
    },
    arcs: [
      [[1, 0], [0, 1]], // (1,0) → (1,1)
      [[1, 1], [-1, 0], [0, -1], [1, 0]], // (1,1) → (0,1) → (0,0) → (1,0)
      [[1, 0], [1, 0], [0, 1], [-1, 0]], // (1,0) → (2,0) → (2,1) → (1,1)
      [[2, 1], [1, 0], [0, 1], [-1, 0], [0, -1]], // (2,1) → (3,1) → (3,2) → (2,2) → (2,1)
      [[10, 10], [1, 0], [0, 1], [-1, 0], [0, -1]], // far away
    ],
  };
  const at = (qx: number, qy: number): [number, number] => [108 + qx * 0.5, 15 + qy * 0.25];
  const ring = (...q: Array<[number, number]>) => q.map(([x, y]) => at(x, y));
  const geojson = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: 'A', name: 'Ấp A' }, geometry: { type: 'MultiPolygon', coordinates: [[ring([1, 0], [1, 1], [0, 1], [0, 0], [1, 0])]] } },
      { type: 'Feature', properties: { ma: 'B', ten: 'Bê' }, geometry: { type: 'Polygon', coordinates: [ring([1, 0], [2, 0], [2, 1], [1, 1], [1, 0])] } },
      { type: 'Feature', properties: { ma_huyen: 'C' }, geometry: { type: 'Polygon', coordinates: [ring([2, 1], [3, 1], [3, 2], [2, 2], [2, 1])] } },
      { type: 'Feature', id: 'D', properties: {}, geometry: { type: 'Polygon', coordinates: [ring([10, 10], [11, 10], [11, 11], [10, 11], [10, 10])] } },
    ],
  };

  const fromTopo = parseBoundaryFile(JSON.stringify(topology), 'test.topojson').features;
  const fromGeo = parseBoundaryFile(JSON.stringify(geojson), 'test.geojson').features;

  it('decodes quantized, delta-encoded arcs into the same rings as the GeoJSON', () => {
    expect(fromTopo.map((f) => [f.code, f.name])).toEqual([
      ['A', 'Ấp A'],
      ['B', 'Bê'],
      ['C', ''],
      ['D', ''],
    ]);
    expect(fromTopo.map((f) => f.geometry)).toEqual(fromGeo.map((f) => f.geometry));
  });

  it('gives the same adjacency as its GeoJSON', () => {
    const expected: Array<[string, string]> = [
      ['A', 'B'],
      ['B', 'A'],
    ];
    expect(deriveAdjacency(fromGeo)).toEqual(expected);
    expect(deriveAdjacency(fromTopo)).toEqual(expected);
  });

  it('reads unquantized topologies (absolute arc positions)', () => {
    const plain = {
      ...topology,
      transform: undefined,
      arcs: [
        [at(1, 0), at(1, 1)],
        [at(1, 1), at(0, 1), at(0, 0), at(1, 0)],
        [at(1, 0), at(2, 0), at(2, 1), at(1, 1)],
        [at(2, 1), at(3, 1), at(3, 2), at(2, 2), at(2, 1)],
        [at(10, 10), at(11, 10), at(11, 11), at(10, 11), at(10, 10)],
      ],
    };
    const f = parseBoundaryFile(JSON.stringify(plain), 'plain.topojson').features;
    expect(f.map((x) => x.geometry)).toEqual(fromGeo.map((x) => x.geometry));
    expect(() => parseBoundaryFile(JSON.stringify({ ...topology, arcs: [[[0, 0]]] }), 'bad.topojson')).toThrow(/bad\.topojson.*cung số 1/);
  });
});
