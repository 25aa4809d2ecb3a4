/**
 * Mann–Kendall trend test, as pyMannKendall's `original_test` (mmhs013/pyMannKendall @ ec2e3ab):
 * S over all pairs, tie-corrected Var S, z = (S − sign S)/√Var S, two-sided p from the normal
 * distribution, tau = S / (n(n−1)/2) (tau-a), Sen's slope = median of pairwise slopes.
 *
 * Missing values (null, NaN, ±Infinity) — the same treatment as pyMannKendall:
 * - S, Var S, z, p and tau use the series with missing values dropped (`__missing_values_analysis`
 *   "skip"); `n` is the number of values left. S only depends on order, so dropping is exact.
 * - Sen's slope keeps the original positions: slopes (x_j − x_i)/(j − i) use the index distance in the
 *   series as given (a gap of one missing period counts as two steps), and pairs that involve a
 *   missing value are skipped (pyMannKendall's `sens_slope(x_old)` with `np.nanmedian`). A slope is a
 *   change per period, so a gap must not shorten the time axis.
 * pyMannKendall treats only NaN as missing; we also drop ±Infinity, which has no trend meaning.
 */

export interface MannKendallResult {
  /** Number of non-missing values used. */
  n: number;
  s: number;
  varS: number;
  z: number;
  /** Two-sided p-value. */
  p: number;
  tau: number;
  /** Sen's slope, per period (index step) of the series as given. */
  senSlope: number;
}

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * Complementary error function, accurate to ~1e-13 relative or better: below x = 2 the all-positive
 * series erf(x) = (2/√π)·e^(−x²)·Σ (2x²)^k·x/(2k+1)!! (no alternating cancellation), then 1 − erf;
 * from 2 on, Lentz's continued fraction, which keeps full relative accuracy in the tail. The tail
 * matters: Mann–Kendall p-values of 1e-9 must keep their significant digits.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27) return 0; // below the smallest double
  return erfcContinuedFraction(x);
}

function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x; // (2x²)^k·x/(2k+1)!!
  let sum = x;
  for (let k = 1; k < 500; k++) {
    term *= x2 / (2 * k + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

function erfcContinuedFraction(x: number): number {
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Two-sided p-value of a standard normal z: 2·(1 − Φ(|z|)), computed without cancellation. */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** Inverse of Φ by bisection on `normalCdf` (plenty fast for the few calls we make). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`Xác suất phải nằm trong [0, 1], nhận ${p} / Probability must be in [0, 1], got ${p}`);
  }
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function isPresent(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

function median(sorted: Float64Array): number {
  const m = sorted.length;
  const h = m >> 1;
  return m % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

/** Sen's slope over the original positions, skipping pairs with a missing value. */
export function senSlope(series: readonly (number | null)[]): number | null {
  const idx: number[] = [];
  for (let i = 0; i < series.length; i++) if (isPresent(series[i])) idx.push(i);
  const m = idx.length;
  if (m < 2) return null;
  const slopes = new Float64Array((m * (m - 1)) / 2);
  let k = 0;
  for (let a = 0; a < m - 1; a++) {
    const i = idx[a];
    const xi = series[i] as number;
    for (let b = a + 1; b < m; b++) {
      const j = idx[b];
      slopes[k++] = ((series[j] as number) - xi) / (j - i);
    }
  }
  slopes.sort();
  return median(slopes);
}

/** Mann–Kendall test; null when fewer than 3 non-missing values. */
export function mannKendall(series: readonly (number | null)[]): MannKendallResult | null {
  const x = series.filter(isPresent);
  const n = x.length;
  if (n < 3) return null;

  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i];
    for (let j = i + 1; j < n; j++) {
      const d = x[j] - xi;
      if (d > 0) s++;
      else if (d < 0) s--;
    }
  }

  // Ties are groups of exactly equal values, as np.unique sees them.
  const counts = new Map<number, number>();
  for (const v of x) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;

  // All values tied ⇒ S = 0 and Var S = 0: pyMannKendall reports z = 0, p = 1.
  const z = s === 0 || varS <= 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(varS);
  const p = twoSidedP(z);
  const tau = s / ((n * (n - 1)) / 2);
  const slope = senSlope(series) as number; // n ≥ 3 present values ⇒ at least one pair

  return { n, s, varS, z, p, tau, senSlope: slope };
}
