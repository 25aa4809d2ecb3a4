import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoGazetteer, parseCsv, DEMO_GAZETTEER_DIR } from '../../pipeline/gazetteer/demo-gazetteer.ts';
import { Gazetteer, type AdminUnit, type ResolveResult } from '../../pipeline/gazetteer/gazetteer.ts';
import { isGsoUnitList, parseGsoUnitList } from '../../pipeline/gazetteer/gso-list.ts';
import { buildDemoGazetteerFiles } from '../../pipeline/gazetteer/make-demo-gazetteer.ts';

const fixture = (p: string): string => path.resolve(process.cwd(), '../shared/fixtures', p);
const QN_GSO = fixture('gazetteer/quang-ngai-gso-units.csv');
const TH_GSO = fixture('gazetteer/thanh-hoa-gso-units.csv');

const demo = loadDemoGazetteer();
const qn = new Gazetteer(demo.units);
const th = new Gazetteer(parseGsoUnitList(parseCsv(readFileSync(TH_GSO, 'utf8'))));

function code(res: ResolveResult): string | undefined {
  return res.ok ? res.code : undefined;
}
function candidateCodes(res: ResolveResult): string[] {
  return res.ok ? [] : res.candidates.map((u) => u.unit_code).sort();
}

function unit(code: string, name: string, short: string, type: AdminUnit['unit_type'], level: 1 | 2 | 3, parent: string | null, extra: Partial<AdminUnit> = {}): AdminUnit {
  return { unit_code: code, name, short_name: short, unit_type: type, level, parent_code: parent, valid_from: null, valid_to: null, is_remote: false, ...extra };
}

describe('resolve: district names in every written form (Quảng Ngãi)', () => {
  const forms: Array<[string, string]> = [
    ['Huyện Bình Sơn', '524'],
    ['H. Bình Sơn', '524'],
    ['h Bình Sơn', '524'],
    ['H.Bình Sơn', '524'],
    ['HUYỆN BÌNH SƠN', '524'],
    ['huyện   bình\nsơn', '524'],
    [' Bình Sơn\r\n', '524'],
    ['Huyện Bình Sơn'.normalize('NFD'), '524'],
    ['Thành phố Quảng Ngãi', '522'],
    ['TP Quảng Ngãi', '522'],
    ['TP. Quảng Ngãi', '522'],
    ['Tp Quảng Ngãi', '522'],
    ['T.P Quảng Ngãi', '522'],
    ['T.P. Quảng Ngãi', '522'],
    ['Quảng Ngãi', '522'],
    ['Thị xã Đức Phổ', '534'],
    ['TX Đức Phổ', '534'],
    ['TX. Đức Phổ', '534'],
    ['Tx Đức Phổ', '534'],
    ['Đức Phổ', '534'],
    ['Huyện Tư Nghĩa', '528'],
    ['Huyện Lý Sơn', '536'],
  ];
  it.each(forms)('%j → %s (exact)', (raw, expected) => {
    expect(qn.resolve(raw, { level: 2 })).toEqual({ ok: true, code: expected, how: 'exact' });
  });

  it('missing diacritics when unique: "Binh Son", "huyen binh son", "TX Duc Pho", partial marks', () => {
    for (const raw of ['Binh Son', 'binh son', 'huyen binh son', 'H. Binh Son', 'Bình Son']) {
      expect(qn.resolve(raw, { level: 2 }), raw).toEqual({ ok: true, code: '524', how: 'no_diacritics' });
    }
    expect(qn.resolve('TX Duc Pho', { level: 2 })).toEqual({ ok: true, code: '534', how: 'no_diacritics' });
    expect(qn.resolve('Thi xa Duc Pho', { level: 2 })).toEqual({ ok: true, code: '534', how: 'no_diacritics' });
    expect(qn.resolve('tp quang ngai', { level: 2 })).toEqual({ ok: true, code: '522', how: 'no_diacritics' });
  });

  it('accepts a prefix that contradicts the unit type when the name is unique', () => {
    expect(qn.resolve('Thị xã Bình Sơn', { level: 2 })).toEqual({ ok: true, code: '524', how: 'exact' });
    expect(qn.resolve('Huyện Đức Phổ', { level: 2 })).toEqual({ ok: true, code: '534', how: 'exact' });
  });

  it('without a level, the type prefix tells province and city apart', () => {
    const plain = qn.resolve('Quảng Ngãi');
    expect(plain.ok).toBe(false);
    expect(!plain.ok && plain.reason).toBe('ambiguous');
    expect(candidateCodes(plain)).toEqual(['51', '522']);
    expect(code(qn.resolve('Tỉnh Quảng Ngãi'))).toBe('51');
    expect(code(qn.resolve('T. Quảng Ngãi'))).toBe('51');
    expect(code(qn.resolve('TP Quảng Ngãi'))).toBe('522');
    expect(code(qn.resolve('Quảng Ngãi', { level: 1 }))).toBe('51');
  });
});

describe('resolve: communes', () => {
  it('old and new tone placement, and the "Tỉnh"/"Tịnh" trap', () => {
    for (const raw of ['Xã Tịnh Hòa', 'Xã Tịnh Hoà', 'X. Tịnh Hoà', 'tịnh hoà', 'Tịnh Hòa'.normalize('NFD')]) {
      expect(qn.resolve(raw, { level: 3, parentCode: '522' }), raw).toEqual({ ok: true, code: '21187', how: 'exact' });
    }
    // "Tinh" might be the prefix "Tỉnh": the unprefixed reading still finds the commune.
    expect(qn.resolve('Tinh Hoa', { level: 3, parentCode: '522' })).toEqual({ ok: true, code: '21187', how: 'no_diacritics' });
    expect(qn.resolve('Xa Tinh Hoa', { level: 3, parentCode: '522' })).toEqual({ ok: true, code: '21187', how: 'no_diacritics' });
  });

  it('"Thuỷ" = "Thủy", "Hoá" = "Hóa" (Thanh Hóa)', () => {
    expect(th.resolve('Huyện Cẩm Thuỷ', { level: 2 })).toEqual({ ok: true, code: '390', how: 'exact' });
    expect(th.resolve('Cẩm Thủy', { level: 2 })).toEqual({ ok: true, code: '390', how: 'exact' });
    expect(th.resolve('Huyện Thiệu Hoá', { level: 2 })).toEqual({ ok: true, code: '398', how: 'exact' });
    // Thiệu Hóa district has the township "Thiệu Hóa" and the commune "Thiệu Hòa".
    expect(th.resolve('Thiệu Hoá', { level: 3, parentCode: '398' })).toEqual({ ok: true, code: '15772', how: 'exact' });
    expect(th.resolve('Thiệu Hoà', { level: 3, parentCode: '398' })).toEqual({ ok: true, code: '15823', how: 'exact' });
  });

  it('"Quan Hóa" is a district name, not "Quận Hóa"', () => {
    expect(th.resolve('Quan Hóa', { level: 2 })).toEqual({ ok: true, code: '385', how: 'exact' });
    expect(th.resolve('Quan Hoa', { level: 2 })).toEqual({ ok: true, code: '385', how: 'no_diacritics' });
    expect(th.resolve('Huyện Quan Sơn', { level: 2 })).toEqual({ ok: true, code: '387', how: 'exact' });
  });

  it('a commune is looked for within its district, or anywhere below the province', () => {
    expect(qn.resolve('Phường Nguyễn Nghiêm', { level: 3, parentCode: '534' })).toEqual({ ok: true, code: '21439', how: 'exact' });
    expect(qn.resolve('Phường Nguyễn Nghiêm', { level: 3, parentCode: '522' })).toEqual({ ok: true, code: '21025', how: 'exact' });
    const anywhere = qn.resolve('Phường Nguyễn Nghiêm', { level: 3, parentCode: '51' });
    expect(candidateCodes(anywhere)).toEqual(['21025', '21439']);
    expect(code(qn.resolve('Xã Tịnh Hòa', { level: 3, parentCode: '51' }))).toBe('21187');
    expect(code(qn.resolve('Xã Tịnh Hòa', { level: 3, parentCode: '524' }))).toBeUndefined();
  });
});

describe('resolve: ambiguity is never guessed', () => {
  it('two communes with the same name in one district (Thanh Hóa city: Đông Khê 16387, 16408)', () => {
    const res = th.resolve('Xã Đông Khê', { level: 3, parentCode: '380' });
    expect(res).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(candidateCodes(res)).toEqual(['16387', '16408']);
    expect(th.describeFailure('Xã Đông Khê', res, 'xã')).toBe(
      "Tên xã 'Xã Đông Khê' không rõ ràng — có thể là: Xã Đông Khê (mã 16387), Xã Đông Khê (mã 16408)",
    );
  });

  it('an ascii name that fits two communes of one district is ambiguous; diacritics decide', () => {
    // Hậu Lộc (400): Xã Hoa Lộc 16063 and Xã Hòa Lộc 16075
    const res = th.resolve('Hoa Loc', { level: 3, parentCode: '400' });
    expect(res).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(candidateCodes(res)).toEqual(['16063', '16075']);
    expect(th.resolve('Hoa Lộc', { level: 3, parentCode: '400' })).toEqual({ ok: true, code: '16063', how: 'exact' });
    expect(th.resolve('Hòa Lộc', { level: 3, parentCode: '400' })).toEqual({ ok: true, code: '16075', how: 'exact' });
    expect(th.resolve('Hoà Lộc', { level: 3, parentCode: '400' })).toEqual({ ok: true, code: '16075', how: 'exact' });
    // Hoằng Hóa (399): four pairs; Vĩnh Lộc (393): Vĩnh Hưng / Vĩnh Hùng
    expect(candidateCodes(th.resolve('Hoang Quy', { level: 3, parentCode: '399' }))).toEqual(['15886', '15916']);
    expect(candidateCodes(th.resolve('Vinh Hung', { level: 3, parentCode: '393' }))).toEqual(['15367', '15379']);
    expect(th.describeFailure('Vinh Hung', th.resolve('Vinh Hung', { level: 3, parentCode: '393' }), 'xã')).toBe(
      "Tên xã 'Vinh Hung' không rõ ràng — có thể là: Xã Vĩnh Hưng (mã 15367), Xã Vĩnh Hùng (mã 15379)",
    );
  });

  it('the written type picks between a township and a commune of equal ascii name', () => {
    // Ba Tơ (535): Thị trấn Ba Tơ 21484, Xã Ba Tô 21523
    expect(candidateCodes(qn.resolve('Ba To', { level: 3, parentCode: '535' }))).toEqual(['21484', '21523']);
    expect(qn.resolve('TT Ba To', { level: 3, parentCode: '535' })).toEqual({ ok: true, code: '21484', how: 'no_diacritics' });
    expect(qn.resolve('Xã Ba To', { level: 3, parentCode: '535' })).toEqual({ ok: true, code: '21523', how: 'no_diacritics' });
    expect(qn.resolve('Ba Tô', { level: 3, parentCode: '535' })).toEqual({ ok: true, code: '21523', how: 'exact' });
    expect(qn.resolve('Ba Tơ', { level: 3, parentCode: '535' })).toEqual({ ok: true, code: '21484', how: 'exact' });
    expect(candidateCodes(th.resolve('Thieu Hoa', { level: 3, parentCode: '398' }))).toEqual(['15772', '15823']);
    expect(code(th.resolve('TT Thieu Hoa', { level: 3, parentCode: '398' }))).toBe('15772');
  });

  it('a wrong diacritic is not forgiven: "Nghĩa Dùng" is neither Nghĩa Dũng nor Nghĩa Dõng', () => {
    const wrong = qn.resolve('Xã Nghĩa Dùng', { level: 3, parentCode: '522' });
    expect(wrong).toMatchObject({ ok: false, reason: 'unknown' });
    expect(candidateCodes(wrong)).toEqual(expect.arrayContaining(['21034', '21037']));
    expect(qn.resolve('Nghia Dung', { level: 3, parentCode: '522' })).toEqual({ ok: true, code: '21034', how: 'no_diacritics' });
    expect(qn.resolve('Nghia Dong', { level: 3, parentCode: '522' })).toEqual({ ok: true, code: '21037', how: 'no_diacritics' });
    expect(code(qn.resolve('Nghĩa Dõng', { level: 3, parentCode: '522' }))).toBe('21037');
  });
});

describe('resolve: unknown names come with near candidates', () => {
  it('"Binh Sn" → gần giống: Bình Sơn', () => {
    const res = qn.resolve('Binh Sn', { level: 2 });
    expect(res).toMatchObject({ ok: false, reason: 'unknown' });
    expect(!res.ok && res.candidates[0].unit_code).toBe('524');
    expect(!res.ok && res.candidates.length).toBeLessThanOrEqual(3);
    expect(qn.describeFailure('Binh Sn', res, 'huyện')).toBe("Không rõ huyện 'Binh Sn' — gần giống: Bình Sơn");
  });

  it('nothing near', () => {
    const res = qn.resolve('Huyện Hoàng Sa', { level: 2 });
    expect(res).toEqual({ ok: false, reason: 'unknown', candidates: [] });
    expect(qn.describeFailure('Huyện Hoàng Sa', res, 'huyện')).toBe("Không rõ huyện 'Huyện Hoàng Sa' — không có tên nào gần giống");
    expect(qn.resolve('   ', { level: 2 })).toEqual({ ok: false, reason: 'unknown', candidates: [] });
  });

  it('a resolved name has no failure text', () => {
    expect(qn.describeFailure('Bình Sơn', qn.resolve('Bình Sơn', { level: 2 }), 'huyện')).toBe('');
  });
});

describe('resolve: codes', () => {
  it('accepts GSO codes, also as spreadsheet numbers', () => {
    expect(qn.resolve('524')).toEqual({ ok: true, code: '524', how: 'code' });
    expect(qn.resolve('21010', { level: 3 })).toEqual({ ok: true, code: '21010', how: 'code' });
    expect(qn.resolve(' 524 ', { level: 2 })).toEqual({ ok: true, code: '524', how: 'code' });
    expect(qn.resolve('524.0', { level: 2 })).toEqual({ ok: true, code: '524', how: 'code' });
    expect(qn.resolve('0524', { level: 2 })).toEqual({ ok: true, code: '524', how: 'code' });
    expect(qn.resolve('51', { level: 1 })).toEqual({ ok: true, code: '51', how: 'code' });
    // a code outside the requested level or parent is not that unit
    expect(qn.resolve('524', { level: 3 }).ok).toBe(false);
    expect(qn.resolve('21010', { level: 3, parentCode: '524' }).ok).toBe(false);
  });

  const hanoi = new Gazetteer([
    unit('01', 'Thành phố Hà Nội', 'Hà Nội', 'city', 1, null),
    unit('001', 'Quận Ba Đình', 'Ba Đình', 'urban_district', 2, '01'),
    unit('00001', 'Phường Phúc Xá', 'Phúc Xá', 'ward', 3, '001'),
    unit('00004', 'Phường Trúc Bạch', 'Trúc Bạch', 'ward', 3, '001'),
    unit('002', 'Quận Hoàn Kiếm', 'Hoàn Kiếm', 'urban_district', 2, '01'),
    unit('00037', 'Phường 1', 'Phường 1', 'ward', 3, '002'),
  ]);

  it('restores leading zeros lost by spreadsheets, by level', () => {
    expect(hanoi.resolve('1', { level: 1 })).toEqual({ ok: true, code: '01', how: 'code' });
    expect(hanoi.resolve('1', { level: 2 })).toEqual({ ok: true, code: '001', how: 'code' });
    expect(hanoi.resolve('4', { level: 3 })).toEqual({ ok: true, code: '00004', how: 'code' });
    expect(candidateCodes(hanoi.resolve('1'))).toEqual(['00001', '001', '01']);
  });

  it('a bare number under a parent is a numbered ward when no code fits', () => {
    expect(hanoi.resolve('1', { level: 3, parentCode: '002' })).toEqual({ ok: true, code: '00037', how: 'exact' });
    // under the province, "1" is both code 00001 and Phường 1: ask
    expect(candidateCodes(hanoi.resolve('1', { level: 3, parentCode: '01' }))).toEqual(['00001', '00037']);
  });
});

describe('resolve: numbered wards and validity dates', () => {
  const g = new Gazetteer([
    unit('79', 'Thành phố Hồ Chí Minh', 'Hồ Chí Minh', 'city', 1, null),
    unit('770', 'Quận 3', 'Quận 3', 'urban_district', 2, '79'),
    unit('27139', 'Phường 1', 'Phường 1', 'ward', 3, '770'),
    unit('27142', 'Phường 10', 'Phường 10', 'ward', 3, '770'),
    unit('27145', 'Phường Võ Thị Sáu', 'Võ Thị Sáu', 'ward', 3, '770'),
    // a name reused after a merger: the closed unit and its successor share the name
    unit('90001', 'Xã Bình Minh', 'Bình Minh', 'commune', 3, '770', { valid_to: '2019-12-31' }),
    unit('90002', 'Xã Bình Minh', 'Bình Minh', 'commune', 3, '770', { valid_from: '2020-01-01' }),
  ]);

  it('"Phường 1" = "P.1" = "P1" = "P 01" = "F1"', () => {
    for (const raw of ['Phường 1', 'P.1', 'P1', 'P 01', 'F1', 'phuong 1', 'PHƯỜNG 01']) {
      expect(code(g.resolve(raw, { level: 3, parentCode: '770' })), raw).toBe('27139');
    }
    expect(code(g.resolve('P.10', { level: 3, parentCode: '770' }))).toBe('27142');
    expect(code(g.resolve('Q.3', { level: 2 }))).toBe('770');
    expect(code(g.resolve('Quận 03', { level: 2 }))).toBe('770');
    expect(code(g.resolve('P. Võ Thị Sáu', { level: 3 }))).toBe('27145');
  });

  it('onDate keeps only units valid that day (both ends inclusive)', () => {
    expect(candidateCodes(g.resolve('Bình Minh', { level: 3 }))).toEqual(['90001', '90002']);
    expect(code(g.resolve('Bình Minh', { level: 3, onDate: '2019-12-31' }))).toBe('90001');
    expect(code(g.resolve('Bình Minh', { level: 3, onDate: '2020-01-01' }))).toBe('90002');
    expect(code(qn.resolve('Bình Sơn', { level: 2, onDate: '2024-05-01' }))).toBe('524');
    expect(qn.resolve('Bình Sơn', { level: 2, onDate: '2025-07-01' }).ok).toBe(false);
    // a code stays a code whatever the date
    expect(qn.resolve('524', { level: 2, onDate: '2025-07-01' })).toEqual({ ok: true, code: '524', how: 'code' });
  });

  it('rejects duplicate codes', () => {
    expect(() => new Gazetteer([unit('524', 'Huyện A', 'A', 'district', 2, null), unit('524', 'Huyện B', 'B', 'district', 2, null)])).toThrow(/524/);
  });
});

describe('units, get, children', () => {
  it('navigates the demo gazetteer', () => {
    expect(qn.units(1).map((u) => u.unit_code)).toEqual(['51']);
    expect(qn.units(2)).toHaveLength(13);
    expect(qn.get('534')?.name).toBe('Thị xã Đức Phổ');
    expect(qn.get('999')).toBeUndefined();
    expect(qn.children('51')).toHaveLength(13);
    const gsoLines = readFileSync(QN_GSO, 'utf8').trim().split(/\r?\n/).slice(1);
    expect(qn.children('524')).toHaveLength(gsoLines.filter((l) => l.split(',')[3] === '524').length);
    expect(qn.children('536')).toEqual([]);
    expect(qn.units()).toHaveLength(1 + 13 + gsoLines.length);
  });
});

/** Counts straight from the CSV text, independent of the parser. */
function csvCounts(file: string): { districts: number; communes: number; byLevelWord: Map<string, number>; province: string } {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  const cols = lines.map((l) => l.split(','));
  const byLevelWord = new Map<string, number>();
  for (const c of cols) byLevelWord.set(c[6], (byLevelWord.get(c[6]) ?? 0) + 1);
  return {
    districts: new Set(cols.map((c) => c[3])).size,
    communes: new Set(cols.map((c) => c[5])).size,
    byLevelWord,
    province: cols[0][1],
  };
}

describe('GSO unit list', () => {
  it.each([
    [QN_GSO, '51', 'Tỉnh Quảng Ngãi'],
    [TH_GSO, '38', 'Tỉnh Thanh Hóa'],
  ])('%s parses with the counts of the file', (file, provinceCode, provinceName) => {
    const rows = parseCsv(readFileSync(file, 'utf8'));
    expect(isGsoUnitList(rows[0])).toBe(true);
    const units = parseGsoUnitList(rows);
    const counts = csvCounts(file);
    expect(counts.province).toBe(provinceCode);
    const provinces = units.filter((u) => u.level === 1);
    expect(provinces).toEqual([
      { unit_code: provinceCode, name: provinceName, short_name: provinceName.replace('Tỉnh ', ''), unit_type: 'province', level: 1, parent_code: null, valid_from: null, valid_to: null, is_remote: false },
    ]);
    const districts = units.filter((u) => u.level === 2);
    const communes = units.filter((u) => u.level === 3);
    expect(districts).toHaveLength(counts.districts);
    expect(communes).toHaveLength(counts.communes);
    expect(districts.every((d) => d.parent_code === provinceCode && /^\d{3}$/.test(d.unit_code))).toBe(true);
    const districtCodes = new Set(districts.map((d) => d.unit_code));
    expect(communes.every((c) => c.parent_code !== null && districtCodes.has(c.parent_code) && /^\d{5}$/.test(c.unit_code))).toBe(true);
    expect(communes.filter((c) => c.unit_type === 'ward')).toHaveLength(counts.byLevelWord.get('Phường') ?? 0);
    expect(communes.filter((c) => c.unit_type === 'township')).toHaveLength(counts.byLevelWord.get('Thị trấn') ?? 0);
    expect(communes.filter((c) => c.unit_type === 'commune')).toHaveLength(counts.byLevelWord.get('Xã') ?? 0);
    expect(units.every((u) => !u.is_remote && u.short_name !== '' && !/^(Xã|Phường|Thị trấn|Huyện|Thị xã|Thành phố|Tỉnh) /.test(u.short_name))).toBe(true);
    // every unit resolves by its own full name under its parent, or is reported as ambiguous
    const g = new Gazetteer(units);
    for (const c of communes) {
      const res = g.resolve(c.name, { level: 3, parentCode: c.parent_code! });
      if (res.ok) expect(res.code).toBe(c.unit_code);
      else expect(res.reason === 'ambiguous' && res.candidates.some((u) => u.unit_code === c.unit_code)).toBe(true);
    }
  });

  it('reads district types from names', () => {
    const units = parseGsoUnitList(parseCsv(readFileSync(TH_GSO, 'utf8')));
    const byCode = new Map(units.map((u) => [u.unit_code, u]));
    expect(byCode.get('380')).toMatchObject({ unit_type: 'city', short_name: 'Thanh Hóa', level: 2 });
    expect(byCode.get('381')).toMatchObject({ unit_type: 'town', short_name: 'Bỉm Sơn' });
    expect(byCode.get('385')).toMatchObject({ unit_type: 'district', short_name: 'Quan Hóa' });
  });

  it('recognises header variants and rejects other tables', () => {
    expect(isGsoUnitList(['Tên Tỉnh', 'Mã Tỉnh', 'Tên Huyện', 'Mã Huyện', 'Tên Xã', 'Mã Xã'])).toBe(true);
    expect(isGsoUnitList(['TINH THANH PHO', 'MA TP', 'QUAN HUYEN', 'MA QH', 'PHUONG XA', 'MA PX', 'CAP', 'Tên Tiếng Anh'])).toBe(true);
    expect(isGsoUnitList(['Tỉnh / Thành phố', 'Mã TP', 'Quận / Huyện', 'Mã QH', 'Phường / Xã', 'Mã PX'])).toBe(true);
    expect(isGsoUnitList(['Họ tên', 'Ngày nhận', 'Huyện', 'Xã'])).toBe(false);
    expect(isGsoUnitList(['unit_code', 'name'])).toBe(false);
  });

  it('restores leading zeros and reports bad rows by number', () => {
    const units = parseGsoUnitList([
      ['Mã Tỉnh', 'Tên Tỉnh', 'Mã Huyện', 'Tên Huyện', 'Mã Xã', 'Tên Xã'],
      ['1', 'Thành phố Hà Nội', '1', 'Quận Ba Đình', '1', 'Phường Phúc Xá'],
      ['1', 'Thành phố Hà Nội', '1', 'Quận Ba Đình', '4', 'Phường Trúc Bạch'],
      ['', '', '', '', '', ''],
      ['1', 'Thành phố Hà Nội', '2', 'Quận Hoàn Kiếm', '37', 'Phường 1'],
    ]);
    expect(units.map((u) => [u.unit_code, u.unit_type, u.level, u.parent_code, u.short_name])).toEqual([
      ['01', 'city', 1, null, 'Hà Nội'],
      ['001', 'urban_district', 2, '01', 'Ba Đình'],
      ['00001', 'ward', 3, '001', 'Phúc Xá'],
      ['00004', 'ward', 3, '001', 'Trúc Bạch'],
      ['002', 'urban_district', 2, '01', 'Hoàn Kiếm'],
      ['00037', 'ward', 3, '002', 'Phường 1'],
    ]);
    const header = ['Tỉnh Thành Phố', 'Mã TP', 'Quận Huyện', 'Mã QH', 'Phường Xã', 'Mã PX', 'Cấp'];
    expect(() => parseGsoUnitList([header, ['Tỉnh A', '51', 'Huyện B', '524', 'Xã C', 'abc', 'Xã']])).toThrow(/Dòng 2: mã xã/);
    expect(() =>
      parseGsoUnitList([header, ['Tỉnh A', '51', 'Huyện B', '524', 'Xã C', '1', 'Xã'], ['Tỉnh A', '51', 'Huyện D', '524', 'Xã E', '2', 'Xã']]),
    ).toThrow(/Dòng 3: mã 524/);
    expect(() => parseGsoUnitList([['Họ tên', 'Ngày']])).toThrow(/Không nhận ra danh mục/);
  });
});

describe('demo gazetteer (data/gazetteer)', () => {
  it('units.csv has the documented columns, the province, 13 districts and the fixture communes', () => {
    const header = readFileSync(path.join(DEMO_GAZETTEER_DIR, 'units.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('unit_code,name,short_name,unit_type,level,parent_code,valid_from,valid_to,is_remote');
    const districts = demo.units.filter((u) => u.level === 2);
    expect(districts.map((d) => `${d.unit_code} ${d.name}`)).toEqual([
      '522 Thành phố Quảng Ngãi', '524 Huyện Bình Sơn', '525 Huyện Trà Bồng', '527 Huyện Sơn Tịnh',
      '528 Huyện Tư Nghĩa', '529 Huyện Sơn Hà', '530 Huyện Sơn Tây', '531 Huyện Minh Long',
      '532 Huyện Nghĩa Hành', '533 Huyện Mộ Đức', '534 Thị xã Đức Phổ', '535 Huyện Ba Tơ', '536 Huyện Lý Sơn',
    ]);
    expect(districts.filter((d) => d.is_remote).map((d) => d.short_name).sort()).toEqual(
      ['Ba Tơ', 'Lý Sơn', 'Minh Long', 'Sơn Hà', 'Sơn Tây', 'Trà Bồng'].sort(),
    );
    const communes = demo.units.filter((u) => u.level === 3);
    expect(communes).toHaveLength(csvCounts(QN_GSO).communes);
    // communes inherit remoteness from their district
    expect(communes.every((c) => c.is_remote === qn.get(c.parent_code!)!.is_remote)).toBe(true);
  });

  it('committed CSVs are exactly what make-demo-gazetteer derives from the fixtures', () => {
    for (const [file, text] of Object.entries(buildDemoGazetteerFiles())) {
      expect(readFileSync(path.join(DEMO_GAZETTEER_DIR, file), 'utf8'), file).toBe(text);
    }
  });

  it('adjacency is symmetric, links Lý Sơn to the mainland, and the tile grid is a layout', () => {
    const set = new Set(demo.adjacency.map(([a, b]) => `${a}-${b}`));
    for (const [a, b] of demo.adjacency) {
      expect(a).not.toBe(b);
      expect(set.has(`${b}-${a}`)).toBe(true);
    }
    expect(set.has('536-524')).toBe(true);
    expect(demo.adjacencyExtra.every((e) => e.reason.length > 0 && (e.unit_code === '536' || e.neighbour_code === '536'))).toBe(true);
    const districtCodes = demo.units.filter((u) => u.level === 2).map((u) => u.unit_code);
    expect(districtCodes.every((c) => demo.adjacency.some(([a]) => a === c))).toBe(true);

    expect(demo.tileGrid.map((t) => t.unit_code).sort()).toEqual(districtCodes);
    expect(new Set(demo.tileGrid.map((t) => `${t.row},${t.col}`)).size).toBe(13);
    const at = (c: string) => demo.tileGrid.find((t) => t.unit_code === c)!;
    // Lý Sơn is in the sea, east of every mainland district
    expect(demo.tileGrid.every((t) => t.unit_code === '536' || t.col < at('536').col)).toBe(true);
    // north–south and west–east order of a few districts
    expect(at('524').row).toBeLessThan(at('534').row);
    expect(at('522').row).toBeLessThan(at('535').row);
    expect(at('530').col).toBeLessThan(at('522').col);
  });
});
