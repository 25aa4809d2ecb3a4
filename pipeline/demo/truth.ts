// Ground-truth figures of the generated petitions, computed from the simulation itself so the tests
// of the pipeline's metrics have something independent to reconcile against.
import { CLOSED_STATUSES } from '../schema/vocabulary.ts';
import { quarterOf, yearOf } from './calendar.ts';
import { YEARS, type District } from './districts.ts';
import type { CampaignValues } from './campaigns.ts';
import { PLANTED, type Petition } from './model.ts';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function countBy<T>(items: readonly T[], key: (t: T) => string, order?: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of order ?? []) out[k] = 0;
  for (const it of items) {
    const k = key(it);
    out[k] = (out[k] ?? 0) + 1;
  }
  if (!order) return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  return out;
}

const isClosed = (p: Petition): boolean => (CLOSED_STATUSES as readonly string[]).includes(p.status);

export function petitionTotals(valid: readonly Petition[]) {
  const cd = valid.filter((p) => p.kind !== 'feedback');
  const landComp = cd.filter((p) => p.topic === 'land' || p.topic === 'compensation').length;
  const closedCd = cd.filter((p) => p.status === 'resolved');
  const people = new Map<string, number>();
  for (const p of valid) {
    const k = `${p.person.name}|${p.person.cccd}`;
    people.set(k, (people.get(k) ?? 0) + 1);
  }
  const repeatPeople = [...people.values()].filter((n) => n >= 2);
  return {
    total: valid.length,
    by_kind: countBy(valid, (p) => p.kind, ['feedback', 'complaint', 'denunciation']),
    by_status: countBy(valid, (p) => p.status, ['received', 'in_progress', 'resolved', 'withdrawn', 'transferred', 'archived']),
    by_year: countBy(valid, (p) => String(yearOf(p.received)), YEARS.map(String)),
    by_district: countBy(valid, (p) => p.district.code),
    by_topic: countBy(valid, (p) => p.topic),
    in_jurisdiction: valid.filter((p) => p.inJurisdiction).length,
    crowd: valid.filter((p) => p.isCrowd).length,
    repeat: valid.filter((p) => p.isRepeat).length,
    over_level: valid.filter((p) => p.isOverLevel).length,
    land_compensation_share_of_complaints_denunciations: round4(landComp / cd.length),
    outcomes_of_resolved_complaints_denunciations: countBy(closedCd, (p) => p.outcome ?? 'none', ['upheld', 'partly_upheld', 'rejected']),
    petitioners_distinct: people.size,
    petitioners_with_2_or_more: repeatPeople.length,
    petitioner_max_petitions: Math.max(...people.values()),
  };
}

/** On-time rate (DOMAIN §4) of complaints + denunciations in jurisdiction resolved in `year`. */
export function onTimeRate(valid: readonly Petition[], year: number, filter: (p: Petition) => boolean): { resolved: number; on_time: number; rate: number | null } {
  const resolved = valid.filter(
    (p) => filter(p) && p.inJurisdiction && p.kind !== 'feedback' && isClosed(p) && p.resolved !== null && yearOf(p.resolved) === year,
  );
  const onTime = resolved.filter((p) => p.due !== null && p.resolved! <= p.due).length;
  return { resolved: resolved.length, on_time: onTime, rate: resolved.length ? round4(onTime / resolved.length) : null };
}

export function plantedRealised(
  valid: readonly Petition[],
  districts: readonly District[],
  dvk: Record<string, Record<number, CampaignValues>>,
) {
  const hs = PLANTED.binh_son_hotspot;
  const bs = valid.filter((p) => p.district.code === hs.district_code);
  const quarters: Record<string, number> = {};
  for (const y of YEARS) for (let q = 1; q <= 4; q++) quarters[`${y}-Q${q}`] = 0;
  for (const p of bs) if (p.topic === hs.topic) quarters[`${yearOf(p.received)}-Q${quarterOf(p.received)}`]++;
  const baselineKeys = Object.keys(quarters).filter((k) => Number(k.slice(0, 4)) <= hs.baseline_years[1]);
  const baseline = baselineKeys.reduce((s, k) => s + quarters[k], 0) / baselineKeys.length;
  const mean = (keys: string[]) => keys.reduce((s, k) => s + quarters[k], 0) / keys.length;
  const perYear = (f: (p: Petition) => boolean) => Object.fromEntries(YEARS.map((y) => [String(y), bs.filter((p) => yearOf(p.received) === y && f(p)).length]));

  const tn = PLANTED.tu_nghia_on_time;
  const nh = PLANTED.nghia_hanh_dan_van_kheo;
  const rate = (code: string, y: number) => dvk[code][y].participants / dvk[code][y].target_population;
  const others = districts.filter((d) => d.code !== nh.district_code);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };

  return {
    binh_son_hotspot: {
      compensation_petitions_by_quarter: quarters,
      baseline_quarterly_mean_2020_2022: round4(baseline),
      ratio_2023_mean_to_baseline: round4(mean(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']) / baseline),
      ratio_2024_q4_to_baseline: round4(quarters['2024-Q4'] / baseline),
      petitions_by_year: perYear(() => true),
      crowd_by_year: perYear((p) => p.isCrowd),
      repeat_by_year: perYear((p) => p.isRepeat),
      over_level_by_year: perYear((p) => p.isOverLevel),
      planted_extra_petitions: bs.filter((p) => p.planted === 'binh_son_hotspot').length,
    },
    tu_nghia_on_time: {
      on_time_rate_by_resolved_year: Object.fromEntries(YEARS.map((y) => [String(y), onTimeRate(valid, y, (p) => p.district.code === tn.district_code)])),
      province_without_tu_nghia_by_resolved_year: Object.fromEntries(
        YEARS.map((y) => [String(y), onTimeRate(valid, y, (p) => p.district.code !== tn.district_code).rate]),
      ),
    },
    nghia_hanh_dan_van_kheo: {
      participation_rate_by_year: Object.fromEntries(YEARS.map((y) => [String(y), round4(rate(nh.district_code, y))])),
      median_of_other_districts_by_year: Object.fromEntries(YEARS.map((y) => [String(y), round4(median(others.map((d) => rate(d.code, y))))])),
    },
  };
}
