import { describe, expect, it } from 'vitest';
import {
  EMERGING_LABELS,
  classifyEmerging,
  type EmergingCategory,
} from '../../pipeline/metrics/stats/emerging-hotspot.ts';
import { giBand } from '../../pipeline/metrics/stats/gi-star.ts';
import { mannKendall } from '../../pipeline/metrics/stats/mann-kendall.ts';

// One series per hot category, built so the ArcGIS definition clearly applies (default alpha 0.10:
// a bin is hot at z ≥ 1.645, cold at z ≤ −1.645). Cold series are the negations.
const HOT_CASES: [EmergingCategory, number[], string][] = [
  ['new_hot', [0, 0.5, -0.3, 0.2, 0.1, 0, 0.4, 2.0], 'only the final bin is hot'],
  ['consecutive_hot', [0.1, -0.2, 0.3, 0, 0.2, 0.1, 2.1, 2.5], 'a final run of 2 hot bins, none before, 25% hot'],
  ['intensifying_hot', [1.7, 1.8, 2.0, 2.1, 2.3, 2.4, 2.6, 2.8, 3.0, 3.2], 'all hot, significant upward trend'],
  ['persistent_hot', [2.0, 2.5, 1.9, 2.6, 2.1, 2.4, 2.0, 2.5, 2.2, 2.3], 'all hot, no trend'],
  ['diminishing_hot', [3.2, 3.0, 2.8, 2.6, 2.4, 2.3, 2.1, 2.0, 1.8, 1.7], 'all hot, significant downward trend'],
  ['sporadic_hot', [2.0, 0.1, 0.3, 2.2, 0.0, -0.5, 1.9, 0.2, 0.1, 2.0], 'final hot, on and off, 40%, never cold'],
  ['oscillating_hot', [-2.0, 0.1, 2.0, 0.3, -1.8, 0.2, 2.1, 0.5, 0.1, 2.3], 'final hot, cold in the past, 30% hot'],
  ['historical_hot', [2.0, 2.2, 2.5, 2.1, 2.4, 2.3, 2.0, 2.2, 2.1, 0.5], '90% hot, the final bin not hot'],
];

describe('classifyEmerging: one series per category', () => {
  for (const [category, series, why] of HOT_CASES) {
    it(`${category}: ${why}`, () => {
      expect(classifyEmerging(series).category).toBe(category);
    });
    const cold = category.replace('_hot', '_cold') as EmergingCategory;
    it(`${cold}: the mirror of ${category}`, () => {
      expect(classifyEmerging(series.map((z) => -z)).category).toBe(cold);
    });
  }

  it('no_pattern: nothing significant', () => {
    expect(classifyEmerging([0.1, -0.3, 0.5, 1.0, -1.2, 0.4]).category).toBe('no_pattern');
  });

  it('no_pattern: hot in the past, final not hot, under 90%', () => {
    expect(classifyEmerging([2, 2, 2, 0]).category).toBe('no_pattern');
  });

  it('the trend used is Mann–Kendall on the z series', () => {
    const series = HOT_CASES[2][1];
    const r = classifyEmerging(series);
    const mk = mannKendall(series)!;
    expect(r.mkZ).toBe(mk.z);
    expect(r.mkP).toBe(mk.p);
    expect(r.mkP).toBeLessThan(0.1);
    expect(classifyEmerging(HOT_CASES[3][1]).mkP).toBeGreaterThan(0.1);
  });

  it('reports the bin counts', () => {
    expect(classifyEmerging(HOT_CASES[6][1])).toMatchObject({ hotBins: 3, coldBins: 2, bins: 10 });
  });
});

describe('classifyEmerging: thresholds and documented choices', () => {
  it('default alpha 0.10: a bin is hot at the same 1.645 threshold as giBand', () => {
    expect(giBand(1.645)).toBe('hot_90');
    expect(classifyEmerging([0, 0, 0, 1.645]).category).toBe('new_hot');
    expect(classifyEmerging([0, 0, 0, 1.6449]).category).toBe('no_pattern');
  });

  it('alpha 0.05 raises the bar to 1.96, alpha 0.01 to 2.576', () => {
    expect(classifyEmerging([0, 0, 0, 1.8], { alpha: 0.05 }).category).toBe('no_pattern');
    expect(classifyEmerging([0, 0, 0, 1.96], { alpha: 0.05 }).category).toBe('new_hot');
    expect(classifyEmerging([0, 0, 0, 2.5], { alpha: 0.01 }).category).toBe('no_pattern');
    expect(classifyEmerging([0, 0, 0, 2.576], { alpha: 0.01 }).category).toBe('new_hot');
    expect(() => classifyEmerging([0, 0, 3], { alpha: 1.5 })).toThrow(/alpha must be in/);
  });

  it('"90 percent" is inclusive: 18 of 20 hot is persistent, 17 of 20 is sporadic', () => {
    const base = [2.1, 2.4, 2.2, 2.6, 2.0, 2.3, 2.5, 2.1, 2.2, 2.4, 2.3, 2.0, 2.6, 2.2, 2.1, 2.5, 2.3, 2.2, 2.4, 2.3];
    const s18 = [...base];
    s18[4] = 0.2;
    s18[11] = 0.1;
    expect(mannKendall(s18)!.p).toBeGreaterThan(0.1);
    expect(classifyEmerging(s18).category).toBe('persistent_hot');
    const s17 = [...s18];
    s17[8] = 0.3;
    expect(classifyEmerging(s17).category).toBe('sporadic_hot');
  });

  it('a null bin is a step that is neither hot nor cold; the final step is the last element', () => {
    // Hot run ending before a null final step: not new, not consecutive.
    const r = classifyEmerging([0, 0, 0, 2.2, 2.4, null]);
    expect(r).toMatchObject({ category: 'no_pattern', hotBins: 2, bins: 6 });
    // Nulls in the middle do not break the final run and count in the 90% denominator.
    expect(classifyEmerging([0, null, 0, 0, 2.2, 2.4]).category).toBe('consecutive_hot');
    // Mann–Kendall ignores the nulls.
    const withNull = classifyEmerging([1.7, 1.8, null, 2.0, 2.1, 2.3, 2.4, 2.6, 2.8, 3.0, 3.2]);
    expect(withNull.mkZ).toBe(mannKendall([1.7, 1.8, 2.0, 2.1, 2.3, 2.4, 2.6, 2.8, 3.0, 3.2])!.z);
    expect(withNull.category).toBe('intensifying_hot'); // 10 of 11 hot ≥ 90%, final hot, trend up
  });

  it('a ≥ 90% hot series that cooled at the last step is historical even without a trend', () => {
    const r = classifyEmerging(HOT_CASES[7][1]);
    expect(r.mkP).toBeGreaterThan(0.1);
    expect(r.category).toBe('historical_hot');
  });

  it('doc table order: a cold past does not stop new / consecutive hot', () => {
    expect(classifyEmerging([-2, -2.1, 0, 0, 2.0]).category).toBe('new_hot');
    expect(classifyEmerging([-2, 0, 0, 0, 2.0, 2.1]).category).toBe('consecutive_hot');
  });

  it('hot rules come before cold rules: ≥ 90% hot ending cold is historical_hot', () => {
    const s = [2.0, 2.2, 2.5, 2.1, 2.4, 2.3, 2.0, 2.2, 2.1, -2.0];
    expect(classifyEmerging(s).category).toBe('historical_hot');
  });
});

describe('classifyEmerging: edge cases', () => {
  it('all null', () => {
    expect(classifyEmerging([null, null, null, null])).toEqual({
      category: 'no_pattern',
      hotBins: 0,
      coldBins: 0,
      bins: 4,
      mkZ: null,
      mkP: null,
    });
  });

  it('too short: empty, one or two steps', () => {
    expect(classifyEmerging([]).category).toBe('no_pattern');
    expect(classifyEmerging([3]).category).toBe('no_pattern');
    expect(classifyEmerging([2.5, 2.6])).toMatchObject({ category: 'no_pattern', hotBins: 2, mkZ: null });
  });

  it('three steps are enough for "new"', () => {
    expect(classifyEmerging([0, 0.3, 2.0]).category).toBe('new_hot');
  });

  it('NaN is treated as a missing bin', () => {
    expect(classifyEmerging([0, Number.NaN, 0, 2.0]).category).toBe('new_hot');
  });
});

describe('EMERGING_LABELS', () => {
  it('has a Vietnamese and an English label for every category', () => {
    const cats: EmergingCategory[] = [
      ...HOT_CASES.map(([c]) => c),
      ...HOT_CASES.map(([c]) => c.replace('_hot', '_cold') as EmergingCategory),
      'no_pattern',
    ];
    expect(Object.keys(EMERGING_LABELS).sort()).toEqual([...cats].sort());
    for (const c of cats) {
      expect(EMERGING_LABELS[c].vi.length).toBeGreaterThan(5);
      expect(EMERGING_LABELS[c].en.length).toBeGreaterThan(5);
    }
    expect(EMERGING_LABELS.new_hot.vi).toBe('Điểm nóng mới xuất hiện');
    expect(new Set(Object.values(EMERGING_LABELS).map((l) => l.vi)).size).toBe(17);
  });
});
