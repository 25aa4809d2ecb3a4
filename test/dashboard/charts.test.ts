// @vitest-environment jsdom
// Chart specs rendered in jsdom from fixtures taken once from the demo database (see
// fixtures/charts/README.md), compared with stored snapshots the way Observable Plot tests its own
// marks: numbers rounded, generated class names and ids replaced. A missing snapshot is written; a
// different one is written beside it as *.actual.svg / *.actual.html and the test fails. Each chart
// also gets assertions on what it must show (marks per district, the selected district emphasised,
// NULL rates not drawn, labels in the right language) and a test of its one-sentence description.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCampaignParticipation, describeCampaignParticipation, type CampaignRow } from '../../dashboard/src/lib/charts/campaign-participation.ts';
import { renderCampaignTrend, describeCampaignTrend } from '../../dashboard/src/lib/charts/campaign-trend.ts';
import { renderCaseloadFlow, describeCaseloadFlow } from '../../dashboard/src/lib/charts/caseload-flow.ts';
import { renderDistrictHeatmap, describeDistrictHeatmap } from '../../dashboard/src/lib/charts/district-heatmap.ts';
import { renderDvkModels, describeDvkModels } from '../../dashboard/src/lib/charts/dvk-models.ts';
import { renderEmergingCategories, describeEmergingCategories, type TrendRow } from '../../dashboard/src/lib/charts/emerging-categories.ts';
import { renderHotspotGiBands, describeHotspotGiBands, PATTERN_IDS, type HotspotRow } from '../../dashboard/src/lib/charts/hotspot-gi-bands.ts';
import { renderHotspotSignals, describeHotspotSignals } from '../../dashboard/src/lib/charts/hotspot-signals.ts';
import { renderKindTopicChannelBars, describeKindTopicChannelBars, type BreakdownRow } from '../../dashboard/src/lib/charts/kind-topic-channel-bars.ts';
import { renderOnTimeTrend, describeOnTimeTrend } from '../../dashboard/src/lib/charts/on-time-trend.ts';
import { renderOverdueByAge, describeOverdueByAge, type OverdueRow } from '../../dashboard/src/lib/charts/overdue-by-age.ts';
import { renderReceivedTrendSmallMultiples, describeReceivedTrendSmallMultiples } from '../../dashboard/src/lib/charts/received-trend-small-multiples.ts';
import { renderResolutionByDistrict, describeResolutionByDistrict } from '../../dashboard/src/lib/charts/resolution-by-district.ts';
import { COLORS, type ResolutionRow } from '../../dashboard/src/lib/charts/shared.ts';
import { renderSurvivalCurves, describeSurvivalCurves, type SurvivalRow } from '../../dashboard/src/lib/charts/survival-curves.ts';
import { GI_BANDS, KIND_COLORS } from '../../dashboard/src/lib/palette.ts';
import { matchFileSnapshot } from '../snapshot.ts';

const FIXTURES = path.resolve(process.cwd(), 'test/dashboard/fixtures/charts');
const SNAPSHOTS = path.resolve(process.cwd(), 'test/snapshots/charts');
const WIDTH = 800;
const LANGS = ['vi', 'en'] as const;

const fixture = <T>(name: string): T[] => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T[];

const units = fixture<{ unit_code: string; short_name: string; level: number }>('units');
const names: Record<string, string> = Object.fromEntries(units.filter((u) => u.level === 2).map((u) => [u.unit_code, u.short_name]));
const districtCodes = Object.keys(names);
const resolution = fixture<ResolutionRow>('resolution-quarters');
const lastTwoQuarters = resolution.filter((r) => String(r.period_start) >= '2024-07-01');
const campaignStats = fixture<CampaignRow>('campaign-stats');
const campaigns = fixture<{ campaign_id: string; name: string }>('campaigns').map((c) => ({ id: c.campaign_id, name: c.name }));
const hotspotBands = fixture<HotspotRow>('hotspot-bands');
const quarterBands = hotspotBands.filter((r) => r.grain === 'quarter');
const yearBands = hotspotBands.filter((r) => r.grain === 'year');

/** Plot's test normalisation: rounded numbers, stable class names and ids, one tag per line. */
function normalise(el: Element): string {
  let s = el.outerHTML;
  s = s.replace(/\bplot-[0-9a-f]{6}\b/g, 'plot');
  const ids = new Map<string, string>();
  s = s.replace(/\bplot-(?:clip|pattern|gradient)-\d+\b/g, (id) => {
    if (!ids.has(id)) ids.set(id, `plot-id-${ids.size + 1}`);
    return ids.get(id)!;
  });
  s = s.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));
  // Viewable as a file: an SVG needs its namespace outside an HTML document.
  s = s.replace(/<svg(?![^>]*\sxmlns=)/g, '<svg xmlns="http://www.w3.org/2000/svg"');
  return `${s.replace(/></g, '>\n<')}\n`;
}

function matchSnapshot(name: string, el: Element): void {
  // Plot's own convention: an <svg> is stored as .svg, a <figure> (legend, caption) as .html.
  const ext = el.tagName.toLowerCase() === 'svg' ? 'svg' : 'html';
  matchFileSnapshot(path.join(SNAPSHOTS, `${name}.${ext}`), normalise(el));
}

const all = (el: Element, sel: string) => [...el.querySelectorAll(sel)];
const texts = (el: Element, sel = 'text') => all(el, sel).map((t) => t.textContent ?? '');
const ariaOf = (el: Element, sel: string) => all(el, sel).map((e) => e.getAttribute('aria-label') ?? '');
/** The elements a mark drew: Plot puts the className on the mark's <g>. */
const markItems = (el: Element, cls: string, tag: string) => all(el, `g.${cls} ${tag}, ${tag}.${cls}`);

/** Rows with the order shuffled deterministically (reversed, then every other row first). */
function shuffled<T>(rows: readonly T[]): T[] {
  const r = [...rows].reverse();
  return [...r.filter((_, i) => i % 2 === 0), ...r.filter((_, i) => i % 2 === 1)];
}

describe('resolution-by-district', () => {
  const opts = { width: WIDTH, document, names, highlight: '524' };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`resolution-by-district.${lang}`, renderResolutionByDistrict(lastTwoQuarters, { ...opts, lang })));
  }

  it('draws one dot per district, the previous period hollow, the selected district emphasised, small denominators lighter', () => {
    const el = renderResolutionByDistrict(lastTwoQuarters, { ...opts, lang: 'vi' });
    const dots = markItems(el, 'danvan-value', 'circle');
    expect(dots).toHaveLength(13);
    expect(markItems(el, 'danvan-previous', 'circle')).toHaveLength(13);
    const binhSon = dots.find((d) => d.getAttribute('aria-label')!.startsWith('Bình Sơn'))!;
    expect(binhSon.getAttribute('fill')).toBe(COLORS.highlight);
    expect(binhSon.getAttribute('stroke')).toBe(COLORS.ink);
    expect(el.querySelector('.danvan-highlight-row rect')).not.toBeNull();
    // Minh Long resolved 5 of 8 cases in Q4 2024: fewer than 10, so lighter and starred.
    const minhLong = dots.find((d) => d.getAttribute('aria-label')!.startsWith('Minh Long'))!;
    expect(minhLong.getAttribute('fill-opacity')).toBe('0.3');
    expect(minhLong.getAttribute('aria-label')).toContain('Dưới 10 vụ');
    expect(texts(el)).toContain('62,5%*');
    // The denominator sits in the tooltip text ("41/52 vụ").
    expect(ariaOf(el, 'g.danvan-value circle').find((a) => a.startsWith('Tư Nghĩa'))).toContain('61,1% (44/72 vụ)');
    expect(texts(el)).toEqual(expect.arrayContaining(['Chỉ tiêu 85%', 'Toàn tỉnh 68,0%']));
  });

  it('never draws a NULL rate as 0%: the district keeps its row with "—"', () => {
    const rows = lastTwoQuarters.map((r) => (r.unit_code === '536' && String(r.period_start) === '2024-10-01'
      ? { ...r, carried_over: 0, new_cases: 0, caseload: 0, resolved: 0, resolution_rate: null } : r));
    const el = renderResolutionByDistrict(rows, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-value', 'circle')).toHaveLength(12);
    expect(ariaOf(el, 'g.danvan-value circle').some((a) => a.startsWith('Lý Sơn'))).toBe(false);
    expect(texts(el, 'g.danvan-no-cases text')).toEqual(['— không có vụ việc']);
    expect(texts(el)).toContain('Lý Sơn');
  });

  it('labels follow the language and the measure', () => {
    const vi = normalise(renderResolutionByDistrict(lastTwoQuarters, { ...opts, lang: 'vi' }));
    const en = normalise(renderResolutionByDistrict(lastTwoQuarters, { ...opts, lang: 'en' }));
    expect(vi).toContain('Tỷ lệ giải quyết (%)');
    expect(vi).not.toContain('Resolution rate');
    expect(en).toContain('Resolution rate (%)');
    expect(en).toContain('(44/72 cases)');
    const onTime = renderResolutionByDistrict(lastTwoQuarters, { ...opts, lang: 'vi', measure: 'on_time_rate', target: null });
    expect(texts(onTime)).toContain('Tỷ lệ giải quyết đúng hạn (%) →');
    expect(onTime.querySelector('.danvan-target')).toBeNull();
  });

  it('does not depend on the order of the rows', () => {
    expect(normalise(renderResolutionByDistrict(shuffled(lastTwoQuarters), { ...opts, lang: 'vi' })))
      .toBe(normalise(renderResolutionByDistrict(lastTwoQuarters, { ...opts, lang: 'vi' })));
  });

  it('describes the finding', () => {
    expect(describeResolutionByDistrict(lastTwoQuarters, 'vi', { names }))
      .toBe('Quý IV/2024: Tư Nghĩa có tỷ lệ giải quyết thấp nhất: 61,1% (44/72 vụ), cao nhất là Nghĩa Hành (73,7%); 0/13 huyện đạt chỉ tiêu 85%.');
    expect(describeResolutionByDistrict(lastTwoQuarters, 'en', { names }))
      .toBe('Q4 2024: Tư Nghĩa has the lowest resolution rate: 61.1% (44/72 cases); the highest is Nghĩa Hành (73.7%); 0 of 13 districts meet the 85% target.');
  });
});

describe('district-heatmap', () => {
  const opts = { width: WIDTH, document, names, highlight: '527' };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`district-heatmap.${lang}`, renderDistrictHeatmap(resolution, { ...opts, lang })));
  }

  it('draws a cell per district and quarter, rows sorted by total, the selected district outlined', () => {
    const el = renderDistrictHeatmap(resolution, { ...opts, lang: 'vi' });
    const cells = markItems(el, 'danvan-cell', 'rect');
    expect(cells).toHaveLength(13 * 12);
    const yLabels = texts(el, 'g[aria-label="y-axis tick label"] text');
    expect(yLabels[0]).toBe('Quảng Ngãi');
    expect(yLabels.at(-1)).toBe('Minh Long');
    const outline = el.querySelector('rect.danvan-highlight-row')!;
    const sonTinh = cells.find((c) => c.getAttribute('aria-label')!.startsWith('Sơn Tịnh'))!;
    const rowY = Number(sonTinh.getAttribute('y'));
    expect(Number(outline.getAttribute('y'))).toBeLessThanOrEqual(rowY);
    expect(Number(outline.getAttribute('y')) + Number(outline.getAttribute('height'))).toBeGreaterThanOrEqual(rowY + Number(sonTinh.getAttribute('height')));
    expect(el.querySelector('figure')?.textContent ?? el.textContent).toContain('Số đơn nhận (đơn)');
  });

  it('leaves the cell of a rate over no cases empty, and fades rates over fewer than 10 cases', () => {
    const rows = resolution.map((r) => (r.unit_code === '531' && String(r.period_start) === '2024-04-01' ? { ...r, resolved: 0, on_time: 0, on_time_rate: null } : r));
    const el = renderDistrictHeatmap(rows, { ...opts, lang: 'en', measure: 'on_time_rate' });
    const cells = markItems(el, 'danvan-cell', 'rect');
    expect(cells).toHaveLength(13 * 12 - 1);
    expect(cells.some((c) => c.getAttribute('aria-label')!.startsWith('Minh Long — Q2 2024'))).toBe(false);
    expect(cells.filter((c) => c.getAttribute('fill-opacity') === '0.4').length).toBeGreaterThan(0);
    expect(el.textContent).toContain('Empty cell: no cases, so no rate.');
    expect(el.textContent).toContain('On-time rate (%)');
  });

  it('describes the finding', () => {
    expect(describeDistrictHeatmap(resolution, 'vi', { names }))
      .toBe('Quý I/2022–Quý IV/2024: Quảng Ngãi đứng đầu về số đơn nhận (tổng 1.132 đơn); cao nhất là Bình Sơn, Quý III/2024 (114 đơn).');
    expect(describeDistrictHeatmap(resolution, 'en', { names, measure: 'on_time_rate' }))
      .toBe('Q1 2022–Q4 2024: the overall on-time rate is highest in Trà Bồng (92.4%) and lowest in Tư Nghĩa (78.9%).');
  });
});

describe('received-trend-small-multiples', () => {
  const opts = { width: WIDTH, document, names, highlight: '527' };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`received-trend-small-multiples.${lang}`, renderReceivedTrendSmallMultiples(resolution, { ...opts, lang })));
  }

  it('draws 13 panels on one scale, ordered by total, the selected district emphasised', () => {
    const el = renderReceivedTrendSmallMultiples(resolution, { ...opts, lang: 'vi' });
    const titles = texts(el, 'g.danvan-panel-title text');
    expect(titles).toHaveLength(13);
    expect(titles[0]).toBe('Quảng Ngãi');
    expect(texts(el, 'g.danvan-highlight text')).toEqual(['Sơn Tịnh']);
    expect(markItems(el, 'danvan-line', 'path')).toHaveLength(12);
    expect(markItems(el, 'danvan-highlight-line', 'path')).toHaveLength(1);
    expect(markItems(el, 'danvan-context', 'path')).toHaveLength(13);
    // One y scale: every panel's y axis has the same ticks.
    const tickSets = all(el, 'g[aria-label="y-axis tick label"]').map((g) => g.textContent);
    expect(new Set(tickSets).size).toBe(1);
  });

  it('describes the finding', () => {
    expect(describeReceivedTrendSmallMultiples(resolution, 'vi', { names }))
      .toBe('Quý IV/2024: Bình Sơn có số đơn nhận cao nhất (105 đơn); tăng mạnh nhất so với kỳ trước là Đức Phổ (+29%).');
    expect(describeReceivedTrendSmallMultiples(resolution, 'en', { names }))
      .toBe('Q4 2024: Bình Sơn has the most petitions received (105 petitions); the largest rise on the previous period is in Đức Phổ (+29%).');
  });
});

describe('kind-topic-channel-bars', () => {
  const byTopic = fixture<BreakdownRow>('breakdown-topic');
  const byKind = fixture<BreakdownRow>('breakdown-kind');
  const byChannel = fixture<BreakdownRow>('breakdown-channel');
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`kind-topic-channel-bars.${lang}`, renderKindTopicChannelBars(byTopic, { width: WIDTH, document, lang, by: 'topic' })));
  }

  it('colours kinds with the kinds palette and labels categories from the vocabulary', () => {
    const kinds = renderKindTopicChannelBars(byKind, { width: WIDTH, document, lang: 'vi', by: 'kind' });
    const bars = markItems(kinds, 'danvan-bar', 'rect');
    expect(bars).toHaveLength(3);
    expect(bars.map((b) => b.getAttribute('fill')).sort()).toEqual(Object.values(KIND_COLORS).sort());
    expect(texts(kinds, 'g[aria-label="y-axis tick label"] text')).toEqual(['Kiến nghị, phản ánh', 'Khiếu nại', 'Tố cáo']);

    const topicsVi = renderKindTopicChannelBars(byTopic, { width: WIDTH, document, lang: 'vi', by: 'topic' });
    const topicsEn = renderKindTopicChannelBars(byTopic, { width: WIDTH, document, lang: 'en', by: 'topic' });
    expect(texts(topicsVi, 'g[aria-label="y-axis tick label"] text')[0]).toBe('Đất đai');
    expect(texts(topicsEn, 'g[aria-label="y-axis tick label"] text')[0]).toBe('Land');
    // Topics split by kind: one segment per topic × kind present, legend in the language.
    const pairs = new Set(byTopic.filter((r) => Number(r.received) > 0).map((r) => `${r.topic}|${r.kind}`));
    expect(markItems(topicsVi, 'danvan-bar', 'rect')).toHaveLength(pairs.size);
    expect(topicsVi.textContent).toContain('Kiến nghị, phản ánh');
    expect(topicsEn.textContent).toContain('Recommendation / feedback');

    const channels = renderKindTopicChannelBars(byChannel, { width: WIDTH, document, lang: 'vi', by: 'channel' });
    expect(texts(channels, 'g[aria-label="y-axis tick label"] text')).toContain('Tiếp công dân trực tiếp');
  });

  it('describes the finding', () => {
    expect(describeKindTopicChannelBars(byTopic, 'vi', { by: 'topic' }))
      .toBe('Theo lĩnh vực, "Đất đai" chiếm nhiều đơn nhất: 303 đơn (21,4% tổng số 1.419 đơn), tiếp theo là "Bồi thường, hỗ trợ, tái định cư" (19,0%).');
    expect(describeKindTopicChannelBars(byKind, 'vi'))
      .toBe('Theo loại đơn, "Kiến nghị, phản ánh" chiếm nhiều đơn nhất: 908 đơn (64,0% tổng số 1.419 đơn), tiếp theo là "Khiếu nại" (24,7%).');
    expect(describeKindTopicChannelBars(byChannel, 'en', { by: 'channel' }))
      .toBe('By channel, "Mail" accounts for the most petitions: 465 (32.8% of 1,419), followed by "Citizen reception" (32.3%).');
  });
});

describe('caseload-flow', () => {
  const opts = { width: WIDTH, document, names };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`caseload-flow.${lang}`, renderCaseloadFlow(resolution, { ...opts, lang })));
  }

  it('steps from carried over to backlog with the arithmetic on the bars', () => {
    const el = renderCaseloadFlow(resolution, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-step', 'rect')).toHaveLength(5);
    expect(markItems(el, 'danvan-overdue', 'rect')).toHaveLength(1);
    expect(texts(el)).toEqual(expect.arrayContaining(['187', '+475', '662', '−450 (68,0%)', '212', 'trong đó quá hạn: 33', 'Toàn tỉnh — Quý IV/2024']));
    const district = renderCaseloadFlow(resolution, { ...opts, lang: 'en', highlight: '524' });
    expect(texts(district)).toEqual(expect.arrayContaining(['Bình Sơn — Q4 2024', '141', '−98 (69.5%)']));
  });

  it('describes the finding', () => {
    expect(describeCaseloadFlow(resolution, 'vi', { names }))
      .toBe('Toàn tỉnh, Quý IV/2024: phải giải quyết 662 vụ (187 kỳ trước chuyển sang, 475 mới), đã giải quyết 450 (68,0%), còn tồn 212 vụ, trong đó 33 vụ quá hạn.');
    expect(describeCaseloadFlow(resolution, 'en', { names, unit: '524' }))
      .toBe('Bình Sơn, Q4 2024: 141 cases to resolve (43 carried over, 98 new), 98 resolved (69.5%), 43 still open, 3 of them overdue.');
  });
});

describe('on-time-trend', () => {
  const opts = { width: WIDTH, document, names, highlight: '528' };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`on-time-trend.${lang}`, renderOnTimeTrend(resolution, { ...opts, lang })));
  }

  it('draws the district against the province with a points difference on every period', () => {
    const el = renderOnTimeTrend(resolution, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-point', 'circle')).toHaveLength(12);
    expect(markItems(el, 'danvan-province', 'path')).toHaveLength(1);
    const diffs = texts(el, 'g.danvan-diff text');
    expect(diffs).toHaveLength(12);
    expect(diffs).toContain('−10,5');
    expect(texts(el)).toEqual(expect.arrayContaining(['Tư Nghĩa 77,3%', 'Toàn tỉnh 87,8%']));
  });

  it('breaks the line where a period has no resolved case instead of drawing 0%', () => {
    const rows = resolution.map((r) => (r.unit_code === '528' && String(r.period_start) === '2023-04-01' ? { ...r, resolved: 0, on_time: 0, on_time_rate: null } : r));
    const el = renderOnTimeTrend(rows, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-point', 'circle')).toHaveLength(11);
    expect(texts(el, 'g.danvan-diff text')).toHaveLength(11);
    const d = el.querySelector('g.danvan-main path')!.getAttribute('d')!;
    expect(d.match(/M/g)).toHaveLength(2);
  });

  it('describes the finding', () => {
    expect(describeOnTimeTrend(resolution, 'vi', { names, highlight: '528' }))
      .toBe('Quý IV/2024: tỷ lệ giải quyết đúng hạn của Tư Nghĩa là 77,3%, thấp hơn toàn tỉnh 10,5 điểm; thấp hơn toàn tỉnh ở 9/12 kỳ.');
    expect(describeOnTimeTrend(resolution, 'en', { names }))
      .toBe("Q4 2024: the province's on-time rate is 87.8%, +2.9 pts on the previous period.");
  });
});

describe('survival-curves', () => {
  const rows = fixture<SurvivalRow>('survival');
  const opts = { width: WIDTH, document, names };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`survival-curves.${lang}`, renderSurvivalCurves(rows, { ...opts, lang })));
  }

  it('draws one step curve and band per year, with its median marked and named in the legend', () => {
    const el = renderSurvivalCurves(rows, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-curve', 'path')).toHaveLength(3);
    expect(markItems(el, 'danvan-ci', 'path')).toHaveLength(3);
    expect(markItems(el, 'danvan-median', 'line')).toHaveLength(3);
    expect(el.textContent).toContain('Năm 2024: một nửa số vụ xong sau 28 ngày');
    expect(el.textContent).toContain('Năm 2022: một nửa số vụ xong sau 27 ngày');
    const two = renderSurvivalCurves(rows, { ...opts, lang: 'en', years: [2022, 2024], band: false });
    expect(markItems(two, 'danvan-curve', 'path')).toHaveLength(2);
    expect(two.querySelector('.danvan-ci')).toBeNull();
    expect(two.textContent).toContain('2024: half resolved by day 28');
  });

  it('describes the finding', () => {
    expect(describeSurvivalCurves(rows, 'vi', { names })).toBe('Toàn tỉnh, năm 2024: một nửa số vụ được giải quyết trong 28 ngày (năm 2023: 28 ngày; năm 2022: 27 ngày).');
    expect(describeSurvivalCurves(rows, 'en', { names })).toBe('Province, 2024: half of the cases were resolved within 28 days (2023: 28 days; 2022: 27 days).');
  });
});

describe('overdue-by-age', () => {
  const rows = fixture<OverdueRow>('overdue-age');
  const opts = { width: WIDTH, document, names, highlight: '524', districts: districtCodes };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`overdue-by-age.${lang}`, renderOverdueByAge(rows, { ...opts, lang })));
  }

  it('stacks the age buckets per district, most overdue first, districts without any listed at 0', () => {
    const el = renderOverdueByAge(rows, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-bar', 'rect')).toHaveLength(rows.filter((r) => Number(r.cases) > 0).length);
    const y = texts(el, 'g[aria-label="y-axis tick label"] text');
    expect(y).toHaveLength(13);
    expect(y[0]).toBe('Tư Nghĩa');
    expect(y.slice(-2)).toEqual(['Sơn Hà', 'Lý Sơn']);
    expect(el.textContent).toContain('Quá hạn trên 1 năm');
    expect(renderOverdueByAge(rows, { ...opts, lang: 'en' }).textContent).toContain('Overdue over a year');
    expect(el.querySelector('.danvan-highlight-row rect')).not.toBeNull();
  });

  it('describes the finding', () => {
    expect(describeOverdueByAge(rows, 'vi', { names, districts: districtCodes }))
      .toBe('Cuối Quý IV/2024 có 33 vụ tồn quá hạn; nhiều nhất ở Tư Nghĩa (10 vụ, trong đó 2 vụ quá hạn trên 1 năm); 2 huyện không có vụ quá hạn.');
    expect(describeOverdueByAge(rows, 'en', { names }))
      .toBe('At the end of Q4 2024, 33 cases were overdue; the most in Tư Nghĩa (10, of which 2 overdue by over a year).');
  });
});

describe('hotspot-gi-bands', () => {
  const opts = { width: WIDTH, document, names, highlight: '530' };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`hotspot-gi-bands.${lang}`, renderHotspotGiBands(quarterBands, { ...opts, lang })));
  }

  it('ranks districts by z, marks the strongest bands with a pattern and an outline, and names bands in words', () => {
    const el = renderHotspotGiBands(quarterBands, { ...opts, lang: 'vi' });
    const bars = markItems(el, 'danvan-gi-bar', 'rect');
    expect(bars).toHaveLength(13);
    const cold99 = GI_BANDS.find((b) => b.code === 'cold_99')!;
    const strong = bars.filter((b) => b.getAttribute('fill') === cold99.color);
    expect(strong).toHaveLength(1);
    expect(strong[0].getAttribute('aria-label')).toMatch(/^Ba Tơ/);
    expect(strong[0].getAttribute('stroke')).toBe(COLORS.ink);
    const pattern = markItems(el, 'danvan-gi-pattern', 'rect');
    expect(pattern.map((p) => p.getAttribute('fill'))).toEqual([`url(#${PATTERN_IDS.dots})`]);
    expect(el.querySelector(`pattern#${PATTERN_IDS.dots}`)).not.toBeNull();
    expect(texts(el, 'g.danvan-band-label text')).toEqual(['lạnh 90%', 'lạnh 90%', 'lạnh 95%', 'lạnh 99%']);
    // Legend: every band named; the 99% swatches carry the pattern too.
    expect(el.textContent).toContain('Điểm lạnh (tin cậy 99%)');
    expect(el.textContent).toContain('Không có cụm rõ rệt');
    expect(all(el, `[class*="-swatches"] rect[fill="url(#${PATTERN_IDS.dots})"]`)).toHaveLength(1);
    expect(all(el, `[class*="-swatches"] rect[fill="url(#${PATTERN_IDS.hatch})"]`)).toHaveLength(1);

    const year = renderHotspotGiBands(yearBands, { ...opts, lang: 'en' });
    expect(markItems(year, 'danvan-gi-pattern', 'rect').map((p) => p.getAttribute('fill'))).toEqual([`url(#${PATTERN_IDS.hatch})`]);
    expect(texts(year, 'g.danvan-band-label text')).toEqual(['hot 99%', 'hot 95%', 'hot 90%']);
    expect(year.textContent).toContain('Hot spot (99% confidence)');
  });

  it('describes the finding', () => {
    expect(describeHotspotGiBands(quarterBands, 'vi', { names }))
      .toBe('Quý I/2022: không huyện nào trong cụm điểm nóng, 4 huyện nằm trong cụm điểm lạnh (Đức Phổ, Nghĩa Hành, Minh Long, Ba Tơ); rõ nhất là Ba Tơ (z = −2,76, tin cậy 99%).');
    expect(describeHotspotGiBands(yearBands, 'en', { names }))
      .toBe('2022: 3 districts are in a hot-spot cluster (Lý Sơn, Quảng Ngãi, Bình Sơn), none in a cold-spot cluster; the strongest is Lý Sơn (z = +2.61, 99% confidence).');
  });
});

describe('hotspot-signals', () => {
  const rows = fixture<HotspotRow>('hotspot-series');
  const opts = { width: WIDTH, document, names, highlight: '527' };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`hotspot-signals.${lang}`, renderHotspotSignals(rows, { ...opts, lang })));
  }

  it('marks every period with anomaly z ≥ 2 and draws the expected band', () => {
    const el = renderHotspotSignals(rows, { ...opts, lang: 'vi' });
    const expected = rows.filter((r) => r.unit_code === '527' && Number(r.anomaly_z) >= 2).length;
    expect(expected).toBe(5);
    expect(markItems(el, 'danvan-anomaly', 'path')).toHaveLength(expected);
    expect(ariaOf(el, 'g.danvan-anomaly path').every((a) => a.startsWith('Sơn Tịnh') && a.includes('cao bất thường'))).toBe(true);
    expect(markItems(el, 'danvan-expected-band', 'path')).toHaveLength(1);
    expect(el.textContent).toContain('Cao bất thường (z ≥ 2)');
    const strict = renderHotspotSignals(rows, { ...opts, lang: 'en', unit: '524', threshold: 3 });
    expect(markItems(strict, 'danvan-anomaly', 'path')).toHaveLength(rows.filter((r) => r.unit_code === '524' && Number(r.anomaly_z) >= 3).length);
    expect(strict.textContent).toContain('Unusually high (z ≥ 3)');
  });

  it('describes the finding', () => {
    expect(describeHotspotSignals(rows, 'vi', { names, highlight: '527' }))
      .toBe('Sơn Tịnh: 5 kỳ cao bất thường (z ≥ 2), gần nhất là Quý IV/2024 với 61 đơn so với mức kỳ vọng 45,8.');
    expect(describeHotspotSignals(rows, 'en', { names, unit: '524' }))
      .toBe('Bình Sơn: 3 periods unusually high (z ≥ 2), the latest Q3 2024 with 114 received against 76.8 expected.');
  });
});

describe('emerging-categories', () => {
  const rows = fixture<TrendRow>('hotspot-trends');
  const opts = { width: WIDTH, document, names, highlight: '524' };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`emerging-categories.${lang}`, renderEmergingCategories(rows, { ...opts, lang })));
  }

  it('groups every district under its category, in the language, hot before no pattern', () => {
    const el = renderEmergingCategories(rows, { ...opts, lang: 'vi' });
    const tiles = markItems(el, 'danvan-tile', 'rect');
    expect(tiles).toHaveLength(13);
    expect(texts(el, 'g.danvan-category text')).toEqual([
      'Điểm nóng liên tục trong các kỳ gần đây (4 huyện)', 'Điểm nóng lúc có lúc không (2 huyện)', 'Không có xu hướng rõ rệt (7 huyện)',
    ]);
    const hi = tiles.find((t) => t.getAttribute('aria-label')!.startsWith('Bình Sơn'))!;
    expect(hi.getAttribute('stroke')).toBe('#000000');
    expect(hi.getAttribute('stroke-width')).toBe('3');
    const en = renderEmergingCategories(rows, { ...opts, lang: 'en' });
    expect(texts(en, 'g.danvan-category text')[0]).toBe('Consecutive hot spot (4 districts)');
  });

  it('describes the finding', () => {
    expect(describeEmergingCategories(rows, 'vi', { names }))
      .toBe('Điểm nóng liên tục trong các kỳ gần đây (4 huyện): Quảng Ngãi, Bình Sơn, Trà Bồng, Sơn Tịnh; điểm nóng lúc có lúc không: Lý Sơn, Tư Nghĩa; 7 huyện không có xu hướng rõ rệt.');
    expect(describeEmergingCategories(rows, 'en', { names }))
      .toBe('Consecutive hot spot (4 districts): Quảng Ngãi, Bình Sơn, Trà Bồng, Sơn Tịnh; sporadic hot spot: Lý Sơn, Tư Nghĩa; 7 with no pattern.');
  });
});

describe('campaign-participation', () => {
  const opts = { width: WIDTH, document, names, highlight: '524', campaigns };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`campaign-participation.${lang}`, renderCampaignParticipation(campaignStats, { ...opts, lang })));
  }

  it('draws one panel per campaign with a rate, one dot per district, the selected one emphasised', () => {
    const el = renderCampaignParticipation(campaignStats, { ...opts, lang: 'vi' });
    const dots = markItems(el, 'danvan-value', 'circle');
    expect(dots).toHaveLength(26);
    // The fund reports no rate: it gets no panel rather than a row of zeros.
    expect(el.textContent).not.toContain('Vì người nghèo');
    expect(el.textContent).toContain('Dân vận khéo — tỷ lệ người tham gia');
    const hi = dots.filter((d) => d.getAttribute('aria-label')!.startsWith('Bình Sơn'));
    expect(hi).toHaveLength(2);
    expect(hi.every((d) => d.getAttribute('fill') === COLORS.highlight)).toBe(true);
    expect(hi[0].getAttribute('aria-label')).toContain('61,8% (59.533/96.255 người)');
    expect(renderCampaignParticipation(campaignStats, { ...opts, lang: 'en' }).textContent).toContain('share of households taking part');
  });

  it('skips a NULL rate', () => {
    const rows = campaignStats.map((r) => (r.campaign_id === 'dan_van_kheo' && r.unit_code === '531' && String(r.period_start) === '2024-01-01'
      ? { ...r, participation_rate: null, target_population: null } : r));
    const el = renderCampaignParticipation(rows, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-value', 'circle')).toHaveLength(25);
    expect(ariaOf(el, 'g.danvan-value circle').some((a) => a.startsWith('Minh Long — Dân vận khéo'))).toBe(false);
  });

  it('describes the finding', () => {
    expect(describeCampaignParticipation(campaignStats, 'vi', { names, campaigns }))
      .toBe('Dân vận khéo 2024 — tỷ lệ người tham gia: thấp nhất ở Trà Bồng (50,1%), cao nhất ở Nghĩa Hành (74,6%), toàn tỉnh 58,0%; Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh 2024 — tỷ lệ hộ tham gia: thấp nhất ở Đức Phổ (84,4%), cao nhất ở Tư Nghĩa (92,8%), toàn tỉnh 88,3%.');
    expect(describeCampaignParticipation(campaignStats, 'en', { names, campaigns, measure: 'participation_rate' }))
      .toBe('Dân vận khéo 2024 — share of people taking part: lowest in Trà Bồng (50.1%), highest in Nghĩa Hành (74.6%), province 58.0%.');
  });
});

describe('dvk-models', () => {
  const opts = { width: WIDTH, document, names, highlight: '524', campaigns };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`dvk-models.${lang}`, renderDvkModels(campaignStats, { ...opts, lang })));
  }

  it('draws registered and recognised models per district, labelled with the ratio', () => {
    const el = renderDvkModels(campaignStats, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-registered', 'rect')).toHaveLength(13);
    const recognised = markItems(el, 'danvan-recognised', 'rect');
    expect(recognised).toHaveLength(13);
    expect(recognised.filter((r) => r.getAttribute('fill') === COLORS.highlight)).toHaveLength(1);
    expect(texts(el)).toContain('75/107 (70,1%)');
    expect(el.textContent).toContain('Mô hình được công nhận');
    expect(renderDvkModels(campaignStats, { ...opts, lang: 'en' }).textContent).toContain('Models recognised');
  });

  it('describes the finding', () => {
    expect(describeDvkModels(campaignStats, 'vi', { names, campaigns }))
      .toBe('Dân vận khéo 2024: 530/752 mô hình được công nhận (70,5%); nhiều mô hình đăng ký nhất là Bình Sơn (107), tỷ lệ công nhận thấp nhất ở Sơn Hà (62,3%).');
    expect(describeDvkModels(campaignStats, 'en', { names, campaigns }))
      .toBe('Dân vận khéo 2024: 530/752 models recognised (70.5%); the most registered in Bình Sơn (107), the lowest recognition rate in Sơn Hà (62.3%).');
  });
});

describe('campaign-trend', () => {
  const opts = { width: WIDTH, document, names, highlight: '524', campaigns };
  for (const lang of LANGS) {
    it(`matches the snapshot (${lang})`, () => matchSnapshot(`campaign-trend.${lang}`, renderCampaignTrend(campaignStats, { ...opts, lang })));
  }

  it('draws the district against the province over the periods with points differences', () => {
    const el = renderCampaignTrend(campaignStats, { ...opts, lang: 'vi' });
    expect(markItems(el, 'danvan-point', 'circle')).toHaveLength(5);
    expect(markItems(el, 'danvan-province', 'path')).toHaveLength(1);
    expect(texts(el, 'g.danvan-diff text')).toEqual(['+6,9', '+7,7', '+7,0', '+4,5', '+3,9']);
    expect(texts(el, 'g[aria-label="x-axis tick label"] text')).toEqual(['2020', '2021', '2022', '2023', '2024']);
    const province = renderCampaignTrend(campaignStats, { ...opts, lang: 'en', highlight: null, campaign: 'ntm_dtvm' });
    expect(province.querySelector('.danvan-province')).toBeNull();
    expect(texts(province)).toContain('↑ Share of households taking part (%)');
  });

  it('describes the finding', () => {
    expect(describeCampaignTrend(campaignStats, 'vi', { names, campaigns, highlight: '524' }))
      .toBe('Dân vận khéo, năm 2024: tỷ lệ người tham gia của Bình Sơn là 61,8%, cao hơn toàn tỉnh 3,9 điểm.');
    expect(describeCampaignTrend(campaignStats, 'en', { names, campaigns, campaign: 'ntm_dtvm' }))
      .toBe("Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh, 2024: the province's share of households taking part is 88.3% (+3.9 pts on 2020).");
  });
});

describe('every chart', () => {
  it('renders the same output twice and at any width without throwing', () => {
    const a = normalise(renderDistrictHeatmap(resolution, { width: WIDTH, document, names, lang: 'vi' }));
    const b = normalise(renderDistrictHeatmap(resolution, { width: WIDTH, document, names, lang: 'vi' }));
    expect(a).toBe(b);
    for (const width of [320, 1280]) {
      expect(() => renderReceivedTrendSmallMultiples(resolution, { width, document, names, lang: 'vi' })).not.toThrow();
      expect(() => renderCampaignParticipation(campaignStats, { width, document, names, lang: 'en', campaigns })).not.toThrow();
    }
  });

  it('renders an empty state without throwing and describes it', () => {
    expect(() => renderResolutionByDistrict([], { width: WIDTH, document, lang: 'vi' })).not.toThrow();
    expect(describeResolutionByDistrict([], 'vi')).toBe('Không có vụ việc nào phải giải quyết trong kỳ này.');
    expect(describeKindTopicChannelBars([], 'en', { by: 'topic' })).toBe('No petitions in this period.');
    expect(describeHotspotSignals([], 'vi')).toBe('Không có số liệu tín hiệu điểm nóng.');
    expect(() => renderCaseloadFlow([], { width: WIDTH, document, lang: 'en' })).not.toThrow();
  });
});
