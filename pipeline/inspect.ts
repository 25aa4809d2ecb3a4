// `danvan inspect FILE`: how the pipeline reads one file, without loading it — the same staging
// code as `build`, into a throwaway in-memory database. The JSON shape is documented in the README.
import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { openDb } from './db/duckdb.ts';
import { DATASET_COLUMNS, type DatasetName } from './schema/columns.ts';
import { parserFor } from './schema/values.ts';
import { SKIPPED_KINDS, SKIPPED_LABELS } from './sources/classify-rows.ts';
import { stageFile } from './build/stage.ts';
import type { StagedColumn } from './build/staged.ts';

const PREVIEW_ROWS = 5;

export interface InspectReport {
  file: string;
  type: string;
  encoding: string | null;
  delimiter: string | null;
  sheets: InspectSheet[];
}

export interface InspectSheet {
  sheet: string | null;
  dataset: DatasetName | null;
  skipped_because: string | null;
  title_lines: string[];
  header_rows: { first: number; last: number } | null;
  data_start: number | null;
  data_end: number | null;
  columns: (Omit<StagedColumn, 'flagValue' | 'legacy'> & { flag_value: string | null; legacy_encoding: string | null })[];
  unmapped: string[];
  missing_required: string[];
  rows: { source: number; data: number; skipped: Record<string, number> };
  preview: { row: number; section: string | null; values: Record<string, unknown>; errors: Record<string, string> }[];
}

export async function inspectFile(path: string): Promise<InspectReport> {
  const db = await openDb(':memory:');
  try {
    // A random key: the preview never shows personal data, and no key of this run is kept.
    const staged = await stageFile(db, resolve(path), basename(path), { secret: randomBytes(32), includeHidden: false });
    const sheets: InspectSheet[] = [];
    for (const s of staged.sheets) {
      const preview: InspectSheet['preview'] = [];
      let dataEnd: number | null = null;
      if (s.dataset) {
        const table = `staged_${s.dataset}`;
        const sheetFilter = s.sheet === null ? '_sheet IS NULL' : `_sheet = '${s.sheet.replaceAll("'", "''")}'`;
        const rows = await db.all<Record<string, string | null>>(`SELECT * FROM ${table} WHERE ${sheetFilter} ORDER BY _row LIMIT ${PREVIEW_ROWS}`);
        dataEnd = Number((await db.all<{ m: number | null }>(`SELECT max(_row) AS m FROM ${table} WHERE ${sheetFilter}`))[0].m ?? 0) || null;
        const cols = DATASET_COLUMNS[s.dataset].filter((c) => !c.dropped && !c.personal && s.columns.some((x) => x.column === c.name));
        for (const r of rows) {
          const values: Record<string, unknown> = {};
          const errors: Record<string, string> = {};
          for (const c of cols) {
            const raw = r[c.name];
            if (raw === null || raw === undefined) { values[c.name] = null; continue; }
            const parsed = parserFor(c)(raw);
            if (parsed.ok) values[c.name] = parsed.value;
            else { values[c.name] = raw; errors[c.name] = parsed.message; }
          }
          if (s.dataset === 'petitions') values.petitioner_key = r.petitioner_key ? '(đã mã hóa / hashed)' : null;
          preview.push({ row: Number(r._row), section: r._section ?? null, values, errors });
        }
      }
      sheets.push({
        sheet: s.sheet,
        dataset: s.dataset,
        skipped_because: s.skippedBecause,
        title_lines: s.titleLines,
        header_rows: s.headerRows,
        data_start: s.dataStart,
        data_end: dataEnd,
        columns: s.columns.map((c) => ({ index: c.index, header: c.header, column: c.column, flag_value: c.flagValue ?? null, legacy_encoding: c.legacy ?? null })),
        unmapped: s.unmapped,
        missing_required: s.missingRequired,
        rows: { source: s.sourceRows, data: s.dataRows, skipped: { ...s.skipped } },
        preview,
      });
    }
    return { file: staged.file, type: staged.type, encoding: staged.encoding, delimiter: staged.delimiter, sheets };
  } finally {
    db.close();
  }
}

export function formatInspectText(r: InspectReport): string {
  const lines = [`Tệp / file: ${r.file} (${r.type.toUpperCase()}${r.encoding ? `, ${r.encoding}` : ''}${r.delimiter ? `, phân cách "${r.delimiter === '\t' ? 'tab' : r.delimiter}"` : ''})`];
  for (const s of r.sheets) {
    lines.push('', `── Trang / sheet: ${s.sheet ?? '(CSV)'}`);
    if (s.skipped_because) { lines.push(`   Bỏ qua / skipped: ${s.skipped_because === 'hidden' ? 'trang tính bị ẩn / hidden sheet' : s.skipped_because}`); continue; }
    lines.push(`   Loại dữ liệu / dataset: ${s.dataset}`);
    if (s.title_lines.length) lines.push(`   Tiêu đề / titles: ${s.title_lines.join(' | ')}`);
    lines.push(`   Dòng tên cột / header rows: ${s.header_rows?.first}–${s.header_rows?.last}; dữ liệu / data rows: ${s.data_start}–${s.data_end ?? '?'}`);
    lines.push(`   Số dòng / rows: ${s.rows.source} = ${s.rows.data} dữ liệu + ${SKIPPED_KINDS.filter((k) => s.rows.skipped[k]).map((k) => `${s.rows.skipped[k]} ${SKIPPED_LABELS[k].vi}`).join(' + ')}`);
    lines.push('   Cột / columns:');
    for (const c of s.columns) {
      lines.push(`     ${String(c.index + 1).padStart(2)}. ${c.header} → ${c.column ? c.column + (c.flag_value ? ` = ${c.flag_value}` : '') : '(không nhận ra / unmapped)'}${c.legacy_encoding ? ` [${c.legacy_encoding.toUpperCase()} → Unicode]` : ''}`);
    }
    if (s.missing_required.length) lines.push(`   Thiếu cột bắt buộc / missing required: ${s.missing_required.join(', ')}`);
    lines.push('   Dòng đầu / first rows:');
    for (const p of s.preview) {
      const errs = Object.entries(p.errors).map(([k, v]) => `${k}: ${v}`);
      lines.push(`     dòng ${p.row}: ${JSON.stringify(p.values)}${errs.length ? `  ✗ ${errs.join('; ')}` : ''}`);
    }
  }
  return lines.join('\n');
}
