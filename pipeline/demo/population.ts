// Population by district and year: the denominator of per-capita rates (DOMAIN §3.3).
import { households, population, YEARS, type District } from './districts.ts';
import { csvLine, headerAlias } from './system-csv.ts';

/** Left out on purpose so that "nearest year" is exercised: Sơn Tây has no 2024 figure. */
export const MISSING_POPULATION = { district_code: '530', year: 2024 };

export const POPULATION_HEADERS = [
  headerAlias('population', 'unit', 'Đơn vị'),
  headerAlias('population', 'year', 'Năm'),
  headerAlias('population', 'population', 'Dân số (người)'),
  headerAlias('population', 'households', 'Số hộ'),
];

export interface PopulationRow {
  district_code: string;
  year: number;
  population: number;
  households: number;
}

export function populationRows(districts: readonly District[]): PopulationRow[] {
  const rows: PopulationRow[] = [];
  for (const d of districts) {
    for (const year of YEARS) {
      if (d.code === MISSING_POPULATION.district_code && year === MISSING_POPULATION.year) continue;
      rows.push({ district_code: d.code, year, population: population(d, year), households: households(d, year) });
    }
  }
  return rows;
}

/** UTF-8 without BOM, ",", LF. */
export function populationCsv(districts: readonly District[]): Buffer {
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const lines = [csvLine(POPULATION_HEADERS, ',')];
  for (const r of populationRows(districts)) {
    lines.push(csvLine([byCode.get(r.district_code)!.name, String(r.year), String(r.population), String(r.households)], ','));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
