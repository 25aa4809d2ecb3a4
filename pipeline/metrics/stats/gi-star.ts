/**
 * Getis-Ord local statistics as z-scores (Ord & Getis 1995; the form ArcGIS "Hot Spot Analysis" and
 * pysal/esda `G_Local` report).
 *
 * Gi* (default, `includeSelf: true`): binary weights, the unit itself included with weight 1; mean x̄
 * and population standard deviation s over all n values:
 *   z_i = (Σ_j w_ij x_j − x̄ W_i) / (s · √((n S1_i − W_i²)/(n − 1))),  W_i = Σ_j w_ij, S1_i = Σ_j w_ij².
 * Gi (`includeSelf: false`): the unit is left out of its own neighbourhood and out of the reference
 * distribution: mean and population s over the n − 1 other values, n − 1 in place of n.
 * Multiplying a row of weights by a constant leaves z unchanged (numerator and denominator scale
 * alike), so binary and row-standardised weights give the same Gi*.
 *
 * null instead of NaN, for a unit whose z is undefined:
 * - n < 3 (every entry);
 * - the values have zero variance (every entry for Gi*; for Gi, the units whose n − 1 other values
 *   are all equal);
 * - n·S1 − W² = 0: the neighbourhood is the whole map (its sum is the grand total, nothing to test),
 *   or, for Gi, a unit without neighbours.
 * "Zero" is judged with a relative tolerance, because the mean of equal decimals is not always
 * exactly that decimal in floating point.
 */

export type GiBand = 'hot_99' | 'hot_95' | 'hot_90' | 'none' | 'cold_90' | 'cold_95' | 'cold_99';

/** One weighted link of a unit's neighbourhood. */
export interface WeightedLink {
  readonly index: number;
  readonly weight: number;
}

const REL_TOL = 1e-12;

function checkLength(n: number, rows: number): void {
  if (rows !== n) {
    throw new RangeError(
      `Danh sách láng giềng có ${rows} dòng nhưng có ${n} giá trị / neighbour list has ${rows} rows for ${n} values`,
    );
  }
}

function checkValues(values: readonly number[]): void {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      throw new RangeError(`Giá trị thứ ${i} không phải là số hợp lệ (${v}) / value ${i} is not a finite number (${v})`);
    }
  });
}

function checkIndex(j: number, n: number, i: number): void {
  if (!Number.isInteger(j) || j < 0 || j >= n) {
    throw new RangeError(
      `Đơn vị ${i} có láng giềng không hợp lệ: ${j} (phải từ 0 đến ${n - 1}) / unit ${i} has an invalid neighbour ${j} (must be 0…${n - 1})`,
    );
  }
}

/**
 * General weights. `star`: rows are used as given (put the unit itself in its row for Gi*) and the
 * reference distribution is all n values. Not star: the reference distribution of unit i excludes i,
 * and a link to i itself is an error.
 */
export function getisOrdWeighted(
  values: readonly number[],
  rows: readonly (readonly WeightedLink[])[],
  star: boolean,
): (number | null)[] {
  const n = values.length;
  checkLength(n, rows.length);
  checkValues(values);
  if (n < 3) return values.map(() => null);

  let sum = 0;
  let maxAbs = 0;
  for (const v of values) {
    sum += v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = sum / n;
  let ss = 0; // two-pass sum of squares: no cancellation
  for (const v of values) ss += (v - mean) * (v - mean);

  return rows.map((row, i) => {
    let wSum = 0;
    let w2Sum = 0;
    let wx = 0;
    for (const { index: j, weight: w } of row) {
      checkIndex(j, n, i);
      if (!Number.isFinite(w) || w < 0) {
        throw new RangeError(`Trọng số không hợp lệ ở đơn vị ${i}: ${w} / invalid weight at unit ${i}: ${w}`);
      }
      if (!star && j === i) {
        throw new RangeError(`Gi (không gồm chính đơn vị) nhưng đơn vị ${i} tự liên kết / Gi excludes self, yet unit ${i} links to itself`);
      }
      wSum += w;
      w2Sum += w * w;
      wx += w * values[j];
    }

    let m: number; // size of the reference distribution
    let mu: number;
    let variance: number;
    if (star) {
      m = n;
      mu = mean;
      variance = ss / n;
    } else {
      m = n - 1;
      mu = (sum - values[i]) / m;
      // Σ_{j≠i}(x_j − μ_i)² = SS + n(x̄ − μ_i)² − (x_i − μ_i)²
      const ssi = ss + n * (mean - mu) ** 2 - (values[i] - mu) ** 2;
      variance = Math.max(0, ssi) / m;
    }
    const sd = Math.sqrt(variance);
    if (sd <= REL_TOL * maxAbs || sd === 0) return null;

    const spread = m * w2Sum - wSum * wSum;
    if (spread <= REL_TOL * m * w2Sum) return null;

    return (wx - mu * wSum) / (sd * Math.sqrt(spread / (m - 1)));
  });
}

/**
 * Gi* z-scores (Gi with `includeSelf: false`) over binary neighbour lists (0-based indices; a unit
 * listed as its own neighbour, or a neighbour listed twice, counts once).
 */
export function giStar(
  values: readonly number[],
  neighbours: readonly (readonly number[])[],
  opts?: { includeSelf?: boolean },
): (number | null)[] {
  const includeSelf = opts?.includeSelf ?? true;
  checkLength(values.length, neighbours.length);
  const rows = neighbours.map((list, i) => {
    const set = new Set<number>();
    for (const j of list) {
      checkIndex(j, values.length, i);
      if (j !== i) set.add(j);
    }
    if (includeSelf) set.add(i);
    return [...set].map((index) => ({ index, weight: 1 }));
  });
  return getisOrdWeighted(values, rows, includeSelf);
}

/** Two-sided confidence band of a Gi* z-score: 90% / 95% / 99% at 1.645 / 1.96 / 2.576. */
export function giBand(z: number | null): GiBand {
  if (z === null || Number.isNaN(z)) return 'none';
  if (z >= 2.576) return 'hot_99';
  if (z >= 1.96) return 'hot_95';
  if (z >= 1.645) return 'hot_90';
  if (z <= -2.576) return 'cold_99';
  if (z <= -1.96) return 'cold_95';
  if (z <= -1.645) return 'cold_90';
  return 'none';
}
