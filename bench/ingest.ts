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

interface Result { seconds: number; rows: number; maxRssMb: number; phases?: { stage: number; load: number; models: number } }
function run(kind: string, file: string): Result | { error: string } {
  const work = join(out, `work-${kind}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bench/ingest-case.ts', kind, file, work], {
      encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
    });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? e);
    const lines = stderr.split('\n');
    // The thrown message ("Error: …"), not the source line Node prints above it.
    const line = lines.find((l) => /^\s*\w*Error: /.test(l)) ?? lines.find((l) => /error:/i.test(l)) ?? lines[0];
    return { error: line.trim().slice(0, 120) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const cases: [string, string, string][] = [
  ['DuckDB read_csv → table (baseline)', 'duckdb-read-csv', csv],
  ['danvan build, CSV', 'danvan-build', csv],
  ['SheetJS read XLSX (in memory)', 'sheetjs-read', xlsx],
  ['exceljs streaming read XLSX', 'exceljs-stream', xlsx],
  ['danvan XLSX reader alone (streaming)', 'danvan-xlsx-read', xlsx],
  ['danvan build, XLSX', 'danvan-build', xlsx],
];
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nIngest benchmark — ${fmt(rows)} petitions; CSV ${fmt(statSync(csv).size / 1e6, 1)} MB, XLSX ${fmt(statSync(xlsx).size / 1e6, 1)} MB`);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB RAM, Node ${process.version}\n`);
console.log('| case | seconds | rows/s | peak memory (MB) |');
console.log('|---|---:|---:|---:|');
const results = new Map<string, Result>();
for (const [label, kind, file] of cases) {
  const r = run(kind, file);
  if ('error' in r) { console.log(`| ${label} | fails: ${r.error} | | |`); continue; }
  results.set(label, r);
  console.log(`| ${label} | ${fmt(r.seconds, 2)} | ${fmt(r.rows / r.seconds)} | ${fmt(r.maxRssMb)} |`);
}
const get = (label: string) => results.get(label);
const raw = get(cases[0][0]), buildCsv = get(cases[1][0]), reader = get(cases[4][0]), buildXlsx = get(cases[5][0]);
if (raw && buildCsv) console.log(`\nCSV build speed vs raw read_csv: ${fmt((raw.seconds / buildCsv.seconds) * 100, 0)}% (target ≥ 50%)`);
if (reader && buildXlsx) console.log(`XLSX build time vs its reading library alone: ${fmt(buildXlsx.seconds / reader.seconds, 2)}× (target ≤ 1.5×)`);
const peaks = [buildCsv, buildXlsx].filter(Boolean).map((r) => r!.maxRssMb);
if (peaks.length) console.log(`Peak memory of danvan build: ${fmt(Math.max(...peaks))} MB (target < 1,500 MB)`);

const phased = [['CSV', buildCsv], ['XLSX', buildXlsx]].filter((x): x is [string, Result] => Boolean((x[1] as Result | undefined)?.phases));
if (phased.length) {
  console.log('\n| danvan build | stage: read, classify, hash, Parquet (s) | load: type, check, insert (s) | models (s) | total (s) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [label, r] of phased) {
    const p = r.phases!;
    console.log(`| ${label} | ${fmt(p.stage, 2)} | ${fmt(p.load, 2)} | ${fmt(p.models, 2)} | ${fmt(r.seconds, 2)} |`);
  }
}
