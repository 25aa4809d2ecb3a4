// The data dictionary: every table and column of the database described in Vietnamese and English,
// written into the database itself (`data_dictionary`) for analysts and the workbench. A test checks
// that no column of the built database is missing here.
import { appendRows, type Db } from '../db/duckdb.ts';
import { PETITION_COLUMNS } from '../schema/columns.ts';

type Col = [name: string, vi: string, en: string];
interface TableDoc { table: string; vi: string; en: string; columns: Col[] }

const provenance: Col[] = [
  ['source_file', 'Tệp nguồn', 'Source file'],
  ['source_sheet', 'Trang tính nguồn', 'Source sheet'],
  ['source_row', 'Dòng trong tệp nguồn (như Excel hiển thị)', 'Row in the source file (as Excel shows it)'],
  ['ingest_id', 'Mã lần nạp của tệp (theo nội dung tệp)', 'Load id of the file (from its content)'],
];
const unitLevel: Col = ['unit_level', 'Cấp đơn vị: province (tỉnh) hoặc district (huyện)', 'Unit level: province or district'];
const period: Col[] = [
  ['grain', 'Loại kỳ: month, quarter, year, report_q, report_6m, report_9m, report_year', 'Period grain'],
  ['period_start', 'Ngày đầu kỳ', 'First day of the period'],
  ['period_end', 'Ngày cuối kỳ', 'Last day of the period'],
];
const fromPetitionColumns = (name: string): Col => {
  const c = PETITION_COLUMNS.find((x) => x.name === name)!;
  return [name, c.vi, c.en];
};

export const DICTIONARY: TableDoc[] = [
  { table: 'admin_units', vi: 'Đơn vị hành chính (tỉnh, huyện, xã) với thời gian hiệu lực', en: 'Administrative units with validity dates', columns: [
    ['unit_code', 'Mã đơn vị (mã Tổng cục Thống kê)', 'GSO unit code'], ['name', 'Tên chính thức', 'Official name'],
    ['short_name', 'Tên ngắn (không có loại đơn vị)', 'Short name'], ['unit_type', 'Loại đơn vị (province, city, town, district, ward, commune, township)', 'Unit type'],
    ['level', 'Cấp: 1 tỉnh, 2 huyện, 3 xã', 'Level: 1 province, 2 district, 3 commune'], ['parent_code', 'Mã đơn vị cấp trên', 'Parent unit code'],
    ['valid_from', 'Có hiệu lực từ ngày', 'Valid from'], ['valid_to', 'Có hiệu lực đến ngày', 'Valid to'],
    ['is_remote', 'Vùng sâu, vùng xa, vùng đặc biệt khó khăn (kéo dài thời hạn giải quyết)', 'Remote area (longer legal deadlines)'],
  ] },
  { table: 'admin_adjacency', vi: 'Các cặp đơn vị giáp ranh (dùng cho điểm nóng không gian)', en: 'Neighbouring units (for spatial hot spots)', columns: [
    ['unit_code', 'Mã đơn vị', 'Unit code'], ['neighbour_code', 'Mã đơn vị giáp ranh', 'Neighbour code'],
    ['source', 'Nguồn: boundary (tính từ ranh giới) hoặc declared (khai báo, ví dụ đảo)', 'boundary (derived) or declared (e.g. islands)'],
  ] },
  { table: 'admin_boundaries', vi: 'Ranh giới đơn vị (GeoJSON, kinh độ/vĩ độ) khi có tệp ranh giới trong nguồn', en: 'Unit boundaries (GeoJSON) when a boundary file was among the sources', columns: [
    ['unit_code', 'Mã đơn vị', 'Unit code'], ['geometry', 'Hình học GeoJSON (Polygon/MultiPolygon)', 'GeoJSON geometry'],
  ] },
  { table: 'admin_tile_grid', vi: 'Vị trí ô của từng huyện trên bản đồ lưới', en: 'Tile-grid map position of each district', columns: [
    ['unit_code', 'Mã đơn vị', 'Unit code'], ['row', 'Hàng', 'Row'], ['col', 'Cột', 'Column'],
  ] },
  { table: 'population', vi: 'Dân số và số hộ theo đơn vị và năm, như tệp nguồn ghi', en: 'Population and households by unit and year, as reported', columns: [
    ['unit_code', 'Mã đơn vị', 'Unit code'], ['year', 'Năm', 'Year'], ['population', 'Dân số (người)', 'Population'], ['households', 'Số hộ', 'Households'], ...provenance,
  ] },
  { table: 'population_by_year', vi: 'Mẫu số cho tỷ lệ trên đầu người: dân số của năm, hoặc năm gần nhất có số liệu; tỉnh = tổng các huyện', en: 'Denominators for per-capita rates: the year\'s population or the nearest year reported; province = sum of districts', columns: [
    ['unit_code', 'Mã đơn vị', 'Unit code'], unitLevel, ['year', 'Năm', 'Year'], ['population', 'Dân số dùng làm mẫu số', 'Population used'],
    ['source_year', 'Năm của số liệu dân số được dùng (huyện)', 'Year of the population figure used (districts)'],
  ] },
  { table: 'petitions', vi: 'Đơn thư: mỗi dòng một vụ việc/đơn (không có thông tin cá nhân)', en: 'Petitions, one row per case (no personal data)', columns: [
    ...['petition_id', 'received_date', 'kind', 'topic'].map(fromPetitionColumns),
    ['district_code', 'Mã huyện', 'District code'], ['commune_code', 'Mã xã', 'Commune code'],
    ...['channel', 'signers'].map(fromPetitionColumns),
    ['is_crowd', 'Đơn đông người (từ 5 người trở lên hoặc ghi như vậy trong tệp)', 'Crowd petition (5+ signers or marked so)'],
    ...['is_repeat', 'is_over_level'].map(fromPetitionColumns),
    ['in_jurisdiction', 'Thuộc thẩm quyền (khi tệp không ghi: sai nếu chuyển đơn hoặc lưu đơn)', 'In jurisdiction (when not given: false for transferred or archived)'],
    ...['resolution_round', 'accepted_date', 'is_complex', 'extensions'].map(fromPetitionColumns),
    ['due_date', 'Hạn giải quyết (theo tệp, hoặc tính theo luật từ ngày thụ lý/ngày nhận)', 'Deadline (from the source, or computed by law from the clock date)'],
    ['due_date_computed', 'Hạn giải quyết do danvan tính (không có trong tệp)', 'Deadline computed by danvan'],
    ...['status', 'resolved_date', 'outcome', 'handling_agency'].map(fromPetitionColumns),
    ['petitioner_key', 'Mã hóa người gửi (HMAC, không thể giải ngược) để đếm người gửi nhiều lần', 'Keyed hash of the petitioner, to count repeat petitioners'],
    ...provenance,
  ] },
  { table: 'campaigns', vi: 'Các phong trào, cuộc vận động, quỹ', en: 'Movements, campaigns and funds', columns: [
    ['campaign_id', 'Mã phong trào', 'Campaign id'], ['name', 'Tên', 'Name'], ['kind', 'Loại: emulation_movement, mobilisation_campaign, fund', 'Kind'],
    ['start_date', 'Ngày bắt đầu', 'Start date'], ['end_date', 'Ngày kết thúc', 'End date'],
  ] },
  { table: 'campaign_results', vi: 'Kết quả phong trào theo đơn vị, kỳ và chỉ tiêu (dạng dài)', en: 'Campaign results by unit, period and indicator (long form)', columns: [
    ['campaign_id', 'Mã phong trào', 'Campaign id'], ['unit_code', 'Mã đơn vị', 'Unit code'], ['period_start', 'Ngày đầu kỳ báo cáo', 'Period start'],
    ['period_end', 'Ngày cuối kỳ báo cáo', 'Period end'], ['indicator', 'Chỉ tiêu (participants, models_registered, funds_vnd, …)', 'Indicator'],
    ['recognition_level', 'Cấp công nhận mô hình: co_so, huyen, tinh', 'Recognition level'], ['value', 'Giá trị', 'Value'], ...provenance,
  ] },
  { table: 'rejected_rows', vi: 'Các dòng không nạp được và lý do', en: 'Rows not loaded, with the reason', columns: [
    ['ingest_id', 'Mã lần nạp', 'Load id'], ['dataset', 'Loại dữ liệu', 'Dataset'], ['source_file', 'Tệp nguồn', 'Source file'],
    ['source_sheet', 'Trang tính', 'Sheet'], ['source_row', 'Dòng', 'Row'], ['reason_code', 'Mã lý do', 'Reason code'],
    ['reason', 'Lý do (tiếng Việt)', 'Reason (Vietnamese)'], ['raw', 'Nội dung dòng (không có thông tin cá nhân), JSON', 'Row content (no personal data), JSON'],
  ] },
  { table: 'load_log', vi: 'Nhật ký nạp: mỗi tệp, mỗi trang tính', en: 'Load log, per file and sheet', columns: [
    ['ingest_id', 'Mã lần nạp', 'Load id'], ['source_file', 'Tệp', 'File'], ['source_sheet', 'Trang tính', 'Sheet'], ['file_type', 'Loại tệp', 'File type'],
    ['encoding', 'Bảng mã (CSV)', 'Text encoding (CSV)'], ['delimiter', 'Dấu phân cách (CSV)', 'Delimiter (CSV)'], ['dataset', 'Loại dữ liệu', 'Dataset'],
    ['status', 'loaded hoặc skipped', 'loaded or skipped'], ['note', 'Ghi chú (lý do bỏ qua)', 'Note (why skipped)'],
    ['source_rows', 'Số dòng trong tệp', 'Rows in the source'], ['data_rows', 'Số dòng dữ liệu', 'Data rows'], ['loaded_rows', 'Số dòng đã nạp', 'Rows loaded'],
    ['rejected_rows', 'Số dòng bị loại', 'Rows rejected'], ['skipped_rows', 'Số dòng bỏ qua (tiêu đề, tổng cộng, chữ ký…)', 'Rows skipped (titles, totals, signatures…)'],
    ['skipped_detail', 'Chi tiết dòng bỏ qua theo loại, JSON', 'Skipped rows by kind, JSON'], ['unmapped_columns', 'Cột không nhận ra, JSON', 'Unmapped columns, JSON'],
    ['legacy_columns', 'Cột phông cũ (TCVN3/VNI) đã chuyển sang Unicode, JSON', 'Legacy-font columns converted, JSON'], ['header_rows', 'Dòng tên cột', 'Header rows'],
  ] },
  { table: 'build_info', vi: 'Thông tin lần xây dữ liệu', en: 'About this build', columns: [['key', 'Khóa (as_of, built_at, gazetteer, sources, simulated)', 'Key'], ['value', 'Giá trị', 'Value']] },
  { table: 'deadline_rules', vi: 'Thời hạn giải quyết theo luật (data/rules/deadlines.csv)', en: 'Legal deadlines (data/rules/deadlines.csv)', columns: [
    ['rule_id', 'Mã quy tắc', 'Rule id'], ['kind', 'Loại đơn', 'Kind'], ['resolution_round', 'Lần giải quyết (trống = mọi lần)', 'Round (empty = any)'],
    ['is_complex', 'Vụ việc phức tạp (trống = bất kỳ)', 'Complex (empty = any)'], ['is_remote', 'Vùng sâu, vùng xa (trống = bất kỳ)', 'Remote (empty = any)'],
    ['days', 'Số ngày', 'Days'], ['extension_days', 'Số ngày mỗi lần gia hạn', 'Days per extension'], ['max_extensions', 'Số lần gia hạn tối đa', 'Maximum extensions'],
    ['valid_from', 'Áp dụng từ ngày', 'Valid from'], ['valid_to', 'Áp dụng đến ngày', 'Valid to'], ['legal_basis_vi', 'Căn cứ pháp lý', 'Legal basis (Vietnamese)'], ['legal_basis_en', 'Căn cứ pháp lý (tiếng Anh)', 'Legal basis'],
  ] },
  { table: 'periods', vi: 'Các kỳ: tháng, quý, năm và kỳ báo cáo thanh tra (15/12 → 14/3, 14/6, 14/9, 14/12)', en: 'Periods: month, quarter, year and Thanh tra reporting periods', columns: [
    ...period, ['label_vi', 'Tên kỳ', 'Label (Vietnamese)'], ['label_en', 'Tên kỳ (tiếng Anh)', 'Label (English)'], ['range_label', 'Từ ngày – đến ngày', 'Date range'],
    ['year', 'Năm của ngày cuối kỳ', 'Year of the period end'], ['is_complete', 'Kỳ đã kết thúc trước ngày dữ liệu', 'Period ended by the as-of date'],
  ] },
  { table: 'kind_groups', vi: 'Nhóm loại đơn dùng trong chỉ số', en: 'Kind groups used by the metrics', columns: [
    ['kind_group', 'Nhóm: complaint_denunciation (khiếu nại + tố cáo), complaint, denunciation, feedback, all', 'Group'], ['kind', 'Loại đơn thuộc nhóm', 'Kind in the group'],
  ] },
  { table: 'resolution_stats', vi: 'Kết quả giải quyết theo đơn vị × kỳ × nhóm loại đơn (định nghĩa DOMAIN §4)', en: 'Resolution by unit × period × kind group', columns: [
    ['unit_code', 'Mã đơn vị (mã tỉnh ở dòng toàn tỉnh)', 'Unit code'], unitLevel, ...period, ['kind_group', 'Nhóm loại đơn', 'Kind group'],
    ['received', 'Số đơn nhận trong kỳ (mọi thẩm quyền)', 'Petitions received in the period'], ['received_per_10k', 'Số đơn nhận trên 10.000 dân', 'Received per 10,000 inhabitants'],
    ['carried_over', 'Số vụ kỳ trước chuyển sang', 'Cases carried over'], ['new_cases', 'Số vụ mới thụ lý/nhận trong kỳ', 'New cases'],
    ['caseload', 'Số vụ việc phải giải quyết', 'Caseload'], ['resolved', 'Số vụ đã giải quyết (kể cả rút đơn)', 'Resolved (withdrawals included)'],
    ['resolution_rate', 'Tỷ lệ giải quyết = đã giải quyết / phải giải quyết', 'Resolution rate'], ['on_time', 'Số vụ giải quyết đúng hạn', 'Resolved on time'],
    ['on_time_rate', 'Tỷ lệ đúng hạn = đúng hạn / đã giải quyết', 'On-time rate'], ['backlog_end', 'Số vụ tồn cuối kỳ', 'Open at the end of the period'],
    ['overdue_end', 'Số vụ tồn quá hạn cuối kỳ', 'Open and overdue at the end'], ['median_days_km', 'Số ngày giải quyết trung vị (Kaplan–Meier, vụ chưa xong tính đến cuối kỳ)', 'Median days to resolve (Kaplan–Meier)'],
    ['population', 'Dân số dùng làm mẫu số', 'Population used'],
  ] },
  { table: 'resolution_survival', vi: 'Đường Kaplan–Meier: tỷ lệ vụ chưa giải quyết xong theo số ngày, theo năm nhận', en: 'Kaplan–Meier curves of time to resolution, by year', columns: [
    ['unit_code', 'Mã đơn vị', 'Unit code'], ['year', 'Năm', 'Year'], ['kind_group', 'Nhóm loại đơn', 'Kind group'], ['day', 'Số ngày kể từ ngày thụ lý/nhận', 'Days since the clock date'],
    ['at_risk', 'Số vụ còn đang giải quyết', 'Cases still open'], ['events', 'Số vụ giải quyết xong tại ngày này', 'Resolved on this day'],
    ['censored', 'Số vụ dừng theo dõi (chưa xong khi hết kỳ)', 'Censored'], ['survival', 'Tỷ lệ chưa giải quyết xong', 'Share not yet resolved'],
    ['ci_low', 'Cận dưới khoảng tin cậy 95%', '95% CI low'], ['ci_high', 'Cận trên khoảng tin cậy 95%', '95% CI high'],
  ] },
  { table: 'hotspot_stats', vi: 'Điểm nóng theo huyện × kỳ: tín hiệu, bất thường, cụm không gian, điểm tổng hợp và lý do', en: 'Hot spots by district × period', columns: [
    ['unit_code', 'Mã huyện', 'District code'], ...period, ['period_label_vi', 'Tên kỳ', 'Period label'], ['period_label_en', 'Tên kỳ (tiếng Anh)', 'Period label (English)'],
    ['is_complete', 'Kỳ đã kết thúc', 'Period complete'], ['received', 'Số đơn khiếu nại, tố cáo nhận trong kỳ', 'Complaints and denunciations received'],
    ['received_per_10k', 'Trên 10.000 dân', 'Per 10,000 inhabitants'], ['crowd', 'Số đơn đông người', 'Crowd petitions'], ['repeat', 'Số đơn trùng, tái khiếu', 'Repeat petitions'],
    ['over_level', 'Số đơn vượt cấp', 'Over-level petitions'], ['overdue_end', 'Số vụ tồn quá hạn cuối kỳ', 'Overdue at the end'],
    ['land_share', 'Tỷ lệ về đất đai, bồi thường', 'Share about land and compensation'], ['expected', 'Mức kỳ vọng (trung bình các kỳ trước)', 'Expected (mean of previous periods)'],
    ['anomaly_z', 'Độ bất thường (z Poisson)', 'Anomaly (Poisson z)'], ['received_same_period_last_year', 'Số đơn cùng kỳ năm trước', 'Same period last year'],
    ['gi_star_z', 'Chỉ số Gi* (z) — cụm điểm nóng không gian', 'Getis-Ord Gi* z-score'], ['gi_band', 'Mức ý nghĩa cụm: hot_99/95/90, none, cold_90/95/99', 'Gi* band'],
    ['score', 'Điểm tổng hợp (trọng số trong data/rules/hotspots.json)', 'Composite score'], ['rank', 'Thứ hạng trong kỳ', 'Rank in the period'],
    ['is_flagged', 'Được cảnh báo là điểm nóng', 'Flagged as a hot spot'], ['reasons_vi', 'Lý do cảnh báo', 'Reasons (Vietnamese)'], ['reasons_en', 'Lý do (tiếng Anh)', 'Reasons (English)'],
  ] },
  { table: 'hotspot_trends', vi: 'Xu hướng điểm nóng theo huyện qua chuỗi kỳ (phân loại Emerging Hot Spot)', en: 'Emerging hot-spot category per district over a series of periods', columns: [
    ['unit_code', 'Mã huyện', 'District code'], ['grain', 'Loại kỳ của chuỗi', 'Grain of the series'], ['window_start', 'Đầu chuỗi', 'Window start'], ['window_end', 'Cuối chuỗi', 'Window end'],
    ['bins', 'Số kỳ', 'Periods'], ['hot_bins', 'Số kỳ là điểm nóng', 'Hot periods'], ['cold_bins', 'Số kỳ là điểm lạnh', 'Cold periods'],
    ['mk_z', 'Xu hướng Mann–Kendall (z)', 'Mann–Kendall z'], ['mk_p', 'Giá trị p của xu hướng', 'Mann–Kendall p'],
    ['category', 'Loại: new_hot, consecutive_hot, intensifying_hot, persistent_hot, …, no_pattern', 'Category'],
    ['category_vi', 'Tên loại', 'Category (Vietnamese)'], ['category_en', 'Tên loại (tiếng Anh)', 'Category (English)'], ['is_default', 'Chuỗi mặc định hiển thị', 'Default series shown'],
  ] },
  { table: 'campaign_stats', vi: 'Kết quả phong trào theo phong trào × đơn vị × kỳ', en: 'Campaign participation by campaign × unit × period', columns: [
    ['campaign_id', 'Mã phong trào', 'Campaign id'], ['unit_code', 'Mã đơn vị', 'Unit code'], unitLevel, ['period_start', 'Đầu kỳ báo cáo', 'Period start'], ['period_end', 'Cuối kỳ báo cáo', 'Period end'],
    ['participants', 'Lượt người tham gia', 'Participants'], ['target_population', 'Số người thuộc đối tượng vận động', 'Target population'],
    ['participation_rate', 'Tỷ lệ tham gia = tham gia / đối tượng', 'Participation rate'], ['participants_per_1000', 'Lượt tham gia trên 1.000 dân', 'Participants per 1,000 inhabitants'],
    ['households_participating', 'Số hộ tham gia', 'Households taking part'], ['households_total', 'Tổng số hộ', 'Households in total'], ['households_rate', 'Tỷ lệ hộ tham gia', 'Household rate'],
    ['models_registered', 'Số mô hình đăng ký', 'Models registered'], ['models_recognised', 'Số mô hình được công nhận', 'Models recognised'],
    ['recognition_rate', 'Tỷ lệ mô hình được công nhận', 'Recognition rate'], ['funds_vnd', 'Số tiền vận động (đồng)', 'Funds raised (VND)'],
    ['houses', 'Nhà Đại đoàn kết', 'Solidarity houses'], ['workdays', 'Ngày công', 'Workdays'], ['land_donated_m2', 'Đất hiến (m²)', 'Land donated (m²)'], ['activities', 'Số hoạt động', 'Activities'],
    ['coverage', 'Tỷ lệ xã (huyện) / huyện (tỉnh) có kết quả trong kỳ', 'Share of communes (districts) reporting'],
    ['change_prev', 'Thay đổi lượt tham gia so với kỳ trước', 'Change in participants on the previous period'], ['change_yoy', 'Thay đổi so với cùng kỳ năm trước', 'Change on the same period last year'],
    ['participation_rate_change_prev', 'Thay đổi tỷ lệ tham gia so với kỳ trước (điểm)', 'Change in participation rate (points)'],
  ] },
  { table: 'petition_counts', vi: 'Số đơn nhận theo huyện × tháng × loại × lĩnh vực × nguồn × trạng thái (cho bảng điều khiển)', en: 'Petitions received by district × month × kind × topic × channel × status', columns: [
    ['unit_code', 'Mã huyện', 'District code'], ['month', 'Tháng (ngày đầu tháng)', 'Month (first day)'], ['kind', 'Loại đơn', 'Kind'], ['topic', 'Lĩnh vực', 'Topic'],
    ['channel', 'Nguồn đơn', 'Channel'], ['status', 'Trạng thái', 'Status'], ['received', 'Số đơn nhận', 'Received'],
    ['in_jurisdiction', 'Trong đó thuộc thẩm quyền', 'Of which in jurisdiction'], ['crowd', 'Trong đó đông người', 'Of which crowd'],
    ['repeat', 'Trong đó trùng, tái khiếu', 'Of which repeat'], ['over_level', 'Trong đó vượt cấp', 'Of which over level'],
  ] },
  { table: 'overdue_age', vi: 'Số vụ tồn quá hạn cuối kỳ theo thời gian quá hạn', en: 'Overdue open cases at the end of each period, by days past the deadline', columns: [
    ['unit_code', 'Mã huyện', 'District code'], ...period, ['kind_group', 'Nhóm loại đơn', 'Kind group'],
    ['bucket', 'Nhóm thời gian quá hạn', 'Age bucket'], ['label_vi', 'Tên nhóm', 'Bucket label'], ['label_en', 'Tên nhóm (tiếng Anh)', 'Bucket label (English)'],
    ['ord', 'Thứ tự nhóm', 'Bucket order'], ['cases', 'Số vụ', 'Cases'],
  ] },
  { table: 'data_dictionary', vi: 'Từ điển dữ liệu: mô tả mọi bảng và cột', en: 'Data dictionary: every table and column described', columns: [
    ['table_name', 'Bảng', 'Table'], ['column_name', 'Cột (trống: mô tả cả bảng)', 'Column (empty: the table itself)'], ['data_type', 'Kiểu dữ liệu', 'Data type'],
    ['description_vi', 'Mô tả', 'Description (Vietnamese)'], ['description_en', 'Mô tả (tiếng Anh)', 'Description (English)'],
  ] },
];

export async function writeDataDictionary(db: Db): Promise<void> {
  const rows: unknown[][] = [];
  for (const t of DICTIONARY) {
    rows.push([t.table, null, t.vi, t.en]);
    for (const [name, vi, en] of t.columns) rows.push([t.table, name, vi, en]);
  }
  const V = 'VARCHAR' as const;
  await appendRows(db, 'dict_in', [{ name: 't', type: V }, { name: 'c', type: V }, { name: 'vi', type: V }, { name: 'en', type: V }], rows);
  await db.run(`CREATE OR REPLACE TABLE data_dictionary AS
    SELECT d.t AS table_name, d.c AS column_name, c.data_type, d.vi AS description_vi, d.en AS description_en
    FROM dict_in d LEFT JOIN duckdb_columns() c ON c.table_name = d.t AND c.column_name = d.c AND c.database_name <> 'temp'
    ORDER BY d.t, d.c NULLS FIRST`);
}
