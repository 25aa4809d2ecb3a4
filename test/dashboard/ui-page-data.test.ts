// The pages' own helpers (dashboard/src/lib/page-data.ts) on the demo's meta and metric rows taken
// from the demo database (fixtures/charts/README.md): which periods a view compares, how reporting
// periods map onto calendar ones, how picked districts pool, and how comparisons read in words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CampaignRow } from '../../dashboard/src/lib/charts/campaign-participation.ts';
import type { ResolutionRow } from '../../dashboard/src/lib/charts/shared.ts';
import {
  areaRows, calendarStart, campaignFigure, compareWords, fetchSpan, hotspotPeriodFor, periodContext, rateInWords, SELECTION, sumInPeriod,
} from '../../dashboard/src/lib/page-data.ts';
import { findPeriod } from '../../dashboard/src/lib/url-state.ts';
import { META_DEMO } from './fixtures/meta-demo.ts';

const FIXTURES = path.resolve(process.cwd(), 'test/dashboard/fixtures/charts');
const fixture = <T>(name: string): T[] => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T[];
const resolution = fixture<ResolutionRow>('resolution-quarters');
const campaignStats = fixture<CampaignRow>('campaign-stats') as unknown as Record<string, unknown>[];

describe('periodContext', () => {
  it('compares a quarter with the one before and the same quarter a year earlier', () => {
    const ctx = periodContext(META_DEMO, { grain: 'quarter', from: '2023-10-01', to: '2024-10-01' })!;
    expect(ctx.current.label_vi).toBe('Quý IV/2024');
    expect(ctx.previous?.start).toBe('2024-07-01');
    expect(ctx.lastYear?.start).toBe('2023-10-01');
    expect(ctx.range.map((p) => p.start)).toEqual(['2023-10-01', '2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
    // One request covers the range and both comparisons; periods are matched by their end.
    expect(fetchSpan(ctx)).toEqual({ from: '2023-10-01', to: '2024-12-31' });
  });

  it('gives a year one comparison only (the year before is the same period last year)', () => {
    const ctx = periodContext(META_DEMO, { grain: 'year', from: '2023-01-01', to: '2024-01-01' })!;
    expect(ctx.previous?.start).toBe('2023-01-01');
    expect(ctx.lastYear).toBeNull();
  });

  it('has no context for a period the data does not have', () => {
    expect(periodContext(META_DEMO, { grain: 'quarter', from: '2031-01-01', to: '2031-01-01' })).toBeNull();
  });
});

describe('reporting periods on the calendar', () => {
  it('counts a reporting quarter from the first of the month it is named after', () => {
    const q4 = findPeriod(META_DEMO, 'report_q', '2024-09-15')!;
    expect(calendarStart(q4, 'report_q')).toBe('2024-10-01');
    expect(hotspotPeriodFor(META_DEMO, 'report_q', q4)?.start).toBe('2024-10-01');
    const year = findPeriod(META_DEMO, 'report_year', '2023-12-15')!;
    expect(calendarStart(year, 'report_year')).toBe('2024-01-01');
    expect(hotspotPeriodFor(META_DEMO, 'report_year', year)?.grain).toBe('year');
  });

  it('sums monthly counts over the months of the period', () => {
    const q3 = findPeriod(META_DEMO, 'quarter', '2024-07-01')!;
    const rows = fixture<Record<string, unknown>>('breakdown-kind');
    const all = rows.reduce((a, r) => a + Number(r.received), 0);
    expect(sumInPeriod(rows, 'received', q3, 'quarter')).toBe(all);
    expect(sumInPeriod(rows, 'received', findPeriod(META_DEMO, 'quarter', '2024-04-01')!, 'quarter')).toBe(0);
  });
});

describe('areaRows', () => {
  const q = resolution.filter((r) => r.period_start === '2024-10-01');

  it('is the province row without a district filter and the district row with one', () => {
    expect(areaRows(q, []).map((r) => r.unit_code)).toEqual(['51']);
    expect(areaRows(q, ['524']).map((r) => r.unit_code)).toEqual(['524']);
  });

  it('pools picked districts: counts summed, rates recomputed from them', () => {
    const [pooled] = areaRows(q, ['524', '527']);
    const a = q.find((r) => r.unit_code === '524')!;
    const b = q.find((r) => r.unit_code === '527')!;
    expect(pooled.unit_code).toBe(SELECTION);
    expect(pooled.caseload).toBe(Number(a.caseload) + Number(b.caseload));
    expect(pooled.resolution_rate).toBeCloseTo((Number(a.resolved) + Number(b.resolved)) / (Number(a.caseload) + Number(b.caseload)), 12);
    // Every district pooled gives back the province's own figures.
    const everyone = areaRows(q, META_DEMO.districts.map((d) => d.code))[0];
    const province = q.find((r) => r.unit_code === '51')!;
    expect(everyone.received).toBe(province.received);
    expect(everyone.resolution_rate).toBeCloseTo(Number(province.resolution_rate), 12);
  });
});

describe('comparisons in words', () => {
  it('says points for rates and percent for counts, in both languages', () => {
    expect(compareWords('vi', 'rate', 0.793, 0.824, 'last_year')).toBe('thấp hơn cùng kỳ năm trước 3,1 điểm');
    expect(compareWords('en', 'rate', 0.793, 0.824, 'last_year')).toBe('3.1 pts lower than the same period last year');
    expect(compareWords('vi', 'rate', 0.68, 0.85, 'target')).toBe('thấp hơn chỉ tiêu 85% là 17,0 điểm');
    expect(compareWords('vi', 'count', 118, 100, 'previous')).toBe('tăng 18% so với kỳ trước');
    expect(compareWords('vi', 'count', 100, 100, 'prev_year')).toBe('bằng năm trước');
  });

  it('says nothing when there is nothing to compare with', () => {
    expect(compareWords('vi', 'rate', 0.8, null, 'previous')).toBeNull();
    expect(compareWords('vi', 'count', 5, 0, 'previous')).toBeNull();
  });

  it('warns when a rate rests on fewer than 10 cases', () => {
    expect(rateInWords('vi', 0.625, 8)).toBe('62,5% (chỉ tính trên 8 vụ, chưa đủ tin cậy)');
    expect(rateInWords('vi', 0.625, 80)).toBe('62,5%');
    expect(rateInWords('vi', null, 0)).toBe('—');
  });
});

describe('campaignFigure', () => {
  it('reads the province row, or pools the picked districts', () => {
    const province = campaignFigure(campaignStats, 'dan_van_kheo', 2024, [])!;
    const row = campaignStats.find((r) => r.campaign_id === 'dan_van_kheo' && r.unit_code === '51' && String(r.period_start).startsWith('2024'))!;
    expect(province.value).toBeCloseTo(Number(row.participants) / Number(row.target_population), 12);
    const two = campaignFigure(campaignStats, 'dan_van_kheo', 2024, ['524', '527'])!;
    const picked = campaignStats.filter((r) => r.campaign_id === 'dan_van_kheo' && String(r.period_start).startsWith('2024') && ['524', '527'].includes(String(r.unit_code)));
    expect(two.den).toBe(picked.reduce((a, r) => a + Number(r.target_population), 0));
    // Households for the campaign counted by household; nothing for a year not reported.
    expect(campaignFigure(campaignStats, 'ntm_dtvm', 2024, [])?.value).toBeGreaterThan(0.5);
    expect(campaignFigure(campaignStats, 'dan_van_kheo', 2019, [])).toBeNull();
  });
});
