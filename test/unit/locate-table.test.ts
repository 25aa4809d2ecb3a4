import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { parseCsvRows, sniffDelimiter } from '../../pipeline/sources/csv-text.ts';
import { cellText, type SheetGrid } from '../../pipeline/sources/grid.ts';
import { isColumnNumberRow, locateTable, type LocatedTable } from '../../pipeline/sources/locate-table.ts';
import { readWorkbook } from '../../pipeline/sources/read-excel.ts';

const CORPUS = path.resolve(process.cwd(), '../shared/fixtures/corpus');

type Aoa = (string | number | null)[][];

function texts(grid: SheetGrid): string[][] {
  return grid.rows.map((r) => r.map(cellText));
}

/** Writes an array of rows with merges to .xlsx and reads it back as a clerk's workbook. */
function viaXlsx(aoa: Aoa, merges: string[], formats: Record<string, string> = {}): string[][] {
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = merges.map((m) => XLSX.utils.decode_range(m));
  for (const [ref, z] of Object.entries(formats)) ws[ref].z = z;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  return texts(readWorkbook(bytes, 'bao-cao.xlsx').sheets[0]);
}

function viaCsv(csv: string): string[][] {
  return parseCsvRows(csv, sniffDelimiter(csv));
}

function matchesByIndex(t: LocatedTable) {
  return Object.fromEntries(t.columns.map((c) => [c.index, c.match]));
}

const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe('a government petition list: letterhead, two-row merged header, column numbers', () => {
  const TITLES = [
    'UBND HUYỆN BÌNH SƠN',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'BAN TIẾP CÔNG DÂN',
    'Độc lập - Tự do - Hạnh phúc',
    'DANH SÁCH ĐƠN THƯ TIẾP NHẬN QUÝ I NĂM 2024',
  ];
  const aoa: Aoa = [
    [TITLES[0], null, null, null, TITLES[1]],
    [TITLES[2], null, null, null, TITLES[3]],
    [TITLES[4]],
    ['STT', 'Số hiệu đơn', 'Ngày', null, 'Phân loại đơn', null, null, 'Lĩnh vực', 'Xã/phường/thị trấn', 'Huyện', 'Trạng thái', 'Ghi chú'],
    [null, null, 'nhận', 'giải quyết', 'Khiếu nại', 'Tố cáo', 'Kiến nghị, phản ánh'],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)'],
    [1, 'BS-2024/001', serial(2024, 3, 5), serial(2024, 3, 29), 'x', null, null, 'Đất đai', 'Bình Thạnh', 'Bình Sơn', 'Đã giải quyết'],
    [2, 'BS-2024/002', serial(2024, 3, 11), null, null, 'x', null, 'Tham nhũng, tiêu cực', 'Bình Dương', 'Bình Sơn', 'Đang giải quyết'],
    ['Tổng cộng', null, null, null, 1, 1, 0],
  ];
  const merges = ['A1:C1', 'E1:L1', 'A2:C2', 'E2:L2', 'A3:L3', 'A4:A5', 'B4:B5', 'C4:D4', 'E4:G4', 'H4:H5', 'I4:I5', 'J4:J5', 'K4:K5', 'L4:L5', 'A9:D9'];
  const csv = [
    'UBND HUYỆN BÌNH SƠN,,,,CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM,,,,,,,',
    'BAN TIẾP CÔNG DÂN,,,,Độc lập - Tự do - Hạnh phúc,,,,,,,',
    'DANH SÁCH ĐƠN THƯ TIẾP NHẬN QUÝ I NĂM 2024,,,,,,,,,,,',
    'STT,Số hiệu đơn,Ngày,,Phân loại đơn,,,Lĩnh vực,Xã/phường/thị trấn,Huyện,Trạng thái,Ghi chú',
    ',,nhận,giải quyết,Khiếu nại,Tố cáo,"Kiến nghị, phản ánh",,,,,',
    '(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12)',
    '1,BS-2024/001,05/03/2024,29/03/2024,x,,,Đất đai,Bình Thạnh,Bình Sơn,Đã giải quyết,',
    '2,BS-2024/002,11/03/2024,,,x,,"Tham nhũng, tiêu cực",Bình Dương,Bình Sơn,Đang giải quyết,',
    'Tổng cộng,,,,1,1,0,,,,,',
  ].join('\r\n');

  const sources: [string, string[][]][] = [
    ['xlsx (merged parents copied by the reader)', viaXlsx(aoa, merges, { C7: 'dd/mm/yyyy', D7: 'dd/mm/yyyy', C8: 'dd/mm/yyyy' })],
    ['CSV (parents only in the first cell of their span)', viaCsv(csv)],
  ];

  for (const [label, rows] of sources) {
    it(`finds the header, the number row and the data in ${label}`, () => {
      const t = locateTable(rows);
      expect(t).not.toBeNull();
      expect(t!.dataset).toBe('petitions');
      expect(t!.headerRows).toEqual({ first: 3, last: 4 });
      expect(t!.numberRow).toBe(5);
      expect(t!.dataStart).toBe(6);
      expect(t!.titleLines).toEqual(TITLES);
      expect(t!.missingRequired).toEqual([]);
      expect(t!.columns.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(t!.columns[2].path).toEqual(['Ngày', 'nhận']);
      expect(t!.columns[0].path).toEqual(['STT']);
      expect(matchesByIndex(t!)).toEqual({
        0: { column: 'row_number' },
        1: { column: 'petition_id' },
        2: { column: 'received_date' },
        3: { column: 'resolved_date' },
        4: { column: 'kind', flagValue: 'complaint' },
        5: { column: 'kind', flagValue: 'denunciation' },
        6: { column: 'kind', flagValue: 'feedback' },
        7: { column: 'topic' },
        8: { column: 'commune' },
        9: { column: 'district' },
        10: { column: 'status' },
        11: { column: 'content' },
      });
    });
  }

  it('reads the first data row where dataStart says', () => {
    const rows = sources[0][1];
    expect(rows[locateTable(rows)!.dataStart].slice(0, 4)).toEqual(['1', 'BS-2024/001', '2024-03-05', '2024-03-29']);
  });

  it('finds a header with line breaks inside cells and no number row', () => {
    const rows = viaCsv('DANH SÁCH ĐƠN THƯ\n"Số hiệu\nđơn","Ngày\nnhận",Loại đơn,"Huyện/\nthị xã",Tình trạng\nA-01,05/03/2024,KN,Bình Sơn,Đã giải quyết\n');
    const t = locateTable(rows)!;
    expect(t.headerRows).toEqual({ first: 1, last: 1 });
    expect(t.numberRow).toBeNull();
    expect(t.dataStart).toBe(2);
    expect(t.columns.map((c) => c.match?.column)).toEqual(['petition_id', 'received_date', 'kind', 'district', 'status']);
  });

  it('finds a three-row header under group labels, from xlsx and from CSV', () => {
    const aoa: Aoa = [
      ['DANH SÁCH ĐƠN THƯ ĐÃ XỬ LÝ'],
      ['STT', 'Thông tin đơn', null, null, null, 'Kết quả', null, null],
      [null, 'Số hiệu đơn', 'Ngày', null, 'Huyện', 'Trạng thái', 'Kết quả giải quyết'],
      [null, null, 'nhận', 'giải quyết', null, null, 'Đúng', 'Sai'],
      [1, 'A-01', '02/01/2024', '20/02/2024', 'Bình Sơn', 'Đã giải quyết', 'x', null],
    ];
    const merges = ['A1:H1', 'A2:A4', 'B2:E2', 'F2:H2', 'B3:B4', 'C3:D3', 'E3:E4', 'F3:F4', 'G3:H3'];
    const csv = aoa.map((r) => r.map((c) => c ?? '').join(',')).join('\n');
    for (const rows of [viaXlsx(aoa, merges), viaCsv(csv)]) {
      const t = locateTable(rows)!;
      expect(t.headerRows).toEqual({ first: 1, last: 3 });
      expect(t.dataStart).toBe(4);
      expect(t.titleLines).toEqual(['DANH SÁCH ĐƠN THƯ ĐÃ XỬ LÝ']);
      expect(t.columns[2].path).toEqual(['Thông tin đơn', 'Ngày', 'nhận']);
      expect(t.columns.map((c) => c.match)).toEqual([
        { column: 'row_number' },
        { column: 'petition_id' },
        { column: 'received_date' },
        { column: 'resolved_date' },
        { column: 'district' },
        { column: 'status' },
        { column: 'outcome', flagValue: 'upheld' },
        { column: 'outcome', flagValue: 'rejected' },
      ]);
    }
  });

  it('respects maxScan', () => {
    const deep = [...Array.from({ length: 45 }, (_, i) => [`Ghi chép ${i}`]), ['Số hiệu đơn', 'Ngày nhận', 'Loại đơn', 'Huyện', 'Trạng thái']];
    expect(locateTable(deep)).toBeNull();
    expect(locateTable(deep, { maxScan: 60 })!.headerRows).toEqual({ first: 45, last: 45 });
  });
});

describe('other tables', () => {
  it('reads a plain one-row CSV with English headers', () => {
    const csv = 'Petition number,Date received,Kind,District,Commune,Status,Signers\r\nQN-1,2024-01-02,complaint,524,,resolved,1\r\n';
    const t = locateTable(viaCsv(csv))!;
    expect(t.dataset).toBe('petitions');
    expect(t.headerRows).toEqual({ first: 0, last: 0 });
    expect(t.numberRow).toBeNull();
    expect(t.dataStart).toBe(1);
    expect(t.titleLines).toEqual([]);
    expect(t.missingRequired).toEqual([]);
    expect(t.columns.map((c) => c.match?.column)).toEqual(['petition_id', 'received_date', 'kind', 'district', 'commune', 'status', 'signers']);
  });

  const CAMPAIGN_TITLE = 'BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA "DÂN VẬN KHÉO" NĂM 2023';
  const campaignAoa: Aoa = [
    ['ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM', null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['TỈNH QUẢNG NGÃI', null, null, 'Độc lập - Tự do - Hạnh phúc'],
    [CAMPAIGN_TITLE],
    ['Đơn vị', 'Số mô hình đăng ký', 'Số mô hình được công nhận', null, null, 'Lượt người tham gia'],
    [null, null, 'Cấp cơ sở', 'Cấp huyện', 'Cấp tỉnh'],
    [1, 2, 3, 4, 5, 6],
    ['Huyện Bình Sơn', 45, 30, 10, 2, 12500],
    ['Huyện Trà Bồng', 20, 12, 3, 1, 4200],
    ['Tổng cộng', 65, 42, 13, 3, 16700],
  ];
  const campaignMerges = ['A1:C1', 'D1:F1', 'A2:C2', 'D2:F2', 'A3:F3', 'A4:A5', 'B4:B5', 'C4:E4', 'F4:F5'];
  const campaignMatches = {
    0: { column: 'unit' },
    1: { column: 'ind:models_registered' },
    2: { column: 'ind:models_recognised@co_so' },
    3: { column: 'ind:models_recognised@huyen' },
    4: { column: 'ind:models_recognised@tinh' },
    5: { column: 'ind:participants' },
  };

  it('reads a "Dân vận khéo" campaign report with models recognised per level', () => {
    const t = locateTable(viaXlsx(campaignAoa, campaignMerges))!;
    expect(t.dataset).toBe('campaign_results');
    expect(t.headerRows).toEqual({ first: 3, last: 4 });
    expect(t.numberRow).toBe(5); // "1 2 3 4 5 6" without parentheses
    expect(t.dataStart).toBe(6);
    expect(t.titleLines).toEqual([
      'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH QUẢNG NGÃI',
      'Độc lập - Tự do - Hạnh phúc',
      CAMPAIGN_TITLE,
    ]);
    expect(matchesByIndex(t)).toEqual(campaignMatches);
    expect(t.columns[3].path).toEqual(['Số mô hình được công nhận', 'Cấp huyện']);
  });

  it('reads the same report from CSV, with levels written without "Cấp"', () => {
    const csv = [
      'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI;;;;;',
      '"BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA ""DÂN VẬN KHÉO"" NĂM 2023";;;;;',
      'Đơn vị;Số mô hình đăng ký;Số mô hình được công nhận;;;Lượt người tham gia',
      ';;Cơ sở;Huyện;Tỉnh;',
      'Huyện Bình Sơn;45;30;10;2;12500',
    ].join('\n');
    const t = locateTable(viaCsv(csv))!;
    expect(t.dataset).toBe('campaign_results');
    expect(t.headerRows).toEqual({ first: 2, last: 3 });
    expect(t.numberRow).toBeNull();
    expect(t.dataStart).toBe(4);
    expect(t.titleLines[1]).toBe(CAMPAIGN_TITLE);
    expect(matchesByIndex(t)).toEqual(campaignMatches);
  });

  it('reads a population table', () => {
    const rows = viaXlsx(
      [
        ['CỤC THỐNG KÊ TỈNH QUẢNG NGÃI'],
        ['DÂN SỐ TRUNG BÌNH PHÂN THEO HUYỆN, THỊ XÃ, THÀNH PHỐ'],
        [null, null, null, 'Đơn vị tính: người, hộ'],
        ['STT', 'Huyện, thị xã, thành phố', 'Năm', 'Dân số trung bình (người)', 'Số hộ'],
        [1, 'Thành phố Quảng Ngãi', 2023, 268000, 78000],
        [2, 'Huyện Lý Sơn', 2023, 22500, 6100],
      ],
      ['A1:E1', 'A2:E2'],
    );
    const t = locateTable(rows)!;
    expect(t.dataset).toBe('population');
    expect(t.headerRows).toEqual({ first: 3, last: 3 });
    expect(t.dataStart).toBe(4);
    expect(t.titleLines).toEqual(['CỤC THỐNG KÊ TỈNH QUẢNG NGÃI', 'DÂN SỐ TRUNG BÌNH PHÂN THEO HUYỆN, THỊ XÃ, THÀNH PHỐ', 'Đơn vị tính: người, hộ']);
    expect(t.columns.map((c) => c.match?.column)).toEqual(['row_number', 'unit', 'year', 'population', 'households']);
    expect(t.missingRequired).toEqual([]);
  });

  it('reads a population table whose year is only in the title, reporting the missing column', () => {
    const t = locateTable(viaCsv('DÂN SỐ NĂM 2023\nĐơn vị hành chính,Dân số (người),Số hộ\nHuyện Bình Sơn,180000,52000\n'))!;
    expect(t.dataset).toBe('population');
    expect(t.titleLines).toEqual(['DÂN SỐ NĂM 2023']);
    expect(t.missingRequired).toEqual(['year']);
  });
});

describe('sheets without a known table', () => {
  it('returns null for an address list, an English table of something else and an empty sheet', () => {
    expect(locateTable(viaCsv('Họ tên,Địa chỉ,Số điện thoại\nNguyễn Văn A,Bình Sơn,0905000000\n'))).toBeNull();
    expect(locateTable(viaCsv('Name,Age,City\nAnn,31,Hue\n'))).toBeNull();
    expect(locateTable([])).toBeNull();
    expect(locateTable([['UBND TỈNH QUẢNG NGÃI'], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']])).toBeNull();
  });

  it('finds no table in any sheet of the xlsx corpus or any UTF-8 file of the CSV corpus', () => {
    const found: string[] = [];
    for (const f of fs.readdirSync(path.join(CORPUS, 'xlsx')).filter((n) => /\.(xlsx|ods)$/.test(n))) {
      const wb = readWorkbook(new Uint8Array(fs.readFileSync(path.join(CORPUS, 'xlsx', f))), f);
      for (const s of wb.sheets) if (locateTable(texts(s))) found.push(`${f}/${s.name}`);
    }
    for (const f of fs.readdirSync(path.join(CORPUS, 'csv')).filter((n) => !n.startsWith('encodings__'))) {
      if (locateTable(viaCsv(fs.readFileSync(path.join(CORPUS, 'csv', f), 'utf8')))) found.push(f);
    }
    expect(found).toEqual([]);
  });
});

describe('isColumnNumberRow', () => {
  it('recognises rows of column numbers', () => {
    expect(isColumnNumberRow(['(1)', '(2)', '(3)', '(4)'])).toBe(true);
    expect(isColumnNumberRow(['1', '2', '3', '', ''])).toBe(true);
    expect(isColumnNumberRow(['A', 'B', '1', '2', '3'])).toBe(true);
    expect(isColumnNumberRow(['(1)', '(2)', '(3)=(4)+(5)', '(4)', '(5)', '(6)=(4)x100/(5)'])).toBe(true);
    expect(isColumnNumberRow(['1', '2', '2', '3'])).toBe(true); // a number copied over a merged pair
    expect(isColumnNumberRow([' ( 1 ) '.replace(/ /g, ''), '(2)'])).toBe(true);
  });

  it('rejects data rows and single numbers', () => {
    expect(isColumnNumberRow(['1', '522', '2023', '180000'])).toBe(false);
    expect(isColumnNumberRow(['1', 'BS-2024/001', '05/03/2024'])).toBe(false);
    expect(isColumnNumberRow(['1'])).toBe(false);
    expect(isColumnNumberRow(['1', '1', '1'])).toBe(false);
    expect(isColumnNumberRow(['3', '2', '1'])).toBe(false);
    expect(isColumnNumberRow(['STT', 'Số hiệu đơn'])).toBe(false);
    expect(isColumnNumberRow(['1', '45', '30', '10', '2', '12500'])).toBe(false);
  });
});
