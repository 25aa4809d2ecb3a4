/**
 * Emerging hot spot categories of one unit, from its series of Gi* z-scores (oldest → newest), as
 * defined in ArcGIS Pro's "How Emerging Hot Spot Analysis works" (the pattern table), with the
 * Mann–Kendall trend of the z series (`mannKendall`, pyMannKendall's original test).
 *
 * The doc's definitions (hot side; cold mirrors hot with hot ↔ cold and increase ↔ decrease):
 * - New: significant hot spot for the final time step, never a significant hot spot before.
 * - Consecutive: a single uninterrupted run of at least two significant hot bins in the final
 *   time steps, never a significant hot spot before that run, and < 90% of all bins hot.
 * - Intensifying: hot for ≥ 90% of the time steps, including the final one; the intensity of
 *   clustering increases overall, significantly (Mann–Kendall z > 0 and p ≤ alpha).
 * - Persistent: hot for ≥ 90% of the time steps with no discernible trend (p > alpha).
 * - Diminishing: hot for ≥ 90% of the time steps, including the final one; the intensity
 *   decreases overall, significantly.
 * - Sporadic: hot for the final time step with an on-again, off-again history; < 90% of bins hot
 *   and no bin a significant cold spot.
 * - Oscillating: hot for the final time step, with a significant cold spot at a prior step;
 *   < 90% of bins hot.
 * - Historical: the most recent time step is not hot, but ≥ 90% of the bins have been hot.
 * - No pattern: none of the above.
 *
 * Choices the doc leaves open (ours):
 * 1. Significance of a bin: the doc says only "statistically significant". ArcGIS bins are banded
 *    at 90/95/99% and any non-zero band counts, so the default alpha is 0.10 (two-sided, |z| ≥ 1.645),
 *    the same thresholds as `giBand`; alpha 0.05 → 1.96 and 0.01 → 2.576 (the band thresholds, so a
 *    unit drawn as hot on the map is a hot bin here); any other alpha → Φ⁻¹(1 − alpha/2). We do not
 *    apply ArcGIS's FDR correction: the caller passes plain Gi* z-scores.
 * 2. The trend is significant when Mann–Kendall p ≤ alpha (the same alpha); "increasing" is z > 0.
 *    With fewer than 3 non-null z values there is no trend test: treated as "no discernible trend".
 * 3. Missing z (null/NaN: Gi* undefined for that period, e.g. no variation across units) counts as a
 *    time step that is neither hot nor cold — like a bin ArcGIS finds not significant — and stays in
 *    the bin count; the final time step is the last element even when it is null (then it is not
 *    hot, so a series ending in null can be neither new nor consecutive). Mann–Kendall drops nulls.
 *    A series with no non-null value, or shorter than 3 steps (no history to speak of), is
 *    `no_pattern`.
 * 4. "90 percent" means hotBins ≥ 0.9 · bins (integer arithmetic: 10·hot ≥ 9·bins).
 * 5. Order: first matching rule, in the doc's table order (new, consecutive, intensifying,
 *    persistent, diminishing, sporadic, oscillating, historical), all hot rules before all cold
 *    rules as the table lists them. Consequences: new and consecutive do not look at earlier cold
 *    bins (the doc does not either), so oscillating takes the final-hot, < 90% series with a cold
 *    past whose hot bins are not a single final run; and a series hot in ≥ 90% of steps that ends
 *    cold is historical_hot (not new_cold / oscillating_cold).
 * 6. Persistent also requires the final time step to be hot. Otherwise (first match in doc order)
 *    every ≥ 90%-hot series whose last step cooled without a significant trend would be
 *    "persistent", and "historical" (defined exactly by "the most recent step is not hot") could
 *    almost never occur. With this reading the ≥ 90% series split cleanly: final hot → intensifying /
 *    persistent / diminishing by trend; final not hot → historical.
 */

import { mannKendall, normalQuantile } from './mann-kendall.ts';

export type EmergingCategory =
  | 'new_hot'
  | 'consecutive_hot'
  | 'intensifying_hot'
  | 'persistent_hot'
  | 'diminishing_hot'
  | 'sporadic_hot'
  | 'oscillating_hot'
  | 'historical_hot'
  | 'new_cold'
  | 'consecutive_cold'
  | 'intensifying_cold'
  | 'persistent_cold'
  | 'diminishing_cold'
  | 'sporadic_cold'
  | 'oscillating_cold'
  | 'historical_cold'
  | 'no_pattern';

export interface EmergingResult {
  category: EmergingCategory;
  hotBins: number;
  coldBins: number;
  /** Number of time steps (series length, null steps included). */
  bins: number;
  mkZ: number | null;
  mkP: number | null;
}

export const EMERGING_LABELS: Record<EmergingCategory, { vi: string; en: string }> = {
  new_hot: { vi: 'Điểm nóng mới xuất hiện', en: 'New hot spot' },
  consecutive_hot: { vi: 'Điểm nóng liên tục trong các kỳ gần đây', en: 'Consecutive hot spot' },
  intensifying_hot: { vi: 'Điểm nóng đang gia tăng', en: 'Intensifying hot spot' },
  persistent_hot: { vi: 'Điểm nóng kéo dài', en: 'Persistent hot spot' },
  diminishing_hot: { vi: 'Điểm nóng đang giảm dần', en: 'Diminishing hot spot' },
  sporadic_hot: { vi: 'Điểm nóng lúc có lúc không', en: 'Sporadic hot spot' },
  oscillating_hot: { vi: 'Điểm nóng trở lại (trước đây từng là điểm lạnh)', en: 'Oscillating hot spot' },
  historical_hot: { vi: 'Từng là điểm nóng, nay đã hạ nhiệt', en: 'Historical hot spot' },
  new_cold: { vi: 'Điểm lạnh mới xuất hiện', en: 'New cold spot' },
  consecutive_cold: { vi: 'Điểm lạnh liên tục trong các kỳ gần đây', en: 'Consecutive cold spot' },
  intensifying_cold: { vi: 'Điểm lạnh ngày càng rõ', en: 'Intensifying cold spot' },
  persistent_cold: { vi: 'Điểm lạnh kéo dài', en: 'Persistent cold spot' },
  diminishing_cold: { vi: 'Điểm lạnh đang mờ dần', en: 'Diminishing cold spot' },
  sporadic_cold: { vi: 'Điểm lạnh lúc có lúc không', en: 'Sporadic cold spot' },
  oscillating_cold: { vi: 'Điểm lạnh (trước đây từng là điểm nóng)', en: 'Oscillating cold spot' },
  historical_cold: { vi: 'Từng là điểm lạnh, nay không còn', en: 'Historical cold spot' },
  no_pattern: { vi: 'Không có xu hướng rõ rệt', en: 'No pattern detected' },
};

const BAND_Z: ReadonlyMap<number, number> = new Map([
  [0.1, 1.645],
  [0.05, 1.96],
  [0.01, 2.576],
]);

function criticalZ(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`Mức ý nghĩa phải trong (0, 1), nhận ${alpha} / alpha must be in (0, 1), got ${alpha}`);
  }
  return BAND_Z.get(alpha) ?? normalQuantile(1 - alpha / 2);
}

type Side = 'hot' | 'cold';
type Sig = Side | 'none';

/** The doc's rules for one side, in table order; `trend` is the direction of the z series. */
function classifySide(
  sig: readonly Sig[],
  side: Side,
  trend: 'up' | 'down' | 'none',
): 'new' | 'consecutive' | 'intensifying' | 'persistent' | 'diminishing' | 'sporadic' | 'oscillating' | 'historical' | null {
  const other: Side = side === 'hot' ? 'cold' : 'hot';
  const n = sig.length;
  const count = sig.filter((s) => s === side).length;
  const mostly = 10 * count >= 9 * n;
  const finalIs = sig[n - 1] === side;

  if (finalIs) {
    if (count === 1) return 'new';
    let run = 0;
    while (run < n && sig[n - 1 - run] === side) run++;
    if (run >= 2 && run === count && !mostly) return 'consecutive';
    if (mostly) {
      // For a cold spot, intensifying means z falling (colder), as in the doc's cold definitions.
      const intensifying = side === 'hot' ? trend === 'up' : trend === 'down';
      const diminishing = side === 'hot' ? trend === 'down' : trend === 'up';
      if (intensifying) return 'intensifying';
      if (trend === 'none') return 'persistent';
      if (diminishing) return 'diminishing';
    }
    const everOther = sig.some((s) => s === other);
    if (!mostly && !everOther) return 'sporadic';
    if (!mostly && everOther) return 'oscillating';
    return null;
  }
  if (mostly) return 'historical';
  return null;
}

export function classifyEmerging(
  z: readonly (number | null)[],
  opts?: { alpha?: number },
): EmergingResult {
  const alpha = opts?.alpha ?? 0.1;
  const zc = criticalZ(alpha);
  const sig: Sig[] = z.map((v) => {
    if (v === null || Number.isNaN(v)) return 'none';
    if (v >= zc) return 'hot';
    if (v <= -zc) return 'cold';
    return 'none';
  });
  const hotBins = sig.filter((s) => s === 'hot').length;
  const coldBins = sig.filter((s) => s === 'cold').length;
  const bins = z.length;

  const mk = mannKendall(z);
  const mkZ = mk ? mk.z : null;
  const mkP = mk ? mk.p : null;
  const base = { hotBins, coldBins, bins, mkZ, mkP };

  const present = z.some((v) => v !== null && !Number.isNaN(v));
  if (bins < 3 || !present) return { category: 'no_pattern', ...base };

  const trend: 'up' | 'down' | 'none' =
    mk && mk.p <= alpha && mk.z !== 0 ? (mk.z > 0 ? 'up' : 'down') : 'none';

  const hot = classifySide(sig, 'hot', trend);
  if (hot) return { category: `${hot}_hot`, ...base };
  const cold = classifySide(sig, 'cold', trend);
  if (cold) return { category: `${cold}_cold`, ...base };
  return { category: 'no_pattern', ...base };
}
