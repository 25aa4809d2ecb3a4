// Wide campaign reports (one row per unit, one column per indicator) → long `campaign_results`.
// The campaign and the period come from the table's own columns when it has them, otherwise from
// the sheet name and title lines ("… "DÂN VẬN KHÉO" NĂM 2023"), as clerks write them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appendRows, ident, lit, type Db } from '../db/duckdb.ts';
import type { Gazetteer } from '../gazetteer/gazetteer.ts';
import { parseCsvRows } from '../sources/csv-text.ts';
import { CAMPAIGN_COLUMNS, POPULATION_COLUMNS } from '../schema/columns.ts';
import { headerKey } from '../schema/header-match.ts';
import { findPeriodInText, parsePeriod } from '../schema/values.ts';
import { parseDistinct } from './typing.ts';
import { rawJsonSql } from './raw-json.ts';
import { hasStaged } from './staged.ts';
import { resolveUnitsTable, unitJoin } from './resolve-units.ts';

export interface CampaignDef {
  campaign_id: string;
  name: string;
  kind: string;
  start_date: string | null;
  end_date: string | null;
  aliases: string[];
}

const CAMPAIGNS_FILE = fileURLToPath(new URL('../../data/rules/campaigns.csv', import.meta.url));

export function loadCampaignCatalogue(path = CAMPAIGNS_FILE): CampaignDef[] {
  const [header, ...rows] = parseCsvRows(readFileSync(path, 'utf8'), ',');
  return rows.filter((r) => r.some((c) => c.trim())).map((r) => {
    const get = (name: string) => r[header.indexOf(name)]?.trim() || null;
    return {
      campaign_id: get('campaign_id')!, name: get('name')!, kind: get('kind')!,
      start_date: get('start_date'), end_date: get('end_date'),
      aliases: (get('aliases') ?? '').split('|').map((a) => a.trim()).filter(Boolean),
    };
  });
}

/** The campaign a text names; the longest alias found wins, so "NTM" never beats the full name. */
export function findCampaign(text: string, catalogue: readonly CampaignDef[]): CampaignDef | null {
  const key = ` ${headerKey(text)} `;
  let best: { def: CampaignDef; len: number } | null = null;
  for (const def of catalogue) {
    for (const alias of [def.name, ...def.aliases]) {
      const a = headerKey(alias);
      if (a && key.includes(` ${a} `) && (!best || a.length > best.len)) best = { def, len: a.length };
    }
  }
  return best?.def ?? null;
}

const INDICATOR_COLUMNS = CAMPAIGN_COLUMNS.filter((c) => c.name.startsWith('ind:'));

export async function loadCampaigns(db: Db, gaz: Gazetteer, catalogue: readonly CampaignDef[]): Promise<void> {
  await appendRows(db, 'campaign_catalogue', ['campaign_id', 'name', 'kind', 'start_date', 'end_date'].map((name) => ({ name, type: 'VARCHAR' as const })),
    catalogue.map((c) => [c.campaign_id, c.name, c.kind, c.start_date, c.end_date]));
  await db.run(`INSERT INTO campaigns SELECT campaign_id, name, kind, start_date::DATE, end_date::DATE FROM campaign_catalogue ORDER BY campaign_id`);

  if (!(await hasStaged(db, 'campaign_results'))) return;

  // Campaign and period per distinct (campaign cell, period cell, context).
  const distinct = await db.all<{ c: string | null; p: string | null; x: string | null }>(
    `SELECT DISTINCT campaign AS c, period AS p, _context AS x FROM staged_campaign_results`);
  const resolved = distinct.map(({ c, p, x }) => {
    const campaign = findCampaign(c ?? '', catalogue) ?? (c ? null : findCampaign(x ?? '', catalogue));
    const fromCell = p ? parsePeriod(p) : null;
    const period = fromCell?.ok ? fromCell.value : p ? null : findPeriodInText(x ?? '');
    let err: string | null = null;
    let code: string | null = null;
    if (!campaign) {
      code = c ? 'unknown_campaign' : 'missing_required:campaign';
      err = c ? `Không rõ phong trào "${c}" — các phong trào đã khai báo: ${catalogue.map((d) => d.name).join('; ')}`
        : 'Không biết báo cáo của phong trào nào (không có cột phong trào, tiêu đề cũng không nêu tên)';
    } else if (!period) {
      code = p ? 'bad_value:period' : 'missing_required:period';
      err = p ? `Kỳ báo cáo "${p}" không hiểu được (ví dụ đúng: Năm 2023, 6 tháng đầu năm 2024, Quý I/2024)`
        : 'Không rõ kỳ báo cáo (không có cột kỳ/năm, tiêu đề cũng không nêu năm)';
    }
    return [c, p, x, campaign?.campaign_id ?? null, period?.start ?? null, period?.end ?? null, code, err];
  });
  await appendRows(db, 'map_campaign', ['c', 'p', 'x', 'campaign_id', 'period_start', 'period_end', 'err_code', 'err'].map((name) => ({ name, type: 'VARCHAR' as const })), resolved);
  for (const col of INDICATOR_COLUMNS) await parseDistinct(db, 'staged_campaign_results', col);
  await resolveUnitsTable(db, 'staged_campaign_results', gaz, { district: 'unit', commune: null }, { allowProvince: true });

  const valueProblems = INDICATOR_COLUMNS.map((c) =>
    `CASE WHEN m_${mapAlias(c.name)}.err IS NOT NULL THEN {'code': ${lit(`bad_value:${c.name.slice(4)}`)}, 'msg': ${lit(`${c.vi} '`)} || s.${ident(c.name)} || ${lit("': ")} || m_${mapAlias(c.name)}.err} END`);
  const joins = INDICATOR_COLUMNS.map((c) => `LEFT JOIN ${ident(`map_${c.name}`)} m_${mapAlias(c.name)} ON m_${mapAlias(c.name)}.raw = s.${ident(c.name)}`).join('\n  ');
  await db.run(`CREATE OR REPLACE TEMP TABLE c_checked AS
SELECT s._file, s._sheet, s._row, ${rawJsonSql('campaign_results', 's')} AS _raw, mc.campaign_id, mc.period_start::DATE AS period_start, mc.period_end::DATE AS period_end, u.district_code AS unit_code,
  ${INDICATOR_COLUMNS.map((c) => `m_${mapAlias(c.name)}.value AS ${ident(c.name)}`).join(', ')},
  list_filter([
    CASE WHEN u.err_code IS NOT NULL THEN {'code': u.err_code, 'msg': u.err} END,
    CASE WHEN mc.err_code IS NOT NULL THEN {'code': mc.err_code, 'msg': mc.err} END,
    ${valueProblems.join(',\n    ')}
  ], pr -> pr IS NOT NULL) AS problems
FROM staged_campaign_results s
JOIN map_campaign mc ON mc.c IS NOT DISTINCT FROM s.campaign AND mc.p IS NOT DISTINCT FROM s.period AND mc.x IS NOT DISTINCT FROM s._context
LEFT JOIN map_units u ON ${unitJoin({ district: 'unit', commune: null })}
  ${joins}`);

  await db.run(`INSERT INTO rejected_rows
SELECT i.ingest_id, 'campaign_results', _file, _sheet, _row, problems[1].code, array_to_string(list_transform(problems, pr -> pr.msg), '; '), _raw
FROM c_checked JOIN ingest_ids i ON i.source_file = _file WHERE len(problems) > 0`);
  const unpivot = INDICATOR_COLUMNS.map((c) => {
    const [indicator, level] = c.name.slice(4).split('@');
    return `SELECT campaign_id, unit_code, period_start, period_end, ${lit(indicator)} AS indicator, ${lit(level ?? null)} AS recognition_level,
      ${ident(c.name)} AS value, _file, _sheet, _row FROM c_checked WHERE len(problems) = 0 AND ${ident(c.name)} IS NOT NULL`;
  }).join('\nUNION ALL\n');
  await db.run(`INSERT INTO campaign_results
SELECT r.campaign_id, r.unit_code, r.period_start, r.period_end, r.indicator, r.recognition_level, r.value, r._file, r._sheet, r._row, i.ingest_id
FROM (${unpivot}) r JOIN ingest_ids i ON i.source_file = r._file
ORDER BY r.campaign_id, r.unit_code, r.period_start, r.indicator, r.recognition_level NULLS FIRST, r._file, r._row`);
}

function mapAlias(name: string): string {
  return name.replace(/[^a-z0-9_]/g, '_');
}

const POP_TYPED = POPULATION_COLUMNS.filter((c) => ['year', 'population', 'households'].includes(c.name));

export async function loadPopulation(db: Db, gaz: Gazetteer): Promise<void> {
  if (!(await hasStaged(db, 'population'))) return;
  for (const col of POP_TYPED) await parseDistinct(db, 'staged_population', col, `map_pop_${col.name}`);
  await db.run('DROP TABLE IF EXISTS map_units');
  await resolveUnitsTable(db, 'staged_population', gaz, { district: 'unit', commune: null }, { allowProvince: true });
  const bad = (c: (typeof POP_TYPED)[number]) =>
    `CASE WHEN m_${c.name}.err IS NOT NULL THEN {'code': ${lit(`bad_value:${c.name}`)}, 'msg': ${lit(`${c.vi} '`)} || s.${c.name} || ${lit("': ")} || m_${c.name}.err} END`;
  const missing = (c: (typeof POP_TYPED)[number]) =>
    `CASE WHEN s.${c.name} IS NULL THEN {'code': ${lit(`missing_required:${c.name}`)}, 'msg': ${lit(`Thiếu ${c.vi.toLowerCase()}`)}} END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE pop_checked AS
SELECT s._file, s._sheet, s._row, ${rawJsonSql('population', 's')} AS _raw, u.district_code AS unit_code,
  ${POP_TYPED.map((c) => `m_${c.name}.value AS v_${c.name}`).join(', ')},
  list_filter([
    CASE WHEN u.err_code IS NOT NULL THEN {'code': u.err_code, 'msg': u.err} END,
    ${POP_TYPED.filter((c) => c.required).map(missing).join(', ')},
    ${POP_TYPED.map(bad).join(', ')},
    CASE WHEN m_population.value <= 0 THEN {'code': 'bad_value:population', 'msg': 'Dân số phải lớn hơn 0'} END
  ], pr -> pr IS NOT NULL) AS problems
FROM staged_population s
LEFT JOIN map_units u ON ${unitJoin({ district: 'unit', commune: null })}
${POP_TYPED.map((c) => `LEFT JOIN map_pop_${c.name} m_${c.name} ON m_${c.name}.raw = s.${c.name}`).join('\n')}`);
  await db.run(`INSERT INTO rejected_rows
SELECT i.ingest_id, 'population', _file, _sheet, _row, problems[1].code, array_to_string(list_transform(problems, pr -> pr.msg), '; '), _raw
FROM pop_checked JOIN ingest_ids i ON i.source_file = _file WHERE len(problems) > 0`);
  await db.run(`INSERT INTO population
SELECT unit_code, v_year, v_population, v_households, _file, _sheet, _row, i.ingest_id
FROM pop_checked JOIN ingest_ids i ON i.source_file = _file WHERE len(problems) = 0
ORDER BY unit_code, v_year, _file, _row`);
}
