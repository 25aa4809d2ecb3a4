// The GSO administrative-units list (danhmuchanhchinh.gso.gov.vn export): one row per commune with its
// province and district repeated — the file an office downloads to set danvan up for its province.
import { asciiKey } from '../text/normalise.ts';
import type { AdminUnit } from './gazetteer.ts';
import { UNIT_TYPE_LABEL, cleanUnitText, parseUnitName, type UnitType } from './unit-names.ts';

type Role = 'provinceName' | 'provinceCode' | 'districtName' | 'districtCode' | 'communeName' | 'communeCode' | 'level';

/** Header keys (diacritics, case, punctuation and spaces removed) per column role. */
const HEADER_ALIASES: Readonly<Record<Role, readonly string[]>> = {
  provinceName: ['tinhthanhpho', 'thanhphotinh', 'tinhtp', 'tinh', 'tentinh', 'tentinhthanhpho', 'tentinhtp'],
  provinceCode: ['matp', 'matinh', 'matinhthanhpho', 'matinhtp', 'mathanhpho'],
  districtName: ['quanhuyen', 'huyenquan', 'huyen', 'tenhuyen', 'tenquanhuyen', 'tenhuyenquan'],
  districtCode: ['maqh', 'mahuyen', 'maquanhuyen', 'mahuyenquan'],
  communeName: ['phuongxa', 'xaphuong', 'xa', 'tenxa', 'tenphuongxa', 'tenxaphuong', 'phuongxathitran'],
  communeCode: ['mapx', 'maxa', 'maphuongxa', 'maxaphuong'],
  level: ['cap', 'loai', 'capdonvi'],
};

function headerKey(text: string): string {
  return asciiKey(text).replace(/[^a-z0-9]/g, '');
}

function columnRoles(header: readonly string[]): Partial<Record<Role, number>> {
  const found: Partial<Record<Role, number>> = {};
  header.forEach((h, i) => {
    const key = headerKey(h ?? '');
    for (const role of Object.keys(HEADER_ALIASES) as Role[]) {
      if (found[role] === undefined && HEADER_ALIASES[role].includes(key)) found[role] = i;
    }
  });
  return found;
}

/** Does this header row look like a GSO unit list? District and commune names and codes are required. */
export function isGsoUnitList(header: readonly string[]): boolean {
  const r = columnRoles(header);
  return (
    r.districtName !== undefined &&
    r.districtCode !== undefined &&
    r.communeName !== undefined &&
    r.communeCode !== undefined
  );
}

/** GSO codes lose their leading zeros in spreadsheets ("1" for Hà Nội "01"); put them back. */
function normaliseCode(raw: string, width: number): string | null {
  const text = raw.trim().replace(/\.0+$/, '');
  if (!/^\d+$/.test(text)) return null;
  return text.length >= width ? text : text.padStart(width, '0');
}

const LEVEL_WORDS: ReadonlyArray<[string, UnitType]> = [
  ['phuong', 'ward'],
  ['xa', 'commune'],
  ['thitran', 'township'],
];

function typeFromName(name: string, fallback: UnitType, allowed: readonly UnitType[]): UnitType {
  const t = parseUnitName(name).type;
  return t !== null && allowed.includes(t) ? t : fallback;
}

/**
 * Short name: the name without its type prefix. A numbered unit keeps its prefix ("Phường 1"),
 * because "1" alone names nothing; the gazetteer still matches it as "P.1" or "1".
 */
function shortNameOf(name: string, type: UnitType): string {
  const parsed = parseUnitName(name);
  if (parsed.type === null || parsed.core === '') return name;
  if (parsed.number !== null) return `${UNIT_TYPE_LABEL[type]} ${parsed.number}`;
  return parsed.core;
}

/**
 * Units of a GSO list (rows[0] is the header): the province (level 1), its districts (level 2) and
 * communes (level 3), each once, in file order. Codes are zero-padded to GSO widths; unit types come
 * from the "Cấp" column when present, otherwise from the name's prefix. Validity dates are unknown
 * (null) and no unit is marked remote: the office adds those.
 */
export function parseGsoUnitList(rows: readonly (readonly string[])[]): AdminUnit[] {
  if (rows.length === 0) throw new Error('Danh mục đơn vị hành chính trống / the unit list is empty');
  const roles = columnRoles(rows[0]);
  if (!isGsoUnitList(rows[0])) {
    throw new Error(
      'Không nhận ra danh mục đơn vị hành chính của Tổng cục Thống kê: cần các cột Quận Huyện, Mã QH, Phường Xã, Mã PX' +
        ' / not a GSO unit list: columns Quận Huyện, Mã QH, Phường Xã, Mã PX are required',
    );
  }
  const cell = (row: readonly string[], role: Role): string => {
    const i = roles[role];
    return i === undefined ? '' : cleanUnitText(String(row[i] ?? ''));
  };

  const units = new Map<string, AdminUnit>();
  const add = (unit: AdminUnit, rowNo: number): void => {
    const seen = units.get(unit.unit_code);
    if (!seen) {
      units.set(unit.unit_code, unit);
    } else if (seen.name !== unit.name || seen.level !== unit.level) {
      throw new Error(
        `Dòng ${rowNo}: mã ${unit.unit_code} đã dùng cho '${seen.name}', nay lại là '${unit.name}'` +
          ` / row ${rowNo}: code ${unit.unit_code} was '${seen.name}', now '${unit.name}'`,
      );
    }
  };
  const base = { valid_from: null, valid_to: null, is_remote: false };

  rows.slice(1).forEach((row, i) => {
    const rowNo = i + 2;
    if (row.every((c) => String(c ?? '').trim() === '')) return;
    const bad = (what: string, en: string): Error =>
      new Error(`Dòng ${rowNo}: ${what} không hợp lệ / row ${rowNo}: invalid ${en}`);

    let provinceCode: string | null = null;
    const provinceName = cell(row, 'provinceName');
    const provinceCodeText = cell(row, 'provinceCode');
    if (provinceCodeText) {
      provinceCode = normaliseCode(provinceCodeText, 2);
      if (provinceCode === null) throw bad('mã tỉnh', 'province code');
      const type = typeFromName(provinceName, 'province', ['province', 'city']);
      add(
        {
          unit_code: provinceCode,
          name: provinceName || provinceCode,
          short_name: shortNameOf(provinceName, type),
          unit_type: type,
          level: 1,
          parent_code: null,
          ...base,
        },
        rowNo,
      );
    }

    const districtName = cell(row, 'districtName');
    const districtCodeText = cell(row, 'districtCode');
    if (!districtCodeText) throw bad('mã huyện', 'district code');
    const districtCode = normaliseCode(districtCodeText, 3);
    if (districtCode === null) throw bad('mã huyện', 'district code');
    const dType = typeFromName(districtName, 'district', ['district', 'urban_district', 'town', 'city']);
    add(
      {
        unit_code: districtCode,
        name: districtName,
        short_name: shortNameOf(districtName, dType),
        unit_type: dType,
        level: 2,
        parent_code: provinceCode,
        ...base,
      },
      rowNo,
    );

    const communeName = cell(row, 'communeName');
    const communeCodeText = cell(row, 'communeCode');
    // A district with no communes (an island district) has a row with empty commune cells.
    if (!communeName && !communeCodeText) return;
    const communeCode = normaliseCode(communeCodeText, 5);
    if (communeCode === null) throw bad('mã xã', 'commune code');
    const levelKey = headerKey(cell(row, 'level'));
    const fromLevel = LEVEL_WORDS.find(([w]) => w === levelKey)?.[1];
    const cType = fromLevel ?? typeFromName(communeName, 'commune', ['commune', 'ward', 'township']);
    add(
      {
        unit_code: communeCode,
        name: communeName,
        short_name: shortNameOf(communeName, cType),
        unit_type: cType,
        level: 3,
        parent_code: districtCode,
        ...base,
      },
      rowNo,
    );
  });
  return [...units.values()];
}
