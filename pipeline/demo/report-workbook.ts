// The quarterly report workbooks of the provincial citizen-reception board (2023, 2024): one sheet per
// quarter in the government report layout — title block, a two-row merged header, column numbers,
// petitions grouped by district under section rows with a "Cộng" after each, "Tổng cộng", signature.
// No district column: a row's district is the section above it.
import * as XLSX from '@e965/xlsx';
import { encodeTcvn3 } from '../text/legacy-vietnamese.ts';
import { dmy, longVietnamese, quarterOf, ROMAN, shortDmy, yearOf, type Day } from './calendar.ts';
import type { District } from './districts.ts';
import { vi } from './labels.ts';
import { headerAlias, override } from './system-csv.ts';
import type { Petition, RawField } from './model.ts';
import type { Rng } from './random.ts';
import { dateCell, SheetBuilder, type Cell } from './sheet.ts';
import type { WrittenFile } from './written.ts';

export const QUARTER_SHEETS = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];

/** District order of the report: Bình Sơn first, as the board lists it, then by GSO code. */
export function reportDistrictOrder(districts: readonly District[]): District[] {
  const first = districts.filter((d) => d.code === '524');
  return [...first, ...districts.filter((d) => d.code !== '524')];
}

/** Share of date cells typed as text instead of as Excel dates. */
export const TEXT_DATE_SHARE = 0.03;

interface Column {
  key: string;
  /** Header cell of the first header row (a group over several columns, or the whole header). */
  top: string;
  /** Header cell of the second row, under a group. */
  sub?: string;
  width: number;
}

const p = (column: string, spelled: string) => headerAlias('petitions', column, spelled);

const COLUMNS: readonly Column[] = [
  { key: 'stt', top: p('row_number', 'STT'), width: 5 },
  { key: 'id', top: p('petition_id', 'Số hiệu đơn'), width: 16 },
  { key: 'received', top: 'Ngày', sub: 'nhận', width: 11 },
  { key: 'accepted', top: 'Ngày', sub: 'thụ lý', width: 11 },
  { key: 'resolved', top: 'Ngày', sub: 'giải quyết', width: 11 },
  { key: 'k:complaint', top: p('kind', 'Phân loại đơn'), sub: vi('kind', 'complaint'), width: 8 },
  { key: 'k:denunciation', top: p('kind', 'Phân loại đơn'), sub: vi('kind', 'denunciation'), width: 8 },
  { key: 'k:feedback', top: p('kind', 'Phân loại đơn'), sub: vi('kind', 'feedback'), width: 10 },
  { key: 'topic', top: p('topic', 'Lĩnh vực'), width: 16 },
  { key: 'commune', top: p('commune', 'Xã, phường, thị trấn'), width: 18 },
  { key: 'channel', top: p('channel', 'Nguồn đơn'), width: 16 },
  { key: 'signers', top: p('signers', 'Số người'), width: 7 },
  { key: 'crowd', top: 'Tính chất vụ việc', sub: p('is_crowd', 'Đông người'), width: 7 },
  { key: 'repeat', top: 'Tính chất vụ việc', sub: p('is_repeat', 'Đơn trùng'), width: 7 },
  { key: 'over', top: 'Tính chất vụ việc', sub: p('is_over_level', 'Vượt cấp'), width: 7 },
  { key: 'complex', top: 'Tính chất vụ việc', sub: p('is_complex', 'Phức tạp'), width: 7 },
  { key: 'round', top: p('resolution_round', 'Lần giải quyết'), width: 7 },
  { key: 'ext', top: p('extensions', 'Gia hạn'), width: 7 },
  { key: 'status', top: p('status', 'Trạng thái'), width: 16 },
  { key: 'outcome', top: p('outcome', 'Kết quả giải quyết'), width: 12 },
  { key: 'agency', top: p('handling_agency', 'Cơ quan giải quyết'), width: 26 },
  { key: 'name', top: 'Thông tin người gửi đơn', sub: p('petitioner_name', 'Họ tên'), width: 20 },
  { key: 'cccd', top: 'Thông tin người gửi đơn', sub: p('petitioner_id', 'CCCD'), width: 14 },
  { key: 'phone', top: 'Thông tin người gửi đơn', sub: p('petitioner_phone', 'SĐT'), width: 12 },
  { key: 'address', top: 'Thông tin người gửi đơn', sub: p('petitioner_address', 'Địa chỉ'), width: 30 },
  { key: 'content', top: p('content', 'Tóm tắt nội dung'), width: 40 },
];

const col = (key: string): number => {
  const i = COLUMNS.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(key);
  return i;
};
const LAST = COLUMNS.length - 1;

/** Header paths (top, sub) of the report's columns, for tests and documentation. */
export function reportHeaderPaths(): string[][] {
  return COLUMNS.map((c) => (c.sub ? [c.top, c.sub] : [c.top]));
}

function titleBlock(b: SheetBuilder, quarter: number, year: number, reportNo: number, reportDay: Day): void {
  const r1 = b.add('title', cells({ 0: 'UBND TỈNH QUẢNG NGÃI', [col('over')]: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' }));
  b.merge(r1, 0, r1, 4);
  b.merge(r1, col('over'), r1, LAST);
  const r2 = b.add('title', cells({ 0: 'BAN TIẾP CÔNG DÂN', [col('over')]: 'Độc lập - Tự do - Hạnh phúc' }));
  b.merge(r2, 0, r2, 4);
  b.merge(r2, col('over'), r2, LAST);
  b.add('blank');
  const r4 = b.add('title', cells({ 0: `DANH SÁCH ĐƠN THƯ TIẾP NHẬN QUÝ ${ROMAN[quarter - 1]} NĂM ${year}` }));
  b.merge(r4, 0, r4, LAST);
  const r5 = b.add('title', cells({ 0: `(Kèm theo Báo cáo số ${reportNo}/BC-BTCD ngày ${dmy(reportDay)} của Ban Tiếp công dân tỉnh)` }));
  b.merge(r5, 0, r5, LAST);
  b.add('blank');
}

function headerBlock(b: SheetBuilder): void {
  const top: Cell[] = [];
  const sub: Cell[] = [];
  for (let i = 0; i < COLUMNS.length; i++) {
    const c = COLUMNS[i];
    const groupStart = i === 0 || COLUMNS[i - 1].top !== c.top || !c.sub;
    top.push(groupStart ? c.top : null);
    sub.push(c.sub ?? null);
  }
  const r1 = b.add('header', top);
  const r2 = b.add('header', sub);
  for (let i = 0; i < COLUMNS.length; i++) {
    const c = COLUMNS[i];
    if (!c.sub) b.merge(r1, i, r2, i);
    else if (i === 0 || COLUMNS[i - 1].top !== c.top) {
      let j = i;
      while (j + 1 < COLUMNS.length && COLUMNS[j + 1].top === c.top && COLUMNS[j + 1].sub) j++;
      b.merge(r1, i, r1, j);
    }
  }
  b.add('column_numbers', COLUMNS.map((_, i) => `(${i + 1})`));
}

function cells(byIndex: Record<number, Cell>): Cell[] {
  const out: Cell[] = [];
  for (const [k, v] of Object.entries(byIndex)) out[Number(k)] = v;
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}

function dateValue(rng: Rng, d: Day): Cell {
  if (!rng.bool(TEXT_DATE_SHARE)) return dateCell(d);
  const style = rng.int(0, 2);
  return style === 0 ? longVietnamese(d) : style === 1 ? shortDmy(d) : dmy(d);
}

function rawCell(p: Petition, field: RawField, normal: () => Cell): Cell {
  const o = override(p, field);
  if (o === undefined) return normal();
  if (o === null) return null;
  if (o.text !== undefined) return o.text;
  if (o.day !== undefined) return dateCell(o.day);
  if (o.num !== undefined) return o.num;
  return null;
}

function petitionRow(rng: Rng, p: Petition, stt: number): Cell[] {
  const x = (b: boolean): Cell => (b ? 'x' : null);
  const row: Cell[] = new Array(COLUMNS.length).fill(null);
  row[col('stt')] = stt;
  row[col('id')] = rawCell(p, 'petition_id', () => p.id);
  row[col('received')] = rawCell(p, 'received_date', () => dateValue(rng, p.received));
  row[col('accepted')] = rawCell(p, 'accepted_date', () => (p.accepted === null ? null : dateValue(rng, p.accepted)));
  row[col('resolved')] = rawCell(p, 'resolved_date', () => (p.resolved === null ? null : dateValue(rng, p.resolved)));
  row[col(`k:${p.kind}`)] = 'x';
  row[col('topic')] = vi('topic', p.topic);
  row[col('commune')] = rawCell(p, 'commune', () => p.commune?.name ?? null);
  row[col('channel')] = vi('channel', p.channel);
  row[col('signers')] = rawCell(p, 'signers', () => p.signers);
  row[col('crowd')] = x(p.isCrowd);
  row[col('repeat')] = x(p.isRepeat);
  row[col('over')] = x(p.isOverLevel);
  row[col('complex')] = x(p.isComplex);
  row[col('round')] = p.round;
  row[col('ext')] = p.kind === 'denunciation' && p.extensions > 0 ? p.extensions : null;
  row[col('status')] = rawCell(p, 'status', () => vi('status', p.status));
  row[col('outcome')] = rawCell(p, 'outcome', () => (p.outcome === null ? null : vi('outcome', p.outcome)));
  row[col('agency')] = p.agency;
  row[col('name')] = p.person.name;
  row[col('cccd')] = p.person.cccd;
  row[col('phone')] = p.person.phone;
  row[col('address')] = p.person.address;
  row[col('content')] = p.content;
  return row;
}

function totalRow(b: SheetBuilder, label: string, group: readonly Petition[]): void {
  const row: Cell[] = new Array(COLUMNS.length).fill(null);
  row[0] = label;
  for (const kind of ['complaint', 'denunciation', 'feedback']) row[col(`k:${kind}`)] = group.filter((p) => p.kind === kind).length;
  row[col('signers')] = group.reduce((s, p) => s + p.signers, 0);
  row[col('crowd')] = group.filter((p) => p.isCrowd).length;
  const r = b.add('total', row);
  b.merge(r, 0, r, 1);
}

const SIGNERS_OF_REPORT = { preparer: 'Nguyễn Thị Thu Hà', head: 'Trần Văn Minh' };

function signatureBlock(b: SheetBuilder, reportDay: Day): void {
  b.add('blank');
  b.add('signature', cells({ [col('agency')]: `Quảng Ngãi, ${longVietnamese(reportDay)}` }));
  b.add('signature', cells({ 2: 'Người lập biểu', [col('agency')]: 'TRƯỞNG BAN' }));
  b.add('signature', cells({ 2: '(Ký, ghi rõ họ tên)', [col('agency')]: '(Ký tên, đóng dấu)' }));
  b.add('blank');
  b.add('blank');
  b.add('blank');
  b.add('signature', cells({ 2: SIGNERS_OF_REPORT.preparer, [col('agency')]: SIGNERS_OF_REPORT.head }));
}

/**
 * One year's report workbook. Petitions are those received in `year` in the districts listed;
 * ids are assigned here in the order the rows are written ("BTCD-2023-00001").
 */
export function writeReportWorkbook(
  fileName: string,
  year: number,
  districts: readonly District[],
  petitions: readonly Petition[],
  rng: Rng,
  tcvn3Sheets: readonly string[] = [],
): WrittenFile {
  const wb = XLSX.utils.book_new();
  const written: WrittenFile = { file: fileName, sheets: [], positions: new Map() };
  let seq = 0;
  for (let q = 1; q <= 4; q++) {
    const sheetName = QUARTER_SHEETS[q - 1];
    const b = new SheetBuilder();
    b.widths = COLUMNS.map((c) => c.width);
    const reportDay = q < 4 ? dayAfterQuarter(year, q) : dayAfterQuarter(year, 4);
    titleBlock(b, q, year, rng.int(10, 60) + q * 60, reportDay);
    headerBlock(b);
    const inQuarter = petitions.filter((p) => yearOf(p.received) === year && quarterOf(p.received) === q);
    const order = reportDistrictOrder(districts);
    order.forEach((d, i) => {
      b.add('section', cells({ 0: `${ROMAN[i]}. ${d.name}` }));
      const group = inQuarter.filter((p) => p.district.code === d.code).sort((a, c) => a.received - c.received || a.seq - c.seq);
      group.forEach((p, k) => {
        seq++;
        p.id = `BTCD-${year}-${String(seq).padStart(5, '0')}`;
        const row = b.add('data', petitionRow(rng, p, k + 1));
        written.positions.set(p, { sheet: sheetName, row });
      });
      totalRow(b, 'Cộng', group);
    });
    totalRow(b, 'Tổng cộng', inQuarter);
    signatureBlock(b, reportDay);
    const tcvn3 = tcvn3Sheets.includes(sheetName);
    XLSX.utils.book_append_sheet(wb, b.toSheet(tcvn3 ? encodeTcvn3 : undefined), sheetName);
    written.sheets.push({ sheet: sheetName, ...b.counts(), ...(tcvn3 ? { encoding: 'tcvn3' } : {}) });
  }
  written.buffer = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return written;
}

/** The report is dated the 20th of the month after the quarter. */
function dayAfterQuarter(year: number, q: number): Day {
  const month = q * 3 + 1;
  const d = month > 12 ? Date.UTC(year + 1, 0, 20) : Date.UTC(year, month - 1, 20);
  return Math.floor(d / 86_400_000);
}
