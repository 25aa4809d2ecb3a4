// The one vocabulary of danvan: every coded value with its Vietnamese and English label, and the
// spellings clerks use for it in source files. The pipeline, the dashboard and the exports all
// import from here; nothing else restates a code or a label.

export interface CodeDef<C extends string = string> {
  code: C;
  vi: string;
  en: string;
  /** Other ways a source file writes this value (Vietnamese, abbreviations, English). */
  aliases: readonly string[];
}

function codes<const C extends string>(defs: readonly CodeDef<C>[]) {
  return defs;
}

export const PETITION_KINDS = codes([
  { code: 'complaint', vi: 'Khiếu nại', en: 'Complaint', aliases: ['KN', 'đơn khiếu nại', 'khiếu kiện'] },
  { code: 'denunciation', vi: 'Tố cáo', en: 'Denunciation', aliases: ['TC', 'đơn tố cáo'] },
  {
    code: 'feedback',
    vi: 'Kiến nghị, phản ánh',
    en: 'Recommendation / feedback',
    aliases: ['KNPA', 'KN-PA', 'KN, PA', 'kiến nghị', 'phản ánh', 'kiến nghị phản ánh', 'kiến nghị - phản ánh', 'kiến nghị – phản ánh', 'PA', 'đơn kiến nghị', 'đơn phản ánh', 'recommendation', 'feedback'],
  },
]);

export const TOPICS = codes([
  { code: 'land', vi: 'Đất đai', en: 'Land', aliases: ['đất', 'quản lý đất đai', 'tranh chấp đất đai', 'cấp giấy chứng nhận quyền sử dụng đất'] },
  {
    code: 'compensation',
    vi: 'Bồi thường, hỗ trợ, tái định cư',
    en: 'Compensation and resettlement',
    aliases: ['bồi thường', 'giải phóng mặt bằng', 'GPMB', 'bồi thường GPMB', 'bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng', 'tái định cư', 'đền bù', 'bồi thường giải phóng mặt bằng'],
  },
  { code: 'housing', vi: 'Nhà ở', en: 'Housing', aliases: ['nhà cửa', 'nhà ở, công trình'] },
  {
    code: 'social_policy',
    vi: 'Chính sách xã hội',
    en: 'Social policy',
    aliases: ['chế độ chính sách', 'chính sách', 'người có công', 'bảo hiểm', 'bảo hiểm xã hội', 'chính sách người có công', 'an sinh xã hội'],
  },
  { code: 'environment', vi: 'Môi trường', en: 'Environment', aliases: ['ô nhiễm môi trường', 'tài nguyên môi trường', 'tài nguyên, môi trường'] },
  {
    code: 'administration',
    vi: 'Thủ tục hành chính',
    en: 'Administrative procedures',
    aliases: ['hành chính', 'thủ tục hành chính khác', 'chính sách, thủ tục hành chính khác', 'lĩnh vực hành chính'],
  },
  { code: 'official_conduct', vi: 'Công chức, công vụ', en: 'Conduct of officials', aliases: ['cán bộ, công chức', 'công vụ', 'thái độ cán bộ', 'công chức'] },
  { code: 'corruption', vi: 'Tham nhũng, tiêu cực', en: 'Corruption', aliases: ['tham nhũng', 'tiêu cực'] },
  { code: 'judicial', vi: 'Tư pháp', en: 'Judicial', aliases: ['tư pháp, tòa án', 'thi hành án', 'lĩnh vực tư pháp'] },
  { code: 'party_mass_org', vi: 'Đảng, đoàn thể', en: 'Party and mass organisations', aliases: ['đảng', 'đoàn thể', 'Đảng, đoàn thể chính trị - xã hội'] },
  { code: 'other', vi: 'Khác', en: 'Other', aliases: ['lĩnh vực khác', 'nội dung khác'] },
]);

export const CHANNELS = codes([
  { code: 'reception', vi: 'Tiếp công dân trực tiếp', en: 'Citizen reception', aliases: ['tiếp công dân', 'trực tiếp', 'qua tiếp công dân', 'TCD'] },
  { code: 'mail', vi: 'Bưu chính, gửi trực tiếp', en: 'Mail', aliases: ['bưu chính', 'bưu điện', 'qua bưu điện', 'gửi trực tiếp', 'thư'] },
  { code: 'transferred', vi: 'Cơ quan khác chuyển đến', en: 'Transferred from another agency', aliases: ['chuyển đến', 'cơ quan chuyển đến', 'do cơ quan khác chuyển đến'] },
  { code: 'online', vi: 'Trực tuyến', en: 'Online', aliases: ['cổng dịch vụ công', 'cổng thông tin', 'ứng dụng', 'thư điện tử', 'email', 'trực tuyến', 'qua mạng'] },
  { code: 'hotline', vi: 'Đường dây nóng', en: 'Hotline', aliases: ['điện thoại', 'đường dây nóng'] },
  { code: 'voter_meeting', vi: 'Tiếp xúc cử tri', en: 'Voter meeting', aliases: ['TXCT', 'cử tri'] },
  { code: 'dialogue', vi: 'Đối thoại', en: 'Dialogue', aliases: ['đối thoại trực tiếp', 'qua đối thoại'] },
  { code: 'front_mass_org', vi: 'MTTQ, đoàn thể', en: 'Fatherland Front, mass organisations', aliases: ['MTTQ', 'mặt trận', 'Mặt trận Tổ quốc', 'đoàn thể chuyển đến'] },
  { code: 'press', vi: 'Báo chí', en: 'Press', aliases: ['báo', 'phương tiện thông tin đại chúng'] },
  { code: 'other', vi: 'Khác', en: 'Other', aliases: ['nguồn khác', 'kênh khác'] },
]);

export const STATUSES = codes([
  { code: 'received', vi: 'Đã tiếp nhận', en: 'Received', aliases: ['chưa xử lý', 'mới tiếp nhận', 'tiếp nhận', 'chưa giải quyết'] },
  { code: 'in_progress', vi: 'Đang giải quyết', en: 'In progress', aliases: ['đã thụ lý', 'đang xử lý', 'đang xác minh', 'đang giải quyết'] },
  { code: 'resolved', vi: 'Đã giải quyết', en: 'Resolved', aliases: ['đã có quyết định', 'đã có kết luận', 'hoàn thành', 'đã xử lý', 'giải quyết xong', 'đã giải quyết xong'] },
  { code: 'withdrawn', vi: 'Rút đơn', en: 'Withdrawn', aliases: ['đã rút đơn', 'công dân rút đơn', 'rút'] },
  { code: 'transferred', vi: 'Chuyển đơn, hướng dẫn', en: 'Transferred / guided', aliases: ['chuyển đơn', 'hướng dẫn', 'chuyển cơ quan có thẩm quyền', 'đã chuyển', 'chuyển'] },
  { code: 'archived', vi: 'Lưu đơn', en: 'Archived', aliases: ['lưu', 'không đủ điều kiện xử lý', 'lưu đơn, không xử lý'] },
]);

/** Statuses after which a case is closed and must carry its resolved_date (DOMAIN §3.1). */
export const CLOSED_STATUSES = ['resolved', 'withdrawn'] as const;

export const OUTCOMES = codes([
  { code: 'upheld', vi: 'Đúng', en: 'Upheld', aliases: ['khiếu nại đúng', 'tố cáo đúng', 'đúng toàn bộ'] },
  { code: 'partly_upheld', vi: 'Có đúng, có sai', en: 'Partly upheld', aliases: ['đúng một phần', 'có đúng có sai', 'đúng một phần, sai một phần'] },
  { code: 'rejected', vi: 'Sai', en: 'Rejected', aliases: ['khiếu nại sai', 'tố cáo sai', 'sai toàn bộ', 'không đúng'] },
]);

export const CAMPAIGN_KINDS = codes([
  { code: 'emulation_movement', vi: 'Phong trào thi đua', en: 'Emulation movement', aliases: ['phong trào'] },
  { code: 'mobilisation_campaign', vi: 'Cuộc vận động', en: 'Mobilisation campaign', aliases: ['vận động'] },
  { code: 'fund', vi: 'Quỹ', en: 'Fund', aliases: [] },
]);

export const RECOGNITION_LEVELS = codes([
  { code: 'co_so', vi: 'Cấp cơ sở', en: 'Commune level', aliases: ['cơ sở', 'cấp xã', 'xã'] },
  { code: 'huyen', vi: 'Cấp huyện', en: 'District level', aliases: ['huyện'] },
  { code: 'tinh', vi: 'Cấp tỉnh', en: 'Provincial level', aliases: ['tỉnh'] },
]);

export interface IndicatorDef extends CodeDef {
  unit_vi: string;
  unit_en: string;
}

export const INDICATORS: readonly IndicatorDef[] = [
  { code: 'participants', vi: 'Lượt người tham gia', en: 'Participants', unit_vi: 'lượt người', unit_en: 'participations', aliases: ['số lượt người tham gia', 'số người tham gia', 'lượt tham gia', 'người tham gia', 'participants'] },
  { code: 'target_population', vi: 'Số người thuộc đối tượng vận động', en: 'Target population', unit_vi: 'người', unit_en: 'people', aliases: ['đối tượng vận động', 'số người thuộc đối tượng', 'tổng số đối tượng', 'target population'] },
  { code: 'households_participating', vi: 'Số hộ tham gia', en: 'Households taking part', unit_vi: 'hộ', unit_en: 'households', aliases: ['hộ tham gia', 'số hộ gia đình tham gia'] },
  { code: 'households_total', vi: 'Tổng số hộ', en: 'Households in total', unit_vi: 'hộ', unit_en: 'households', aliases: ['tổng số hộ gia đình', 'số hộ trên địa bàn'] },
  { code: 'models_registered', vi: 'Số mô hình đăng ký', en: 'Models registered', unit_vi: 'mô hình', unit_en: 'models', aliases: ['mô hình đăng ký', 'số mô hình, điển hình đăng ký', 'đăng ký mô hình'] },
  { code: 'models_recognised', vi: 'Số mô hình được công nhận', en: 'Models recognised', unit_vi: 'mô hình', unit_en: 'models', aliases: ['mô hình được công nhận', 'số mô hình công nhận', 'mô hình công nhận', 'được công nhận'] },
  { code: 'funds_vnd', vi: 'Số tiền vận động', en: 'Funds raised', unit_vi: 'đồng', unit_en: 'VND', aliases: ['số tiền vận động (đồng)', 'tiền vận động', 'số tiền', 'tổng số tiền vận động', 'kinh phí vận động', 'số tiền (đồng)'] },
  { code: 'houses', vi: 'Nhà Đại đoàn kết xây mới, sửa chữa', en: 'Solidarity houses built or repaired', unit_vi: 'căn', unit_en: 'houses', aliases: ['nhà đại đoàn kết', 'số nhà đại đoàn kết', 'nhà đại đoàn kết xây mới', 'số căn nhà', 'nhà ở cho hộ nghèo'] },
  { code: 'workdays', vi: 'Ngày công', en: 'Workdays contributed', unit_vi: 'ngày công', unit_en: 'workdays', aliases: ['số ngày công', 'ngày công lao động', 'đóng góp ngày công'] },
  { code: 'land_donated_m2', vi: 'Diện tích đất hiến', en: 'Land donated', unit_vi: 'm²', unit_en: 'm²', aliases: ['hiến đất', 'đất hiến', 'diện tích hiến đất', 'hiến đất (m2)', 'diện tích đất hiến (m2)', 'hiến đất m2'] },
  { code: 'activities', vi: 'Số hoạt động, buổi tuyên truyền', en: 'Activities held', unit_vi: 'buổi', unit_en: 'sessions', aliases: ['số hoạt động', 'số buổi tuyên truyền', 'buổi tuyên truyền', 'hoạt động'] },
];

export const ENUMS = {
  kind: PETITION_KINDS,
  topic: TOPICS,
  channel: CHANNELS,
  status: STATUSES,
  outcome: OUTCOMES,
  campaign_kind: CAMPAIGN_KINDS,
  recognition_level: RECOGNITION_LEVELS,
  indicator: INDICATORS,
} as const;

export type EnumName = keyof typeof ENUMS;
export type PetitionKind = (typeof PETITION_KINDS)[number]['code'];
export type Topic = (typeof TOPICS)[number]['code'];
export type Channel = (typeof CHANNELS)[number]['code'];
export type Status = (typeof STATUSES)[number]['code'];
export type Outcome = (typeof OUTCOMES)[number]['code'];

export function enumCodes(name: EnumName): string[] {
  return ENUMS[name].map((d) => d.code);
}

export function label(name: EnumName, code: string, lang: 'vi' | 'en' = 'vi'): string {
  const def = ENUMS[name].find((d) => d.code === code);
  return def ? def[lang] : code;
}
