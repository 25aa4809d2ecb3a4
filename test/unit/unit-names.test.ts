import { describe, expect, it } from 'vitest';
import {
  coreAsciiKey,
  coreKey,
  missingDiacriticsOnly,
  parseUnitName,
  parseUnitNameAlternatives,
  type UnitType,
} from '../../pipeline/gazetteer/unit-names.ts';

const cases: Array<[raw: string, type: UnitType | null, core: string]> = [
  // Huyện / H. / h
  ['Huyện Bình Sơn', 'district', 'Bình Sơn'],
  ['H. Bình Sơn', 'district', 'Bình Sơn'],
  ['H.Bình Sơn', 'district', 'Bình Sơn'],
  ['h Bình Sơn', 'district', 'Bình Sơn'],
  ['HUYỆN BÌNH SƠN', 'district', 'BÌNH SƠN'],
  // Thành phố / TP / TP. / Tp / T.P / T.P.
  ['Thành phố Quảng Ngãi', 'city', 'Quảng Ngãi'],
  ['TP Quảng Ngãi', 'city', 'Quảng Ngãi'],
  ['TP. Quảng Ngãi', 'city', 'Quảng Ngãi'],
  ['TP.Quảng Ngãi', 'city', 'Quảng Ngãi'],
  ['Tp Quảng Ngãi', 'city', 'Quảng Ngãi'],
  ['tp. quảng ngãi', 'city', 'quảng ngãi'],
  ['T.P Quảng Ngãi', 'city', 'Quảng Ngãi'],
  ['T.P. Quảng Ngãi', 'city', 'Quảng Ngãi'],
  // Thị xã / TX / TX. / Tx
  ['Thị xã Đức Phổ', 'town', 'Đức Phổ'],
  ['TX Đức Phổ', 'town', 'Đức Phổ'],
  ['TX. Đức Phổ', 'town', 'Đức Phổ'],
  ['Tx Đức Phổ', 'town', 'Đức Phổ'],
  // Quận / Q. / Q
  ['Quận Hải Châu', 'urban_district', 'Hải Châu'],
  ['Q. Hải Châu', 'urban_district', 'Hải Châu'],
  ['Q Hải Châu', 'urban_district', 'Hải Châu'],
  // Xã / X.
  ['Xã Tịnh Hòa', 'commune', 'Tịnh Hòa'],
  ['X. Tịnh Hòa', 'commune', 'Tịnh Hòa'],
  ['xã tịnh hòa', 'commune', 'tịnh hòa'],
  // Phường / P. / F.
  ['Phường Trần Phú', 'ward', 'Trần Phú'],
  ['P. Trần Phú', 'ward', 'Trần Phú'],
  ['F. Trần Phú', 'ward', 'Trần Phú'],
  // Thị trấn / TT / TT.
  ['Thị trấn Ba Tơ', 'township', 'Ba Tơ'],
  ['TT Ba Tơ', 'township', 'Ba Tơ'],
  ['TT. Ba Tơ', 'township', 'Ba Tơ'],
  // Tỉnh / T.
  ['Tỉnh Quảng Ngãi', 'province', 'Quảng Ngãi'],
  ['T. Quảng Ngãi', 'province', 'Quảng Ngãi'],
  // no prefix
  ['Bình Sơn', null, 'Bình Sơn'],
];

describe('parseUnitName: type prefixes and abbreviations (DOMAIN §2)', () => {
  it.each(cases)('%s', (raw, type, core) => {
    const p = parseUnitName(raw);
    expect(p.type).toBe(type);
    expect(p.core).toBe(core);
    expect(p.number).toBeNull();
  });

  it('never eats the first letter of a real name', () => {
    for (const name of ['Hoài Nhơn', 'Phổ Quang', 'Xuân', 'Quang Trung', 'Thiệu Hóa', 'Tư Nghĩa', 'Trà Bồng', 'Tịnh Kỳ', 'Hà Trung']) {
      expect(parseUnitName(name), name).toEqual({ type: null, core: name, number: null });
    }
    expect(parseUnitName('Xã Xuân')).toEqual({ type: 'commune', core: 'Xuân', number: null });
    expect(parseUnitName('Phường Phổ Quang')).toEqual({ type: 'ward', core: 'Phổ Quang', number: null });
    expect(parseUnitName('Huyện Hoài Nhơn')).toEqual({ type: 'district', core: 'Hoài Nhơn', number: null });
  });

  it('collapses spaces and line breaks and reads NFD input', () => {
    expect(parseUnitName('  Huyện   Bình\nSơn ')).toEqual({ type: 'district', core: 'Bình Sơn', number: null });
    expect(parseUnitName('\u200BHuyện\u00A0Bình Sơn')).toEqual({ type: 'district', core: 'Bình Sơn', number: null });
    expect(parseUnitName('Thị xã\r\nĐức\tPhổ')).toEqual({ type: 'town', core: 'Đức Phổ', number: null });
    const nfd = 'Huyện Bình Sơn'.normalize('NFD');
    expect(nfd).not.toBe('Huyện Bình Sơn');
    expect(parseUnitName(nfd)).toEqual({ type: 'district', core: 'Bình Sơn', number: null });
  });

  it('reads prefixes written without diacritics, keeping the unprefixed reading as an alternative', () => {
    expect(parseUnitName('huyen binh son')).toEqual({ type: 'district', core: 'binh son', number: null });
    expect(parseUnitName('Thi xa Duc Pho')).toEqual({ type: 'town', core: 'Duc Pho', number: null });
    expect(parseUnitName('Phuong Tran Phu').type).toBe('ward');
    // "Tinh Hoa" may be "Tỉnh Hòa" or the commune "Tịnh Hòa": both readings are offered.
    expect(parseUnitNameAlternatives('Tinh Hoa').map((a) => a.core)).toEqual(['Hoa', 'Tinh Hoa']);
    // With diacritics in the rest, "Quan" is the district Quan Hóa's name before it is "Quận".
    expect(parseUnitNameAlternatives('Quan Hóa')).toEqual([
      { type: null, core: 'Quan Hóa', number: null },
      { type: 'urban_district', core: 'Hóa', number: null },
    ]);
    // Another diacritic than the prefix's is a name, not a prefix.
    expect(parseUnitNameAlternatives('Tịnh Hòa')).toEqual([{ type: null, core: 'Tịnh Hòa', number: null }]);
    expect(parseUnitNameAlternatives('Huyện Quan Hóa')).toEqual([{ type: 'district', core: 'Quan Hóa', number: null }]);
  });
});

describe('numbered units', () => {
  it('"Phường 1" = "P.1" = "P1" = "P 01" = "F1": core is the number', () => {
    for (const raw of ['Phường 1', 'P.1', 'P1', 'P 01', 'p.01', 'F1', 'F.1', 'phuong 1', 'PHƯỜNG 01', 'Phường số 1']) {
      expect(parseUnitName(raw), raw).toEqual({ type: 'ward', core: '1', number: 1 });
    }
    expect(parseUnitName('Quận 10')).toEqual({ type: 'urban_district', core: '10', number: 10 });
    expect(parseUnitName('Q.10')).toEqual({ type: 'urban_district', core: '10', number: 10 });
    expect(parseUnitName('Q10')).toEqual({ type: 'urban_district', core: '10', number: 10 });
    expect(parseUnitName('12')).toEqual({ type: null, core: '12', number: 12 });
  });
});

describe('keys', () => {
  it('old and new tone placement, NFC and NFD give one key', () => {
    expect(coreKey('Hoà')).toBe(coreKey('Hòa'));
    expect(coreKey('Thuỷ')).toBe(coreKey('Thủy'));
    expect(coreKey('Uỷ')).toBe(coreKey('Ủy'));
    expect(coreKey('Cẩm Thuỷ')).toBe(coreKey('CẨM THỦY'));
    expect(coreKey('Bình Sơn'.normalize('NFD'))).toBe(coreKey('Bình Sơn'));
    expect(coreKey('Nghĩa Dũng')).not.toBe(coreKey('Nghĩa Dõng'));
    expect(coreAsciiKey('Đức Phổ')).toBe('duc pho');
    expect(coreAsciiKey('Bình  Sơn')).toBe('binh son');
  });

  it('forgives missing diacritics, not different ones', () => {
    const fits = (a: string, b: string): boolean => missingDiacriticsOnly(coreKey(a), coreKey(b));
    expect(fits('Binh Son', 'Bình Sơn')).toBe(true);
    expect(fits('Bình Son', 'Bình Sơn')).toBe(true);
    expect(fits('Bình Sơn', 'Bình Sơn')).toBe(true);
    expect(fits('Duc Pho', 'Đức Phổ')).toBe(true);
    expect(fits('Thieu Hoa', 'Thiệu Hóa')).toBe(true);
    expect(fits('Thiêu Hoa', 'Thiệu Hóa')).toBe(true);
    expect(fits('Nghĩa Dùng', 'Nghĩa Dõng')).toBe(false);
    expect(fits('Nghia Dung', 'Nghĩa Dõng')).toBe(false);
    expect(fits('Ba Tô', 'Ba Tơ')).toBe(false);
    expect(fits('Bình Sơn', 'Binh Son')).toBe(false);
  });
});
