// Every word of the interface, in Vietnamese (the default) and English, under the same keys.
// Labels of coded values (kinds, topics, channels, …) are not here: they come from the one
// vocabulary, pipeline/schema/vocabulary.ts, through codeLabel().
import { label, type EnumName } from '../../../pipeline/schema/vocabulary.ts';
import type { GRAINS, KIND_GROUPS } from '../../api-contract.ts';

type Grain = (typeof GRAINS)[number];
type KindGroup = (typeof KIND_GROUPS)[number];

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

const vi = {
  'app.title': 'Dân vận — Bảng theo dõi',
  'app.skip': 'Bỏ qua, đến nội dung chính',

  'page.overview': 'Tổng quan',
  'page.petitions': 'Đơn thư',
  'page.hotspots': 'Điểm nóng',
  'page.campaigns': 'Phong trào',
  'page.district': 'Trang huyện',
  'nav.label': 'Các trang',

  'grain.month': 'Tháng',
  'grain.quarter': 'Quý',
  'grain.year': 'Năm',
  'grain.report_q': 'Kỳ báo cáo quý',
  'grain.report_6m': '6 tháng',
  'grain.report_9m': '9 tháng',
  'grain.report_year': 'Năm (kỳ báo cáo)',

  'kind_group.complaint_denunciation': 'Khiếu nại, tố cáo',
  'kind_group.all': 'Tất cả',

  'gi.hot_99': 'Điểm nóng (tin cậy 99%)',
  'gi.hot_95': 'Điểm nóng (tin cậy 95%)',
  'gi.hot_90': 'Điểm nóng (tin cậy 90%)',
  'gi.none': 'Không có cụm rõ rệt',
  'gi.cold_90': 'Điểm lạnh (tin cậy 90%)',
  'gi.cold_95': 'Điểm lạnh (tin cậy 95%)',
  'gi.cold_99': 'Điểm lạnh (tin cậy 99%)',

  'state.loading': 'Đang tải…',
  'state.empty': 'Không có đơn thư trong kỳ này',
  'state.empty_generic': 'Không có số liệu trong kỳ này',
  'state.error': 'Không tải được dữ liệu — thử tải lại trang',
  'state.retry': 'Thử lại',

  'data.simulated': 'Dữ liệu mô phỏng',
  'data.simulated_note': 'Số liệu trên trang này là dữ liệu mô phỏng để trình diễn, không phải số liệu thật.',
  'data.as_of': 'Dữ liệu đến ngày {date}',
  'chart.source': 'Nguồn: {source}; dữ liệu đến ngày {date}',
  'chart.unit': 'Đơn vị: {unit}',
  'chart.export': 'Tải xuống',
  'chart.export_png': 'Tải PNG',
  'chart.export_svg': 'Tải SVG',
  'chart.export_csv': 'Tải dữ liệu CSV',
  'chart.export_failed': 'Không tạo được tệp tải xuống — thử lại',

  'filter.label': 'Bộ lọc',
  'filter.grain': 'Kỳ',
  'filter.from': 'Từ',
  'filter.to': 'Đến',
  'filter.districts': 'Huyện',
  'filter.districts_all': 'Tất cả huyện',
  'filter.districts_some': '{count} huyện',
  'filter.select_all': 'Chọn tất cả',
  'filter.clear': 'Bỏ chọn',
  'filter.close': 'Đóng',
  'filter.kind_group': 'Loại đơn',
  'filter.topic': 'Lĩnh vực',
  'filter.topic_all': 'Tất cả lĩnh vực',
  'filter.language': 'Ngôn ngữ',
  'filter.reset': 'Đặt lại bộ lọc',
  'filter.no_periods': 'Chưa có kỳ nào',

  'kpi.vs_previous': 'So với kỳ trước',
  'kpi.vs_last_year': 'So với cùng kỳ năm trước',
  'kpi.vs_province': 'So với toàn tỉnh',
  'kpi.vs_target': 'So với chỉ tiêu',
  'kpi.up': 'tăng',
  'kpi.down': 'giảm',
  'kpi.same': 'không đổi',
  'kpi.no_comparison': 'chưa có số để so sánh',
  'kpi.uncertain': 'Dưới 10 vụ — tỷ lệ chưa đủ tin cậy',
  'kpi.denominator': '{num}/{den} {unit}',

  'map.label': 'Bản đồ các huyện',
  'map.hint': 'Chọn một huyện để xem chi tiết',
  'map.no_value': 'không có số liệu',
  'map.selected': 'đang chọn',
  'map.legend': 'Chú giải',
  'map.open_district': '{shown} — {name}: {value}. Mở trang huyện',

  'notice.label': 'Thông báo về đường dẫn',
  'notice.dismiss': 'Đóng thông báo',

  'unit.case': 'vụ',
  'unit.petition': 'đơn',
  'unit.person': 'người',
  'unit.vnd': 'đồng',

  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'page.placeholder': 'Trang này đang được xây dựng.',
  'app.loading_meta': 'Đang tải thông tin dữ liệu…',
  'app.meta_error': 'Không tải được thông tin dữ liệu từ máy chủ — kiểm tra máy chủ đang chạy rồi bấm Thử lại',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'app.title': 'Mass mobilisation — Dashboard',
  'app.skip': 'Skip to main content',

  'page.overview': 'Overview',
  'page.petitions': 'Petitions',
  'page.hotspots': 'Hot spots',
  'page.campaigns': 'Campaigns',
  'page.district': 'District page',
  'nav.label': 'Pages',

  'grain.month': 'Month',
  'grain.quarter': 'Quarter',
  'grain.year': 'Year',
  'grain.report_q': 'Reporting quarter',
  'grain.report_6m': '6 months',
  'grain.report_9m': '9 months',
  'grain.report_year': 'Year (reporting period)',

  'kind_group.complaint_denunciation': 'Complaints and denunciations',
  'kind_group.all': 'All',

  'gi.hot_99': 'Hot spot (99% confidence)',
  'gi.hot_95': 'Hot spot (95% confidence)',
  'gi.hot_90': 'Hot spot (90% confidence)',
  'gi.none': 'No significant cluster',
  'gi.cold_90': 'Cold spot (90% confidence)',
  'gi.cold_95': 'Cold spot (95% confidence)',
  'gi.cold_99': 'Cold spot (99% confidence)',

  'state.loading': 'Loading…',
  'state.empty': 'No petitions in this period',
  'state.empty_generic': 'No data in this period',
  'state.error': 'Could not load the data — try reloading the page',
  'state.retry': 'Try again',

  'data.simulated': 'Simulated data',
  'data.simulated_note': 'The figures on this page are simulated for demonstration, not real data.',
  'data.as_of': 'Data up to {date}',
  'chart.source': 'Source: {source}; data up to {date}',
  'chart.unit': 'Unit: {unit}',
  'chart.export': 'Download',
  'chart.export_png': 'Download PNG',
  'chart.export_svg': 'Download SVG',
  'chart.export_csv': 'Download data (CSV)',
  'chart.export_failed': 'Could not create the download — try again',

  'filter.label': 'Filters',
  'filter.grain': 'Period type',
  'filter.from': 'From',
  'filter.to': 'To',
  'filter.districts': 'Districts',
  'filter.districts_all': 'All districts',
  'filter.districts_some': '{count} districts',
  'filter.select_all': 'Select all',
  'filter.clear': 'Clear',
  'filter.close': 'Close',
  'filter.kind_group': 'Kind',
  'filter.topic': 'Topic',
  'filter.topic_all': 'All topics',
  'filter.language': 'Language',
  'filter.reset': 'Reset filters',
  'filter.no_periods': 'No periods yet',

  'kpi.vs_previous': 'Against the previous period',
  'kpi.vs_last_year': 'Against the same period last year',
  'kpi.vs_province': 'Against the province',
  'kpi.vs_target': 'Against the target',
  'kpi.up': 'up',
  'kpi.down': 'down',
  'kpi.same': 'unchanged',
  'kpi.no_comparison': 'nothing to compare with',
  'kpi.uncertain': 'Fewer than 10 cases — rate not reliable',
  'kpi.denominator': '{num}/{den} {unit}',

  'map.label': 'Map of the districts',
  'map.hint': 'Choose a district to see its details',
  'map.no_value': 'no data',
  'map.selected': 'selected',
  'map.legend': 'Legend',
  'map.open_district': '{shown} — {name}: {value}. Open the district page',

  'notice.label': 'Notices about the link',
  'notice.dismiss': 'Dismiss notices',

  'unit.case': 'cases',
  'unit.petition': 'petitions',
  'unit.person': 'people',
  'unit.vnd': 'VND',

  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'page.placeholder': 'This page is being built.',
  'app.loading_meta': 'Loading information about the data…',
  'app.meta_error': 'Could not load information about the data from the server — check that the server is running, then press Try again',
};

export const MESSAGES: { readonly vi: Record<MessageKey, string>; readonly en: Record<MessageKey, string> } = { vi, en };

/**
 * The message `key` in `lang`, with `{name}` placeholders replaced by `vars` (a placeholder
 * without a value is left as written, so a missing variable shows rather than vanishes).
 */
export function t(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.vi[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The label of a coded value from the shared vocabulary ("land" → "Đất đai" / "Land"). */
export function codeLabel(lang: Lang, enumName: EnumName, code: string): string {
  return label(enumName, code, lang);
}

export function grainLabel(lang: Lang, grain: Grain): string {
  return t(lang, `grain.${grain}`);
}

/** A kind group: single kinds take their vocabulary label, the two groups a message. */
export function kindGroupLabel(lang: Lang, group: KindGroup): string {
  if (group === 'complaint_denunciation' || group === 'all') return t(lang, `kind_group.${group}`);
  return codeLabel(lang, 'kind', group);
}

export type GiBandCode = 'hot_99' | 'hot_95' | 'hot_90' | 'none' | 'cold_90' | 'cold_95' | 'cold_99';

export function giBandLabel(lang: Lang, band: GiBandCode): string {
  return t(lang, `gi.${band}`);
}

export function isLang(v: unknown): v is Lang {
  return v === 'vi' || v === 'en';
}
