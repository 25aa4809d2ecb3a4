/**
 * Kaplan–Meier product-limit estimator, matching R's `survival::survfit` defaults.
 *
 * - Ties: at a time t, events happen before censorings; a unit censored at t is still at risk at t.
 * - Points: one per distinct observed time, as in the survfit object (not `summary()`, which
 *   lists event times only). Censor-only times are kept with `events: 0` (S unchanged) so a caller can
 *   draw the step curve with its censor marks and read the number at risk at any time; filter
 *   `events > 0` for R's `summary()` table.
 * - `se`: Greenwood standard error of S, se = S·√Σ d/(n(n−d)) (R's `summary(fit)$std.err`).
 * - CI: R's default `conf.type = "log"`: exp(log S ± z·σ) = S·exp(±z·σ) with σ = √Σ d/(n(n−d)), the
 *   standard error of the cumulative hazard (σ = se/S), z = qnorm(0.975) = 1.959963984540054;
 *   clipped to [0, 1]. Before the first event: S = 1, se = 0, CI [1, 1] (as R).
 * - Once S reaches 0 (everyone at risk had the event), σ is infinite; R reports NA for the CI. We
 *   keep numbers: se = 0 and CI [0, 0] from that time on.
 * - Median: R's rule (survival `quantile.survfit`/`findq`, tolerance √machine-eps): the first time
 *   with S ≤ 0.5; if S equals 0.5 (within tolerance) over an interval, the midpoint between the time
 *   it reached 0.5 and the time of the next drop; if it stays at 0.5 to the end of the curve, the
 *   midpoint between that time and the last observed time (censored or not). null when S never
 *   reaches 0.5. We follow R because R is the reference for the other numbers here; Python's
 *   lifelines reports the start of such an interval instead (see the g3 test).
 */

export interface KaplanMeierPoint {
  time: number;
  /** Number at risk just before `time`. */
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  se: number;
  ciLow: number;
  ciHigh: number;
}

export interface KaplanMeierResult {
  points: KaplanMeierPoint[];
  median: number | null;
}

const Z_975 = 1.959963984540054;
const R_TOLERANCE = Math.sqrt(2.220446049250313e-16);

export function kaplanMeier(times: readonly number[], events: readonly boolean[]): KaplanMeierResult {
  if (times.length !== events.length) {
    throw new RangeError(
      `Số thời gian (${times.length}) khác số trạng thái sự kiện (${events.length}) / ${times.length} times but ${events.length} event flags`,
    );
  }
  times.forEach((t, i) => {
    if (!Number.isFinite(t)) {
      throw new RangeError(`Thời gian thứ ${i} không hợp lệ (${t}) / time ${i} is not a finite number (${t})`);
    }
  });

  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);
  const counts: TimeCount[] = [];
  for (const i of order) {
    const last = counts[counts.length - 1];
    const row = last && last.time === times[i] ? last : (counts.push({ time: times[i], events: 0, censored: 0 }), counts[counts.length - 1]);
    if (events[i]) row.events++;
    else row.censored++;
  }
  return kaplanMeierCounts(counts);
}

/** Events and censorings observed at one time; the form aggregated SQL hands over. */
export interface TimeCount {
  time: number;
  events: number;
  censored: number;
}

/** The same estimator over counts per distinct time (sorted or not), so callers need not expand them. */
export function kaplanMeierCounts(input: readonly TimeCount[]): KaplanMeierResult {
  // Several rows for one time are one step: merge them (events before censorings, as everywhere here).
  const byTime = new Map<number, TimeCount>();
  for (const r of input) {
    const m = byTime.get(r.time);
    if (m) { m.events += r.events; m.censored += r.censored; } else byTime.set(r.time, { ...r });
  }
  const rows = [...byTime.values()].sort((a, b) => a.time - b.time);
  const points: KaplanMeierPoint[] = [];
  let atRisk = rows.reduce((n, r) => n + r.events + r.censored, 0);
  let survival = 1;
  let cumHazardVar = 0; // Σ d/(n(n−d))
  let reachedZero = false;

  for (const { time, events: d, censored: c } of rows) {
    if (d + c === 0) continue;
    if (d > 0) {
      if (d === atRisk) {
        survival = 0;
        reachedZero = true;
      } else {
        survival *= 1 - d / atRisk;
        cumHazardVar += d / (atRisk * (atRisk - d));
      }
    }
    const sigma = Math.sqrt(cumHazardVar);
    const point: KaplanMeierPoint = reachedZero
      ? { time, atRisk, events: d, censored: c, survival: 0, se: 0, ciLow: 0, ciHigh: 0 }
      : {
          time,
          atRisk,
          events: d,
          censored: c,
          survival,
          se: survival * sigma,
          ciLow: Math.max(0, Math.min(1, survival * Math.exp(-Z_975 * sigma))),
          ciHigh: Math.max(0, Math.min(1, survival * Math.exp(Z_975 * sigma))),
        };
    points.push(point);
    atRisk -= d + c;
  }

  return { points, median: medianSurvival(points) };
}

/** R's `findq` at p = 0.5 over the step curve (see the module comment). */
function medianSurvival(points: readonly KaplanMeierPoint[]): number | null {
  if (points.length === 0) return null;
  const xmax = points[points.length - 1].time;
  // Jump points only: the first time the curve takes each value (R drops duplicated y).
  const jumps = points.filter((p, i) => i === 0 || p.survival !== points[i - 1].survival);
  const first = jumps.findIndex((p) => p.survival <= 0.5 + R_TOLERANCE);
  if (first < 0) return null;
  const at = jumps[first];
  if (Math.abs(at.survival - 0.5) >= R_TOLERANCE) return at.time;
  const next = jumps.slice(first + 1).find((p) => p.survival < 0.5 - R_TOLERANCE);
  return next ? (at.time + next.time) / 2 : (at.time + xmax) / 2;
}
