// A campaign's participation over the reporting periods for the selected district against the
// province: two lines, every point of the district labelled with its difference from the
// province in percentage points. A period without a rate breaks the line (never 0%).
import * as Plot from '@observablehq/plot';
import { fmtPercent, fmtPercentTick, fmtPoints, fmtRatio, fmtSigned } from '../format.ts';
import { campaignMeasure, campaignShortName, MEASURES, type CampaignInfo, type CampaignMeasure, type CampaignRow } from './campaign-participation.ts';
import { baseOptions, COLORS, isoDay, isProvince, num, periodsOf, tipText, tr, unitName, type Chart, type ChartOptions, type Lang } from './shared.ts';

export interface CampaignTrendOptions extends ChartOptions {
  /** Campaign shown; the first (by id) that reports a rate by default. */
  campaign?: string | null;
  /** District against the province; the highlighted district by default (else the province alone). */
  unit?: string | null;
  measure?: CampaignMeasure | 'auto';
  campaigns?: readonly CampaignInfo[];
}

export interface CampaignPoint { code: string; name: string; period: string; end: string | null; value: number | null; num: number | null; den: number | null; diff: number | null }

export interface CampaignTrendData {
  campaign: string | null;
  name: string;
  measure: CampaignMeasure | null;
  periods: string[];
  unit: string | null;
  province: CampaignPoint[];
  district: CampaignPoint[];
}

/** "2024" for a calendar-year period, else its dates. */
function periodName(start: string, end: string | null, lang: Lang): string {
  if (start.slice(5) === '01-01' && end?.slice(5) === '12-31' && end.slice(0, 4) === start.slice(0, 4)) return start.slice(0, 4);
  return tr(lang, `${start} đến ${end ?? ''}`, `${start} to ${end ?? ''}`);
}

export function prepareCampaignTrend(rows: readonly CampaignRow[], opts: Omit<CampaignTrendOptions, 'width'>): CampaignTrendData {
  const ids = [...new Set(rows.map((r) => r.campaign_id))].sort();
  const campaign = (opts.campaign && ids.includes(opts.campaign) ? opts.campaign : ids.find((id) => campaignMeasure(rows, id, opts.measure) !== null)) ?? null;
  const measure = campaign ? campaignMeasure(rows, campaign, opts.measure ?? 'auto') : null;
  const mine = rows.filter((r) => r.campaign_id === campaign);
  const m = measure ? MEASURES[measure] : null;
  const point = (r: CampaignRow): CampaignPoint => ({
    code: r.unit_code, name: unitName(r.unit_code, opts), period: isoDay(r.period_start), end: r.period_end ? isoDay(r.period_end) : null,
    value: measure ? num(r[measure]) : null, num: m ? num(r[m.num]) : null, den: m ? num(r[m.den]) : null, diff: null,
  });
  const byPeriod = (a: CampaignPoint, b: CampaignPoint) => (a.period < b.period ? -1 : 1);
  const province = mine.filter((r) => isProvince(r)).map(point).sort(byPeriod);
  const provAt = new Map(province.map((p) => [p.period, p.value]));
  const unitCode = opts.unit ?? opts.highlight ?? null;
  const district = unitCode && !isProvince({ unit_code: unitCode })
    ? mine.filter((r) => r.unit_code === unitCode).map(point).sort(byPeriod).map((p) => {
      const pv = provAt.get(p.period);
      return { ...p, diff: p.value !== null && pv != null ? p.value - pv : null };
    })
    : [];
  return {
    campaign, name: campaign ? campaignShortName(campaign, opts.campaigns) : '', measure, periods: periodsOf(mine),
    unit: district.length ? unitCode : null, province, district,
  };
}

export function renderCampaignTrend(rows: readonly CampaignRow[], opts: CampaignTrendOptions): Chart {
  const { lang } = opts;
  const data = prepareCampaignTrend(rows, opts);
  const m = data.measure ? MEASURES[data.measure] : null;
  const label = m ? tr(lang, m.vi, m.en) : '';
  const main = data.district.length ? data.district : data.province;
  const mainColor = data.district.length ? COLORS.highlight : COLORS.primary;
  const values = [...data.province, ...data.district].flatMap((p) => (p.value === null ? [] : [p.value]));
  const y0 = Math.max(0, Math.floor((Math.min(1, ...values) - 0.05) * 10) / 10);
  const ends = new Map([...data.province, ...data.district].map((p) => [p.period, p.end]));
  const provAt = new Map(data.province.map((p) => [p.period, p]));
  const tip = (p: CampaignPoint) => {
    const pv = provAt.get(p.period);
    return tipText([
      `${p.name} — ${data.name} ${periodName(p.period, p.end, lang)}`,
      `${label}: ${fmtPercent(p.value, lang)}${m ? ` (${fmtRatio(p.num, p.den, m.unit(lang), lang)})` : ''}`,
      pv && pv.code !== p.code && `${tr(lang, 'Toàn tỉnh', 'Province')}: ${fmtPercent(pv.value, lang)}`,
      p.diff !== null && `${tr(lang, 'Chênh lệch', 'Difference')}: ${fmtPoints(p.diff, lang)}`,
    ]);
  };
  const lastOf = (pts: CampaignPoint[]) => pts.filter((p) => p.value !== null).at(-1);
  const endLabels = [data.district.length ? lastOf(data.province) : undefined, lastOf(main)].filter((p): p is CampaignPoint => !!p);
  const close = endLabels.length === 2 && Math.abs(endLabels[0].value! - endLabels[1].value!) < 0.03;

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 300,
    marginLeft: 48,
    marginRight: 110,
    marginTop: 28,
    marginBottom: 36,
    x: { type: 'point', domain: data.periods, label: null, padding: 0.3, tickSize: 0, tickFormat: (p: string) => periodName(p, ends.get(p) ?? null, lang) },
    y: { domain: [y0, 1], label: `${label.charAt(0).toUpperCase()}${label.slice(1)} (%)`, labelAnchor: 'top', grid: true, tickFormat: (v: number) => fmtPercentTick(v, lang) },
    caption: data.district.length ? tr(lang, 'Số trên mỗi điểm: chênh lệch so với toàn tỉnh (điểm phần trăm).', 'Numbers on the points: difference from the province (percentage points).') : undefined,
    marks: [
      data.district.length ? [
        Plot.line(data.province, { x: 'period', y: 'value', stroke: COLORS.context, strokeWidth: 2, className: 'danvan-province' }),
        Plot.dot(data.province.filter((p) => p.value !== null), { x: 'period', y: 'value', r: 3, fill: COLORS.context }),
      ] : null,
      Plot.line(main, { x: 'period', y: 'value', stroke: mainColor, strokeWidth: 2.5, className: 'danvan-main' }),
      Plot.dot(main.filter((p) => p.value !== null), {
        x: 'period', y: 'value', r: 4.5, fill: mainColor, stroke: 'white', className: 'danvan-point',
        ariaLabel: (p: CampaignPoint) => tip(p).replaceAll('\n', '; '),
      }),
      [true, false].map((ahead) => Plot.text(data.district.filter((p) => p.diff !== null && (p.diff >= 0) === ahead), {
        x: 'period', y: 'value', dy: ahead ? -13 : 15, fontSize: 11, fill: COLORS.ink, className: 'danvan-diff',
        text: (p: CampaignPoint) => fmtSigned(p.diff! * 100, lang, 1),
      })),
      endLabels.map((p, i) => Plot.text([p], {
        x: 'period', y: 'value', dx: 10, dy: close ? (i === 0 ? -8 : 8) * (endLabels[1].value! >= endLabels[0].value! ? -1 : 1) : 0, textAnchor: 'start', fontWeight: 'bold',
        fill: isProvince({ unit_code: p.code }) && data.district.length ? COLORS.muted : mainColor,
        text: (d: CampaignPoint) => `${d.name} ${fmtPercent(d.value, lang)}`,
      })),
      Plot.tip(main.filter((p) => p.value !== null), Plot.pointerX({ x: 'period', y: 'value', title: tip })),
    ],
  });
}

/** "Dân vận khéo, năm 2024: tỷ lệ người tham gia của Bình Sơn là 61,8%, cao hơn toàn tỉnh 3,9 điểm." */
export function describeCampaignTrend(rows: readonly CampaignRow[], lang: Lang, opts: Omit<CampaignTrendOptions, 'width' | 'lang'> = {}): string {
  const data = prepareCampaignTrend(rows, { ...opts, lang });
  if (!data.measure) return tr(lang, 'Chưa có tỷ lệ tham gia của phong trào này.', 'This campaign reports no participation rate.');
  const m = MEASURES[data.measure];
  const label = tr(lang, m.vi, m.en);
  const series = data.district.length ? data.district : data.province;
  const pts = series.filter((p) => p.value !== null);
  const last = pts.at(-1);
  if (!last) return tr(lang, 'Chưa có tỷ lệ tham gia trong các kỳ này.', 'No participation rate in these periods.');
  const name = periodName(last.period, last.end, lang);
  const when = lang === 'vi' && /^\d{4}$/.test(name) ? `năm ${name}` : name;
  if (data.district.length) {
    const cmp = last.diff === null ? '' : Math.abs(last.diff) < 0.0005 ? tr(lang, ', bằng toàn tỉnh', ', level with the province')
      : tr(lang, `, ${last.diff > 0 ? 'cao hơn' : 'thấp hơn'} toàn tỉnh ${fmtPoints(Math.abs(last.diff), lang).slice(1)}`, `, ${fmtPoints(Math.abs(last.diff), lang).slice(1)} ${last.diff > 0 ? 'above' : 'below'} the province`);
    return tr(lang, `${data.name}, ${when}: ${label} của ${last.name} là ${fmtPercent(last.value, lang)}${cmp}.`, `${data.name}, ${when}: ${label} in ${last.name} is ${fmtPercent(last.value, lang)}${cmp}.`);
  }
  const first = pts[0];
  const change = first !== last ? tr(lang, ` (${fmtPoints(last.value! - first.value!, lang)} so với ${periodName(first.period, first.end, lang)})`, ` (${fmtPoints(last.value! - first.value!, lang)} on ${periodName(first.period, first.end, lang)})`) : '';
  return tr(lang, `${data.name}, ${when}: ${label} toàn tỉnh là ${fmtPercent(last.value, lang)}${change}.`, `${data.name}, ${when}: the province's ${label} is ${fmtPercent(last.value, lang)}${change}.`);
}
