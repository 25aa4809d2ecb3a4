// Boundary files (GeoJSON or TopoJSON, longitude/latitude) and the adjacency derived from them: two
// units are neighbours when their borders share at least one segment, not merely a point.

export type Position = [number, number];
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface BoundaryFeature {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

const CODE_KEYS = ['code', 'ma', 'ma_huyen', 'ma_xa', 'ma_tinh', 'id'];
const NAME_KEYS = ['name', 'ten', 'ten_huyen', 'ten_xa', 'ten_tinh'];

type Json = unknown;
type Obj = Record<string, Json>;

function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(fileName: string, vi: string, en: string): Error {
  return new Error(`Tệp ranh giới '${fileName}': ${vi} / boundary file '${fileName}': ${en}`);
}

function pick(props: Obj, keys: readonly string[], fallback: Json): string {
  for (const k of keys) {
    const v = props[k];
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v).trim();
  }
  return typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback).trim() : '';
}

function isPosition(v: Json): v is Position {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

function toRing(v: Json, fileName: string): Position[] {
  if (!Array.isArray(v) || !v.every(isPosition)) throw fail(fileName, 'toạ độ không hợp lệ', 'invalid coordinates');
  return v.map((p) => [p[0], p[1]] as Position);
}

function toGeometry(g: Json, fileName: string): Polygon | MultiPolygon | null {
  if (!isObj(g)) return null;
  if (g.type === 'Polygon' && Array.isArray(g.coordinates)) {
    return { type: 'Polygon', coordinates: g.coordinates.map((r) => toRing(r, fileName)) };
  }
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    return {
      type: 'MultiPolygon',
      coordinates: g.coordinates.map((p) => {
        if (!Array.isArray(p)) throw fail(fileName, 'toạ độ không hợp lệ', 'invalid coordinates');
        return p.map((r) => toRing(r, fileName));
      }),
    };
  }
  return null;
}

function fromGeoJson(doc: Obj, fileName: string): BoundaryFeature[] {
  const list = Array.isArray(doc.features) ? doc.features : [];
  const out: BoundaryFeature[] = [];
  for (const f of list) {
    if (!isObj(f)) continue;
    const props = isObj(f.properties) ? f.properties : {};
    const geometry = toGeometry(f.geometry, fileName);
    if (!geometry) continue; // points, lines, empty geometries: not an area
    out.push({ code: pick(props, CODE_KEYS, f.id), name: pick(props, NAME_KEYS, ''), geometry });
  }
  return out;
}

/** Arcs as absolute positions: quantized files store integer deltas scaled by `transform`. */
function decodeArcs(topo: Obj, fileName: string): Position[][] {
  if (!Array.isArray(topo.arcs)) throw fail(fileName, 'thiếu "arcs"', 'missing "arcs"');
  const t = isObj(topo.transform) ? topo.transform : null;
  const scale = t && Array.isArray(t.scale) ? (t.scale as number[]) : null;
  const translate = t && Array.isArray(t.translate) ? (t.translate as number[]) : null;
  return topo.arcs.map((arc) => {
    if (!Array.isArray(arc) || !arc.every(isPosition)) throw fail(fileName, 'cung không hợp lệ', 'invalid arc');
    if (!scale || !translate) return arc.map((p) => [p[0], p[1]] as Position);
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]] as Position;
    });
  });
}

function stitchRing(indexes: Json, arcs: Position[][], fileName: string): Position[] {
  if (!Array.isArray(indexes)) throw fail(fileName, 'vòng không hợp lệ', 'invalid ring');
  const ring: Position[] = [];
  for (const ix of indexes) {
    if (typeof ix !== 'number' || !Number.isInteger(ix)) throw fail(fileName, 'chỉ số cung không hợp lệ', 'invalid arc index');
    // A negative index ~i means arc i walked backwards.
    const arc = ix >= 0 ? arcs[ix] : arcs[~ix]?.slice().reverse();
    if (!arc) throw fail(fileName, `không có cung số ${ix}`, `arc ${ix} does not exist`);
    // Consecutive arcs share their joining point.
    ring.push(...(ring.length > 0 ? arc.slice(1) : arc));
  }
  return ring;
}

function fromTopoJson(doc: Obj, fileName: string): BoundaryFeature[] {
  const arcs = decodeArcs(doc, fileName);
  const objects = isObj(doc.objects) ? Object.values(doc.objects) : [];
  const out: BoundaryFeature[] = [];
  const visit = (o: Json): void => {
    if (!isObj(o)) return;
    if (o.type === 'GeometryCollection') {
      for (const g of Array.isArray(o.geometries) ? o.geometries : []) visit(g);
      return;
    }
    const props = isObj(o.properties) ? o.properties : {};
    let geometry: Polygon | MultiPolygon | null = null;
    if (o.type === 'Polygon' && Array.isArray(o.arcs)) {
      geometry = { type: 'Polygon', coordinates: o.arcs.map((r) => stitchRing(r, arcs, fileName)) };
    } else if (o.type === 'MultiPolygon' && Array.isArray(o.arcs)) {
      geometry = {
        type: 'MultiPolygon',
        coordinates: o.arcs.map((p) => (Array.isArray(p) ? p : []).map((r) => stitchRing(r, arcs, fileName))),
      };
    }
    if (geometry) out.push({ code: pick(props, CODE_KEYS, o.id), name: pick(props, NAME_KEYS, ''), geometry });
  };
  for (const o of objects) visit(o);
  return out;
}

/** Features of a GeoJSON FeatureCollection / Feature or a TopoJSON Topology. */
export function parseBoundaryFile(text: string, fileName: string): { features: BoundaryFeature[] } {
  let doc: Json;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw fail(fileName, 'không đọc được JSON', `not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(doc)) throw fail(fileName, 'không phải GeoJSON/TopoJSON', 'not GeoJSON/TopoJSON');
  let features: BoundaryFeature[];
  if (doc.type === 'Topology') features = fromTopoJson(doc, fileName);
  else if (doc.type === 'FeatureCollection') features = fromGeoJson(doc, fileName);
  else if (doc.type === 'Feature') features = fromGeoJson({ features: [doc] }, fileName);
  else throw fail(fileName, `kiểu '${String(doc.type)}' không được hỗ trợ`, `unsupported type '${String(doc.type)}'`);
  if (features.length === 0) throw fail(fileName, 'không có vùng (Polygon) nào', 'no polygon features');
  const noCode = features.findIndex((f) => f.code === '');
  if (noCode >= 0) {
    throw fail(
      fileName,
      `vùng thứ ${noCode + 1} không có mã (code/ma/ma_huyen/id)`,
      `feature ${noCode + 1} has no code (code/ma/ma_huyen/id)`,
    );
  }
  return { features };
}

export function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Vertex identities with a tolerance: a vertex within `tolerance` (in each axis) of one seen before
 * is that vertex. Grid cells of the tolerance's size, checking the 3×3 block around, find it.
 */
class VertexSnapper {
  readonly #cells = new Map<string, Array<{ x: number; y: number; id: number }>>();
  #next = 0;
  constructor(private readonly tolerance: number) {}

  id([x, y]: Position): number {
    const t = this.tolerance;
    const cx = Math.floor(x / t);
    const cy = Math.floor(y / t);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const v of this.#cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (Math.abs(v.x - x) <= t && Math.abs(v.y - y) <= t) return v.id;
        }
      }
    }
    const id = this.#next++;
    const key = `${cx},${cy}`;
    const cell = this.#cells.get(key);
    if (cell) cell.push({ x, y, id });
    else this.#cells.set(key, [{ x, y, id }]);
    return id;
  }
}

/**
 * Pairs of units whose boundaries share a segment, both directions, sorted, no self pairs. Shared
 * borders are expected to have the same vertices on both sides (files cut from one topology, as GSO
 * and gis.chinhphu.vn data are); vertices closer than `tolerance` degrees count as the same.
 */
export function deriveAdjacency(
  features: readonly BoundaryFeature[],
  opts: { tolerance?: number } = {},
): Array<[string, string]> {
  const snapper = new VertexSnapper(opts.tolerance ?? 1e-6);
  const owners = new Map<string, Set<string>>();
  for (const f of features) {
    for (const polygon of polygonsOf(f.geometry)) {
      for (const ring of polygon) {
        let prev: number | null = null;
        for (const p of ring) {
          const id = snapper.id(p);
          if (prev !== null && prev !== id) {
            const key = prev < id ? `${prev}:${id}` : `${id}:${prev}`;
            let set = owners.get(key);
            if (!set) owners.set(key, (set = new Set()));
            set.add(f.code);
          }
          prev = id;
        }
      }
    }
  }
  const pairs = new Set<string>();
  for (const set of owners.values()) {
    if (set.size < 2) continue;
    const codes = [...set];
    for (const a of codes) for (const b of codes) if (a !== b) pairs.add(`${a}\u0000${b}`);
  }
  return [...pairs]
    .map((s) => s.split('\u0000') as [string, string])
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
}

/** Area-weighted centroid of a unit (planar, in degrees: enough for laying out maps and tiles). */
export function centroid(geometry: Polygon | MultiPolygon): Position {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, i) => {
      // Shoelace; holes (rings after the first) subtract whatever their orientation.
      let a = 0;
      let x = 0;
      let y = 0;
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x0, y0] = ring[k];
        const [x1, y1] = ring[k + 1];
        const c = x0 * y1 - x1 * y0;
        a += c;
        x += (x0 + x1) * c;
        y += (y0 + y1) * c;
      }
      const sign = (i === 0 ? 1 : -1) * Math.sign(a || 1);
      area += (sign * a) / 2;
      cx += sign * x;
      cy += sign * y;
    });
  }
  if (area === 0) {
    const pts = polygonsOf(geometry).flat(2);
    return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
  }
  return [cx / (6 * area), cy / (6 * area)];
}
