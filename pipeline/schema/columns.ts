// Canonical source columns of each dataset and the headers clerks give them. Header text is
// compared through `headerKey` (no diacritics, no punctuation), so aliases list each wording once.
import { INDICATORS, RECOGNITION_LEVELS, type EnumName } from './vocabulary.ts';

export type DatasetName = 'petitions' | 'campaign_results' | 'population';

export type ValueType = 'text' | 'date' | 'int' | 'number' | 'bool' | 'enum' | 'unit' | 'period';

/** What a column holds about a person (DOMAIN §7): hashed at ingest, never stored. */
export type PersonalField = 'name' | 'id_number' | 'phone' | 'address';

export interface SourceColumn {
  name: string;
  type: ValueType;
  enum?: EnumName;
  vi: string;
  en: string;
  aliases: readonly string[];
  /** A row without it is rejected. */
  required?: boolean;
  personal?: PersonalField;
  /** Recognised so it is not reported as unmapped, but never loaded (free text, row numbers). */
  dropped?: 'free_text' | 'row_number';
}

const rowNumber: SourceColumn = {
  name: 'row_number', type: 'int', vi: 'Số thứ tự', en: 'Row number', dropped: 'row_number',
  aliases: ['STT', 'TT', 'Số TT', 'Số thứ tự', 'No', 'No.'],
};

export const PETITION_COLUMNS: readonly SourceColumn[] = [
  rowNumber,
  { name: 'petition_id', type: 'text', required: true, vi: 'Số hiệu đơn', en: 'Petition number', aliases: ['Số hiệu đơn', 'Mã đơn', 'Số đơn', 'Mã hồ sơ', 'STT hồ sơ', 'Số hồ sơ', 'Số hiệu', 'Mã vụ việc', 'petition id', 'petition_id', 'case number'] },
  { name: 'received_date', type: 'date', required: true, vi: 'Ngày nhận', en: 'Date received', aliases: ['Ngày nhận', 'Ngày tiếp nhận', 'Ngày nhận đơn', 'Ngày đến', 'received date', 'received_date', 'date received'] },
  { name: 'kind', type: 'enum', enum: 'kind', required: true, vi: 'Loại đơn', en: 'Kind', aliases: ['Loại đơn', 'Phân loại đơn', 'Loại vụ việc', 'Phân loại', 'kind', 'type'] },
  { name: 'topic', type: 'enum', enum: 'topic', vi: 'Lĩnh vực', en: 'Topic', aliases: ['Lĩnh vực', 'Nội dung', 'Nhóm nội dung', 'Phân loại nội dung', 'Lĩnh vực khiếu nại, tố cáo', 'topic', 'subject'] },
  // Not required as a column: report workbooks name the district in section rows or the sheet name;
  // a row whose district cannot be found anywhere is rejected at build ("Thiếu tên huyện").
  { name: 'district', type: 'unit', vi: 'Huyện', en: 'District', aliases: ['Huyện', 'Quận/huyện', 'Đơn vị', 'Địa bàn', 'Mã huyện', 'Huyện/thị xã/thành phố', 'Huyện, thị xã, thành phố', 'Huyện/thị xã', 'Đơn vị hành chính', 'district', 'district_code'] },
  { name: 'commune', type: 'unit', vi: 'Xã', en: 'Commune', aliases: ['Xã', 'Phường/xã', 'Xã/phường/thị trấn', 'Xã, phường, thị trấn', 'Mã xã', 'commune', 'commune_code', 'ward'] },
  { name: 'channel', type: 'enum', enum: 'channel', vi: 'Nguồn đơn', en: 'Channel', aliases: ['Nguồn đơn', 'Hình thức tiếp nhận', 'Kênh', 'Nguồn', 'Kênh tiếp nhận', 'channel', 'source'] },
  { name: 'signers', type: 'int', vi: 'Số người', en: 'Signers', aliases: ['Số người', 'Số người đứng đơn', 'Số người ký đơn', 'Số người trong đoàn', 'signers'] },
  { name: 'is_crowd', type: 'bool', vi: 'Đông người', en: 'Crowd', aliases: ['Đông người', 'Đơn đông người', 'Đoàn đông người', 'crowd', 'is_crowd'] },
  { name: 'is_repeat', type: 'bool', vi: 'Đơn trùng', en: 'Repeat', aliases: ['Đơn trùng', 'Tái khiếu', 'Trùng lặp', 'Đơn nhiều lần', 'Nhiều lần', 'Đơn trùng, nhiều lần', 'repeat', 'is_repeat'] },
  { name: 'is_over_level', type: 'bool', vi: 'Vượt cấp', en: 'Over level', aliases: ['Vượt cấp', 'Đơn vượt cấp', 'over level', 'is_over_level'] },
  { name: 'in_jurisdiction', type: 'bool', vi: 'Thuộc thẩm quyền', en: 'In jurisdiction', aliases: ['Thuộc thẩm quyền', 'Thẩm quyền', 'in jurisdiction', 'in_jurisdiction'] },
  { name: 'resolution_round', type: 'int', vi: 'Lần giải quyết', en: 'Resolution round', aliases: ['Lần giải quyết', 'Giải quyết lần', 'resolution round', 'resolution_round'] },
  { name: 'accepted_date', type: 'date', vi: 'Ngày thụ lý', en: 'Date accepted', aliases: ['Ngày thụ lý', 'accepted date', 'accepted_date'] },
  { name: 'is_complex', type: 'bool', vi: 'Phức tạp', en: 'Complex', aliases: ['Phức tạp', 'Vụ việc phức tạp', 'complex', 'is_complex'] },
  { name: 'extensions', type: 'int', vi: 'Gia hạn', en: 'Extensions', aliases: ['Gia hạn', 'Số lần gia hạn', 'extensions'] },
  { name: 'due_date', type: 'date', vi: 'Hạn giải quyết', en: 'Due date', aliases: ['Hạn giải quyết', 'Thời hạn giải quyết', 'due date', 'due_date', 'deadline'] },
  { name: 'status', type: 'enum', enum: 'status', required: true, vi: 'Trạng thái', en: 'Status', aliases: ['Trạng thái', 'Tình trạng', 'Kết quả xử lý', 'Tình trạng giải quyết', 'Tình hình giải quyết', 'status'] },
  { name: 'resolved_date', type: 'date', vi: 'Ngày giải quyết', en: 'Date resolved', aliases: ['Ngày giải quyết', 'Ngày ban hành quyết định', 'Ngày kết thúc', 'Ngày ban hành kết luận', 'resolved date', 'resolved_date'] },
  { name: 'outcome', type: 'enum', enum: 'outcome', vi: 'Kết quả giải quyết', en: 'Outcome', aliases: ['Kết quả giải quyết', 'Kết luận', 'outcome'] },
  { name: 'handling_agency', type: 'text', vi: 'Cơ quan giải quyết', en: 'Handling agency', aliases: ['Cơ quan giải quyết', 'Đơn vị xử lý', 'Cơ quan xử lý', 'Cơ quan thụ lý', 'handling agency', 'handling_agency'] },
  { name: 'petitioner_name', type: 'text', personal: 'name', vi: 'Họ tên người gửi', en: 'Petitioner name', aliases: ['Họ tên', 'Họ và tên', 'Người đứng đơn', 'Tên người gửi', 'Người gửi đơn', 'Họ tên người đứng đơn', 'Họ tên người gửi', 'name'] },
  { name: 'petitioner_id', type: 'text', personal: 'id_number', vi: 'Số CCCD/CMND', en: 'ID number', aliases: ['CCCD', 'CMND', 'Số CCCD', 'Số CMND', 'Số CMND/CCCD', 'CMND/CCCD', 'Số định danh', 'Số định danh cá nhân', 'id number'] },
  { name: 'petitioner_phone', type: 'text', personal: 'phone', vi: 'Số điện thoại', en: 'Phone', aliases: ['SĐT', 'Số điện thoại', 'Điện thoại', 'phone'] },
  { name: 'petitioner_address', type: 'text', personal: 'address', vi: 'Địa chỉ', en: 'Address', aliases: ['Địa chỉ', 'Nơi cư trú', 'Địa chỉ người gửi', 'Địa chỉ liên hệ', 'address'] },
  { name: 'content', type: 'text', dropped: 'free_text', vi: 'Tóm tắt nội dung', en: 'Summary', aliases: ['Tóm tắt nội dung', 'Nội dung đơn', 'Nội dung vụ việc', 'Nội dung chính', 'Tóm tắt nội dung đơn', 'Ghi chú', 'summary', 'note'] },
];

const unitColumn = (required: boolean): SourceColumn => ({
  name: 'unit', type: 'unit', required, vi: 'Đơn vị', en: 'Unit',
  aliases: ['Đơn vị', 'Huyện', 'Địa phương', 'Huyện/thị xã/thành phố', 'Huyện, thị xã, thành phố', 'Huyện/thị xã', 'Đơn vị hành chính', 'Địa bàn', 'Quận/huyện', 'Mã đơn vị', 'Mã huyện', 'Tên đơn vị', 'unit', 'unit_code', 'district'],
});

/**
 * Campaign reports are wide: one row per unit, one column per indicator (DOMAIN §3.2). Each indicator
 * column is a SourceColumn named `ind:<indicator>`; "Dân vận khéo" reports split models recognised
 * by level, written `ind:models_recognised@<level>`.
 */
export const CAMPAIGN_COLUMNS: readonly SourceColumn[] = [
  rowNumber,
  unitColumn(true),
  { name: 'campaign', type: 'text', vi: 'Phong trào, cuộc vận động', en: 'Campaign', aliases: ['Phong trào', 'Cuộc vận động', 'Tên phong trào', 'Phong trào, cuộc vận động', 'campaign'] },
  { name: 'period', type: 'period', vi: 'Kỳ báo cáo', en: 'Period', aliases: ['Kỳ báo cáo', 'Kỳ', 'Năm', 'Năm báo cáo', 'period', 'year'] },
  ...INDICATORS.map((ind): SourceColumn => ({
    name: `ind:${ind.code}`, type: 'number', vi: ind.vi, en: ind.en, aliases: [ind.vi, ind.en, ...ind.aliases],
  })),
  ...RECOGNITION_LEVELS.map((lvl): SourceColumn => ({
    name: `ind:models_recognised@${lvl.code}`, type: 'number',
    vi: `Mô hình được công nhận ${lvl.vi.toLowerCase()}`, en: `Models recognised, ${lvl.en.toLowerCase()}`,
    // Reports write the level as "Cấp huyện" or just "Huyện" under the merged parent.
    aliases: [lvl.vi, ...lvl.aliases].flatMap((l) => [`Mô hình được công nhận ${l}`, `Công nhận ${l}`, `Được công nhận ${l}`, `Số mô hình được công nhận ${l}`]),
  })),
  { name: 'note', type: 'text', dropped: 'free_text', vi: 'Ghi chú', en: 'Note', aliases: ['Ghi chú', 'note'] },
];

export const POPULATION_COLUMNS: readonly SourceColumn[] = [
  rowNumber,
  unitColumn(true),
  { name: 'year', type: 'int', required: true, vi: 'Năm', en: 'Year', aliases: ['Năm', 'year'] },
  { name: 'population', type: 'int', required: true, vi: 'Dân số', en: 'Population', aliases: ['Dân số', 'Số dân', 'Dân số (người)', 'Tổng dân số', 'Dân số trung bình', 'population'] },
  { name: 'households', type: 'int', vi: 'Số hộ', en: 'Households', aliases: ['Số hộ', 'Tổng số hộ', 'Số hộ gia đình', 'households'] },
  { name: 'note', type: 'text', dropped: 'free_text', vi: 'Ghi chú', en: 'Note', aliases: ['Ghi chú', 'note'] },
];

export const DATASET_COLUMNS: Record<DatasetName, readonly SourceColumn[]> = {
  petitions: PETITION_COLUMNS,
  campaign_results: CAMPAIGN_COLUMNS,
  population: POPULATION_COLUMNS,
};

export const DATASET_LABELS: Record<DatasetName, { vi: string; en: string }> = {
  petitions: { vi: 'Đơn thư', en: 'Petitions' },
  campaign_results: { vi: 'Kết quả phong trào', en: 'Campaign results' },
  population: { vi: 'Dân số', en: 'Population' },
};

export function sourceColumn(dataset: DatasetName, name: string): SourceColumn {
  const col = DATASET_COLUMNS[dataset].find((c) => c.name === name);
  if (!col) throw new Error(`unknown column ${dataset}.${name}`);
  return col;
}
