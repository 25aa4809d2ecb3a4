import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { writeScaleCsv, writeScaleXlsx } from '../../pipeline/demo/generate.ts';
import { parseCsvRows } from '../../pipeline/sources/csv-text.ts';
import { SourceReadError, type Cell } from '../../pipeline/sources/grid.ts';
import { readWorkbook } from '../../pipeline/sources/read-excel.ts';
import { streamXlsxSheets, type StreamOptions } from '../../pipeline/sources/xlsx-stream.ts';

const CORPUS = path.resolve(process.cwd(), '../shared/fixtures/corpus/xlsx');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-xlsx-stream-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

interface StreamedGrid {
  name: string;
  hidden: boolean;
  date1904: boolean;
  merges: { r0: number; c0: number; r1: number; c1: number }[];
  warnings: string[];
  rows: Cell[][];
}

async function streamAll(file: string, label: string, options?: StreamOptions): Promise<StreamedGrid[]> {
  const out: StreamedGrid[] = [];
  for await (const sheet of streamXlsxSheets(file, label, options)) {
    const rows: Cell[][] = [];
    for await (const { r, cells } of sheet.rows()) {
      expect(r, `${label} ${sheet.name}: rows come in physical order`).toBe(rows.length);
      rows.push(cells);
    }
    out.push({ name: sheet.name, hidden: sheet.hidden, date1904: sheet.date1904, merges: sheet.merges, warnings: sheet.warnings, rows });
  }
  return out;
}

/**
 * The streamed sheets equal readWorkbook's grids exactly: names, hidden flags, date system, merge
 * lists, warnings and every row, trailing empty cells and rows included (both readers trim them,
 * so no normalisation is needed).
 */
async function expectSameAsReadWorkbook(file: string, options?: StreamOptions): Promise<StreamedGrid[]> {
  const label = path.basename(file);
  const expected = readWorkbook(new Uint8Array(fs.readFileSync(file)), label).sheets;
  const got = await streamAll(file, label, options);
  expect(got.map((s) => s.name), label).toEqual(expected.map((s) => s.name));
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const g = got[i];
    const where = `${label} / ${e.name}${options?.chunkSize ? ` (chunks of ${options.chunkSize} bytes)` : ''}`;
    expect({ hidden: g.hidden, date1904: g.date1904 }, where).toEqual({ hidden: e.hidden, date1904: e.date1904 });
    expect(g.merges, `${where}: merges`).toEqual(e.merges);
    expect(g.warnings, `${where}: warnings`).toEqual(e.warnings ?? []);
    expect(g.rows.length, `${where}: row count`).toBe(e.rows.length);
    for (let r = 0; r < e.rows.length; r++) expect(g.rows[r], `${where}: row ${r}`).toEqual(e.rows[r]);
  }
  return got;
}

/** Rewrites parts of a zip (paths without the leading '/'). */
function patchZip(bytes: Buffer, edits: Record<string, (xml: string) => string>): Buffer {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  for (const [name, edit] of Object.entries(edits)) {
    const entry = XLSX.CFB.find(zip, `/${name}`);
    if (!entry) throw new Error(`no ${name} in the zip`);
    const xml = edit(Buffer.from(entry.content as Uint8Array).toString('utf8'));
    entry.content = Buffer.from(xml, 'utf8') as unknown as typeof entry.content;
    entry.size = (entry.content as Buffer).length;
  }
  return Buffer.from(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer' }) as Uint8Array);
}

function writeTmp(name: string, bytes: Uint8Array): string {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, bytes);
  return file;
}

// ---------------------------------------------------------------------------------------------
// A clerk's report, written by SheetJS

const NFD = 'Nguyễn Văn Hoà'.normalize('NFD');

function reportSheet(): XLSX.WorkSheet {
  const aoa: unknown[][] = [
    ['BÁO CÁO TỔNG HỢP ĐƠN THƯ QUÝ I NĂM 2024'], // merged A1:H1, wider than the data
    ['STT', 'Thông tin đơn', null, 'Người đứng đơn', 'Kết quả', null], // STT merged down A2:A3; groups merged across
    [null, 'Số hiệu', 'Ngày nhận', 'Họ tên', 'Đã xử lý', 'Ghi chú'],
    [], // an empty row in the middle
    ['I. Huyện Bình Sơn'], // a section row merged A5:F5
    [1, 'BS-01', { t: 'n', v: 45356, z: 'dd/mm/yyyy' }, 'Trần Thị Bé', true, 'có "ngoặc" & <thẻ>'],
    [2, 'BS-02', { t: 'n', v: 45357.75, z: 'dd/mm/yyyy hh:mm' }, NFD, false, { t: 'e', v: 0x07 }],
    [3, 'BS-03', { t: 'n', v: 45358, z: 'm/d/yy' }, 'Phạm Văn C', { t: 'e', v: 0x2a }, 'dòng 1\r\ndòng 2'],
    [null, 'BS-04', { t: 'n', v: 0.5, z: 'h:mm' }, '  khoảng trắng  ', null, { t: 'n', v: 1.25, z: '[h]:mm:ss' }],
    [5, 'BS-05', { t: 'n', v: 45360, z: 'yyyy-mm-dd' }, '', 3.14159, { t: 'n', v: 1234.5, z: '#,##0.00' }],
    ['II. Huyện Sơn Tịnh'], // merged A11:F11
    [6, 'ST-01', { t: 'n', v: 45361, z: 'd-mmm-yy' }, 'Lê Văn D', 'Tồn', '_x000D_ giữ nguyên'],
    [7, 'ST-02', { t: 'n', v: 60, z: 'dd/mm/yyyy' }, 'Võ Thị E', 'Tồn', ''],
    [8, 'ST-03', { t: 'n', v: 45363, z: 'dd/mm/yyyy' }, null, null, null],
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa as XLSX.CellObject[][]);
  ws['!merges'] = ['A1:H1', 'A2:A3', 'B2:C2', 'E2:F2', 'A5:F5', 'A11:F11', 'D13:D14', 'E12:E16', 'A8:A9'].map((r) =>
    XLSX.utils.decode_range(r),
  );
  return ws;
}

function reportBook(date1904: boolean): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, reportSheet(), 'Đơn thư');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Danh mục ẩn'], ['Bình Sơn', 1]]), 'Ẩn');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Rất ẩn', { t: 'b', v: true }]] as XLSX.CellObject[][]), 'Rất ẩn');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Trống');
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }, { Hidden: 2 }, { Hidden: 0 }], WBProps: { date1904 } } as XLSX.WorkBook['Workbook'];
  return wb;
}

function writeBook(wb: XLSX.WorkBook, bookSST: boolean, compression = false): Buffer {
  return Buffer.from(XLSX.write(wb, { bookType: 'xlsx', type: 'buffer', bookSST, compression }) as Uint8Array);
}

/** Rich text and phonetic runs in the shared strings; inline strings, t="d" and formulas in the sheet. */
function richPatches(prefix: string): Record<string, (xml: string) => string> {
  const cell = (ref: string, body: string) => (xml: string) => xml.replace(new RegExp(`<c r="${ref}"[^>]*?(/>|>[\\s\\S]*?</c>)`), body);
  return {
    'xl/sharedStrings.xml': (xml) =>
      xml
        .replace(
          '<si><t>Trần Thị Bé</t></si>',
          '<si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">Trần </t></r><r><t>Thị &amp; Bé</t></r><rPh sb="0" eb="1"><t>phiên âm</t></rPh><phoneticPr fontId="1"/></si>',
        )
        .replace('<si><t>Phạm Văn C</t></si>', '<si><t>Phạm Văn C</t><rPh sb="0" eb="2"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>')
        .replace('<si><t>Lê Văn D</t></si>', '<si><t>Lê Văn D&#13;&#10;(dòng 2) &#x1EA0;</t></si>'),
    'xl/worksheets/sheet1.xml': (xml) => {
      for (const edit of [
        cell('B6', '<c r="B6" t="inlineStr"><is><t>BS-01 nội tuyến</t></is></c>'),
        cell('B7', '<c r="B7" t="inlineStr"><is><r><t>BS-</t></r><r><rPr><i/></rPr><t>02 in nghiêng</t></r></is></c>'),
        cell('D9', '<c r="D9" t="inlineStr"><is><t xml:space="preserve">  nội tuyến có khoảng trắng  </t></is></c>'),
        cell('F12', '<c r="F12" t="inlineStr"><is><t>x_x005F_x000D_y &lt;z&gt;</t></is></c>'),
        cell('B12', '<c r="B12" t="str"><f>CONCAT("ST","-01")</f><v>ST-01</v></c>'),
        cell('E10', '<c r="E10"><f t="shared" ref="E10:E10" si="0">PI()</f><v>3.14159</v></c>'),
        cell('B13', '<c r="B13" t="d"><v>2024-03-05T10:30:00</v></c>'),
        cell('B14', '<c r="B14" t="inlineStr"></c>'),
      ]) {
        xml = edit(xml);
      }
      return prefix ? prefixed(xml, prefix) : xml;
    },
  };
}

/** The same part with every element in namespace prefix `p` (as some .NET writers do). */
function prefixed(xml: string, p: string): string {
  return xml
    .replace(/<(\/?)([A-Za-z])/g, `<$1${p}:$2`)
    .replace(`<${p}:worksheet xmlns=`, `<${p}:worksheet xmlns:${p}=`);
}

const ODD_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row><c t="str"><v>không có r</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>' +
  '<row r="3" spans="1:4" ht="20" customHeight="1"/>' +
  '<row><c r="A4" t="b"/><c r="B4" t="e"/><c r="C4" t="n"><v></v></c><c r="D4" t="s"/><c r="E4"><f>1+1</f></c><c r="F4" t="b"><v>0</v></c></row>' +
  '<row r="6">\n  <c r="B6" s="0">\n    <v>7</v>\n  </c>\n  <c r="C6" t="str"><v><![CDATA[a<b]]></v></c><c r="D6" t="e"><v>#SPILL!</v></c></row>' +
  '<row r="8"><c r="A8" t="inlineStr"><is><t/></is></c><c r="B8" t="s"><v>0</v></c></row>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="B6:B7"/></mergeCells></worksheet>';

/** The test workbooks, written once: SheetJS reports, their patched variants, and a big sheet. */
const made = new Map<string, string>();
function workbook(name: string): string {
  let file = made.get(name);
  if (file) return file;
  let bytes: Buffer;
  const report = /^report-(1900|1904)-(str|sst)$/.exec(name);
  if (report) bytes = writeBook(reportBook(report[1] === '1904'), report[2] === 'sst');
  else if (name === 'rich' || name === 'rich-prefixed') bytes = patchZip(writeBook(reportBook(false), true), richPatches(name === 'rich' ? '' : 'x'));
  else if (name === 'odd') bytes = patchZip(writeBook(reportBook(false), true), { 'xl/worksheets/sheet4.xml': () => ODD_SHEET });
  else if (name === 'big') bytes = writeBook(bigBook(), true, true);
  else throw new Error(name);
  file = writeTmp(`${name}.xlsx`, bytes);
  made.set(name, file);
  return file;
}

const BIG_ROWS = 60_000;
let bigMerges = 0;

function bigBook(): XLSX.WorkBook {
  const aoa: unknown[][] = [['Danh sách đơn thư'], ['STT', 'Số hiệu', 'Ngày', 'Huyện', 'Nội dung', 'Số người']];
  const merges = ['A1:F1'];
  for (let i = 1; aoa.length < BIG_ROWS; i++) {
    if (i % 97 === 0) {
      merges.push(`A${aoa.length + 1}:F${aoa.length + 1}`); // a section row
      aoa.push([`Mục ${i / 97}: Huyện số ${i % 13}`]);
      continue;
    }
    if (i % 41 === 0) merges.push(`D${aoa.length + 1}:D${aoa.length + 3}`); // a district merged down 3 rows
    const district = i % 41 === 1 || i % 41 === 2 ? null : `Huyện ${['Bình Sơn', 'Sơn Tịnh', 'Tư Nghĩa', 'Mộ Đức'][i % 4]}`;
    aoa.push([i, `HS-${i}`, { t: 'n', v: 44000 + (i % 1500), z: 'dd/mm/yyyy' }, district, `Nội dung đơn số ${i} về đất đai & "bồi thường"`, i % 7]);
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa as XLSX.CellObject[][]);
  ws['!merges'] = merges.map((r) => XLSX.utils.decode_range(r));
  bigMerges = merges.length;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Lớn');
  return wb;
}

describe('streamXlsxSheets reads what readWorkbook reads', () => {
  it('every .xlsx of the corpus', async () => {
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const f of files) await expectSameAsReadWorkbook(path.join(CORPUS, f));
  });

  for (const date1904 of [false, true]) {
    for (const bookSST of [false, true]) {
      it(`a SheetJS-written report (${date1904 ? '1904' : '1900'} dates, ${bookSST ? 'shared' : 'formula-result'} strings)`, async () => {
        const [report, hidden, veryHidden, empty] = await expectSameAsReadWorkbook(workbook(`report-${date1904 ? 1904 : 1900}-${bookSST ? 'sst' : 'str'}`));
        // What the comparison covers, spelled out.
        expect(report.rows[0]).toEqual(Array(6).fill('BÁO CÁO TỔNG HỢP ĐƠN THƯ QUÝ I NĂM 2024')); // A1:H1 clipped to the width
        expect(report.rows[2][0]).toBe('STT'); // vertically merged header
        expect(report.rows[3]).toEqual([]); // the empty row stays, so r is physical
        expect(report.rows[4]).toEqual(Array(6).fill('I. Huyện Bình Sơn')); // section row
        expect(report.rows[8][0]).toBe(3); // A8:A9: a merged data cell copied down
        expect(report.rows[5][2]).toBe(date1904 ? '2028-03-06' : '2024-03-05');
        expect(report.rows[6][3]).toBe('Nguyễn Văn Hoà'.normalize('NFC'));
        expect(report.rows[6]).toHaveLength(5); // F7 is #DIV/0!: empty, so trimmed
        expect(report.warnings[0]).toMatch(/2 ô lỗi \(#DIV\/0!, #N\/A\)/);
        expect(report.merges).toContainEqual({ r0: 11, c0: 4, r1: 13, c1: 4 }); // E12:E16 clipped to the last row
        expect([hidden.hidden, veryHidden.hidden, empty.hidden, report.hidden]).toEqual([true, true, false, false]);
        expect(empty.rows).toEqual([]);
        expect(report.date1904).toBe(date1904);
      });
    }
  }

  for (const name of ['rich', 'rich-prefixed']) {
    it(`rich text, phonetic runs, inline strings, t="d" and formula cells${name === 'rich' ? '' : ' in a namespace-prefixed sheet'}`, async () => {
      const [report] = await expectSameAsReadWorkbook(workbook(name));
      expect(report.rows[5].slice(1, 4)).toEqual(['BS-01 nội tuyến', '2024-03-05', 'Trần Thị & Bé']);
      expect(report.rows[6][1]).toBe('BS-02 in nghiêng');
      expect(report.rows[7][3]).toBe('Phạm Văn C');
      expect(report.rows[11][3]).toBe('Lê Văn D\n(dòng 2) Ạ');
      expect(report.rows[11][5]).toBe('x_x000D_y <z>');
      expect(report.rows[8][3]).toBe('  nội tuyến có khoảng trắng  ');
    });
  }

  it('cells and rows without references, empty values and stray markup, as SheetJS reads them', async () => {
    const [, , , odd] = await expectSameAsReadWorkbook(workbook('odd'));
    expect(odd.rows[0]).toEqual(['không có r', 2, null, null, 5, 6]);
    expect(odd.rows[3]).toEqual([false, null, null, null, null, false]); // <c t="b"/> reads FALSE in SheetJS
    expect(odd.rows[6]).toEqual([null, 7]); // B6:B7 copied down
  });

  it('a sheet too big to inflate at once, with merges all the way down (streamed from zlib)', { timeout: 300_000 }, async () => {
    const file = workbook('big');
    const zip = XLSX.CFB.read(fs.readFileSync(file), { type: 'buffer' });
    expect((XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml')!.content as Uint8Array).length).toBeGreaterThan(8 << 20);
    const [sheet] = await expectSameAsReadWorkbook(file);
    expect(sheet.rows).toHaveLength(BIG_ROWS);
    expect(sheet.merges).toHaveLength(bigMerges);
  });

  it('the same whatever the chunk size: rows, tags, escapes and merges cut at every position', { timeout: 600_000 }, async () => {
    const small = ['report-1900-str', 'report-1904-sst', 'rich', 'rich-prefixed', 'odd'].map(workbook);
    const corpus = ['calamine__merged_range.xlsx', 'sheetjs__rich_text_stress.xlsx', 'sheetjs__merge_cells.xlsx', 'calamine__has_x000D_.xlsx'].map((f) => path.join(CORPUS, f));
    for (const chunkSize of [64, 101, 1000]) for (const file of [...small, ...corpus]) await expectSameAsReadWorkbook(file, { chunkSize });
    await expectSameAsReadWorkbook(workbook('big'), { chunkSize: 4099 });
  });
});

describe('text that NFC could change', () => {
  it('is only text with characters outside U+0000–U+02FF and U+1E00–U+1EFF', () => {
    const safe: string[] = [];
    for (let c = 0; c < 0x300; c++) safe.push(String.fromCharCode(c));
    for (let c = 0x1e00; c <= 0x1eff; c++) safe.push(String.fromCharCode(c));
    // Every character, and every pair, of that set is already NFC: none composes with the one before.
    for (const a of safe) {
      expect(a.normalize('NFC')).toBe(a);
      const pairs = safe.map((b) => a + b).join('');
      expect(pairs.normalize('NFC'), `after U+${a.charCodeAt(0).toString(16)}`).toBe(pairs);
    }
  });
});

describe('files that are not a readable .xlsx', () => {
  const issue = fs.readFileSync(path.join(CORPUS, 'sheetjs__issue.xlsx'));

  function cfbWith(streams: Record<string, number>): Uint8Array {
    const cfb = XLSX.CFB.utils.cfb_new();
    for (const [name, size] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, `/${name}`, Buffer.alloc(size, 1));
    return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
  }

  function zipWith(name: string, text: string): Uint8Array {
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, `/${name}`, Buffer.from(text));
    return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer' }) as Uint8Array);
  }

  /** The sheet's deflated bytes overwritten in the middle: the zip directory is fine, the data is not. */
  function corruptSheet(bytes: Buffer): Buffer {
    const out = Buffer.from(bytes);
    let name = out.indexOf('xl/worksheets/sheet1.xml');
    while (name >= 0 && out.readUInt32LE(name - 30) !== 0x04034b50) name = out.indexOf('xl/worksheets/sheet1.xml', name + 1);
    const start = name + 'xl/worksheets/sheet1.xml'.length + out.readUInt16LE(name - 2);
    const size = out.readUInt32LE(name - 12);
    out.fill(0xff, start + Math.floor(size / 3), start + Math.floor((2 * size) / 3));
    return out;
  }

  const big = writeBook(
    (() => {
      const wb = XLSX.utils.book_new();
      const rows = Array.from({ length: 3000 }, (_, i) => [`Hồ sơ ${i}`, i, `Nội dung ${(i * 7919) % 1000}`]);
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Dữ liệu');
      return wb;
    })(),
    false,
    true,
  );

  const cases: [string, Uint8Array, RegExp][] = [
    ['rong.xlsx', new Uint8Array(0), /^Tệp rong\.xlsx: tệp rỗng.* \/ File rong\.xlsx: the file is empty/],
    ['ghi-chu.xlsx', new TextEncoder().encode('Đây là ghi chú, không phải bảng tính\n'), /^Tệp ghi-chu\.xlsx: không phải tệp Excel .* \/ File ghi-chu\.xlsx: not an Excel workbook/],
    ['cut.xlsx', new Uint8Array(issue.subarray(0, Math.floor(issue.length / 2))), /^Tệp cut\.xlsx: không đọc được — tệp Excel bị hỏng .* \/ File cut\.xlsx: unreadable — the workbook is damaged/],
    ['mat-khau.xlsx', cfbWith({ EncryptionInfo: 200, EncryptedPackage: 5000 }), /^Tệp mat-khau\.xlsx: không đọc được — tệp Excel có mật khẩu.* \/ File mat-khau\.xlsx: unreadable — the workbook is password-protected/],
    ['van-ban.xlsx', cfbWith({ WordDocument: 5000 }), /^Tệp van-ban\.xlsx: không phải bảng tính Excel \(có thể là tệp Word/],
    ['nen.xlsx', zipWith('readme.txt', 'hello'), /không phải bảng tính Excel/],
    ['hong.xlsx', corruptSheet(big), /^Tệp hong\.xlsx: không đọc được — tệp Excel bị hỏng .* \/ File hong\.xlsx: unreadable — the workbook is damaged/],
  ];

  for (const [name, bytes, message] of cases) {
    it(`${name} → SourceReadError with readWorkbook's message`, async () => {
      const file = writeTmp(name, bytes);
      let caught: unknown;
      try {
        await streamAll(file, name);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(SourceReadError);
      expect((caught as SourceReadError).fileName).toBe(name);
      expect((caught as SourceReadError).message).toMatch(message);
      let expected: unknown;
      try {
        readWorkbook(bytes, name);
      } catch (err) {
        expected = err;
      }
      // Same clerk-facing text; the bracketed technical detail may differ between the readers.
      const main = (e: unknown) => (e as Error).message.replace(/ \[[^\]]*\]$/, '');
      if (expected) expect(main(caught)).toBe(main(expected));
    });
  }

  it('an .xls saved under an .xlsx name is read by readWorkbook', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Huyện', 'Số đơn'], ['Bình Sơn', 12]]), 'Sheet1');
    const file = writeTmp('that-ra-la-xls.xlsx', XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Uint8Array);
    const [sheet] = await expectSameAsReadWorkbook(file);
    expect(sheet.rows).toEqual([['Huyện', 'Số đơn'], ['Bình Sơn', 12]]);
  });
});

describe('a 200,000-row workbook', () => {
  it('streams every row in bounded memory, matching the CSV of the same seed', { timeout: 600_000 }, async () => {
    const N = 200_000;
    const SEED = 77;
    const xlsx = path.join(TMP, 'scale.xlsx');
    const csv = path.join(TMP, 'scale.csv');
    writeScaleXlsx(N, xlsx, SEED);
    writeScaleCsv(N, csv, SEED);

    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let sheets = 0;
    let first: Cell[] = [];
    let second: Cell[] = [];
    let last: Cell[] = [];
    for await (const sheet of streamXlsxSheets(xlsx, 'scale.xlsx')) {
      sheets++;
      for await (const { r, cells } of sheet.rows()) {
        expect(r).toBe(count);
        if (r === 0) first = cells;
        if (r === 1) second = cells;
        last = cells;
        count++;
        if (count % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const growthMb = (peak - before) / 1e6;
    expect(sheets).toBe(1);
    expect(count).toBe(N + 1); // the header and N petitions
    expect(growthMb).toBeLessThan(300);

    const text = fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, '');
    const head = parseCsvRows(text, ',', 2);
    const tail = parseCsvRows(text.slice(text.lastIndexOf('\n', text.length - 2) + 1), ',');
    expect(tail).toHaveLength(1);
    const iso = (dmy: string) => dmy.split('/').reverse().join('-');
    // id, received date (a date cell), district, signers (a number), content
    const content = head[0].indexOf('Tóm tắt nội dung');
    expect(content).toBeGreaterThan(7);
    const pick = (row: Cell[]) => [row[0], row[1], row[4], row[7], row[content]];
    const fromCsv = (row: string[]) => [row[0], iso(row[1]), row[4].normalize('NFC'), Number(row[7]), row[content].normalize('NFC')];
    expect(first).toEqual(head[0]);
    expect(pick(second)).toEqual(fromCsv(head[1]));
    expect(pick(last)).toEqual(fromCsv(tail[0]));
  });
});
