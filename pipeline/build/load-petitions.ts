// Staged petition rows → `petitions` or `rejected_rows`. Values are typed through the shared
// parsers (see typing.ts); the row rules of DOMAIN.md §3.1 run here as set-based SQL, each with
// the sentence a clerk reads in the load report. Nothing is fixed silently.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ident, lit, type Db } from '../db/duckdb.ts';
import type { Gazetteer } from '../gazetteer/gazetteer.ts';
import { PETITION_COLUMNS, type SourceColumn } from '../schema/columns.ts';
import { CLOSED_STATUSES, ENUMS, type EnumName } from '../schema/vocabulary.ts';
import { parseDistinct } from './typing.ts';
import { resolveUnitsTable, unitJoin } from './resolve-units.ts';
import { rawJsonSql } from './raw-json.ts';
import { hasStaged } from './staged.ts';

const DEADLINES_SQL = fileURLToPath(new URL('./deadlines.sql', import.meta.url));

const TYPED = PETITION_COLUMNS.filter((c) => !c.dropped && !c.personal && c.type !== 'unit');

/** A problem: its code for grouping, its sentence for the clerk. */
interface Problem { when: string; item: string }
function problem(code: string, whenSql: string, messageSql: string): Problem {
  return { when: whenSql, item: `CASE WHEN ${whenSql} THEN {'code': ${code}, 'msg': ${messageSql}} END` };
}

/**
 * The list of a row's problems, empty for a clean row. The list is built only when some rule fails:
 * nearly every row is clean, and building forty-odd structs per row to filter them out is costly.
 */
function problemsSql(problems: Problem[]): string {
  return `CASE WHEN ${problems.map((p) => `(${p.when})`).join('\n    OR ')}
    THEN list_filter([${problems.map((p) => p.item).join(',\n    ')}], pr -> pr IS NOT NULL)
    ELSE []::STRUCT(code VARCHAR, msg VARCHAR)[] END`;
}

const dmy = (expr: string) => `strftime(${expr}, '%d/%m/%Y')`;

function labelSql(enumName: EnumName, codeExpr: string): string {
  const cases = ENUMS[enumName].map((d) => `WHEN ${lit(d.code)} THEN ${lit(d.vi)}`).join(' ');
  return `(CASE ${codeExpr} ${cases} ELSE ${codeExpr} END)`;
}

export async function loadPetitions(db: Db, gaz: Gazetteer, asOf: string): Promise<void> {
  if (!(await hasStaged(db, 'petitions'))) return;

  // Free text needs no parser: trimmed NFC in SQL (parseText does the same), so a million distinct
  // petition numbers never travel to JavaScript.
  const mapped = TYPED.filter((c) => c.type !== 'text');
  for (const col of mapped) await parseDistinct(db, 'staged_petitions', col);
  await resolveUnitsTable(db, 'staged_petitions', gaz, { district: 'district', commune: 'commune' }, { allowProvince: false });

  const typedColumn = (c: SourceColumn) => c.type === 'text'
    ? `nullif(trim(nfc_normalize(s.${ident(c.name)})), '') AS ${ident(`v_${c.name}`)}, NULL::VARCHAR AS ${ident(`e_${c.name}`)}`
    : `m_${c.name}.value AS ${ident(`v_${c.name}`)}, m_${c.name}.err AS ${ident(`e_${c.name}`)}`;
  const joins = mapped.map((c) => `LEFT JOIN ${ident(`map_${c.name}`)} m_${c.name} ON m_${c.name}.raw = s.${ident(c.name)}`).join('\n  ');

  const closed = `v_status IN (${CLOSED_STATUSES.map(lit).join(', ')})`;
  const badValue = (c: SourceColumn) =>
    problem(lit(`${c.type === 'date' ? 'bad_date' : 'bad_value'}:${c.name}`), `e_${c.name} IS NOT NULL`, `${lit(`${c.vi} '`)} || s_${c.name} || ${lit("': ")} || e_${c.name}`);
  const missing = (c: SourceColumn) =>
    problem(lit(`missing_required:${c.name}`), `s_${c.name} IS NULL`, lit(`Thiếu ${c.vi.toLowerCase()}`));
  const future = (c: SourceColumn) =>
    problem(lit('date_in_future'), `v_${c.name} > DATE ${lit(asOf)}`, `${lit(`${c.vi} `)} || ${dmy(`v_${c.name}`)} || ${lit(` sau ngày dữ liệu ${asOf.split('-').reverse().join('/')}`)}`);
  const dateCols = TYPED.filter((c) => c.type === 'date' && c.name !== 'due_date');
  const required = PETITION_COLUMNS.filter((c) => c.required && c.type !== 'unit');

  const problems = [
    ...required.map(missing),
    ...TYPED.map(badValue),
    problem('unit_err_code', 'unit_err_code IS NOT NULL', 'unit_err'),
    ...dateCols.map(future),
    problem(`'resolved_before_received'`, 'v_resolved_date < v_received_date',
      `'Ngày giải quyết ' || ${dmy('v_resolved_date')} || ' trước ngày nhận ' || ${dmy('v_received_date')}`),
    problem(`'accepted_before_received'`, 'v_accepted_date < v_received_date',
      `'Ngày thụ lý ' || ${dmy('v_accepted_date')} || ' trước ngày nhận ' || ${dmy('v_received_date')}`),
    problem(`'resolved_before_accepted'`, 'v_resolved_date < v_accepted_date',
      `'Ngày giải quyết ' || ${dmy('v_resolved_date')} || ' trước ngày thụ lý ' || ${dmy('v_accepted_date')}`),
    problem(`'closed_without_resolved_date'`, `${closed} AND v_resolved_date IS NULL AND e_resolved_date IS NULL`,
      `'Trạng thái "' || ${labelSql('status', 'v_status')} || '" nhưng thiếu ngày giải quyết'`),
    problem(`'resolved_date_on_open_case'`, `v_status IS NOT NULL AND NOT (${closed}) AND v_resolved_date IS NOT NULL`,
      `'Có ngày giải quyết ' || ${dmy('v_resolved_date')} || ' nhưng trạng thái "' || ${labelSql('status', 'v_status')} || '" chưa kết thúc'`),
    problem(`'signers_lt_1'`, 'v_signers < 1', `'Số người ' || v_signers || ' (phải từ 1 trở lên)'`),
    problem(`'outcome_not_allowed'`, `v_outcome IS NOT NULL AND (v_kind = 'feedback' OR NOT (${closed}))`,
      `'Có kết quả giải quyết "' || ${labelSql('outcome', 'v_outcome')} || '" nhưng đơn ' || lower(${labelSql('kind', 'v_kind')}) || ', trạng thái "' || ${labelSql('status', 'v_status')} || '" (chỉ đơn khiếu nại, tố cáo đã giải quyết mới có kết quả)'`),
    problem(`'bad_value:extensions'`, 'v_extensions NOT BETWEEN 0 AND 2', `'Gia hạn ' || v_extensions || ' lần (chỉ từ 0 đến 2)'`),
    problem(`'bad_value:resolution_round'`, 'v_resolution_round NOT IN (1, 2)', `'Lần giải quyết ' || v_resolution_round || ' (chỉ lần 1 hoặc lần 2)'`),
  ];

  // Typed, checked and narrowed in one pass: p_checked keeps what the load needs (typed values, units,
  // provenance, problems), not the staged texts, since a million wide rows are costly to copy.
  // Columns referenced as s_<name> are the staged texts (aliased to keep the expressions short).
  const stagedAliases = TYPED.concat(required).map((c) => `s.${ident(c.name)} AS s_${c.name}`);
  const kept = ['_file', '_sheet', '_row', 'petitioner_key', 'district_code', 'commune_code', ...TYPED.map((c) => `v_${c.name}`), 'problems'];
  await db.run(`CREATE OR REPLACE TEMP TABLE p_checked AS
SELECT ${kept.map(ident).join(', ')} FROM (
  SELECT *, ${problemsSql(problems)} AS problems
  FROM (
    SELECT s._file, s._sheet, s._row, s.petitioner_key, u.district_code, u.commune_code, u.err_code AS unit_err_code, u.err AS unit_err,
      ${[...new Set(stagedAliases)].join(', ')},
      ${TYPED.map(typedColumn).join(',\n      ')}
    FROM staged_petitions s
    LEFT JOIN map_units u ON ${unitJoin({ district: 'district', commune: 'commune' })}
    ${joins}))`);
  // What a clerk sees of a rejected row comes from its staged text, fetched for those rows only.
  const rawOf = (alias: string) => `(SELECT ${rawJsonSql('petitions', 'st')} FROM staged_petitions st
    WHERE st._file = ${alias}._file AND st._sheet IS NOT DISTINCT FROM ${alias}._sheet AND st._row = ${alias}._row)`;

  // Duplicates inside one load: same number and same content → the later copies are rejected as
  // copies; same number, different content → every copy is rejected, since we cannot know which is right.
  // Only the numbers that occur twice are examined, so a clean million-row load pays one GROUP BY.
  const content = TYPED.map((c) => `v_${c.name}`).concat(['district_code', 'commune_code', 'petitioner_key']);
  const place = `_file || coalesce(' › ' || _sheet, '') || ', dòng ' || _row`;
  await db.run(`CREATE OR REPLACE TEMP TABLE p_dup AS
WITH ids AS (SELECT v_petition_id FROM p_checked WHERE len(problems) = 0 GROUP BY 1 HAVING count(*) > 1)
SELECT _file, _sheet, _row, v_petition_id,
  count(DISTINCT md5(concat_ws('|', ${content.map((c) => `coalesce(${c}::VARCHAR, '∅')`).join(', ')}))) OVER (PARTITION BY v_petition_id) AS versions,
  row_number() OVER (PARTITION BY v_petition_id ORDER BY _file, _sheet NULLS FIRST, _row) AS copy_no,
  first_value(${place}) OVER (PARTITION BY v_petition_id ORDER BY _file, _sheet NULLS FIRST, _row) AS first_place,
  string_agg(${place}, '; ' ORDER BY _file, _sheet NULLS FIRST, _row) OVER (PARTITION BY v_petition_id) AS places
FROM p_checked WHERE len(problems) = 0 AND v_petition_id IN (SELECT v_petition_id FROM ids)`);

  await db.run(`INSERT INTO rejected_rows
SELECT i.ingest_id, 'petitions', c._file, c._sheet, c._row, problems[1].code, array_to_string(list_transform(problems, pr -> pr.msg), '; '), ${rawOf('c')}
FROM p_checked c JOIN ingest_ids i ON i.source_file = c._file WHERE len(problems) > 0`);
  await db.run(`INSERT INTO rejected_rows
SELECT i.ingest_id, 'petitions', _file, _sheet, _row,
  CASE WHEN versions > 1 THEN 'duplicate_id_conflict' ELSE 'duplicate_identical' END,
  CASE WHEN versions > 1 THEN 'Số hiệu đơn "' || v_petition_id || '" xuất hiện nhiều lần với nội dung khác nhau (' || places || ')'
       ELSE 'Trùng hoàn toàn với ' || first_place END,
  ${rawOf('d')}
FROM p_dup d JOIN ingest_ids i ON i.source_file = d._file WHERE versions > 1 OR copy_no > 1`);

  // Rejected copies are left out by an anti-join on their few rows; a load without any skips it.
  const [{ dupRows }] = await db.all<{ dupRows: number }>(`SELECT count(*)::INTEGER AS dupRows FROM p_dup WHERE versions > 1 OR copy_no > 1`);
  await db.run(readFileSync(DEADLINES_SQL, 'utf8'));
  const clock = 'coalesce(v_accepted_date, v_received_date)';
  const computedDue = `(${clock} + r.days + r.extension_days * least(coalesce(v_extensions, 0), r.max_extensions))::DATE`;
  await db.run(`INSERT INTO petitions
SELECT v_petition_id, v_received_date, v_kind, v_topic, district_code, commune_code, v_channel,
  coalesce(v_signers, 1),
  coalesce(v_is_crowd, false) OR coalesce(v_signers, 1) >= 5,
  coalesce(v_is_repeat, false), coalesce(v_is_over_level, false),
  coalesce(v_in_jurisdiction, v_status NOT IN ('transferred', 'archived')),
  CASE WHEN v_kind = 'complaint' THEN coalesce(v_resolution_round, 1) END,
  v_accepted_date, coalesce(v_is_complex, false),
  CASE WHEN v_kind = 'denunciation' THEN coalesce(v_extensions, 0) END,
  coalesce(v_due_date, ${computedDue}), v_due_date IS NULL AND r.days IS NOT NULL,
  v_status, v_resolved_date, v_outcome, v_handling_agency, petitioner_key,
  _file, _sheet, _row, i.ingest_id
FROM p_checked c JOIN ingest_ids i ON i.source_file = c._file
LEFT JOIN remote_units rd ON rd.unit_code = c.district_code
LEFT JOIN remote_units rc ON rc.unit_code = c.commune_code
LEFT JOIN deadline_keys r ON r.kind = c.v_kind AND r.round = coalesce(c.v_resolution_round, 1) AND r.complex = coalesce(c.v_is_complex, false)
  AND r.remote = (rd.unit_code IS NOT NULL OR rc.unit_code IS NOT NULL) AND ${clock} BETWEEN r.valid_from AND r.valid_end
${dupRows ? `ANTI JOIN (SELECT _file, _sheet, _row FROM p_dup WHERE versions > 1 OR copy_no > 1) d
  ON d._file = c._file AND d._sheet IS NOT DISTINCT FROM c._sheet AND d._row = c._row` : ''}
WHERE len(c.problems) = 0
ORDER BY c._file, c._sheet NULLS FIRST, c._row`);
}
