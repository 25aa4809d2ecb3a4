// District and commune names → GSO codes, once per distinct combination of what a row says about
// its place: its own district/commune cells, the section heading above it ("I. Huyện Bình Sơn"),
// and the sheet's name and title lines. Unknown and ambiguous names are rejected with candidates.
import { appendRows, type Db } from '../db/duckdb.ts';
import type { Gazetteer } from '../gazetteer/gazetteer.ts';
import { parseUnitName } from '../gazetteer/unit-names.ts';

export interface UnitResolution {
  district_code: string | null;
  commune_code: string | null;
  err_code: string | null;
  err: string | null;
}

const HEADING = /^\s*(?:[IVXLC]+|[A-Za-z]|\d{1,3})\s*[.)/:-]\s*/;

/** What one row says about where it is. */
export interface PlaceText {
  district: string | null;
  commune: string | null;
  section: string | null;
  context: string | null;
}

export function resolvePlace(gaz: Gazetteer, p: PlaceText, opts: { allowProvince: boolean }): UnitResolution {
  const fail = (err_code: string, err: string): UnitResolution => ({ district_code: null, commune_code: null, err_code, err });
  let district: string | null = null;
  if (p.district) {
    // "Tỉnh Quảng Ngãi" / "Toàn tỉnh" is the province; "Thành phố Quảng Ngãi" or a bare name is a
    // district first — the gazetteer forgives a wrong type word, so the order decides.
    if (opts.allowProvince && (parseUnitName(p.district).type === 'province' || /^\s*to[aà]n t[iỉ]nh\b/i.test(p.district))) {
      const prov = gaz.resolve(p.district.replace(/^\s*to[aà]n t[iỉ]nh\s*/i, '') || p.district, { level: 1 });
      if (prov.ok) return { district_code: prov.code, commune_code: null, err_code: null, err: null };
      const only = gaz.units(1);
      if (only.length === 1) return { district_code: only[0].unit_code, commune_code: null, err_code: null, err: null };
    }
    if (parseUnitName(p.district).type === 'province') {
      return fail('unknown_district', `Cột huyện ghi tên tỉnh '${p.district}' — cần tên huyện, thị xã hoặc thành phố thuộc tỉnh`);
    }
    const res = gaz.resolve(p.district, { level: 2 });
    if (!res.ok) return fail(`${res.reason}_district`, gaz.describeFailure(p.district, res, 'huyện'));
    district = res.code;
  } else {
    for (const text of [p.section?.replace(HEADING, ''), ...(p.context?.split(' | ') ?? [])]) {
      if (!text) continue;
      const res = gaz.resolve(text, { level: 2 });
      if (res.ok) { district = res.code; break; }
    }
  }
  let commune: string | null = null;
  if (p.commune) {
    const res = gaz.resolve(p.commune, { level: 3, ...(district ? { parentCode: district } : {}) });
    if (!res.ok) {
      const where = district ? ` (${gaz.get(district)?.name ?? district})` : '';
      return fail(`${res.reason}_commune`, gaz.describeFailure(p.commune, res, 'xã') + where);
    }
    commune = res.code;
    district ??= gaz.get(commune)?.parent_code ?? null;
  }
  if (!district) return fail('missing_required:district', 'Thiếu tên huyện (không có cột huyện, dòng đề mục hay tên trang tính chỉ ra huyện)');
  return { district_code: district, commune_code: commune, err_code: null, err: null };
}

/**
 * Creates temp table `map_units(district, commune, section, context, district_code, commune_code,
 * err_code, err)` covering every distinct place text of `table`.
 */
export async function resolveUnitsTable(
  db: Db, table: string, gaz: Gazetteer,
  cols: { district: string; commune: string | null }, opts: { allowProvince: boolean },
): Promise<void> {
  const commune = cols.commune ? `"${cols.commune}"` : 'NULL';
  const distinct = await db.all<{ d: string | null; c: string | null; s: string | null; x: string | null }>(
    `SELECT DISTINCT "${cols.district}" AS d, ${commune} AS c, _section AS s, _context AS x FROM ${table}`,
  );
  const rows = distinct.map((p) => {
    const r = resolvePlace(gaz, { district: p.d, commune: p.c, section: p.s, context: p.x }, opts);
    return [p.d, p.c, p.s, p.x, r.district_code, r.commune_code, r.err_code, r.err];
  });
  await appendRows(
    db, 'map_units',
    ['district', 'commune', 'section', 'context', 'district_code', 'commune_code', 'err_code', 'err'].map((name) => ({ name, type: 'VARCHAR' as const })),
    rows,
  );
}

/** The join condition from a staged table aliased `s` to `map_units` aliased `u`. */
export function unitJoin(cols: { district: string; commune: string | null }): string {
  const commune = cols.commune ? `s."${cols.commune}"` : 'NULL';
  return `u.district IS NOT DISTINCT FROM s."${cols.district}" AND u.commune IS NOT DISTINCT FROM ${commune}
    AND u.section IS NOT DISTINCT FROM s._section AND u.context IS NOT DISTINCT FROM s._context`;
}
