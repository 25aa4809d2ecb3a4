// npm run bench:ingest [-- --rows N]: ingest speed against the baselines named in issue #2, side
// by side in one run. Each case runs in a fresh process (peak memory is per case).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScaleCsv, writeScaleXlsx } from '../pipeline/demo/generate.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);
const out = resolve('bench/out');
mkdirSync(out, { recursive: true });
const csv = join(out, `petitions-${rows}.csv`);
const xlsx = join(out, `petitions-${rows}.xlsx`);
if (!existsSync(csv)) await writeScaleCsv(rows, csv);
if (!existsSync(xlsx)) await writeScaleXlsx(rows, xlsx);

interface Result { seconds: number; rows: number; maxRssMb: number }
function run(kind: string, file: string): Result {
  const work = join(out, `work-${kind}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bench/ingest-case.ts', kind, file, work], {
    encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
  });
  rmSync(work, { recursive: true, force: true });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const cases: [string, string, string][] = [
  ['DuckDB read_csv → table (baseline)', 'duckdb-read-csv', csv],
  ['danvan build, CSV', 'danvan-build', csv],
  ['SheetJS read XLSX (baseline)', 'sheetjs-read', xlsx],
  ['exceljs read XLSX', 'exceljs-read', xlsx],
  ['danvan build, XLSX', 'danvan-build', xlsx],
];
const results = cases.map(([label, kind, file]) => ({ label, ...run(kind, file) }));
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nIngest benchmark — ${fmt(rows)} petitions; CSV ${fmt(statSync(csv).size / 1e6, 1)} MB, XLSX ${fmt(statSync(xlsx).size / 1e6, 1)} MB`);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB RAM, Node ${process.version}\n`);
console.log('| case | seconds | rows/s | peak memory (MB) |');
console.log('|---|---:|---:|---:|');
for (const r of results) console.log(`| ${r.label} | ${fmt(r.seconds, 2)} | ${fmt(r.rows / r.seconds)} | ${fmt(r.maxRssMb)} |`);
const [raw, buildCsv, sheetjs, , buildXlsx] = results;
console.log(`\nCSV build speed vs raw read_csv: ${fmt((raw.seconds / buildCsv.seconds) * 100, 0)}% (target ≥ 50%)`);
console.log(`XLSX build time vs SheetJS alone: ${fmt(buildXlsx.seconds / sheetjs.seconds, 2)}× (target ≤ 1.5×)`);
console.log(`Peak memory: ${fmt(Math.max(...results.filter((r) => r.label.startsWith('danvan')).map((r) => r.maxRssMb)))} MB (target < 1,500 MB)`);
