// The files analysts take away: formula injection neutralised in CSV and XLSX, Vietnamese intact,
// numbers and dates typed, XLSX readable by two independent readers (SheetJS and exceljs), the
// same rows giving the same bytes.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { neutralise } from '../../pipeline/publish/neutralise.ts';
import { csvCell, toCsv } from '../../pipeline/publish/write-csv.ts';
import { openXlsx } from '../../pipeline/publish/write-xlsx.ts';
import { tempDir } from '../helpers.ts';

describe('neutralise', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","bấm")', `'=HYPERLINK("http://evil.example","bấm")`],
    ['+84 905 123 456', "'+84 905 123 456"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['Bình Sơn', 'Bình Sơn'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });
});

describe('CSV', () => {
  it('quotes, neutralises text and leaves numbers alone', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvCell(true)).toBe('true');
  });

  it('starts with a BOM and ends lines with CRLF, as Excel expects', () => {
    const text = toCsv(['huyện', 'số đơn'], [['Tư Nghĩa', 12], ['Lý Sơn', null]]);
    expect(text).toBe('\uFEFFhuyện,số đơn\r\nTư Nghĩa,12\r\nLý Sơn,\r\n');
    // The BOM is what lets Excel read UTF-8: check the bytes.
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('XLSX writer', () => {
  const { dir, cleanup } = tempDir('danvan-xlsx-');
  afterAll(cleanup);

  const columns = ['ghi chú', 'số', 'ngày', 'thời điểm', 'đúng hạn', 'lớn'];
  const kinds = ['text', 'number', 'date', 'timestamp', 'bool', 'number'] as const;
  const rows: (string | number | boolean | null)[][] = [
    ['=HYPERLINK("http://evil.example","bấm")', -5, '2024-03-01', '2024-03-01 10:20:30', true, '12345678901234567'],
    ['Huyện Bình Sơn — khiếu nại đông người', 2.5, null, null, false, 1],
    [' khoảng trắng đầu và cuối ', 0, '1899-12-31', 'không phải ngày', null, null],
    ['kí tự điều khiển \u0001\u0007 bị bỏ', 1e21, '2024-02-29', '2024-12-31T23:59:59', true, 3],
    ['x'.repeat(40_000), 7, null, null, null, null],
  ];

  const write = async (name: string) => {
    const path = join(dir, name);
    const w = openXlsx(path, 'Kết quả: 2024/Q1', columns, [...kinds]);
    for (const r of rows) w.row(r);
    await w.close();
    return path;
  };

  it('reads back in SheetJS with types kept and formulas neutralised', async () => {
    const path = await write('a.xlsx');
    const book = XLSX.read(readFileSync(path), { cellDates: false });
    expect(book.SheetNames).toEqual(['Kết quả  2024 Q1']);
    const sheet = book.Sheets[book.SheetNames[0]];
    expect(Object.values(sheet).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(false);
    const got = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null });
    expect(got[0]).toEqual(columns);
    expect(got[1]).toEqual([`'=HYPERLINK("http://evil.example","bấm")`, -5, 45352, 45352 + (10 * 3600 + 20 * 60 + 30) / 86400, true, '12345678901234567']);
    expect(got[2]).toEqual(['Huyện Bình Sơn — khiếu nại đông người', 2.5, null, null, false, 1]);
    expect(got[3][0]).toBe(' khoảng trắng đầu và cuối ');
    expect(got[3][3]).toBe('không phải ngày');
    expect(got[4][0]).toBe('kí tự điều khiển  bị bỏ');
    expect(got[4][1]).toBe(1e21);
    expect(String(got[5][0]).length).toBe(32_767);
    const formats = XLSX.read(readFileSync(path), { cellNF: true }).Sheets[book.SheetNames[0]];
    expect(formats.C2.z).toBe('dd/mm/yyyy');
    expect(formats.D2.z).toBe('dd/mm/yyyy hh:mm:ss');
  });

  it('reads back in exceljs (an independent reader)', async () => {
    const path = await write('b.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(sheet.getCell('A2').value).toBe(`'=HYPERLINK("http://evil.example","bấm")`);
    expect(sheet.getCell('B2').value).toBe(-5);
    expect((sheet.getCell('C2').value as Date).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
  });

  it('gives the same bytes for the same rows', async () => {
    expect(readFileSync(await write('c.xlsx')).equals(readFileSync(await write('d.xlsx')))).toBe(true);
  });
});
