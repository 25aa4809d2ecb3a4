import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../pipeline/sources/csv-text.ts';
import { cellText, SourceReadError, type Cell, type SheetGrid } from '../../pipeline/sources/grid.ts';
import { readWorkbook } from '../../pipeline/sources/read-excel.ts';

const CORPUS = path.resolve(process.cwd(), '../shared/fixtures/corpus/xlsx');
const EXPORTS = path.join(CORPUS, 'expected_sheetjs_excel_csv');

function read(name: string) {
  return readWorkbook(new Uint8Array(fs.readFileSync(path.join(CORPUS, name))), name);
}

function sheet(name: string, index = 0): SheetGrid {
  return read(name).sheets[index];
}

/** Days since 1899-12-30: the 1900-system serial of a date after February 1900. */
function serial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

describe('every workbook of the corpus', () => {
  const files = fs.readdirSync(CORPUS).filter((f) => /\.(xlsx|ods)$/.test(f));

  it('has the files the fixtures README describes', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files).toContain('sheetjs__crlf__crlf.ods');
  });

  it('reads each file into grids of plain cells, or throws a SourceReadError', () => {
    const thrown: string[] = [];
    for (const f of files) {
      let wb;
      try {
        wb = read(f);
      } catch (err) {
        expect(err, f).toBeInstanceOf(SourceReadError);
        thrown.push(f);
        continue;
      }
      expect(wb.format, f).toBe(f.endsWith('.ods') ? 'ods' : 'xlsx');
      expect(wb.sheets.length, f).toBeGreaterThan(0);
      for (const s of wb.sheets) {
        for (const row of s.rows) {
          expect(Array.isArray(row), f).toBe(true);
          for (let c = 0; c < row.length; c++) {
            const v: unknown = row[c];
            expect(v === null || ['string', 'number', 'boolean'].includes(typeof v), `${f} ${s.name} ${c}: ${String(v)}`).toBe(true);
            if (typeof v === 'string') expect(v).toBe(v.normalize('NFC'));
          }
          if (row.length > 0) expect(row[row.length - 1], `${f}: trailing empty cells are trimmed`).not.toBeNull();
        }
      }
    }
    // Every corpus file is a readable workbook.
    expect(thrown).toEqual([]);
  });
});

describe('dates', () => {
  it('runs in the province time zone, where SheetJS Date objects drift', () => {
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-420);
    expect(new Date(1900, 0, 1).getTimezoneOffset()).not.toBe(-420); // local mean time before 1906
  });

  it('1900 and 1904 serials give the date Excel shows, for every row of EXPECTED_sheetjs_1904.csv', () => {
    const expected = parseCsvRows(fs.readFileSync(path.join(CORPUS, 'EXPECTED_sheetjs_1904.csv'), 'utf8'), ',')
      .slice(1)
      .filter((r) => r.length === 3);
    expect(expected.length).toBe(10);
    for (const [file, serialText, text] of expected) {
      const s = sheet(file);
      expect(s.date1904).toBe(file.includes('1904__1904'));
      const row = s.rows.find((r) => r[0] === Number(serialText));
      expect(row, `${file} ${serialText}`).toBeDefined();
      expect(row![1], `${file} serial ${serialText}`).toBe(text);
      // Columns C and D are Excel's own TEXT() of the serial, cached as strings.
      expect(row![2]).toBe(text);
    }
  });

  it('reads a 1904 workbook written by another program, keeping durations as numbers', () => {
    const s = sheet('calamine__date_1904.xlsx');
    expect(s.date1904).toBe(true);
    expect(s.rows[0][0]).toBe('2021-01-01');
    expect(s.rows[1][0]).toBe('2021-01-02');
    expect(s.rows[2][0]).toBeCloseTo(10.63206, 5); // [hh]:mm:ss — an elapsed time, not a date
    expect(sheet('exceljs__1904.xlsx').rows[3][1]).toBe('1904-01-01');
  });

  it('tells dates, times of day, durations and percentages apart by their number format', () => {
    const rows = sheet('sheetjs__xlsx-stream-d-date-cell.xlsx').rows;
    const byLabel = new Map(rows.map((r) => [r[0], r[1]]));
    expect(byLabel.get('Date')).toBe('2014-02-14'); // m/d/yy over 41684.35: the format shows no time
    expect(byLabel.get('Time Built-in format #18')).toBe('12:00:00');
    expect(byLabel.get('Duration 36 hours format #46')).toBe(1.5);
    expect(byLabel.get('Percentage Built-in format #9')).toBe(0.5);
    expect(byLabel.get('2 Decimals Built-in format #2')).toBe(1.5);
  });
});

describe('merged cells', () => {
  it('copies the top-left value into every cell of the range (calamine merged_range)', () => {
    const [s1, s2] = read('calamine__merged_range.xlsx').sheets;
    expect(s1.rows).toEqual([
      ['A1', 'B1', 'C1', 'C1', 'E1', 'F1', 'G1', 'H1'],
      ['A1', 'B1', 'C1', 'C1', 'E1', 'F1', 'G1', 'H1'],
      ['A3', 'B3', 'C3', 'C3', 'E3', 'F3', 'G3', 'H3'],
      ['A4', 'B4', 'C4', 'C4', 'E4', 'F4', 'G4', 'H4'],
    ]);
    expect(s1.merges).toContainEqual({ r0: 0, c0: 2, r1: 1, c1: 3 });
    expect(s1.merges).toHaveLength(9);
    expect(s2.rows).toEqual([
      ['A1', 'B1', 'C1', 'C1', 'E1', 'F1'],
      ['A1', 'B1', 'C1', 'C1', 'E1', 'F1'],
      ['A1', 'B3', 'C3', 'C3', 'E3', 'F1'],
      ['A1', 'B4', 'C3', 'C3', 'E4', 'F1'],
    ]);
  });

  it('copies merges of sheetjs merge_cells and lists them', () => {
    const s = sheet('sheetjs__merge_cells.xlsx');
    expect(s.rows[0]).toEqual(['A1:B2', 'A1:B2', 'C1:C2', 'Separate blocks']);
    expect(s.rows[1]).toEqual(['A1:B2', 'A1:B2', 'C1:C2', 'Separate blocks']);
    expect(s.rows[2]).toEqual(['A3:B3', 'A3:B3', 'C3']);
    expect(s.rows[3]).toEqual(['… are merged separately', '… are merged separately']);
    expect(s.merges).toHaveLength(5);
  });
});

describe('sheets, strings and errors', () => {
  it('keeps hidden and very hidden sheets, flagged, in the workbook order', () => {
    const names = fs.readFileSync(path.join(EXPORTS, '2016_sheet_visibility.xlsx.sheetnames'), 'utf8').split(/\r?\n/).filter(Boolean);
    const sheets = read('sheetjs__sheet_visibility.xlsx').sheets;
    expect(sheets.map((s) => s.name)).toEqual(names);
    expect(sheets.map((s) => s.hidden)).toEqual([false, true, true]);
  });

  it('decodes _x000D_ escapes once, and keeps an escaped literal "_x000D_"', () => {
    expect(sheet('calamine__has_x000D_.xlsx').rows[0][0]).toBe('ABC\r\nDEF');
    expect(sheet('exceljs__shared_string_with_escape.xlsx').rows[0][0]).toBe('_x000D_');
    expect(sheet('calamine__encoded_entities.xlsx').rows.map((r) => r[0])).toEqual(['&', '\n']);
  });

  it('reads rich text as plain text', () => {
    const rows = sheet('sheetjs__rich_text_stress.xlsx').rows;
    expect(rows[1]).toEqual(['bold', 'this text is bold, sure enough']);
    expect(rows.every((r) => r.every((c) => typeof c !== 'string' || !c.includes('<')))).toBe(true);
  });

  it('reads error cells as empty and counts them in a warning', () => {
    const s = sheet('calamine__errors.xlsx');
    expect(s.rows).toEqual([]); // seven error cells, nothing else
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings![0]).toMatch(/^Trang tính "Feuil1": 7 ô lỗi .*#N\/A.* \/ Sheet "Feuil1": 7 error cells/);
    const rows = sheet('sheetjs__ErrorTypes.xlsx').rows;
    expect(rows[1].slice(0, 4)).toEqual([null, null, '#NULL?', '#NULL']); // error cells vs look-alike strings
    expect(sheet('sheetjs__minimal_112.xlsx').warnings).toBeUndefined();
  });

  it('reads an empty shared string as an empty cell and keeps emoji', () => {
    expect(sheet('calamine__empty_shared_string.xlsx').rows).toEqual([['abc']]);
    expect(sheet('sheetjs__sushi.xlsx').rows).toEqual([['🍣']]);
  });
});

describe('agreement with Excel CSV exports (ASCII cells)', () => {
  const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);
  // Cells whose number format Excel applied in the export (currency, 0.00, %, h:mm AM/PM, [h]:mm:ss,
  // 1.23E+22): the grid holds the number itself.
  const cases: { workbook: string; csv: string; sheet?: number; formatted?: string[] }[] = [
    { workbook: 'sheetjs__ErrorTypes.xlsx', csv: '2016_ErrorTypes.xlsx.0.csv' },
    { workbook: 'sheetjs__formulae_test_simple.xlsx', csv: '2016_formulae_test_simple.xlsx.0.csv' },
    { workbook: 'sheetjs__issue.xlsx', csv: '2016_issue.xlsx.0.csv' },
    { workbook: 'sheetjs__merge_cells.xlsx', csv: '2016_merge_cells.xlsx.0.csv' },
    { workbook: 'sheetjs__rich_text_stress.xlsx', csv: '2016_rich_text_stress.xlsx.0.csv' },
    { workbook: 'sheetjs__sheet_visibility.xlsx', csv: '2016_sheet_visibility.xlsx.0.csv', sheet: 0 },
    { workbook: 'sheetjs__sheet_visibility.xlsx', csv: '2016_sheet_visibility.xlsx.1.csv', sheet: 1 },
    { workbook: 'sheetjs__sheet_visibility.xlsx', csv: '2016_sheet_visibility.xlsx.2.csv', sheet: 2 },
    { workbook: 'sheetjs__text_and_numbers.xlsx', csv: '2016_text_and_numbers.xlsx.0.csv', formatted: ['C4'] },
    { workbook: 'sheetjs__artifacts__wps__write.xlsx', csv: '2016_write.xlsx.0.csv' },
    { workbook: 'sheetjs__crlf__crlf.xlsx', csv: 'crlf_crlf.csv' },
    {
      workbook: 'sheetjs__xlsx-stream-d-date-cell.xlsx',
      csv: '2016_xlsx-stream-d-date-cell.xlsx.0.csv',
      formatted: ['D3', 'B6', 'B7', 'B8', 'B9', 'B10'],
    },
  ];

  for (const { workbook, csv, sheet: index = 0, formatted = [] } of cases) {
    it(`${workbook} matches ${csv}`, () => {
      // Latin-1 keeps each non-ASCII byte of the export non-ASCII, so it is skipped below.
      const expected = parseCsvRows(fs.readFileSync(path.join(EXPORTS, csv), 'latin1'), ',');
      const grid = sheet(workbook, index);
      const inMerge = (r: number, c: number) =>
        grid.merges.some((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 && !(r === m.r0 && c === m.c0));
      let compared = 0;
      expected.forEach((row, r) =>
        row.forEach((e, c) => {
          const ref = XLSX.utils.encode_cell({ r, c });
          const actual: Cell = grid.rows[r]?.[c] ?? null;
          const text = cellText(actual);
          if (/[^\x00-\x7f]/.test(e) || /[^\x00-\x7f]/.test(text) || formatted.includes(ref)) return;
          if (e === '' && inMerge(r, c)) return; // the export leaves covered cells empty; the grid copies the parent
          compared++;
          if (ERRORS.has(e)) expect(actual, ref).toBeNull();
          else if (/^\d{1,2}\/\d{1,2}\/\d{2}$/.test(e)) expect(text.replace(/^\d\d(\d\d)-(\d\d)-(\d\d)$/, (_, y, m, d) => `${+m}/${+d}/${y}`), ref).toBe(e);
          else expect(text, ref).toBe(e);
        }),
      );
      expect(compared).toBeGreaterThan(3);
    });
  }
});

describe('a government report built with SheetJS', () => {
  const TITLE = 'DANH SÁCH ĐƠN THƯ TIẾP NHẬN QUÝ I NĂM 2024';

  function governmentWorkbook(): XLSX.WorkBook {
    const aoa: (string | number | boolean | null)[][] = [
      ['UBND HUYỆN BÌNH SƠN', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['BAN TIẾP CÔNG DÂN', null, null, null, 'Độc lập - Tự do - Hạnh phúc'],
      [TITLE],
      ['STT', 'Số hiệu đơn', 'Ngày', null, 'Phân loại đơn', null, null, 'Lĩnh vực', 'Xã/phường/thị trấn', 'Huyện', 'Trạng thái', 'Ghi chú'],
      [null, null, 'nhận', 'giải quyết', 'Khiếu nại', 'Tố cáo', 'Kiến nghị, phản ánh'],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)'],
      [1, 'BS-2024/001', serial(2024, 3, 5), serial(2024, 3, 29), 'x', null, null, 'Đất đai', 'Bình Thạnh', 'Bình Sơn', 'Đã giải quyết'],
      [2, 'BS-2024/002', serial(2024, 3, 11) + 0.375, null, null, 'x', null, 'Tham nhũng, tiêu cực', 'Bình Dương', 'Bình Sơn', 'Đang giải quyết', null],
      [3, 'BS-2024/003', serial(2024, 3, 15), null, null, null, 'x', 'Môi trường', 'Bình Trị', 'Bình Sơn', 'Đã tiếp nhận', 'Đông người'],
      ['Tổng cộng', null, null, null, 1, 1, 1],
    ];
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    ws['C7'].z = 'dd/mm/yyyy';
    ws['D7'].z = 'dd/mm/yyyy';
    ws['C8'].z = 'dd/mm/yyyy hh:mm';
    ws['C9'].z = 'dd/mm/yyyy';
    ws['L8'] = { t: 'e', v: 0x2a }; // #N/A from a broken lookup
    const range = (a: string) => XLSX.utils.decode_range(a);
    ws['!merges'] = [
      'A1:C1', 'E1:L1', 'A2:C2', 'E2:L2', 'A3:L3', // letterhead and title
      'A4:A5', 'B4:B5', 'C4:D4', 'E4:G4', 'H4:H5', 'I4:I5', 'J4:J5', 'K4:K5', 'L4:L5', // header
      'A10:D10', // "Tổng cộng"
    ].map(range);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Quý I');
    return wb;
  }

  const wb = governmentWorkbook();
  const xlsx = readWorkbook(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })), 'don-thu.xlsx');
  const xls = readWorkbook(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' })), 'don-thu.xls');
  const xlsb = readWorkbook(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsb' })), 'don-thu.xlsb');
  // "XML Spreadsheet 2003", still produced by some report generators under a .xls name
  const xlml = readWorkbook(new TextEncoder().encode(XLSX.write(wb, { type: 'string', bookType: 'xlml' })), 'bao-cao-2003.xls');

  it('reports each format', () => {
    expect([xlsx.format, xls.format, xlsb.format, xlml.format]).toEqual(['xlsx', 'xls', 'xlsb', 'xls']);
  });

  it('reads the grid with merged parents copied, dates as ISO text and the error cell empty', () => {
    const s = xlsx.sheets[0];
    expect(s.name).toBe('Quý I');
    expect(s.hidden).toBe(false);
    expect(s.date1904).toBe(false);
    expect(s.rows[0]).toEqual([
      'UBND HUYỆN BÌNH SƠN', 'UBND HUYỆN BÌNH SƠN', 'UBND HUYỆN BÌNH SƠN', null,
      ...Array(8).fill('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
    ]);
    expect(s.rows[2]).toEqual(Array(12).fill(TITLE));
    expect(s.rows[3]).toEqual(['STT', 'Số hiệu đơn', 'Ngày', 'Ngày', 'Phân loại đơn', 'Phân loại đơn', 'Phân loại đơn', 'Lĩnh vực', 'Xã/phường/thị trấn', 'Huyện', 'Trạng thái', 'Ghi chú']);
    expect(s.rows[4]).toEqual(['STT', 'Số hiệu đơn', 'nhận', 'giải quyết', 'Khiếu nại', 'Tố cáo', 'Kiến nghị, phản ánh', 'Lĩnh vực', 'Xã/phường/thị trấn', 'Huyện', 'Trạng thái', 'Ghi chú']);
    expect(s.rows[6].slice(0, 5)).toEqual([1, 'BS-2024/001', '2024-03-05', '2024-03-29', 'x']);
    expect(s.rows[7][2]).toBe('2024-03-11T09:00:00');
    expect(s.rows[7]).toHaveLength(11); // the #N/A in L8 is empty, and trailing empties are trimmed
    expect(s.rows[9].slice(0, 7)).toEqual(['Tổng cộng', 'Tổng cộng', 'Tổng cộng', 'Tổng cộng', 1, 1, 1]);
    expect(s.merges).toHaveLength(15);
    expect(s.warnings?.[0]).toMatch(/1 ô lỗi \(#N\/A\)/);
  });

  it('reads the same grid from legacy .xls (BIFF8), .xlsb and XML Spreadsheet 2003', () => {
    for (const other of [xls, xlsb, xlml]) {
      expect(other.sheets.map((s) => s.name)).toEqual(['Quý I']);
      expect(other.sheets[0].rows).toEqual(xlsx.sheets[0].rows);
      const key = (m: SheetGrid['merges'][number]) => `${m.r0},${m.c0},${m.r1},${m.c1}`;
      expect(other.sheets[0].merges.map(key).sort()).toEqual(xlsx.sheets[0].merges.map(key).sort());
    }
  });

  it('flags a hidden sheet in xlsx and xls alike', () => {
    const two = governmentWorkbook();
    XLSX.utils.book_append_sheet(two, XLSX.utils.aoa_to_sheet([['Danh mục'], ['Bình Sơn']]), 'Danh mục');
    two.Workbook = { Sheets: [{ name: 'Quý I', Hidden: 0 }, { name: 'Danh mục', Hidden: 1 }] };
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const r = readWorkbook(new Uint8Array(XLSX.write(two, { type: 'buffer', bookType })), `two.${bookType}`);
      expect(r.sheets.map((s) => [s.name, s.hidden])).toEqual([['Quý I', false], ['Danh mục', true]]);
    }
  });
});

describe('legacy and look-alike files', () => {
  it('decodes an Excel 95 (BIFF5) workbook typed in Windows-1258 to NFC Unicode', () => {
    // SheetJS writes BIFF5 only in code page 1252; swap in cp1258 bytes and the CODEPAGE record.
    const placeholder = 'Huy##n Bi#nh S#n';
    const cp1258 = [0x48, 0x75, 0x79, 0xea, 0xf2, 0x6e, 0x20, 0x42, 0x69, 0xcc, 0x6e, 0x68, 0x20, 0x53, 0xf5, 0x6e];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[placeholder]]), 'S');
    const cfb = XLSX.CFB.read(XLSX.write(wb, { type: 'buffer', bookType: 'biff5' }), { type: 'buffer' });
    const book = XLSX.CFB.find(cfb, 'Book');
    const stream = Buffer.from(book.content);
    for (let i = 0; i < stream.length; i += 4 + stream.readUInt16LE(i + 2)) {
      if (stream.readUInt16LE(i) === 0x42) stream.writeUInt16LE(1258, i + 4);
    }
    const at = stream.indexOf(Buffer.from(placeholder, 'latin1'));
    expect(at).toBeGreaterThan(0);
    Buffer.from(cp1258).copy(stream, at);
    book.content = stream;
    const r = readWorkbook(new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' })), 'cu.xls');
    expect(r.format).toBe('xls');
    expect(r.sheets[0].rows).toEqual([['Huyện Bình Sơn']]);
  });

  it('reads an HTML table saved as .xls, keeping dd/mm/yyyy text as typed', () => {
    const html = '<html><meta charset="utf-8"><body><table><tr><td>Số hiệu đơn</td><td>Ngày nhận</td></tr><tr><td>A-01</td><td>05/03/2024</td></tr></table></body></html>';
    const r = readWorkbook(new TextEncoder().encode(html), 'xuat-tu-phan-mem.xls');
    expect(r.format).toBe('xls');
    expect(r.sheets[0].rows).toEqual([['Số hiệu đơn', 'Ngày nhận'], ['A-01', '05/03/2024']]);
  });
});

describe('unreadable files', () => {
  const issue = fs.readFileSync(path.join(CORPUS, 'sheetjs__issue.xlsx'));

  function cfbWith(streams: Record<string, number>): Uint8Array {
    const cfb = XLSX.CFB.utils.cfb_new();
    for (const [name, size] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, `/${name}`, Buffer.alloc(size, 1));
    return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }));
  }

  function zipWith(name: string, text: string): Uint8Array {
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, `/${name}`, Buffer.from(text));
    return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer' }));
  }

  const cases: [string, Uint8Array, RegExp][] = [
    ['rong.xlsx', new Uint8Array(0), /^Tệp rong\.xlsx: tệp rỗng.* \/ File rong\.xlsx: the file is empty/],
    ['ghi-chu.xlsx', new TextEncoder().encode('Đây là ghi chú, không phải bảng tính\n'), /^Tệp ghi-chu\.xlsx: không phải tệp Excel .* \/ File ghi-chu\.xlsx: not an Excel workbook/],
    ['rac.xls', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /không phải tệp Excel/],
    ['cut.xlsx', new Uint8Array(issue.subarray(0, Math.floor(issue.length / 2))), /^Tệp cut\.xlsx: không đọc được — tệp Excel bị hỏng .* \/ File cut\.xlsx: unreadable — the workbook is damaged/],
    ['mat-khau.xlsx', cfbWith({ EncryptionInfo: 200, EncryptedPackage: 5000 }), /^Tệp mat-khau\.xlsx: không đọc được — tệp Excel có mật khẩu.* \/ File mat-khau\.xlsx: unreadable — the workbook is password-protected/],
    ['van-ban.xls', cfbWith({ WordDocument: 5000 }), /^Tệp van-ban\.xls: không phải bảng tính Excel \(có thể là tệp Word/],
    ['nen.xlsx', zipWith('readme.txt', 'hello'), /không phải bảng tính Excel/],
  ];

  for (const [name, bytes, message] of cases) {
    it(`${name} → SourceReadError`, () => {
      let caught: unknown;
      try {
        readWorkbook(bytes, name);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(SourceReadError);
      expect((caught as SourceReadError).fileName).toBe(name);
      expect((caught as SourceReadError).message).toMatch(message);
    });
  }
});

describe('cellText', () => {
  it('writes cells the way a clerk sees them', () => {
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(1.23456789e22)).toBe('12345678900000000000000');
    expect(cellText(1e-7)).toBe('0.0000001');
    expect(cellText(-0)).toBe('0');
    expect(cellText(1234567.5)).toBe('1234567.5');
    expect(cellText(12.34 * 3)).toBe('37.02');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText(null)).toBe('');
    expect(cellText('Bình Sơn')).toBe('Bình Sơn');
  });
});
