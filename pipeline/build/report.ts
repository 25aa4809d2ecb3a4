// The load report a clerk reads after `danvan build`: per file what was found and loaded, rows
// rejected grouped by reason with examples, columns not recognised, legacy text converted.
import { openDb } from '../db/duckdb.ts';
import { SKIPPED_KINDS, SKIPPED_LABELS, type SkippedKind } from '../sources/classify-rows.ts';
import { DATASET_LABELS, type DatasetName } from '../schema/columns.ts';
import type { BuildResult } from './build.ts';

const num = (n: number) => n.toLocaleString('vi-VN');

export async function loadReport(result: BuildResult): Promise<string> {
  const db = await openDb(result.db, { access_mode: 'READ_ONLY' });
  try {
    const rejected = await db.all<{ source_file: string; reason_code: string; n: bigint; examples: string[] }>(`
      SELECT source_file, reason_code, count(*) AS n,
        list(coalesce(source_sheet || ' ', '') || 'dòng ' || source_row || ': ' || reason ORDER BY source_sheet, source_row)[1:3] AS examples
      FROM rejected_rows GROUP BY ALL ORDER BY source_file, n DESC, reason_code`);
    const logs = await db.all<{ source_file: string; source_sheet: string | null; loaded_rows: number; rejected_rows: number }>(
      'SELECT source_file, source_sheet, loaded_rows, rejected_rows FROM load_log');
    const lines: string[] = [];
    lines.push(`Cơ sở dữ liệu / database: ${result.db}`);
    lines.push(`Ngày dữ liệu / as of: ${result.asOf.split('-').reverse().join('/')} · Danh mục đơn vị / gazetteer: ${result.gazetteer.source} (${num(result.gazetteer.units)} đơn vị, ${num(result.gazetteer.adjacency)} cặp giáp ranh)`);
    lines.push('');
    for (const f of result.files) {
      const enc = f.encoding ? `, bảng mã ${f.encoding}${f.delimiter ? `, phân cách "${f.delimiter === '\t' ? 'tab' : f.delimiter}"` : ''}` : '';
      lines.push(`■ ${f.file} — ${f.type.toUpperCase()}${enc}${f.cached ? ' (không đổi, dùng bản đã đọc / unchanged, cached)' : ''}`);
      for (const s of f.sheets) {
        const where = s.sheet ? `  • Trang "${s.sheet}"` : '  •';
        if (s.skippedBecause) {
          lines.push(`${where}: bỏ qua — ${s.skippedBecause === 'hidden' ? 'trang tính bị ẩn / hidden sheet' : s.skippedBecause}`);
          continue;
        }
        const log = logs.find((l) => l.source_file === f.file && l.source_sheet === s.sheet);
        const label = s.dataset ? DATASET_LABELS[s.dataset as DatasetName].vi : '?';
        lines.push(`${where} ${label}: ${num(s.sourceRows)} dòng → nạp ${num(log?.loaded_rows ?? 0)}, loại ${num(log?.rejected_rows ?? 0)}, bỏ qua ${num(SKIPPED_KINDS.reduce((n, k) => n + s.skipped[k], 0))}`
          + ` (${SKIPPED_KINDS.filter((k) => s.skipped[k] > 0).map((k: SkippedKind) => `${num(s.skipped[k])} ${SKIPPED_LABELS[k].vi}`).join(', ')})`);
        if (s.unmapped.length) lines.push(`    Cột không nhận ra (giữ lại trong báo cáo, không nạp) / unmapped: ${s.unmapped.join('; ')}`);
        const legacy = s.columns.filter((c) => c.legacy);
        if (legacy.length) lines.push(`    Đã chuyển phông cũ sang Unicode / legacy text converted: ${legacy.map((c) => `${c.header} (${c.legacy!.toUpperCase()})`).join('; ')}`);
      }
      for (const r of rejected.filter((x) => x.source_file === f.file)) {
        lines.push(`    ✗ ${num(Number(r.n))} dòng bị loại [${r.reason_code}], ví dụ: ${r.examples.join(' | ')}`);
      }
    }
    lines.push('');
    const t = result.tables;
    lines.push(`Tổng / totals: ${num(t.petitions)} đơn thư, ${num(t.campaign_results)} kết quả phong trào, ${num(t.population)} dòng dân số; ${num(t.rejected_rows)} dòng bị loại (xem bảng rejected_rows).`);
    return lines.join('\n');
  } finally {
    db.close();
  }
}
