// One measured case of the ingest benchmark, run in its own process so peak memory is its own.
// Prints one JSON line: { seconds, rows, maxRssMb, phases? } (phases: a build's stage / load / models seconds).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { openDb } from '../pipeline/db/duckdb.ts';
import { build } from '../pipeline/build/build.ts';

const [, , kind, file, work] = process.argv;
const started = performance.now();
let rows = 0;
let phases: Record<string, number> | undefined;

switch (kind) {
  case 'duckdb-read-csv': {
    const db = await openDb(':memory:');
    await db.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}', all_varchar = true)`);
    rows = Number((await db.all<{ n: bigint }>('SELECT count(*) AS n FROM t'))[0].n);
    db.close();
    break;
  }
  case 'sheetjs-read': {
    const wb = XLSX.read(readFileSync(file), { dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
    const ws = wb.Sheets[wb.SheetNames[0]];
    if (!ws) throw new Error(`SheetJS returned no sheet "${wb.SheetNames[0]}" (the sheet XML is larger than a JavaScript string can hold)`);
    rows = (ws['!data'] as unknown[]).length - 1;
    break;
  }
  case 'exceljs-stream': {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
    for await (const sheet of reader) {
      for await (const _row of sheet as AsyncIterable<unknown>) rows++;
    }
    rows -= 1;
    break;
  }
  case 'danvan-xlsx-read': {
    const { streamXlsxSheets } = await import('../pipeline/sources/xlsx-stream.ts');
    for await (const sheet of streamXlsxSheets(file, 'bench.xlsx')) {
      for await (const _row of sheet.rows()) rows++;
    }
    rows -= 1;
    break;
  }
  case 'danvan-build': {
    // Where the time goes: staging (read, classify, hash, Parquet), loading (type, check, insert), models.
    const marks: Record<string, number> = {};
    const onStep = (step: string) => {
      if (['stage', 'load', 'models', 'finish'].includes(step)) marks[step] = performance.now();
    };
    const r = await build({ sources: [file], db: join(work, 'bench.duckdb'), stageDir: join(work, 'stage'), secretPath: join(work, 'secret'), asOf: '2024-12-31', onStep });
    phases = { stage: (marks.load - marks.stage) / 1000, load: (marks.models - marks.load) / 1000, models: (marks.finish - marks.models) / 1000 };
    rows = r.tables.petitions + r.tables.rejected_rows;
    break;
  }
  default:
    throw new Error(`unknown case ${kind}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024, phases }));
