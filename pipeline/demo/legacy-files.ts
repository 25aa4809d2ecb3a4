// The two districts that report their own way: Minh Long keeps an old Excel 97 (.xls) workbook, Lý Sơn
// saves a Windows-1258 CSV from an office PC (";" between fields, CRLF, a title line above the header).
import * as XLSX from '@e965/xlsx';
import { encodeWindows1258 } from '../sources/decode-text.ts';
import { dmy, yearOf } from './calendar.ts';
import { vi, outcomeText } from './labels.ts';
import type { Petition, RawField } from './model.ts';
import type { Rng } from './random.ts';
import { dateCell, SheetBuilder, type Cell } from './sheet.ts';
import { csvLine, headerAlias, override, rawText } from './system-csv.ts';
import type { WrittenFile } from './written.ts';

const p = (column: string, spelled: string) => headerAlias('petitions', column, spelled);

const MINH_LONG_HEADERS = [
  p('row_number', 'STT'), p('petition_id', 'Số hiệu đơn'), p('received_date', 'Ngày nhận đơn'), p('kind', 'Loại đơn'),
  p('topic', 'Lĩnh vực'), p('district', 'Huyện'), p('commune', 'Xã'), p('channel', 'Nguồn đơn'), p('signers', 'Số người'),
  p('is_crowd', 'Đông người'), p('is_repeat', 'Đơn trùng'), p('is_over_level', 'Vượt cấp'), p('resolution_round', 'Lần giải quyết'),
  p('accepted_date', 'Ngày thụ lý'), p('is_complex', 'Phức tạp'), p('extensions', 'Gia hạn'), p('status', 'Trạng thái'),
  p('resolved_date', 'Ngày giải quyết'), p('outcome', 'Kết quả giải quyết'), p('handling_agency', 'Cơ quan giải quyết'),
  p('petitioner_name', 'Họ và tên'), p('petitioner_id', 'Số CCCD'), p('petitioner_phone', 'Điện thoại'),
  p('petitioner_address', 'Địa chỉ'), p('content', 'Nội dung đơn'),
];

export const LY_SON_TITLE = 'DANH SÁCH ĐƠN THƯ HUYỆN LÝ SƠN';

const LY_SON_HEADERS = [
  p('petition_id', 'Số đơn'), p('received_date', 'Ngày nhận'), p('kind', 'Phân loại đơn'), p('topic', 'Nội dung'),
  p('district', 'Huyện'), p('commune', 'Xã'), p('channel', 'Hình thức tiếp nhận'), p('signers', 'Số người đứng đơn'),
  p('is_crowd', 'Đơn đông người'), p('is_repeat', 'Tái khiếu'), p('is_over_level', 'Đơn vượt cấp'),
  p('resolution_round', 'Lần giải quyết'), p('accepted_date', 'Ngày thụ lý'), p('is_complex', 'Vụ việc phức tạp'),
  p('extensions', 'Số lần gia hạn'), p('status', 'Tình trạng'), p('resolved_date', 'Ngày kết thúc'), p('outcome', 'Kết luận'),
  p('handling_agency', 'Đơn vị xử lý'), p('petitioner_name', 'Họ và tên'), p('petitioner_id', 'Số CMND/CCCD'),
  p('petitioner_phone', 'Điện thoại'), p('petitioner_address', 'Nơi cư trú'), p('content', 'Ghi chú'),
];

export function minhLongHeaders(): readonly string[] {
  return MINH_LONG_HEADERS;
}
export function lySonHeaders(): readonly string[] {
  return LY_SON_HEADERS;
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

function byReceived(a: Petition, b: Petition): number {
  return a.received - b.received || a.seq - b.seq;
}

/** Minh Long 2023–2024, one sheet per year, one header row, a district column. */
export function writeMinhLongXls(fileName: string, petitions: readonly Petition[], rng: Rng, years: readonly number[]): WrittenFile {
  const wb = XLSX.utils.book_new();
  const written: WrittenFile = { file: fileName, sheets: [], positions: new Map() };
  for (const year of years) {
    const sheet = `Năm ${year}`;
    const b = new SheetBuilder();
    b.widths = MINH_LONG_HEADERS.map((h) => Math.max(8, Math.min(30, h.length + 2)));
    b.add('header', [...MINH_LONG_HEADERS]);
    const rows = petitions.filter((p) => yearOf(p.received) === year).sort(byReceived);
    rows.forEach((p, i) => {
      p.id = `ML-${year}-${String(i + 1).padStart(3, '0')}`;
      const x = (v: boolean): Cell => (v ? 'x' : null);
      const row = b.add('data', [
        i + 1,
        rawCell(p, 'petition_id', () => p.id),
        rawCell(p, 'received_date', () => dateCell(p.received)),
        vi('kind', p.kind),
        vi('topic', p.topic),
        rawCell(p, 'district', () => (rng.bool(0.8) ? p.district.name : `H. ${p.district.core}`)),
        rawCell(p, 'commune', () => p.commune?.name ?? null),
        vi('channel', p.channel),
        rawCell(p, 'signers', () => p.signers),
        x(p.isCrowd),
        x(p.isRepeat),
        x(p.isOverLevel),
        p.round,
        rawCell(p, 'accepted_date', () => (p.accepted === null ? null : dateCell(p.accepted))),
        x(p.isComplex),
        p.kind === 'denunciation' && p.extensions > 0 ? p.extensions : null,
        rawCell(p, 'status', () => vi('status', p.status)),
        rawCell(p, 'resolved_date', () => (p.resolved === null ? null : dateCell(p.resolved))),
        rawCell(p, 'outcome', () => (p.outcome === null ? null : vi('outcome', p.outcome))),
        p.agency,
        p.person.name,
        p.person.cccd,
        p.person.phone,
        p.person.address,
        p.content,
      ]);
      written.positions.set(p, { sheet, row });
    });
    XLSX.utils.book_append_sheet(wb, b.toSheet(), sheet);
    written.sheets.push({ sheet, ...b.counts() });
  }
  written.buffer = XLSX.write(wb, { type: 'buffer', bookType: 'biff8', compression: true }) as Buffer;
  return written;
}

/** Lý Sơn 2023–2024: Windows-1258, ";", CRLF, a title line (with Excel's trailing separators) above the header. */
export function writeLySonCsv(fileName: string, petitions: readonly Petition[], rng: Rng): WrittenFile {
  const written: WrittenFile = { file: fileName, sheets: [], positions: new Map() };
  const width = LY_SON_HEADERS.length;
  const lines = [LY_SON_TITLE + ';'.repeat(width - 1), csvLine(LY_SON_HEADERS, ';')];
  const rows = [...petitions].sort(byReceived);
  const seqByYear = new Map<number, number>();
  for (const p of rows) {
    const year = yearOf(p.received);
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    p.id = `LS-${year}-${String(seq).padStart(3, '0')}`;
    const text = (field: RawField, normal: () => string): string => {
      const o = override(p, field);
      return o === undefined ? normal() : rawText(o, dmy);
    };
    const yes = (v: boolean) => (v ? 'có' : 'không');
    lines.push(
      csvLine(
        [
          text('petition_id', () => p.id),
          text('received_date', () => dmy(p.received)),
          vi('kind', p.kind),
          vi('topic', p.topic),
          text('district', () => p.district.name),
          text('commune', () => p.commune?.name ?? ''),
          vi('channel', p.channel),
          text('signers', () => String(p.signers)),
          yes(p.isCrowd),
          yes(p.isRepeat),
          yes(p.isOverLevel),
          p.round === null ? '' : String(p.round),
          text('accepted_date', () => (p.accepted === null ? '' : dmy(p.accepted))),
          yes(p.isComplex),
          p.kind === 'denunciation' ? String(p.extensions) : '',
          text('status', () => vi('status', p.status)),
          text('resolved_date', () => (p.resolved === null ? '' : dmy(p.resolved))),
          text('outcome', () => (p.outcome === null ? '' : outcomeText(rng, p.outcome, p.kind))),
          p.agency,
          p.person.name,
          p.person.cccd,
          p.person.phone,
          p.person.address,
          p.content,
        ],
        ';',
      ),
    );
    written.positions.set(p, { sheet: null, row: lines.length });
  }
  const skipped = { title: 1, header: 1, column_numbers: 0, section: 0, total: 0, blank: 0, signature: 0 };
  written.sheets.push({ sheet: null, data_rows: rows.length, skipped, encoding: 'windows-1258' });
  written.buffer = encodeWindows1258(lines.join('\r\n') + '\r\n');
  return written;
}
