import { describe, expect, it } from 'vitest';
import { getisOrdWeighted, giBand, giStar } from '../../pipeline/metrics/stats/gi-star.ts';

// pysal/esda test_getisord (fixtures README): six points, binary neighbours within distance 15.
const Y = [2, 3, 3.2, 5, 8, 7];
const NB = [[1, 3], [0, 3, 4], [4], [0, 1, 4], [1, 2, 3, 5], [4]];
const GI_STAR = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
const GI = [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941];

function expectClose(actual: (number | null)[], expected: number[], tol = 1e-6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    expect(a).not.toBeNull();
    expect(Math.abs((a as number) - expected[i])).toBeLessThan(tol);
  });
}

describe('giStar', () => {
  it('reproduces esda Gi* z-scores (self included, weight 1)', () => {
    expectClose(giStar(Y, NB), GI_STAR);
  });

  it('reproduces esda Gi z-scores with includeSelf: false', () => {
    expectClose(giStar(Y, NB, { includeSelf: false }), GI);
  });

  it('ignores a unit listed as its own neighbour and duplicate neighbours', () => {
    const messy = NB.map((row, i) => [...row, i, ...row]);
    expectClose(giStar(Y, messy), giStar(Y, NB) as number[], 1e-12);
    expectClose(giStar(Y, messy, { includeSelf: false }), giStar(Y, NB, { includeSelf: false }) as number[], 1e-12);
  });

  it('is unchanged when a row of weights is scaled (binary vs row-standardised vs arbitrary)', () => {
    const binary = NB.map((row, i) => [...row, i].map((index) => ({ index, weight: 1 })));
    const rowStd = binary.map((row) => row.map((l) => ({ index: l.index, weight: 1 / row.length })));
    const scales = [3.7, 0.25, 12, 1, 0.001, 5];
    const scaled = binary.map((row, i) => row.map((l) => ({ index: l.index, weight: scales[i] })));
    const base = getisOrdWeighted(Y, binary, true);
    expectClose(base, GI_STAR);
    expectClose(getisOrdWeighted(Y, rowStd, true), base as number[], 1e-12);
    expectClose(getisOrdWeighted(Y, scaled, true), base as number[], 1e-12);
  });

  it('changes when weights inside a row are changed unevenly (the check above can fail)', () => {
    const rows = NB.map((row, i) => [...row, i].map((index) => ({ index, weight: index === i ? 2 : 1 })));
    const z = getisOrdWeighted(Y, rows, true);
    expect(Math.abs((z[0] as number) - GI_STAR[0])).toBeGreaterThan(1e-3);
  });

  it('returns null entries, never NaN, for zero variance', () => {
    expect(giStar([5, 5, 5, 5], [[1], [0, 2], [1, 3], [2]])).toEqual([null, null, null, null]);
    // 0.1 + 0.1 + 0.1 is not 0.3 in floating point: the mean is not exactly 0.1, still zero variance.
    expect(giStar([0.1, 0.1, 0.1], [[1], [0, 2], [1]])).toEqual([null, null, null]);
    expect(giStar([0, 0, 0, 0, 0], [[1], [0], [3], [2, 4], [3]], { includeSelf: false })).toEqual([
      null, null, null, null, null,
    ]);
  });

  it('returns null entries for n < 3 and for undefined units only', () => {
    expect(giStar([1, 2], [[1], [0]])).toEqual([null, null]);
    expect(giStar([], [])).toEqual([]);
    // Gi: unit 2 has no neighbours (W = 0) → null; the others are defined.
    const gi = giStar([1, 4, 2, 8], [[1], [0, 3], [], [1]], { includeSelf: false });
    expect(gi[2]).toBeNull();
    expect(gi.filter((v) => v === null)).toHaveLength(1);
    // Gi*: a unit whose neighbourhood is the whole map has nothing to test.
    const star = giStar([1, 4, 2, 8], [[1, 2, 3], [0], [0], [0]]);
    expect(star[0]).toBeNull();
    expect(star.slice(1).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    // Gi: unit 0's three neighbours are all equal (leave-one-out variance 0).
    const loo = giStar([9, 3, 3, 3], [[1, 2], [0, 2], [1, 3], [2]], { includeSelf: false });
    expect(loo[0]).toBeNull();
    expect(loo[1]).not.toBeNull();
  });

  it('gives an isolated unit its standardised value under Gi*', () => {
    const z = giStar(Y, [[1, 3], [0, 3, 4], [], [0, 1, 4], [1, 3, 5], [4]]);
    const mean = Y.reduce((a, b) => a + b, 0) / Y.length;
    const sd = Math.sqrt(Y.reduce((a, b) => a + (b - mean) ** 2, 0) / Y.length);
    expect(z[2]).toBeCloseTo((Y[2] - mean) / sd, 12);
  });

  it('rejects bad input with a bilingual message', () => {
    expect(() => giStar([1, 2, 3], [[1], [0]])).toThrow(/láng giềng.*\/ neighbour list/);
    expect(() => giStar([1, 2, 3], [[7], [0], [1]])).toThrow(/không hợp lệ.*invalid neighbour 7/);
    expect(() => giStar([1, Number.NaN, 3], [[1], [0], [1]])).toThrow(/not a finite number/);
  });
});

describe('giBand', () => {
  it('uses the 1.645 / 1.96 / 2.576 thresholds, inclusive', () => {
    expect(giBand(2.576)).toBe('hot_99');
    expect(giBand(2.5759)).toBe('hot_95');
    expect(giBand(1.96)).toBe('hot_95');
    expect(giBand(1.9599)).toBe('hot_90');
    expect(giBand(1.645)).toBe('hot_90');
    expect(giBand(1.6449)).toBe('none');
    expect(giBand(0)).toBe('none');
    expect(giBand(-1.645)).toBe('cold_90');
    expect(giBand(-1.96)).toBe('cold_95');
    expect(giBand(-3)).toBe('cold_99');
    expect(giBand(null)).toBe('none');
    expect(giBand(Number.NaN)).toBe('none');
  });

  it('bands the esda example', () => {
    expect(giStar(Y, NB).map(giBand)).toEqual(['none', 'none', 'none', 'none', 'none', 'hot_95']);
  });
});
