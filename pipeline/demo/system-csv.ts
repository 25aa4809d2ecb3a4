// The petition-management system's CSV export: one header row, dd/mm/yyyy dates, "x" for yes, labels
// as clerks typed them. Also the row layout of the benchmark files.
import { sourceColumn, type DatasetName } from '../schema/columns.ts';
import { dmy } from './calendar.ts';
import { communeText, districtText, enumText, otherTonePlacement, outcomeText } from './labels.ts';
import type { Petition, RawField, RawValue } from './model.ts';
import type { Rng } from './random.ts';

/** A header exactly as the column table spells one of its aliases; throws if it is not one. */
export function headerAlias(dataset: DatasetName, column: string, spelled: string): string {
  const col = sourceColumn(dataset, column);
  if (col.vi !== spelled && !col.aliases.includes(spelled)) throw new Error(`"${spelled}" is not a header of ${dataset}.${column}`);
  return spelled;
}

const h = (column: string, spelled: string) => headerAlias('petitions', column, spelled);

export const SYSTEM_HEADERS: readonly string[] = [
  h('petition_id', 'Mã hồ sơ'),
  h('received_date', 'Ngày tiếp nhận'),
  h('kind', 'Loại đơn'),
  h('topic', 'Lĩnh vực'),
  h('district', 'Huyện'),
  h('commune', 'Xã'),
  h('channel', 'Nguồn đơn'),
  h('signers', 'Số người'),
  h('is_crowd', 'Đông người'),
  h('is_repeat', 'Đơn trùng'),
  h('is_over_level', 'Vượt cấp'),
  h('resolution_round', 'Lần giải quyết'),
  h('accepted_date', 'Ngày thụ lý'),
  h('is_complex', 'Phức tạp'),
  h('extensions', 'Gia hạn'),
  h('status', 'Trạng thái'),
  h('resolved_date', 'Ngày giải quyết'),
  h('outcome', 'Kết quả giải quyết'),
  h('petitioner_name', 'Họ tên'),
  h('petitioner_id', 'CCCD'),
  h('petitioner_phone', 'SĐT'),
  h('petitioner_address', 'Địa chỉ'),
  h('content', 'Tóm tắt nội dung'),
];

/** Shares of rows written with decomposed Unicode, and with the other tone placement ("Hoà"). */
export const NFD_ROW_SHARE = 0.015;
export const OTHER_TONE_ROW_SHARE = 0.2;

export function rawText(v: RawValue | null, dateText: (d: number) => string): string {
  if (v === null) return '';
  if (v.text !== undefined) return v.text;
  if (v.day !== undefined) return dateText(v.day);
  if (v.num !== undefined) return String(v.num);
  return '';
}

/** The value a file shows for a field: the bad row's override when there is one. */
export function override(p: Petition, field: RawField): RawValue | null | undefined {
  return p.raw && field in p.raw ? p.raw[field] : undefined;
}

export function systemRow(p: Petition, rng: Rng): string[] {
  const flag = (b: boolean) => (b ? (rng.bool(0.05) ? 'X' : 'x') : '');
  const text = (field: RawField, normal: () => string): string => {
    const o = override(p, field);
    return o === undefined ? normal() : rawText(o, dmy);
  };
  const tone = rng.bool(OTHER_TONE_ROW_SHARE);
  const t = (s: string) => (tone ? otherTonePlacement(s) : s);
  const cells = [
    text('petition_id', () => p.id),
    text('received_date', () => dmy(p.received)),
    enumText(rng, 'kind', p.kind),
    enumText(rng, 'topic', p.topic),
    text('district', () => t(districtText(rng, p.district))),
    text('commune', () => (p.commune ? t(communeText(rng, p.commune, p.district)) : '')),
    enumText(rng, 'channel', p.channel),
    text('signers', () => String(p.signers)),
    flag(p.isCrowd),
    flag(p.isRepeat),
    flag(p.isOverLevel),
    p.round === null ? '' : String(p.round),
    text('accepted_date', () => (p.accepted === null ? '' : dmy(p.accepted))),
    flag(p.isComplex),
    p.kind === 'denunciation' && p.extensions > 0 ? String(p.extensions) : '',
    text('status', () => enumText(rng, 'status', p.status)),
    text('resolved_date', () => (p.resolved === null ? '' : dmy(p.resolved))),
    text('outcome', () => (p.outcome === null ? '' : outcomeText(rng, p.outcome, p.kind))),
    t(p.person.name),
    p.person.cccd,
    p.person.phone,
    // The portal keeps the address to the commune, and no handling agency: a leaner export than the
    // report workbooks, and a committed demo file that stays small.
    t(p.person.address.split(', ').slice(0, 2).join(', ')),
    p.content,
  ];
  return rng.bool(NFD_ROW_SHARE) ? cells.map((c) => c.normalize('NFD')) : cells;
}

/** RFC 4180 field quoting. */
export function csvLine(cells: readonly string[], delimiter: string): string {
  return cells
    .map((c) => (c.includes(delimiter) || c.includes('"') || c.includes('\n') || c.includes('\r') ? `"${c.replaceAll('"', '""')}"` : c))
    .join(delimiter);
}
