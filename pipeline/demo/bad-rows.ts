// Deliberately broken rows, one broken rule each (DOMAIN §3.1 row-level rules), spread over the
// petition files. Each starts as a valid petition and has one field overwritten in the file.
import type { PetitionKind } from '../schema/vocabulary.ts';
import { day, type Day } from './calendar.ts';
import type { District } from './districts.ts';
import { vi } from './labels.ts';
import { drawPetition, type ModelContext, type Petition } from './model.ts';
import type { Rng } from './random.ts';

export type FileTarget = 'system' | 'report2023' | 'report2024' | 'minhlong' | 'lyson';

export type BadReason =
  | 'resolved_before_received'
  | 'accepted_before_received'
  | 'closed_without_resolved_date'
  | 'resolved_date_on_open_case'
  | 'date_in_future'
  | `bad_date:${string}`
  | 'signers_lt_1'
  | 'outcome_not_allowed'
  | 'unknown_district'
  | 'ambiguous_district'
  | 'unknown_commune'
  | 'ambiguous_commune'
  | 'duplicate_id_conflict'
  | `missing_required:${string}`;

export interface BadPetition {
  petition: Petition;
  target: FileTarget;
  reason: BadReason;
  /** What a reader should see in the row (for PATTERNS.md and the manifest). */
  note: string;
}

interface BadSpec {
  target: FileTarget;
  district: string;
  received: Day;
  kind: PetitionKind;
  reason: BadReason;
  note: string;
  apply: (p: Petition) => void;
}

/** Makes a closed case look open: status in progress, no outcome. */
function reopen(p: Petition): Day {
  const resolved = p.resolved ?? p.received + 20;
  p.status = 'in_progress';
  p.resolved = null;
  p.outcome = null;
  return resolved;
}

export const DUPLICATE_TARGET = { district: '522', from: day(2022, 9, 1) };

const SPECS: readonly BadSpec[] = [
  {
    target: 'system', district: '533', received: day(2020, 8, 18), kind: 'complaint', reason: 'resolved_before_received',
    note: 'Ngày giải quyết 12 ngày trước ngày tiếp nhận',
    apply: (p) => {
      p.raw = { accepted_date: null, resolved_date: { day: p.received - 12 } };
    },
  },
  {
    target: 'system', district: '524', received: day(2021, 3, 9), kind: 'feedback', reason: 'unknown_district',
    note: 'Huyện "Binh Sn" (gõ thiếu dấu và thiếu chữ)',
    apply: (p) => {
      p.raw = { district: { text: 'Binh Sn' } };
    },
  },
  {
    target: 'system', district: '529', received: day(2021, 6, 15), kind: 'complaint', reason: 'closed_without_resolved_date',
    note: '"Đã giải quyết" nhưng không có ngày giải quyết',
    apply: (p) => {
      p.raw = { status: { text: vi('status', 'resolved') }, resolved_date: null };
    },
  },
  {
    target: 'system', district: '532', received: day(2022, 5, 10), kind: 'denunciation', reason: 'resolved_date_on_open_case',
    note: '"Đang giải quyết" nhưng có ngày giải quyết',
    apply: (p) => {
      p.raw = { resolved_date: { day: reopen(p) } };
    },
  },
  {
    target: 'system', district: '527', received: day(2022, 2, 14), kind: 'feedback', reason: 'unknown_commune',
    note: 'Xã "Tịnh Phú Lâm" không có trong huyện Sơn Tịnh',
    apply: (p) => {
      p.raw = { commune: { text: 'Xã Tịnh Phú Lâm' } };
    },
  },
  {
    target: 'system', district: '535', received: day(2021, 10, 19), kind: 'feedback', reason: 'ambiguous_commune',
    note: 'Xã "Ba To" không dấu: Thị trấn Ba Tơ hay Xã Ba Tô',
    apply: (p) => {
      p.raw = { commune: { text: 'Ba To' } };
    },
  },
  {
    target: 'system', district: '522', received: day(2022, 11, 8), kind: 'complaint', reason: 'duplicate_id_conflict',
    note: 'Mã hồ sơ trùng với một đơn khác của TP Quảng Ngãi (tháng 9/2022), nội dung khác',
    apply: () => {
      // The id is copied from the target once ids are assigned (generate.ts).
    },
  },
  {
    target: 'report2023', district: '534', received: day(2023, 5, 10), kind: 'feedback', reason: 'signers_lt_1',
    note: 'Số người = 0',
    apply: (p) => {
      p.signers = 1;
      p.isCrowd = false;
      p.raw = { signers: { num: 0 } };
    },
  },
  {
    target: 'report2023', district: '527', received: day(2023, 8, 21), kind: 'complaint', reason: 'missing_required:petition_id',
    note: 'Thiếu số hiệu đơn',
    apply: (p) => {
      p.raw = { petition_id: null };
    },
  },
  {
    target: 'report2023', district: '532', received: day(2023, 11, 14), kind: 'complaint', reason: 'resolved_before_received',
    note: 'Ngày giải quyết 9 ngày trước ngày nhận (ô ngày tháng Excel)',
    apply: (p) => {
      p.raw = { accepted_date: null, resolved_date: { day: p.received - 9 } };
    },
  },
  {
    target: 'report2024', district: '533', received: day(2024, 5, 7), kind: 'feedback', reason: 'outcome_not_allowed',
    note: 'Đơn kiến nghị, phản ánh có kết quả giải quyết "Đúng"',
    apply: (p) => {
      p.raw = { outcome: { text: vi('outcome', 'upheld') } };
    },
  },
  {
    target: 'report2024', district: '525', received: day(2024, 8, 12), kind: 'complaint', reason: 'accepted_before_received',
    note: 'Ngày thụ lý 4 ngày trước ngày nhận',
    apply: (p) => {
      p.raw = { accepted_date: { day: p.received - 4 } };
    },
  },
  {
    target: 'report2024', district: '529', received: day(2024, 10, 15), kind: 'complaint', reason: 'resolved_date_on_open_case',
    note: 'Sheet TCVN3: "Đang giải quyết" nhưng có ngày giải quyết',
    apply: (p) => {
      p.raw = { resolved_date: { day: reopen(p) } };
    },
  },
  {
    target: 'minhlong', district: '531', received: day(2024, 4, 12), kind: 'feedback', reason: 'date_in_future',
    note: 'Ngày nhận đơn 12/04/2027 (gõ nhầm năm)',
    apply: (p) => {
      p.status = 'received';
      p.accepted = null;
      p.resolved = null;
      p.outcome = null;
      p.raw = { received_date: { day: day(2027, 4, 12) } };
    },
  },
  {
    target: 'minhlong', district: '531', received: day(2023, 9, 5), kind: 'feedback', reason: 'missing_required:received_date',
    note: 'Thiếu ngày nhận đơn',
    apply: (p) => {
      p.raw = { received_date: null };
    },
  },
  {
    target: 'lyson', district: '536', received: day(2023, 2, 27), kind: 'feedback', reason: 'bad_date:received_date',
    note: 'Ngày nhận "31/02/2023" (ngày không có thật)',
    apply: (p) => {
      p.raw = { received_date: { text: '31/02/2023' } };
    },
  },
  {
    target: 'lyson', district: '536', received: day(2024, 6, 18), kind: 'complaint', reason: 'outcome_not_allowed',
    note: 'Khiếu nại đang giải quyết đã ghi kết luận "Sai"',
    apply: (p) => {
      reopen(p);
      p.raw = { outcome: { text: vi('outcome', 'rejected') } };
    },
  },
];

export function makeBadRows(districts: readonly District[], ctx: ModelContext, rng: Rng): BadPetition[] {
  const byCode = new Map(districts.map((d) => [d.code, d]));
  return SPECS.map((spec, i) => {
    const d = byCode.get(spec.district);
    if (!d) throw new Error(`bad row ${i}: no district ${spec.district}`);
    const state = ctx.states.get(d.code)!;
    const p = drawPetition(rng.fork(`bad/${i}`), ctx, state, spec.received, { kind: spec.kind, inJurisdiction: true, onTime: true });
    spec.apply(p);
    return { petition: p, target: spec.target, reason: spec.reason, note: spec.note };
  });
}
