import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  erfc,
  mannKendall,
  normalCdf,
  normalQuantile,
  twoSidedP,
} from '../../pipeline/metrics/stats/mann-kendall.ts';

const DIR = path.resolve(process.cwd(), '../shared/fixtures/stats/mann-kendall');

/** Last column of a CSV with a header; a blank cell is a missing value (null). */
function readSeries(file: string): (number | null)[] {
  const lines = fs.readFileSync(path.join(DIR, file), 'utf8').split(/\r?\n/).slice(1);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => {
    const cell = line.slice(line.lastIndexOf(',') + 1).trim();
    return cell === '' ? null : Number(cell);
  });
}

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

describe('normal distribution', () => {
  it('erfc and Φ match high-precision values', () => {
    relClose(erfc(1), 0.157299207050285130658778364, 1e-14);
    relClose(erfc(3), 2.20904969985854413727761295e-5, 1e-13);
    relClose(erfc(5), 1.53745979442803485018834348e-12, 1e-13);
    relClose(erfc(10), 2.08848758376254475700078629e-45, 1e-12);
    relClose(erfc(-1), 1.842700792949714869341220636, 1e-15);
    relClose(normalCdf(1.96), 0.975002104851780, 1e-14);
    expect(normalCdf(0)).toBe(0.5);
    relClose(normalQuantile(0.975), 1.959963984540054, 1e-12);
    relClose(normalQuantile(0.95), 1.6448536269514722, 1e-12);
    relClose(twoSidedP(-2.5758293035489004), 0.01, 1e-10);
  });

  it('is continuous where the method switches (x = 2)', () => {
    // Across 2e-9 the drop must equal the slope 2/√π·exp(−x²) times the step: no jump between methods.
    const drop = erfc(2 - 1e-9) - erfc(2 + 1e-9);
    relClose(drop, 2e-9 * (2 / Math.sqrt(Math.PI)) * Math.exp(-4), 1e-4);
    relClose(erfc(1.95), 0.0058206664078108812, 1e-12); // mpmath: 0.00582066640781088122316…
  });
});

describe('mannKendall on the pyMannKendall reference series', () => {
  it('shampoo.csv', () => {
    const r = mannKendall(readSeries('shampoo.csv'));
    expect(r).not.toBeNull();
    const res = r!;
    expect(res.n).toBe(36);
    expect(res.s).toBe(440);
    expect(res.varS).toBe(5390);
    relClose(res.z, 5.979572523983071, 1e-12);
    // pyMannKendall computes 2·(1 − Φ(z)), which loses ~7 digits to cancellation this far in the
    // tail; the exact value (mpmath, 40 digits) is 2.2372394043402257e-9, 4.5e-8 relative from theirs.
    relClose(res.p, 2.237239504765398e-9, 1e-6);
    relClose(res.p, 2.2372394043402257e-9, 1e-12);
    relClose(res.tau, 0.6984126984126984, 1e-14);
    relClose(res.senSlope, 11.509375, 1e-12);
  });

  it('daily-total-female-births.csv', () => {
    const res = mannKendall(readSeries('daily-total-female-births.csv'))!;
    expect(res.n).toBe(365);
    expect(res.s).toBe(12336);
    expect(res.varS).toBe(5412244);
    relClose(res.z, 5.302131199455321, 1e-12);
    relClose(res.p, twoSidedP(5.302131199455321), 1e-12);
    relClose(res.p, 1.1445853188709597e-7, 1e-12); // exact (mpmath)
    relClose(res.tau, 0.18569923227457474, 1e-14);
    relClose(res.senSlope, 0.019230769230769232, 1e-12);
  });

  it('pymk_arbitrary_1d_data.csv: blanks dropped for S/Var S/tau, original positions kept for Sen', () => {
    const series = readSeries('pymk_arbitrary_1d_data.csv');
    expect(series).toHaveLength(360);
    const missing = series.filter((v) => v === null).length;
    expect(missing).toBe(7);
    const res = mannKendall(series)!;

    // Independent brute force on the filtered series.
    const kept = series.map((v, i) => ({ v, i })).filter((e): e is { v: number; i: number } => e.v !== null);
    const n = kept.length;
    let s = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) s += Math.sign(kept[b].v - kept[a].v);
    const sortedVals = kept.map((e) => e.v).sort((a, b) => a - b);
    let ties = 0;
    for (let a = 0; a < n; ) {
      let b = a;
      while (b < n && sortedVals[b] === sortedVals[a]) b++;
      const t = b - a;
      ties += t * (t - 1) * (2 * t + 5);
      a = b;
    }
    const varS = (n * (n - 1) * (2 * n + 5) - ties) / 18;
    const z = (s - Math.sign(s)) / Math.sqrt(varS);
    const slopesAt = (pos: (k: number) => number): number => {
      const sl: number[] = [];
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) sl.push((kept[b].v - kept[a].v) / (pos(b) - pos(a)));
      }
      sl.sort((x, y) => x - y);
      const h = sl.length / 2;
      return sl.length % 2 ? sl[Math.floor(h)] : (sl[h - 1] + sl[h]) / 2;
    };
    const senOriginal = slopesAt((k) => kept[k].i);
    const senAfterDrop = slopesAt((k) => k);

    expect(res.n).toBe(360 - missing);
    expect(res.s).toBe(s);
    expect(res.varS).toBeCloseTo(varS, 6);
    relClose(res.z, z, 1e-12);
    relClose(res.tau, s / ((n * (n - 1)) / 2), 1e-14);
    relClose(res.senSlope, senOriginal, 1e-12);
    // The choice matters: slopes over positions after dropping would give another number.
    expect(Math.abs(senAfterDrop - senOriginal)).toBeGreaterThan(1e-5);

    // pyMannKendall's own test asserts these for this series (tests/test_pymannkendall.py).
    expect(res.s).toBe(-1959);
    relClose(res.varS, 4889800.333333333, 1e-14);
    relClose(res.z, -0.8854562842589916, 1e-12);
    relClose(res.p, 0.37591058740506833, 1e-12);
    relClose(res.tau, -0.03153167653875869, 1e-13);
    relClose(res.senSlope, -0.006369426751592357, 1e-12);
  });
});

describe('mannKendall edge cases', () => {
  it('null when fewer than 3 values remain', () => {
    expect(mannKendall([])).toBeNull();
    expect(mannKendall([1, 2])).toBeNull();
    expect(mannKendall([1, null, Number.NaN, 2])).toBeNull();
  });

  it('treats null and NaN alike as missing', () => {
    const a = mannKendall([1, null, 3, 2, 5])!;
    const b = mannKendall([1, Number.NaN, 3, 2, 5])!;
    expect(a).toEqual(b);
    expect(a.n).toBe(4);
  });

  it('a constant series: S = 0, Var S = 0, z = 0, p = 1, slope 0 (as pyMannKendall)', () => {
    const r = mannKendall([4, 4, 4, 4, 4])!;
    expect(r).toMatchObject({ n: 5, s: 0, varS: 0, z: 0, p: 1, tau: 0, senSlope: 0 });
  });

  it('a strictly decreasing series', () => {
    const r = mannKendall([10, 8, 7, 3, 1])!;
    expect(r.s).toBe(-10);
    expect(r.varS).toBe((5 * 4 * 15) / 18);
    expect(r.z).toBeCloseTo(-9 / Math.sqrt(50 / 3), 12);
    expect(r.tau).toBe(-1);
    // slopes −2 −1.5 −7/3 −2.25 −1 −2.5 −7/3 −4 −3 −2 → middle two −7/3 and −2.25
    expect(r.senSlope).toBeCloseTo((-7 / 3 - 2.25) / 2, 14);
  });
});
