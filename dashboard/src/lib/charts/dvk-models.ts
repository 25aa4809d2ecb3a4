// "Dân vận khéo" models by district for one period: a pale bar for the models registered with a
// solid bar inside it for those recognised, labelled "75/107 (70,1%)", districts with the most
// models registered first.
import * as Plot from '@observablehq/plot';
import { fmtNumber, fmtPercent, fmtRatio } from '../format.ts';
import { SEQUENTIAL } from '../palette.ts';
import { campaignShortName, type CampaignInfo, type CampaignRow } from './campaign-participation.ts';
import {
  baseOptions, byValueDesc, COLORS, highlightRow, isoDay, isProvince, marginFor, num, plotWidth, pickPeriod, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type Lang,
} from './shared.ts';

/** Pale blue (Blues 7, second step): the registered total behind the recognised part. */
const REGISTERED = SEQUENTIAL[1];

export interface DvkModelsOptions extends ChartOptions {
  /** Campaign whose models are shown; "dan_van_kheo" by default. */
  campaign?: string;
  period?: string | null;
  campaigns?: readonly CampaignInfo[];
}

export interface DvkBar { code: string; name: string; registered: number; recognised: number | null; rate: number | null }

export interface DvkData { campaign: string; name: string; period: string | null; bars: DvkBar[]; province: DvkBar | null }

export function prepareDvkModels(rows: readonly CampaignRow[], opts: Omit<DvkModelsOptions, 'width'>): DvkData {
  const campaign = opts.campaign ?? 'dan_van_kheo';
  const mine = rows.filter((r) => r.campaign_id === campaign && num(r.models_registered) !== null);
  const period = pickPeriod(mine, opts.period);
  const at = mine.filter((r) => isoDay(r.period_start) === period);
  const bar = (r: CampaignRow): DvkBar => {
    const registered = num(r.models_registered)!;
    const recognised = num(r.models_recognised);
    return { code: r.unit_code, name: unitName(r.unit_code, opts), registered, recognised, rate: registered && recognised !== null ? recognised / registered : null };
  };
  const bars = at.filter((r) => !isProvince(r)).map(bar).sort(byValueDesc((b) => b.registered, (b) => b.code));
  const prov = at.find((r) => isProvince(r));
  return { campaign, name: campaignShortName(campaign, opts.campaigns), period, bars, province: prov ? bar(prov) : null };
}

export function renderDvkModels(rows: readonly CampaignRow[], opts: DvkModelsOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareDvkModels(rows, opts);
  const unit = UNITS.model(lang);
  const codes = data.bars.map((b) => b.code);
  const names = new Map(data.bars.map((b) => [b.code, b.name]));
  const xMax = Math.max(1, ...data.bars.map((b) => b.registered));
  const isHi = (b: DvkBar) => b.code === highlight;
  const tip = (b: DvkBar) => tipText([
    `${b.name} — ${data.name} ${data.period?.slice(0, 4) ?? ''}`,
    `${tr(lang, 'Đăng ký', 'Registered')}: ${fmtNumber(b.registered, lang)} ${unit}`,
    `${tr(lang, 'Được công nhận', 'Recognised')}: ${fmtRatio(b.recognised, b.registered, unit, lang)} (${fmtPercent(b.rate, lang)})`,
  ]);

  const marginLeft = marginFor([...names.values()], opts.width);
  return Plot.plot({
    ...baseOptions(opts),
    width: plotWidth(opts.width, marginLeft, 120),
    height: opts.height ?? 80 + 26 * Math.max(1, codes.length),
    marginLeft,
    marginRight: 120,
    marginBottom: 40,
    x: { domain: [0, xMax], nice: true, label: tr(lang, 'Số mô hình (mô hình)', 'Models'), labelAnchor: 'center', grid: true, tickFormat: (v: number) => fmtNumber(v, lang) },
    y: { domain: codes, label: null, tickSize: 0, tickFormat: (c: string) => names.get(c) ?? c },
    color: {
      type: 'ordinal', domain: ['registered', 'recognised'], range: [REGISTERED, COLORS.primary], legend: true,
      tickFormat: (k: string) => (k === 'registered' ? tr(lang, 'Mô hình đăng ký', 'Models registered') : tr(lang, 'Mô hình được công nhận', 'Models recognised')),
    },
    marks: [
      highlightRow(codes, highlight, 0, xMax),
      Plot.barX(data.bars, {
        x: 'registered', y: 'code', fill: REGISTERED, inset: 2, className: 'danvan-registered',
        stroke: (b: DvkBar) => (isHi(b) ? '#000000' : 'none'), strokeWidth: 2,
        ariaLabel: (b: DvkBar) => tip(b).replaceAll('\n', '; '), title: tip, tip: true,
      }),
      Plot.barX(data.bars.filter((b) => b.recognised !== null), {
        x: 'recognised', y: 'code', fill: (b: DvkBar) => (isHi(b) ? COLORS.highlight : COLORS.primary), insetTop: 7, insetBottom: 7, className: 'danvan-recognised', pointerEvents: 'none',
      }),
      Plot.text(data.bars, {
        x: 'registered', y: 'code', dx: 6, textAnchor: 'start', fill: COLORS.ink, fontSize: 11,
        text: (b: DvkBar) => `${fmtNumber(b.recognised, lang)}/${fmtNumber(b.registered, lang)} (${fmtPercent(b.rate, lang)})`,
      }),
      Plot.ruleX([0], { stroke: COLORS.ink }),
    ],
  });
}

/** "Dân vận khéo 2024: 530/752 mô hình được công nhận (70,5%); nhiều mô hình nhất ở Quảng Ngãi (…), tỷ lệ công nhận thấp nhất ở …" */
export function describeDvkModels(rows: readonly CampaignRow[], lang: Lang, opts: Omit<DvkModelsOptions, 'width' | 'lang'> = {}): string {
  const data = prepareDvkModels(rows, { ...opts, lang });
  if (!data.bars.length) return tr(lang, 'Chưa có số liệu về mô hình trong kỳ này.', 'No data on models for this period.');
  const unit = UNITS.model(lang);
  const reg = data.province?.registered ?? data.bars.reduce((a, b) => a + b.registered, 0);
  const rec = data.province?.recognised ?? data.bars.reduce((a, b) => a + (b.recognised ?? 0), 0);
  const top = data.bars[0];
  const low = [...data.bars].filter((b) => b.rate !== null).sort(byValueDesc((b) => -(b.rate ?? 0), (b) => b.code))[0];
  const year = data.period?.slice(0, 4) ?? '';
  return tr(lang,
    `${data.name} ${year}: ${fmtRatio(rec, reg, unit, lang)} được công nhận (${fmtPercent(reg ? rec / reg : null, lang)}); nhiều mô hình đăng ký nhất là ${top.name} (${fmtNumber(top.registered, lang)})${low ? `, tỷ lệ công nhận thấp nhất ở ${low.name} (${fmtPercent(low.rate, lang)})` : ''}.`,
    `${data.name} ${year}: ${fmtRatio(rec, reg, unit, lang)} recognised (${fmtPercent(reg ? rec / reg : null, lang)}); the most registered in ${top.name} (${fmtNumber(top.registered, lang)})${low ? `, the lowest recognition rate in ${low.name} (${fmtPercent(low.rate, lang)})` : ''}.`);
}
