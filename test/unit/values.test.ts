import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PETITION_COLUMNS, CAMPAIGN_COLUMNS, POPULATION_COLUMNS, type SourceColumn } from '../../pipeline/schema/columns.ts';
import {
  civilFromDays,
  daysFromCivil,
  excelSerialToIso,
  expandTwoDigitYear,
  findPeriodInText,
  formatDateVi,
  isBlankCell,
  parseBoolean,
  parseDate,
  parseEnum,
  parseInteger,
  parseNumber,
  parsePeriod,
  parserFor,
  parseText,
  type ParseResult,
} from '../../pipeline/schema/values.ts';

function value<T>(r: ParseResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.message}`);
  return r.value;
}

function message(r: ParseResult<unknown>): string {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.message;
}

const BLANKS = ['', '   ', '\t', '\u00A0', '-', ' - ', '–', '—', 'N/A', 'n/a'];

describe('blank cells', () => {
  it.each(BLANKS)('%j is null for every parser', (raw) => {
    expect(isBlankCell(raw)).toBe(true);
    expect(parseDate(raw)).toEqual({ ok: true, value: null });
    expect(parseNumber(raw)).toEqual({ ok: true, value: null });
    expect(parseInteger(raw)).toEqual({ ok: true, value: null });
    expect(parseBoolean(raw)).toEqual({ ok: true, value: null });
    expect(parseEnum('kind', raw)).toEqual({ ok: true, value: null });
    expect(parseText(raw)).toEqual({ ok: true, value: null });
    expect(parsePeriod(raw)).toEqual({ ok: true, value: null });
  });

  it('Excel error values are errors, not blanks', () => {
    for (const raw of ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?']) {
      expect(isBlankCell(raw)).toBe(false);
      expect(message(parseNumber(raw))).toBe(`ô bị lỗi công thức Excel (${raw})`);
      expect(message(parseText(raw))).toContain('lỗi công thức Excel');
      expect(message(parseDate(raw))).toContain('lỗi công thức Excel');
    }
  });
});

describe('calendar arithmetic', () => {
  it('day numbers round-trip over four centuries, including leap days', () => {
    const start = daysFromCivil(1899, 12, 30);
    const end = daysFromCivil(2300, 3, 1);
    let prev = civilFromDays(start - 1);
    for (let day = start; day <= end; day++) {
      const { y, m, d } = civilFromDays(day);
      expect(daysFromCivil(y, m, d)).toBe(day);
      // Each day follows the previous one in the calendar.
      if (d === 1) expect(m === 1 ? prev.y + 1 : prev.y).toBe(y);
      else expect(prev.d + 1).toBe(d);
      prev = { y, m, d };
    }
  });

  it('anchors: 1970-01-01 is day 0, 2000-02-29 exists, 1900-02-29 and 2100-02-29 do not', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(daysFromCivil(2000, 2, 28) + 1)).toEqual({ y: 2000, m: 2, d: 29 });
    expect(civilFromDays(daysFromCivil(1900, 2, 28) + 1)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(civilFromDays(daysFromCivil(2100, 2, 28) + 1)).toEqual({ y: 2100, m: 3, d: 1 });
  });
});

describe('excelSerialToIso', () => {
  const fixture = path.resolve(process.cwd(), '../shared/fixtures/corpus/xlsx/EXPECTED_sheetjs_1904.csv');
  const rows = readFileSync(fixture, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));

  it('the fixture covers both date systems', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['sheetjs__1904__1900.xlsx', 'sheetjs__1904__1904.xlsx']));
  });

  it.each(rows)('%s serial %s is what Excel shows: %s', (file, serial, shown) => {
    const date1904 = file.endsWith('1904.xlsx');
    expect(excelSerialToIso(Number(serial), date1904)).toBe(shown);
  });

  it('1900 system edges around the fictitious 29/02/1900', () => {
    expect(excelSerialToIso(0, false)).toBe('1899-12-31'); // Excel shows 00/01/1900
    expect(excelSerialToIso(1, false)).toBe('1900-01-01');
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(() => excelSerialToIso(60, false)).toThrow(RangeError);
    expect(excelSerialToIso(61, false)).toBe('1900-03-01');
    expect(excelSerialToIso(45356, false)).toBe('2024-03-05');
    expect(excelSerialToIso(73415, false)).toBe('2100-12-31');
    expect(excelSerialToIso(2958465, false)).toBe('9999-12-31');
  });

  it('1904 system: serial 0 is 1904-01-01, 1462 days after the 1900 system', () => {
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(1, true)).toBe('1904-01-02');
    expect(excelSerialToIso(59, true)).toBe('1904-02-29');
    expect(excelSerialToIso(60, true)).toBe('1904-03-01');
    expect(excelSerialToIso(45356 - 1462, true)).toBe('2024-03-05');
    for (const s of [1462, 1463, 36526, 45356]) expect(excelSerialToIso(s - 1462, true)).toBe(excelSerialToIso(s, false));
  });

  it('drops the time of day', () => {
    expect(excelSerialToIso(45356.999, false)).toBe('2024-03-05');
    expect(excelSerialToIso(0.5, true)).toBe('1904-01-01');
  });

  it('refuses impossible serials', () => {
    for (const s of [-1, Number.NaN, Infinity, 2958466]) expect(() => excelSerialToIso(s, false)).toThrow(RangeError);
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
    ['2024-03-05T00:00:00', '2024-03-05'],
    ['2024-03-05T23:59:59.999Z', '2024-03-05'], // the written day, never shifted by a time zone
    ['2024-03-05T00:30:00+07:00', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['05/03/2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    ['03/02/2024', '2024-02-03'], // day first: 3 February
    ['31/12/2023', '2023-12-31'],
    ['5/3/24', '2024-03-05'],
    ['05/03/69', '2069-03-05'],
    ['05/03/70', '1970-03-05'],
    ['1/1/99', '1999-01-01'],
    ['1/1/00', '2000-01-01'],
    ['05-03-2024', '2024-03-05'],
    ['5-3-24', '2024-03-05'],
    ['05.03.2024', '2024-03-05'],
    [' 05 / 03 / 2024 ', '2024-03-05'],
    ['05/03/2024 08:30', '2024-03-05'],
    ['05/03/2024 8:30:15', '2024-03-05'],
    ['ngày 05 tháng 3 năm 2024', '2024-03-05'],
    ['Ngày 5 tháng 03 năm 2024', '2024-03-05'],
    ['NGÀY 05 THÁNG 03 NĂM 2024', '2024-03-05'],
    ['ngay 5 thang 3 nam 2024', '2024-03-05'],
    ['Ngày 5 tháng 3, năm 2024', '2024-03-05'],
    ['5 tháng 3 năm 2024', '2024-03-05'],
    ['ngày 05/03/2024', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
  ])('%j → %s', (raw, iso) => {
    expect(value(parseDate(raw))).toBe(iso);
  });

  it('reads NFD (decomposed) Vietnamese the same way', () => {
    expect(value(parseDate('ngày 05 tháng 3 năm 2024'.normalize('NFD')))).toBe('2024-03-05');
  });

  it('month first only when asked', () => {
    expect(value(parseDate('03/02/2024', { dayFirst: false }))).toBe('2024-03-02');
    expect(value(parseDate('12/31/2023', { dayFirst: false }))).toBe('2023-12-31');
    expect(message(parseDate('12/31/2023'))).toBe('ngày 12/31/2023 không tồn tại (không có tháng 31)');
    // ISO and the long form do not depend on the order option.
    expect(value(parseDate('2024-03-02', { dayFirst: false }))).toBe('2024-03-02');
    expect(value(parseDate('ngày 3 tháng 2 năm 2024', { dayFirst: false }))).toBe('2024-02-03');
  });

  it('rejects dates that do not exist', () => {
    expect(message(parseDate('31/02/2023'))).toBe('ngày 31/02/2023 không tồn tại');
    expect(message(parseDate('29/02/2023'))).toBe('ngày 29/02/2023 không tồn tại');
    expect(message(parseDate('29/02/1900'))).toBe('ngày 29/02/1900 không tồn tại');
    expect(message(parseDate('29/02/2100'))).toBe('ngày 29/02/2100 không tồn tại');
    expect(message(parseDate('31/04/2024'))).toBe('ngày 31/04/2024 không tồn tại');
    expect(message(parseDate('00/03/2024'))).toBe('ngày 00/03/2024 không tồn tại');
    expect(message(parseDate('15/13/2024'))).toBe('ngày 15/13/2024 không tồn tại (không có tháng 13)');
    expect(message(parseDate('2023-02-29'))).toBe('ngày 29/02/2023 không tồn tại');
    expect(message(parseDate('ngày 31 tháng 2 năm 2023'))).toBe('ngày 31/02/2023 không tồn tại');
    expect(message(parseDate('20230229'))).toBe('ngày 29/02/2023 không tồn tại');
  });

  it('rejects implausible years', () => {
    expect(message(parseDate('05/03/2204'))).toBe('năm 2204 không hợp lý (ngày 05/03/2204)');
    expect(message(parseDate('05/03/1024'))).toContain('năm 1024');
  });

  it('rejects text that is not a date', () => {
    for (const raw of ['abc', 'hôm qua', '05/03', '5/3/2024/1', '05-03/2024', '2024-03', 'ngày 5 tháng 3', '12:30', '1,5', '-5', '45356,5', 'Tháng 3/2024']) {
      expect(parseDate(raw).ok, raw).toBe(false);
    }
    expect(message(parseDate('abc'))).toBe('không phải ngày hợp lệ');
  });

  describe('Excel serials written as text', () => {
    it('1900 system', () => {
      expect(value(parseDate('45356'))).toBe('2024-03-05');
      expect(value(parseDate('45356.0'))).toBe('2024-03-05');
      expect(value(parseDate('45356.5'))).toBe('2024-03-05');
      expect(value(parseDate('1'))).toBe('1900-01-01');
      expect(value(parseDate('59'))).toBe('1900-02-28');
      expect(message(parseDate('60'))).toBe('ngày 29/02/1900 không tồn tại (lỗi lịch của Excel)');
      expect(value(parseDate('61'))).toBe('1900-03-01');
      expect(value(parseDate('73415'))).toBe('2100-12-31');
      expect(message(parseDate('73416'))).toBe('không phải ngày hợp lệ');
      expect(message(parseDate('0'))).toBe('không phải ngày hợp lệ');
    });

    it('1904 system', () => {
      const opts = { date1904: true };
      expect(value(parseDate('43894', opts))).toBe('2024-03-05');
      expect(value(parseDate('43894.75', opts))).toBe('2024-03-05');
      expect(value(parseDate('1', opts))).toBe('1904-01-02');
      expect(value(parseDate('60', opts))).toBe('1904-03-01');
      expect(value(parseDate('71953', opts))).toBe('2100-12-31');
      expect(message(parseDate('71954', opts))).toBe('không phải ngày hợp lệ');
      expect(message(parseDate('0', opts))).toBe('không phải ngày hợp lệ');
    });

    it('a bare four-digit year is refused, not read as a serial in 1905', () => {
      expect(message(parseDate('2023'))).toBe('chỉ có năm 2023, thiếu ngày và tháng');
      expect(message(parseDate('1900'))).toBe('chỉ có năm 1900, thiếu ngày và tháng');
      // Outside 1900–2100 a four-digit number is still a serial.
      expect(value(parseDate('1111'))).toBe('1903-01-15');
      expect(value(parseDate('2101'))).toBe(excelSerialToIso(2101, false));
    });
  });

  it('two-digit year window', () => {
    expect(expandTwoDigitYear(0)).toBe(2000);
    expect(expandTwoDigitYear(69)).toBe(2069);
    expect(expandTwoDigitYear(70)).toBe(1970);
    expect(expandTwoDigitYear(99)).toBe(1999);
  });

  it('formatDateVi', () => {
    expect(formatDateVi('2024-02-03')).toBe('03/02/2024');
    expect(formatDateVi('1900-01-01')).toBe('01/01/1900');
    expect(formatDateVi('not a date')).toBe('not a date');
    for (const raw of ['03/02/2024', '31/12/2023', '29/02/2024']) expect(formatDateVi(value(parseDate(raw))!)).toBe(raw);
  });

  it('is independent of the process time zone (TZ is Asia/Ho_Chi_Minh in tests)', () => {
    expect(process.env.TZ).toBe('Asia/Ho_Chi_Minh');
    expect(value(parseDate('2024-01-01T00:00:00Z'))).toBe('2024-01-01');
    expect(value(parseDate('2023-12-31T23:00:00Z'))).toBe('2023-12-31');
  });
});

describe('parseNumber', () => {
  it.each([
    ['1234', 1234],
    ['0', 0],
    ['-0', 0],
    ['1.234.567', 1234567],
    ['12,5', 12.5],
    ['0,5', 0.5],
    ['1.234,5', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['1,234,567', 1234567],
    ['1,234.5', 1234.5],
    ['1,234,567.25', 1234567.25],
    ['1234.5', 1234.5],
    ['1234,5', 1234.5],
    ['1.234', 1234], // Vietnamese thousands (documented choice)
    ['999.999', 999999],
    ['12.5', 12.5],
    ['12.50', 12.5],
    ['1234.567', 1234.567], // four digits before the dot: not a thousands group
    ['0.123', 0.123], // a thousands group never starts with 0
    ['1,234', 1.234], // a lone comma is always the decimal mark
    ['1 234 567', 1234567],
    ['1\u00A0234\u00A0567', 1234567],
    ['1\u202F234', 1234],
    ['1 234,5', 1234.5],
    ['1.000.000 đ', 1000000],
    ['1.000.000đ', 1000000],
    ['1.000.000 đồng', 1000000],
    ['1.000.000 VNĐ', 1000000],
    ['1.000.000₫', 1000000],
    ['250 m2', 250],
    ['250m²', 250],
    ['1,5 ha', 1.5],
    ['15 người', 15],
    ['3 hộ gia đình', 3],
    ['12,5%', 12.5],
    ['-5', -5],
    ['- 5', -5],
    ['−1.234,5', -1234.5],
    ['+7', 7],
    ['  42  ', 42],
    ['1e-7', 1e-7],
    ['1.5E+21', 1.5e21],
  ])('%j → %d', (raw, expected) => {
    expect(value(parseNumber(raw))).toBe(expected);
  });

  it.each(['abc', '1,2,3', '1.2.3', '1.23.456', '12.34.56', '1,234.567,8', '1.234,567,8', '12.', ',5', 'x', 'khoảng 15', '15 - 20', '2/3', '12:30', '1 23 456', '0.234.567', '--5', 'VNĐ 1000', '1.000 2'])(
    '%j is not a number',
    (raw) => {
      expect(message(parseNumber(raw))).toBe('không phải số');
    },
  );

  it('refuses scale words rather than guess the column unit', () => {
    expect(message(parseNumber('1,5 triệu'))).toBe("không rõ đơn vị 'triệu' — hãy ghi số đầy đủ (ví dụ 1.500.000)");
    expect(parseNumber('2 tỷ đồng').ok).toBe(false);
    expect(parseNumber('500 nghìn').ok).toBe(false);
    expect(parseNumber('500k').ok).toBe(false);
  });
});

describe('parseInteger', () => {
  it('accepts whole numbers in every notation', () => {
    expect(value(parseInteger('1.234.567'))).toBe(1234567);
    expect(value(parseInteger('15 người'))).toBe(15);
    expect(value(parseInteger('12,0'))).toBe(12);
    expect(value(parseInteger('-3'))).toBe(-3);
    expect(value(parseInteger('1.234'))).toBe(1234);
  });

  it('rejects fractions and non-numbers', () => {
    expect(message(parseInteger('12,5'))).toBe('không phải số nguyên');
    expect(message(parseInteger('1,234'))).toBe('không phải số nguyên');
    expect(message(parseInteger('abc'))).toBe('không phải số');
    expect(message(parseInteger('1e30'))).toBe('số quá lớn');
  });
});

describe('parseBoolean', () => {
  it.each(['x', 'X', ' x ', 'có', 'Có', 'CÓ', 'co', 'c', 'C', 'yes', 'Y', 'TRUE', 'true', '1', '✓', '✔', 'v', 'V', 'đúng', 'Đúng', 'x.'])('%j is true', (raw) => {
    expect(value(parseBoolean(raw))).toBe(true);
  });

  it.each(['không', 'Không', 'KHÔNG', 'khong', 'k', 'K', 'ko', 'no', 'N', 'FALSE', 'false', '0', 'sai', 'không có'])('%j is false', (raw) => {
    expect(value(parseBoolean(raw))).toBe(false);
  });

  it('a blank flag is null (the caller treats it as false)', () => {
    expect(value(parseBoolean(''))).toBeNull();
  });

  it.each(['abc', '2', 'đông người', 'chưa', 'xx', 'có lẽ'])('%j is not understood', (raw) => {
    expect(message(parseBoolean(raw))).toBe(`không hiểu giá trị '${raw}' (cần: có/không)`);
  });
});

describe('parseEnum', () => {
  it.each([
    ['Khiếu nại', 'complaint'],
    ['KN', 'complaint'],
    ['khieu nai', 'complaint'],
    ['KHIẾU NẠI', 'complaint'],
    ['  Khiếu  nại ', 'complaint'],
    ['Khiếu nại'.normalize('NFD'), 'complaint'],
    ['Tố cáo', 'denunciation'],
    ['TC', 'denunciation'],
    ['KNPA', 'feedback'],
    ['Kiến nghị, phản ánh', 'feedback'],
    ['kiến nghị - phản ánh', 'feedback'],
    ['Phản ánh', 'feedback'],
  ])('kind %j → %s', (raw, code) => {
    expect(value(parseEnum('kind', raw))).toBe(code);
  });

  it('other enums', () => {
    expect(value(parseEnum('topic', 'Đất đai'))).toBe('land');
    expect(value(parseEnum('topic', 'GPMB'))).toBe('compensation');
    expect(value(parseEnum('channel', 'Đường dây nóng'))).toBe('hotline');
    expect(value(parseEnum('status', 'Đã giải quyết'))).toBe('resolved');
    expect(value(parseEnum('status', 'đang giai quyet'))).toBe('in_progress');
    expect(value(parseEnum('outcome', 'Có đúng, có sai'))).toBe('partly_upheld');
    expect(value(parseEnum('outcome', 'không đúng'))).toBe('rejected');
    expect(value(parseEnum('recognition_level', 'Cấp huyện'))).toBe('huyen');
  });

  it('prefix rule: a known value followed by extra words', () => {
    expect(value(parseEnum('kind', 'Khiếu nại lần 2'))).toBe('complaint');
    expect(value(parseEnum('kind', 'Đơn khiếu nại đông người'))).toBe('complaint');
    expect(value(parseEnum('kind', 'Tố cáo tiếp'))).toBe('denunciation');
    expect(value(parseEnum('kind', 'KN-PA về đất đai'))).toBe('feedback'); // longest spelling: KN-PA, not KN
    expect(value(parseEnum('topic', 'Tranh chấp đất đai giữa hai hộ'))).toBe('land');
    expect(value(parseEnum('channel', 'Tiếp công dân định kỳ'))).toBe('reception');
    expect(value(parseEnum('channel', 'Thư điện tử của công dân'))).toBe('online'); // not "Thư" (mail)
    expect(value(parseEnum('status', 'Chuyển UBND huyện giải quyết'))).toBe('transferred');
  });

  it('prefix rule never guesses between two codes', () => {
    expect(message(parseEnum('kind', 'Khiếu nại, tố cáo'))).toBe(
      "không rõ loại đơn 'Khiếu nại, tố cáo' — có thể là Khiếu nại hoặc Tố cáo, cần ghi một giá trị",
    );
    expect(parseEnum('topic', 'Đất đai, bồi thường GPMB').ok).toBe(false);
    expect(parseEnum('topic', 'Chính sách đất đai').ok).toBe(false);
  });

  it('prefix rule refuses qualified values', () => {
    // "đúng một phần" is partly upheld, not "đúng".
    expect(parseEnum('outcome', 'Khiếu nại đúng một phần').ok).toBe(false);
    expect(parseEnum('status', 'Đã giải quyết một phần').ok).toBe(false);
    expect(parseEnum('kind', 'Khiếu nại không thuộc thẩm quyền').ok).toBe(false);
  });

  it('only whole words count', () => {
    // "KNX" does not start with the word "KN".
    expect(parseEnum('kind', 'KNX').ok).toBe(false);
  });

  it('unknown values list the valid labels', () => {
    expect(message(parseEnum('kind', 'xyz'))).toBe("không rõ loại đơn 'xyz' — các giá trị hợp lệ: Khiếu nại, Tố cáo, Kiến nghị, phản ánh");
    expect(message(parseEnum('status', 'abc'))).toMatch(/^không rõ trạng thái 'abc' — các giá trị hợp lệ: Đã tiếp nhận, /);
    expect(message(parseEnum('kind', 'x'.repeat(200)))).toContain('…');
  });
});

describe('parseText', () => {
  it('trims and composes to NFC', () => {
    expect(value(parseText('  Huyện Bình Sơn \n'))).toBe('Huyện Bình Sơn');
    const nfd = 'Huyện Bình Sơn'.normalize('NFD');
    expect(nfd).not.toBe('Huyện Bình Sơn');
    expect(value(parseText(nfd))).toBe('Huyện Bình Sơn');
    expect(value(parseText('KN-123/2024'))).toBe('KN-123/2024');
  });
});

describe('parsePeriod', () => {
  it.each([
    ['Năm 2023', '2023-01-01', '2023-12-31', 'Năm 2023'],
    ['năm 2023', '2023-01-01', '2023-12-31', 'Năm 2023'],
    ['NĂM 2023', '2023-01-01', '2023-12-31', 'Năm 2023'],
    ['2023', '2023-01-01', '2023-12-31', 'Năm 2023'],
    ['Năm: 2023', '2023-01-01', '2023-12-31', 'Năm 2023'],
    ['6 tháng đầu năm 2024', '2024-01-01', '2024-06-30', '6 tháng đầu năm 2024'],
    ['6 THÁNG ĐẦU NĂM 2024', '2024-01-01', '2024-06-30', '6 tháng đầu năm 2024'],
    ['6 tháng năm 2024', '2024-01-01', '2024-06-30', '6 tháng đầu năm 2024'],
    ['9 tháng đầu năm 2023', '2023-01-01', '2023-09-30', '9 tháng đầu năm 2023'],
    ['6 tháng cuối năm 2023', '2023-07-01', '2023-12-31', '6 tháng cuối năm 2023'],
    ['12 tháng năm 2023', '2023-01-01', '2023-12-31', 'Năm 2023'],
    ['Quý I/2024', '2024-01-01', '2024-03-31', 'Quý I/2024'],
    ['Quý 1 năm 2024', '2024-01-01', '2024-03-31', 'Quý I/2024'],
    ['quý III năm 2023', '2023-07-01', '2023-09-30', 'Quý III/2023'],
    ['Quý IV/2023', '2023-10-01', '2023-12-31', 'Quý IV/2023'],
    ['Quý II - 2024', '2024-04-01', '2024-06-30', 'Quý II/2024'],
    ['Q2-2024', '2024-04-01', '2024-06-30', 'Quý II/2024'],
    ['Tháng 3/2024', '2024-03-01', '2024-03-31', 'Tháng 3/2024'],
    ['tháng 02 năm 2024', '2024-02-01', '2024-02-29', 'Tháng 2/2024'],
    ['Tháng 2/2023', '2023-02-01', '2023-02-28', 'Tháng 2/2023'],
    ['T12-2023', '2023-12-01', '2023-12-31', 'Tháng 12/2023'],
    ['3/2024', '2024-03-01', '2024-03-31', 'Tháng 3/2024'],
    ['2024-03', '2024-03-01', '2024-03-31', 'Tháng 3/2024'],
    ['Giai đoạn 2021-2025', '2021-01-01', '2025-12-31', 'Giai đoạn 2021–2025'],
    ['2021 – 2025', '2021-01-01', '2025-12-31', 'Giai đoạn 2021–2025'],
    ['Từ ngày 15/12/2023 đến ngày 14/6/2024', '2023-12-15', '2024-06-14', 'Từ 15/12/2023 đến 14/06/2024'],
  ])('%j → %s..%s', (raw, start, end, label) => {
    expect(value(parsePeriod(raw))).toEqual({ start, end, label });
  });

  it('rejects impossible or unknown periods', () => {
    expect(message(parsePeriod('Quý 5/2024'))).toBe('quý 5 không tồn tại');
    expect(message(parsePeriod('Tháng 13/2024'))).toBe('tháng 13 không tồn tại');
    expect(message(parsePeriod('13 tháng năm 2024'))).toBe('không có kỳ 13 tháng trong một năm');
    expect(message(parsePeriod('Giai đoạn 2025-2021'))).toContain('không hợp lệ');
    expect(message(parsePeriod('Từ ngày 14/6/2024 đến ngày 15/12/2023'))).toContain('ngày cuối trước ngày đầu');
    expect(message(parsePeriod('Từ ngày 31/02/2024 đến ngày 15/12/2024'))).toBe('ngày 31/02/2024 không tồn tại');
    expect(message(parsePeriod('abc'))).toBe("không hiểu kỳ báo cáo 'abc' (ví dụ: Năm 2023, Quý I/2024, 6 tháng đầu năm 2024, Tháng 3/2024)");
    for (const raw of ['1850', 'Năm học 2023-2024 và 2025', 'Sheet1', '45356', 'Báo cáo năm 2023']) expect(parsePeriod(raw).ok, raw).toBe(false);
  });
});

describe('findPeriodInText', () => {
  it('finds the period in a report title', () => {
    expect(findPeriodInText('BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA "DÂN VẬN KHÉO" NĂM 2023')).toEqual({
      start: '2023-01-01',
      end: '2023-12-31',
      label: 'Năm 2023',
    });
    expect(findPeriodInText('BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024')?.end).toBe('2024-06-30');
    expect(findPeriodInText('Kết quả thực hiện cuộc vận động quý II năm 2024')?.label).toBe('Quý II/2024');
    expect(findPeriodInText('Tình hình tiếp công dân tháng 3/2024 trên địa bàn tỉnh')?.label).toBe('Tháng 3/2024');
    expect(findPeriodInText('(Kỳ báo cáo: từ ngày 15/12/2023 đến ngày 14/6/2024)')?.label).toBe('Từ 15/12/2023 đến 14/06/2024');
    expect(findPeriodInText('(Từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 6 năm 2024)')?.start).toBe('2023-12-15');
    expect(findPeriodInText('Quỹ "Vì người nghèo" giai đoạn 2021 - 2025')?.label).toBe('Giai đoạn 2021–2025');
  });

  it('returns the first period when there are several', () => {
    expect(findPeriodInText('Quý I năm 2024 so với cùng kỳ năm 2023')?.label).toBe('Quý I/2024');
  });

  it('skips dates and document numbers', () => {
    expect(findPeriodInText('Quảng Ngãi, ngày 15 tháng 01 năm 2024')).toBeNull();
    expect(findPeriodInText('Thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2023 của UBND tỉnh')).toBeNull();
    expect(findPeriodInText('Căn cứ Nghị định 124/2020/NĐ-CP')).toBeNull();
    expect(findPeriodInText('Quảng Ngãi, ngày 15 tháng 01 năm 2024 — báo cáo năm 2023')?.label).toBe('Năm 2023');
    expect(findPeriodInText('DANH SÁCH ĐƠN THƯ')).toBeNull();
  });

  it('skips an impossible period and keeps looking', () => {
    expect(findPeriodInText('Quý 5/2024, năm 2024')?.label).toBe('Năm 2024');
  });

  it('does not read "Vietnam 2023" as a year', () => {
    expect(findPeriodInText('Vietnam 2023')).toBeNull();
  });
});

describe('parserFor', () => {
  const all: SourceColumn[] = [...PETITION_COLUMNS, ...CAMPAIGN_COLUMNS, ...POPULATION_COLUMNS];
  const col = (name: string) => all.find((c) => c.name === name)!;

  it('has a parser for every canonical column', () => {
    for (const c of all) expect(typeof parserFor(c)).toBe('function');
  });

  it('picks the parser by column type', () => {
    expect(parserFor(col('received_date'))('05/03/2024')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parserFor(col('received_date'))('45356')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parserFor(col('received_date'), { date1904: true })('43894')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parserFor(col('signers'))('15 người')).toEqual({ ok: true, value: 15 });
    expect(parserFor(col('signers'))('1,5').ok).toBe(false);
    expect(parserFor(col('ind:funds_vnd'))('1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(parserFor(col('is_crowd'))('x')).toEqual({ ok: true, value: true });
    expect(parserFor(col('kind'))('KN')).toEqual({ ok: true, value: 'complaint' });
    expect(parserFor(col('status'))('Rút đơn')).toEqual({ ok: true, value: 'withdrawn' });
    expect(parserFor(col('district'))(' Huyện Bình Sơn ')).toEqual({ ok: true, value: 'Huyện Bình Sơn' });
    expect(parserFor(col('petition_id'))('0012')).toEqual({ ok: true, value: '0012' });
    expect(parserFor(col('period'))('Quý I/2024')).toEqual({ ok: true, value: { start: '2024-01-01', end: '2024-03-31', label: 'Quý I/2024' } });
  });

  it('an enum column without an enum name is a programming error', () => {
    expect(() => parserFor({ name: 'broken', type: 'enum', vi: 'x', en: 'x', aliases: [] })).toThrow();
  });
});
