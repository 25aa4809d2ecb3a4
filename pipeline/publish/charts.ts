// The six charts of the annual summary: for each, its title and subtitle (the finding first, in
// the reader's language), the drawing (the dashboard's specs where one fits, the specs of this
// folder where none does) and the rows behind it for the CSV.
import { fmtChange, fmtDate } from '../../dashboard/src/lib/format.ts';
import { giBandLabel, t, type GiBandCode, type Lang } from '../../dashboard/src/lib/i18n.ts';
import { describeCampaignParticipation, renderCampaignParticipation } from '../../dashboard/src/lib/charts/campaign-participation.ts';
import { describeDvkModels, renderDvkModels } from '../../dashboard/src/lib/charts/dvk-models.ts';
import { describeResolutionByDistrict, renderResolutionByDistrict } from '../../dashboard/src/lib/charts/resolution-by-district.ts';
import { isoDay, isProvince, MIN_CASES, num, RATE_LABEL, tr, type ResolutionRow } from '../../dashboard/src/lib/charts/shared.ts';
import { label } from '../schema/vocabulary.ts';
import { describeMonthKind, renderMonthKind } from './chart-month-kind.ts';
import { describeDistrictMap, renderDistrictMap } from './chart-map.ts';
import { describeHotspots, renderHotspots } from './chart-hotspots.ts';
import type { SummaryData } from './load.ts';
import { headingSvg, PLOT_CLASS, stack, type Dom, type FrameText } from './render.ts';

/** Width the charts are drawn at: about A4 across at print resolution with zoom 3. */
export const CHART_WIDTH = 800;

export interface ChartOut {
  /** File name without extension, the same in both languages. */
  id: string;
  text: FrameText;
  /** The main finding in a sentence: the subtitle's first part and the page's text alternative. */
  alt: string;
  element: Element;
  csv: { columns: string[]; rows: unknown[][] };
}

const start = (y: number) => `${y}-01-01`;

export function buildCharts(data: SummaryData, lang: Lang, dom: Dom): ChartOut[] {
  const Y = data.year;
  const common = { width: CHART_WIDTH, lang, document: dom.document, names: Object.fromEntries(data.districts.map((d) => [d.code, d.short_name])) };
  const fullName = new Map<string, string>([[data.province.code, data.province.name], ...data.districts.map((d) => [d.code, d.name] as [string, string])]);
  const nameOf = (code: string) => fullName.get(code) ?? code;
  const date = fmtDate(data.asOf, lang);
  const source = (key: 'source.petitions' | 'source.hotspots' | 'source.campaigns') => t(lang, 'chart.source', { source: t(lang, key), date });
  const simulated = data.simulated ? t(lang, 'data.simulated') : undefined;
  const partial = data.complete ? '' : tr(lang, ` (đến ngày ${date})`, ` (to ${date})`);
  const frame = (title: string, subtitle: string, unit: string, src: Parameters<typeof source>[0]): FrameText =>
    ({ title, subtitle, unit: t(lang, 'chart.unit', { unit }), source: source(src), simulated });
  const hasPrevious = (rows: readonly { period_start: unknown }[]) => rows.some((r) => isoDay(r.period_start) === start(Y - 1));

  // 1. Petitions received by month and kind.
  const monthAlt = describeMonthKind(data.monthKind, Y, data.previousReceived, lang, (r) => fmtChange(r, lang));
  const c1: ChartOut = {
    id: '1-don-thu-theo-thang',
    text: frame(tr(lang, `Đơn thư nhận theo tháng và loại đơn, năm ${Y}${partial}`, `Petitions received by month and kind, ${Y}${partial}`),
      monthAlt, tr(lang, 'đơn', 'petitions'), 'source.petitions'),
    alt: monthAlt,
    element: renderMonthKind(data.monthKind, Y, { ...common, className: PLOT_CLASS }),
    csv: {
      columns: ['month', 'kind', 'kind_label', 'received'],
      rows: data.monthKind.map((r) => [r.month, r.kind, label('kind', r.kind, lang), r.received]),
    },
  };

  // 2. Resolution and on-time rates by district, against the year before.
  const cd = data.resolution.filter((r) => r.kind_group === 'complaint_denunciation');
  const rateOpts = { ...common, period: start(Y), previous: hasPrevious(cd) ? start(Y - 1) : null };
  const resolutionAlt = describeResolutionByDistrict(cd, lang, { ...rateOpts });
  const onTimeAlt = describeResolutionByDistrict(cd, lang, { ...rateOpts, measure: 'on_time_rate', target: null });
  const rateHow = tr(lang,
    `Chấm: năm ${Y}${rateOpts.previous ? `; vòng rỗng nối bằng vạch: năm ${Y - 1}` : ''}; chấm nhạt và dấu *: dưới ${MIN_CASES} vụ, chưa đủ tin cậy.`,
    `Dots: ${Y}${rateOpts.previous ? `; hollow rings joined by a line: ${Y - 1}` : ''}; light dots and *: fewer than ${MIN_CASES} cases, uncertain.`);
  const panelTitle = (m: 'resolution_rate' | 'on_time_rate') => tr(lang,
    `${RATE_LABEL[m].vi} (${m === 'resolution_rate' ? 'đã giải quyết / phải giải quyết' : 'đúng hạn / đã giải quyết'})`,
    `${RATE_LABEL[m].en} (${m === 'resolution_rate' ? 'resolved / caseload' : 'on time / resolved'})`);
  const c2: ChartOut = {
    id: '2-giai-quyet-theo-huyen',
    text: frame(tr(lang, `Tỷ lệ giải quyết và giải quyết đúng hạn đơn khiếu nại, tố cáo theo huyện, năm ${Y}${rateOpts.previous ? ` so với năm ${Y - 1}` : ''}`,
      `Resolution and on-time rates of complaints and denunciations by district, ${Y}${rateOpts.previous ? ` against ${Y - 1}` : ''}`),
    `${resolutionAlt} ${rateHow}`, '%', 'source.petitions'),
    alt: `${resolutionAlt} ${onTimeAlt}`,
    element: stack(dom, [
      headingSvg(dom, panelTitle('resolution_rate'), CHART_WIDTH),
      renderResolutionByDistrict(cd, { ...rateOpts }),
      headingSvg(dom, panelTitle('on_time_rate'), CHART_WIDTH),
      renderResolutionByDistrict(cd, { ...rateOpts, measure: 'on_time_rate', target: null }),
    ]),
    csv: {
      columns: ['unit_code', 'unit_name', 'year', 'caseload', 'resolved', 'resolution_rate', 'on_time', 'on_time_rate',
        'previous_caseload', 'previous_resolved', 'previous_resolution_rate', 'previous_on_time', 'previous_on_time_rate'],
      rows: cd.filter((r) => isoDay(r.period_start) === start(Y)).sort(provinceFirst).map((r) => {
        const p = cd.find((q) => q.unit_code === r.unit_code && isoDay(q.period_start) === start(Y - 1));
        return [r.unit_code, nameOf(r.unit_code), Y, num(r.caseload), num(r.resolved), num(r.resolution_rate), num(r.on_time), num(r.on_time_rate),
          num(p?.caseload), num(p?.resolved), num(p?.resolution_rate), num(p?.on_time), num(p?.on_time_rate)];
      }),
    },
  };

  // 3. Petitions per 10,000 inhabitants on the map.
  const all = data.resolution.filter((r) => r.kind_group === 'all' && isoDay(r.period_start) === start(Y)).sort(provinceFirst);
  const per10k = all.filter((r) => !isProvince(r)).map((r) => ({ code: r.unit_code, value: num(r.received_per_10k) }));
  for (const d of data.districts) if (!per10k.some((v) => v.code === d.code)) per10k.push({ code: d.code, value: null });
  const provincePer10k = num(all.find((r) => isProvince(r))?.received_per_10k);
  const per10kUnit = tr(lang, 'đơn/10.000 dân', 'per 10,000 inhabitants');
  const mapAlt = describeDistrictMap(per10k, provincePer10k, { lang, districts: data.districts, unit: per10kUnit });
  const c3: ChartOut = {
    id: '3-ban-do-don-tren-10000-dan',
    text: frame(tr(lang, `Đơn thư nhận trên 10.000 dân theo huyện, năm ${Y}`, `Petitions received per 10,000 inhabitants by district, ${Y}`),
      `${mapAlt} ${tr(lang, 'Mọi loại đơn; dân số của năm.', 'All kinds of petition; population of the year.')}`, per10kUnit, 'source.petitions'),
    alt: mapAlt,
    element: renderDistrictMap(per10k, {
      ...common, className: PLOT_CLASS, districts: data.districts, tiles: data.tiles, boundaries: data.boundaries, label: t(lang, 'overview.per10k'),
    }),
    csv: {
      columns: ['unit_code', 'unit_name', 'year', 'received', 'population', 'received_per_10k'],
      rows: all.map((r) => [r.unit_code, nameOf(r.unit_code), Y, num(r.received), num((r as ResolutionRow & { population?: unknown }).population), num(r.received_per_10k)]),
    },
  };

  // 4. Hot spots of the year with their reasons.
  const hotAlt = describeHotspots(data.hotspots, Y, common);
  const hotYear = data.hotspots.filter((r) => isoDay(r.period_start) === start(Y)).sort((a, b) => (num(a.rank) ?? 99) - (num(b.rank) ?? 99));
  const c4: ChartOut = {
    id: '4-diem-nong',
    text: frame(tr(lang, `Điểm nóng năm ${Y} và lý do cảnh báo`, `Hot spots of ${Y} and why they were flagged`),
      `${hotAlt} ${tr(lang, 'Thanh: điểm cảnh báo tổng hợp, màu theo cụm Gi*; bên phải: lý do.', 'Bars: composite score, coloured by Gi* cluster; right: the reasons.')}`,
      tr(lang, 'điểm', 'score'), 'source.hotspots'),
    alt: hotAlt,
    element: renderHotspots(data.hotspots, Y, { ...common, className: PLOT_CLASS }),
    csv: {
      columns: ['rank', 'unit_code', 'unit_name', 'year', 'is_flagged', 'score', 'gi_star_z', 'gi_band', 'gi_band_label', 'received', 'received_per_10k',
        'expected', 'anomaly_z', 'received_same_period_last_year', 'crowd', 'repeat', 'over_level', 'overdue_end', 'land_share', 'reasons'],
      rows: hotYear.map((r) => [num(r.rank), r.unit_code, nameOf(r.unit_code), Y, Boolean(r.is_flagged), num(r.score), num(r.gi_star_z), r.gi_band ?? null,
        r.gi_band ? giBandLabel(lang, r.gi_band as GiBandCode) : null, num(r.received), num(column(r, 'received_per_10k')), num(r.expected), num(r.anomaly_z),
        num(r.received_same_period_last_year), num(column(r, 'crowd')), num(column(r, 'repeat')), num(column(r, 'over_level')), num(column(r, 'overdue_end')),
        num(column(r, 'land_share')), (lang === 'vi' ? r.reasons_vi : r.reasons_en) ?? null]),
    },
  };

  // 5. Campaign participation by district.
  const campYear = data.campaignStats.filter((r) => isoDay(r.period_start) === start(Y));
  const campOpts = { ...common, period: start(Y), campaigns: data.campaigns };
  const campAlt = campYear.length ? describeCampaignParticipation(campYear, lang, campOpts) : t(lang, 'campaigns.no_data');
  const c5: ChartOut = {
    id: '5-tham-gia-phong-trao',
    text: frame(t(lang, 'campaigns.participation_title', { year: Y }), `${campAlt} ${t(lang, 'campaigns.participation_sub')}.`, '%', 'source.campaigns'),
    alt: campAlt,
    element: renderCampaignParticipation(campYear, campOpts),
    csv: {
      columns: ['campaign_id', 'campaign', 'unit_code', 'unit_name', 'year', 'participants', 'target_population', 'participation_rate',
        'households_participating', 'households_total', 'households_rate'],
      rows: [...campYear].sort((a, b) => (a.campaign_id === b.campaign_id ? provinceFirst(a, b) : a.campaign_id < b.campaign_id ? -1 : 1))
        .filter((r) => num(r.participation_rate) !== null || num(r.households_rate) !== null)
        .map((r) => [r.campaign_id, data.campaigns.find((c) => c.id === r.campaign_id)?.name ?? r.campaign_id, r.unit_code, nameOf(r.unit_code), Y,
          num(r.participants), num(r.target_population), num(r.participation_rate), num(r.households_participating), num(r.households_total), num(r.households_rate)]),
    },
  };

  // 6. "Dân vận khéo" models recognised, by district.
  const dvkName = data.campaigns.find((c) => c.id === 'dan_van_kheo')?.name ?? 'Dân vận khéo';
  const shortDvk = /["“]([^"”]+)["”]/.exec(dvkName)?.[1] ?? dvkName;
  const dvkAlt = describeDvkModels(campYear, lang, campOpts);
  const c6: ChartOut = {
    id: '6-mo-hinh-dan-van-kheo',
    text: frame(t(lang, 'campaigns.dvk_title', { name: shortDvk, year: Y }), `${dvkAlt} ${t(lang, 'campaigns.dvk_sub')}.`, tr(lang, 'mô hình', 'models'), 'source.campaigns'),
    alt: dvkAlt,
    element: renderDvkModels(campYear, campOpts),
    csv: {
      columns: ['unit_code', 'unit_name', 'year', 'models_registered', 'models_recognised', 'recognition_rate'],
      rows: campYear.filter((r) => r.campaign_id === 'dan_van_kheo' && num(r.models_registered) !== null).sort(provinceFirst)
        .map((r) => [r.unit_code, nameOf(r.unit_code), Y, num(r.models_registered), num(r.models_recognised), num(r.recognition_rate)]),
    },
  };
  return [c1, c2, c3, c4, c5, c6];
}

/** The province first, then districts by code. */
function provinceFirst(a: { unit_code: string; unit_level?: string }, b: { unit_code: string; unit_level?: string }): number {
  const pa = isProvince(a) ? 0 : 1;
  const pb = isProvince(b) ? 0 : 1;
  return pa - pb || (a.unit_code < b.unit_code ? -1 : a.unit_code > b.unit_code ? 1 : 0);
}

/** A column of hotspot_stats the chart specs' row type does not name. */
const column = (r: object, key: string): unknown => (r as Record<string, unknown>)[key];
