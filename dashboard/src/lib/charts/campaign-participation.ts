// Participation by district and campaign for one period: one panel per campaign (its headline
// rate: people taking part, else households taking part), districts in the same order in every
// panel (by the first panel's rate), the provincial rate as a rule. A campaign with no rate in
// the period gets no panel — never a row of zeros.
import * as Plot from '@observablehq/plot';
import { fmtPercent, fmtPercentTick, fmtRatio } from '../format.ts';
import {
  baseOptions, byValueDesc, COLORS, highlightRow, isoDay, isProvince, marginFor, num, pickPeriod, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type DateLike, type Lang, type Num,
} from './shared.ts';

/** Rows of campaign_stats. */
export interface CampaignRow {
  campaign_id: string;
  unit_code: string;
  unit_level?: string;
  period_start: DateLike;
  period_end?: DateLike;
  participants?: Num;
  target_population?: Num;
  participation_rate?: Num;
  households_participating?: Num;
  households_total?: Num;
  households_rate?: Num;
  models_registered?: Num;
  models_recognised?: Num;
  recognition_rate?: Num;
  participants_per_1000?: Num;
  change_prev?: Num;
  change_yoy?: Num;
}

export type CampaignMeasure = 'participation_rate' | 'households_rate' | 'recognition_rate';

export interface CampaignInfo { id: string; name: string }

export interface CampaignParticipationOptions extends ChartOptions {
  period?: string | null;
  /** 'auto' (default): each campaign's participation rate, else its household rate. */
  measure?: CampaignMeasure | 'auto';
  /** meta.campaigns, for the panel names. */
  campaigns?: readonly CampaignInfo[];
}

export const MEASURES: Record<CampaignMeasure, { vi: string; en: string; num: keyof CampaignRow; den: keyof CampaignRow; unit: (l: Lang) => string }> = {
  participation_rate: { vi: 'tỷ lệ người tham gia', en: 'share of people taking part', num: 'participants', den: 'target_population', unit: UNITS.person },
  households_rate: { vi: 'tỷ lệ hộ tham gia', en: 'share of households taking part', num: 'households_participating', den: 'households_total', unit: UNITS.household },
  recognition_rate: { vi: 'tỷ lệ mô hình được công nhận', en: 'share of models recognised', num: 'models_recognised', den: 'models_registered', unit: UNITS.model },
};

/** 'Phong trào thi đua "Dân vận khéo"' → "Dân vận khéo": the quoted name readers use. */
export function campaignShortName(id: string, campaigns?: readonly CampaignInfo[]): string {
  const name = campaigns?.find((c) => c.id === id)?.name ?? id;
  return /["“]([^"”]+)["”]/.exec(name)?.[1] ?? name;
}

/** The measure of a campaign: the one asked for, or (auto) the first rate it reports. */
export function campaignMeasure(rows: readonly CampaignRow[], id: string, wanted: CampaignMeasure | 'auto' = 'auto'): CampaignMeasure | null {
  const mine = rows.filter((r) => r.campaign_id === id);
  const has = (m: CampaignMeasure) => mine.some((r) => num(r[m]) !== null);
  if (wanted !== 'auto') return has(wanted) ? wanted : null;
  return (['participation_rate', 'households_rate'] as const).find(has) ?? null;
}

export interface ParticipationDot { campaign: string; code: string; name: string; value: number; num: number | null; den: number | null }

export interface ParticipationData {
  period: string | null;
  panels: { id: string; name: string; measure: CampaignMeasure; province: number | null }[];
  order: string[];
  dots: ParticipationDot[];
}

export function prepareCampaignParticipation(rows: readonly CampaignRow[], opts: Omit<CampaignParticipationOptions, 'width'>): ParticipationData {
  const period = pickPeriod(rows, opts.period);
  const own = rows.filter((r) => isoDay(r.period_start) === period);
  const ids = [...new Set(own.map((r) => r.campaign_id))].sort();
  const panels: ParticipationData['panels'] = [];
  const dots: ParticipationDot[] = [];
  for (const id of ids) {
    const measure = campaignMeasure(own, id, opts.measure);
    if (!measure) continue;
    const m = MEASURES[measure];
    const mine = own.filter((r) => r.campaign_id === id);
    panels.push({ id, name: campaignShortName(id, opts.campaigns), measure, province: num(mine.find((r) => isProvince(r))?.[measure]) });
    for (const r of mine) {
      const v = num(r[measure]);
      if (isProvince(r) || v === null) continue;
      dots.push({ campaign: id, code: r.unit_code, name: unitName(r.unit_code, opts), value: v, num: num(r[m.num]), den: num(r[m.den]) });
    }
  }
  const first = panels[0]?.id;
  const codes = [...new Set(own.filter((r) => !isProvince(r)).map((r) => r.unit_code))];
  const firstValue = new Map(dots.filter((d) => d.campaign === first).map((d) => [d.code, d.value]));
  const order = codes.sort(byValueDesc((c) => firstValue.get(c) ?? null, (c) => c));
  return { period, panels, order, dots };
}

const yearOf = (period: string | null) => period?.slice(0, 4) ?? '';

export function renderCampaignParticipation(rows: readonly CampaignRow[], opts: CampaignParticipationOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareCampaignParticipation(rows, opts);
  const names = new Map(data.order.map((c) => [c, unitName(c, opts)]));
  const panel = new Map(data.panels.map((p) => [p.id, p]));
  const panelTitle = (id: string) => {
    const p = panel.get(id)!;
    return `${p.name} — ${tr(lang, MEASURES[p.measure].vi, MEASURES[p.measure].en)}`;
  };
  const values = data.dots.map((d) => d.value);
  const x0 = Math.max(0, Math.floor((Math.min(0.5, ...values) - 0.02) * 10) / 10);
  const tip = (d: ParticipationDot) => {
    const p = panel.get(d.campaign)!;
    return tipText([
      `${d.name} — ${p.name} ${yearOf(data.period)}`,
      `${tr(lang, MEASURES[p.measure].vi, MEASURES[p.measure].en)}: ${fmtPercent(d.value, lang)} (${fmtRatio(d.num, d.den, MEASURES[p.measure].unit(lang), lang)})`,
      p.province !== null && `${tr(lang, 'Toàn tỉnh', 'Province')}: ${fmtPercent(p.province, lang)}`,
    ]);
  };
  const isHi = (d: ParticipationDot) => d.code === highlight;
  const provinceRules = data.panels.filter((p) => p.province !== null);
  const marginLeft = marginFor([...names.values()], opts.width);
  const n = Math.max(1, data.panels.length);
  // Side by side while each panel keeps 240 px; stacked (one panel under the other) below that.
  const vertical = n > 1 && (opts.width - marginLeft - 20) / n < 240;
  const panelPx = vertical ? opts.width - marginLeft - 20 : (opts.width - marginLeft - 20) / n;
  // Titles wrap to the panel (Plot counts lines in ems of the mark's font size, 12 px here).
  const titleEms = Math.max(10, (panelPx / 12) * 0.85);
  const f = vertical ? 'fy' : 'fx';
  const rowsPx = 26 * Math.max(1, data.order.length);
  const titleLines = Math.max(...data.panels.map((p) => Math.ceil((panelTitle(p.id).length * 0.6) / titleEms)), 1);
  const head = 24 + 15 * titleLines;

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? (vertical ? n * (rowsPx + head + 16) + 50 : rowsPx + head + 60),
    marginLeft,
    marginRight: 20,
    marginTop: vertical ? 8 : head,
    marginBottom: 40,
    [f]: { domain: data.panels.map((p) => p.id), label: null, padding: vertical ? 0.06 : 0.14, axis: null },
    x: { domain: [x0, 1], label: tr(lang, 'Tỷ lệ tham gia (%)', 'Share taking part (%)'), labelAnchor: 'center', grid: true,
      ticks: Math.max(2, Math.min(6, Math.floor(panelPx / 55))), tickFormat: (v: number) => fmtPercentTick(v, lang) },
    y: { domain: data.order, label: null, tickSize: 0, tickFormat: (c: string) => names.get(c) ?? c, ...(vertical ? { insetTop: head } : {}) },
    marks: [
      highlightRow(data.order, highlight, x0, 1),
      // The provincial rate through the district rows only (clear of the panel titles).
      Plot.tickX(provinceRules.flatMap((p) => data.order.map((code) => ({ id: p.id, code, province: p.province }))), {
        x: 'province', y: 'code', [f]: 'id', stroke: COLORS.ink, strokeDasharray: '4,3', className: 'danvan-province',
      }),
      Plot.text(data.panels, {
        [f]: 'id', frameAnchor: 'top-left', dy: vertical ? 2 : 4 - head, lineWidth: titleEms, fontWeight: 'bold', fill: COLORS.ink, className: 'danvan-panel-title',
        text: (p: ParticipationData['panels'][number]) => panelTitle(p.id),
      }),
      Plot.text(provinceRules, { x: 'province', [f]: 'id', frameAnchor: 'top', dy: vertical ? head - 14 : -8, fill: COLORS.ink, fontSize: 10.5,
        text: (p: ParticipationData['panels'][number]) => tr(lang, `Toàn tỉnh ${fmtPercent(p.province, lang)}`, `Province ${fmtPercent(p.province, lang)}`) }),
      Plot.dot(data.dots, {
        x: 'value', y: 'code', [f]: 'campaign', r: 5.5, className: 'danvan-value',
        fill: (d: ParticipationDot) => (isHi(d) ? COLORS.highlight : COLORS.primary),
        stroke: (d: ParticipationDot) => (isHi(d) ? '#000000' : 'white'), strokeWidth: (d: ParticipationDot) => (isHi(d) ? 2 : 1),
        ariaLabel: (d: ParticipationDot) => tip(d).replaceAll('\n', '; '), title: tip, tip: true,
      }),
      Plot.text(data.dots, { x: 'value', y: 'code', [f]: 'campaign', dx: 9, textAnchor: 'start', fontSize: 11, fill: COLORS.ink, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', text: (d: ParticipationDot) => fmtPercent(d.value, lang) }),
    ],
  });
}

/** "Dân vận khéo 2024 — tỷ lệ người tham gia: thấp nhất ở Lý Sơn (51,2%), cao nhất ở Sơn Tịnh (63,0%); toàn tỉnh 58,0%." */
export function describeCampaignParticipation(rows: readonly CampaignRow[], lang: Lang, opts: Omit<CampaignParticipationOptions, 'width' | 'lang'> = {}): string {
  const data = prepareCampaignParticipation(rows, { ...opts, lang });
  if (!data.panels.length) return tr(lang, 'Chưa có tỷ lệ tham gia của phong trào nào trong kỳ này.', 'No campaign reports a participation rate for this period.');
  return data.panels.map((p) => {
    const ds = data.dots.filter((d) => d.campaign === p.id).sort(byValueDesc((d) => d.value, (d) => d.code));
    const hi = ds[0];
    const lo = ds[ds.length - 1];
    const m = MEASURES[p.measure];
    const prov = p.province !== null ? tr(lang, `, toàn tỉnh ${fmtPercent(p.province, lang)}`, `, province ${fmtPercent(p.province, lang)}`) : '';
    return tr(lang,
      `${p.name} ${yearOf(data.period)} — ${m.vi}: thấp nhất ở ${lo.name} (${fmtPercent(lo.value, lang)}), cao nhất ở ${hi.name} (${fmtPercent(hi.value, lang)})${prov}`,
      `${p.name} ${yearOf(data.period)} — ${m.en}: lowest in ${lo.name} (${fmtPercent(lo.value, lang)}), highest in ${hi.name} (${fmtPercent(hi.value, lang)})${prov}`);
  }).join('; ') + '.';
}
