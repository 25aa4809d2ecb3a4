// Workbooks (.xlsx, .xls, .ods, .xlsb) → plain grids. SheetJS parses; this module decides what a
// clerk's cell *means*: dates become ISO text computed from the raw serial (SheetJS Date objects
// drift by the time-zone offset and by historic LMT seconds), merged parents are copied into every
// cell they cover, error cells read as empty.
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full';
import { nfc } from '../text/normalise.ts';
import { SourceReadError, type Cell, type SheetGrid } from './grid.ts';

// Excel 95 (BIFF5) workbooks store text in the office's code page (1258 for Vietnamese Windows);
// without the tables SheetJS would read those bytes as Latin-1.
XLSX.set_cptable(cptable);

export type WorkbookFormat = 'xlsx' | 'xls' | 'ods' | 'xlsb';

export interface Workbook {
  format: WorkbookFormat;
  sheets: SheetGrid[];
}

type Container = 'zip' | 'cfb' | 'biff' | 'xlml' | 'fods' | 'html';

const READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellDates: false, // raw serials; converted below without time-zone drift
  cellNF: true, // the number format tells a date from a number
  cellText: false,
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  sheetStubs: false,
  bookVBA: false,
};

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

export function readWorkbook(bytes: Uint8Array, fileName: string): Workbook {
  if (bytes.byteLength === 0) {
    throw new SourceReadError(fileName, `Tệp ${fileName}: tệp rỗng, không có dữ liệu / File ${fileName}: the file is empty`);
  }
  const container = sniffContainer(bytes);
  if (!container) {
    throw new SourceReadError(
      fileName,
      `Tệp ${fileName}: không phải tệp Excel (.xlsx, .xls, .ods) / File ${fileName}: not an Excel workbook (.xlsx, .xls, .ods)`,
    );
  }
  let wb: XLSX.WorkBook;
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Web systems export HTML tables named .xls; their cells are text, so keep them as typed
    // instead of letting SheetJS read "05/03/2024" as an American date.
    wb = XLSX.read(buf, container === 'html' ? { ...READ_OPTIONS, raw: true } : READ_OPTIONS);
  } catch (err) {
    throw readFailure(fileName, err);
  }
  if (!wb.SheetNames || wb.SheetNames.length === 0) {
    throw new SourceReadError(
      fileName,
      `Tệp ${fileName}: không có trang tính nào / File ${fileName}: the workbook has no sheets`,
    );
  }
  const format = formatOf(container, wb);
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  try {
    const sheets = wb.SheetNames.map((name, i) => toGrid(wb, name, i, date1904));
    return { format, sheets };
  } catch (err) {
    throw readFailure(fileName, err);
  }
}

function sniffContainer(b: Uint8Array): Container | null {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
  const cfb = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (b.length >= 8 && cfb.every((x, i) => b[i] === x)) return 'cfb';
  // Excel 2.x–4.x worksheets are a bare BIFF stream starting with a BOF record.
  if (b.length >= 4 && b[0] === 0x09 && [0x00, 0x02, 0x04].includes(b[1]) && b[3] === 0x00) return 'biff';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 65536)).replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) return null;
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xlml';
  if (head.includes('urn:oasis:names:tc:opendocument:xmlns:office')) return 'fods';
  if (/<table[\s>]/i.test(head)) return 'html';
  return null;
}

function formatOf(container: Container, wb: XLSX.WorkBook): WorkbookFormat {
  if (container === 'zip') {
    if (wb.bookType === 'ods') return 'ods';
    if (wb.bookType === 'xlsb') return 'xlsb';
    return 'xlsx';
  }
  return container === 'fods' ? 'ods' : 'xls';
}

/** The clerk-readable error for a workbook the reader rejected: password, not a spreadsheet, or damaged. */
export function readFailure(fileName: string, err: unknown): SourceReadError {
  const detail = err instanceof Error ? err.message : String(err);
  if (/password|encrypt|filepass/i.test(detail)) {
    return new SourceReadError(
      fileName,
      `Tệp ${fileName}: không đọc được — tệp Excel có mật khẩu (đã mã hoá); hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại / ` +
        `File ${fileName}: unreadable — the workbook is password-protected (encrypted); open it in Excel, remove the password and save it again`,
    );
  }
  if (/cannot find workbook|unsupported zip file/i.test(detail)) {
    return new SourceReadError(
      fileName,
      `Tệp ${fileName}: không phải bảng tính Excel (có thể là tệp Word, PowerPoint hoặc tệp nén khác) / ` +
        `File ${fileName}: not an Excel workbook (perhaps a Word or PowerPoint file or another archive) [${detail}]`,
    );
  }
  return new SourceReadError(
    fileName,
    `Tệp ${fileName}: không đọc được — tệp Excel bị hỏng hoặc không đầy đủ / File ${fileName}: unreadable — the workbook is damaged or incomplete [${detail}]`,
  );
}

function toGrid(wb: XLSX.WorkBook, name: string, index: number, date1904: boolean): SheetGrid {
  const ws = wb.Sheets[name];
  const props = wb.Workbook?.Sheets?.find((s) => s.name === name) ?? wb.Workbook?.Sheets?.[index];
  const hidden = (props?.Hidden ?? 0) !== 0;
  const grid: SheetGrid = { name: nfc(name), hidden, rows: [], date1904, merges: [] };
  if (!ws) return grid;

  const errors = new Map<string, number>();
  const convert = (cell: XLSX.CellObject | undefined): Cell => {
    const v = cellValue(cell, date1904);
    if (v === ERROR) {
      const text = ERROR_TEXT[cell?.v as number] ?? '#ERROR';
      errors.set(text, (errors.get(text) ?? 0) + 1);
      return null;
    }
    return v;
  };

  const rows: Cell[][] = [];
  const data = ws['!data'] as (XLSX.CellObject[] | undefined)[] | undefined;
  if (data) {
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      const row: Cell[] = [];
      if (src) for (let c = 0; c < src.length; c++) row[c] = convert(src[c]);
      rows.push(row);
    }
  } else if (ws['!ref']) {
    // Defensive: a reader that ignored `dense` leaves A1-addressed cells.
    const range = XLSX.utils.decode_range(ws['!ref']);
    for (let r = range.s.r; r <= range.e.r; r++) {
      const row: Cell[] = [];
      for (let c = range.s.c; c <= range.e.c; c++) row[c] = convert(ws[XLSX.utils.encode_cell({ r, c })]);
      rows[r] = row;
    }
  }
  for (let r = 0; r < rows.length; r++) rows[r] = trimRow(rows[r] ?? []);
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();

  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  for (const m of (ws['!merges'] ?? []) as XLSX.Range[]) {
    // Whole-column merges reach row 1,048,575; only the cells that exist matter.
    const merge = { r0: m.s.r, c0: m.s.c, r1: Math.min(m.e.r, rows.length - 1), c1: Math.min(m.e.c, width - 1) };
    if (merge.r0 > merge.r1 || merge.c0 > merge.c1) continue;
    grid.merges.push(merge);
    const value = rows[merge.r0][merge.c0] ?? null;
    if (value === null) continue;
    for (let r = merge.r0; r <= merge.r1; r++) {
      const row = rows[r];
      for (let c = merge.c0; c <= merge.c1; c++) if (row[c] === undefined || row[c] === null) row[c] = value;
    }
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
  }
  grid.rows = rows;

  if (errors.size > 0) {
    const total = [...errors.values()].reduce((a, b) => a + b, 0);
    const kinds = [...errors.keys()].join(', ');
    grid.warnings = [
      `Trang tính "${grid.name}": ${total} ô lỗi (${kinds}) được đọc là ô trống / Sheet "${grid.name}": ${total} error cells (${kinds}) read as empty`,
    ];
  }
  return grid;
}

function trimRow(row: Cell[]): Cell[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === null || row[end - 1] === undefined)) end--;
  if (end < row.length) row.length = end;
  return row;
}

const ERROR = Symbol('error');

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): Cell | typeof ERROR {
  if (!cell) return null;
  const v = cell.v;
  switch (cell.t) {
    case 'e':
      return ERROR;
    case 'b':
      return Boolean(v);
    case 's': {
      if (v === undefined || v === null) return null;
      const s = nfc(String(v));
      return s === '' ? null : s;
    }
    case 'n': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      const kind = cell.z === undefined ? null : dateKind(cell.z);
      return kind ? serialToText(v, kind, date1904) : v;
    }
    case 'd':
      if (v instanceof Date) return dateObjectToText(v);
      return typeof v === 'string' && v !== '' ? nfc(v) : null;
    default:
      return null;
  }
}

type DateKind = 'date' | 'datetime' | 'time' | 'duration';

const dateKinds = new Map<string | number, DateKind | null>();

/** What a number format shows: a date, a date and time, a time of day, an elapsed duration, or none of them. */
export function dateKind(format: string | number): DateKind | null {
  let kind = dateKinds.get(format);
  if (kind !== undefined) return kind;
  kind = classifyFormat(format);
  dateKinds.set(format, kind);
  return kind;
}

function classifyFormat(format: string | number): DateKind | null {
  const fmt = typeof format === 'number' ? XLSX.SSF.get_table()[format] : format;
  if (typeof fmt !== 'string' || !XLSX.SSF.is_date(fmt)) return null;
  let f = firstSection(fmt)
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  const elapsed = /\[(h+|m+|s+)\]/i.test(f);
  f = f.replace(/\[[^\]]*\]/g, '').replace(/AM\/PM|A\/P/gi, '');
  // "m" is minutes next to an hour or before seconds, months otherwise.
  const withoutMinutes = f.replace(/h+[^a-z0-9]*m+/gi, 'h').replace(/m+([^a-z0-9]*s)/gi, '$1');
  const hasDate = /[ydmebg]/i.test(withoutMinutes);
  const hasTime = /[hs]/i.test(withoutMinutes) || elapsed;
  if (elapsed && !hasDate) return 'duration';
  if (hasDate) return hasTime ? 'datetime' : 'date';
  return hasTime ? 'time' : null;
}

function firstSection(fmt: string): string {
  let inQuote = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQuote = !inQuote;
    else if (ch === '\\') i++;
    else if (ch === ';' && !inQuote) return fmt.slice(0, i);
  }
  return fmt;
}

const DAY_MS = 86_400_000;
const MAX_SERIAL = 2_958_465; // 9999-12-31 in the 1900 system

/**
 * Excel serial → the text Excel shows, in UTC arithmetic so no time zone can shift it. The 1900
 * system counts the phantom 29 February 1900 (serial 60); the 1904 system counts from 1904-01-01.
 */
export function serialToText(serial: number, kind: DateKind, date1904: boolean): Cell {
  if (kind === 'duration' || serial < 0 || serial > MAX_SERIAL) return serial;
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86_400);
  if (secs >= 86_400) {
    days += 1;
    secs -= 86_400;
  }
  const time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  if (kind === 'time') return time;
  let date: string;
  if (date1904) {
    date = isoDay(Date.UTC(1904, 0, 1) + days * DAY_MS);
  } else if (days === 0) {
    return serial; // Excel shows "1900-01-00": an empty date computed by a formula, not a date
  } else if (days === 60) {
    date = '1900-02-29';
  } else {
    date = isoDay(Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * DAY_MS);
  }
  return kind === 'datetime' && secs > 0 ? `${date}T${time}` : date;
}

function dateObjectToText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // SheetJS builds Date cells from local wall-clock fields.
  const date = `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const secs = d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
  return secs > 0 ? `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : date;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
