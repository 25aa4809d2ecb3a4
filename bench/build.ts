// npm run bench:build [-- --rows 1000000 --times 10]: `danvan build` on the demo and on generated
// petitions (stage, load and model times, rows/s, peak memory), then the model stage alone on ten
// times the generated petitions. Each case runs in a fresh process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScaleCsv } from '../pipeline/demo/generate.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, times: { type: 'string', default: '10' } } });
const rows = Number(values.rows);
const times = Number(values.times);
const out = resolve('bench/out');
mkdirSync(out, { recursive: true });

function node(args: string[]): Record<string, unknown> {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', ...args], {
    encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nBuild benchmark — ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, DuckDB memory limit ${process.env.DANVAN_MEMORY_LIMIT ?? '1GB'}\n`);

const csvDir = join(out, `gen-${rows}`);
const csv = join(csvDir, `petitions-${rows}.csv`);
if (!existsSync(csv)) { mkdirSync(csvDir, { recursive: true }); await writeScaleCsv(rows, csv); }

const builds: [string, string][] = [['demo (data/demo)', resolve('data/demo')], [`${fmt(rows)} generated`, csvDir]];
const results: { label: string; r: Record<string, number> & { steps: Record<string, number> } }[] = [];
console.log('| sources | petitions | stage (s) | load (s) | models (s) | models rows/s | total (s) | peak memory (MB) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [label, src] of builds) {
  const work = join(out, `work-build-${results.length}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const r = node(['bench/build-case.ts', src, work]) as (typeof results)[number]['r'];
  results.push({ label, r });
  console.log(`| ${label} | ${fmt(r.petitions)} | ${fmt(r.stageSeconds, 1)} | ${fmt(r.loadSeconds, 1)} | ${fmt(r.modelsSeconds, 1)} | ${fmt(r.petitions / r.modelsSeconds)} | ${fmt(r.total, 1)} | ${fmt(r.maxRssMb)} |`);
}
const big = join(out, 'work-build-1', 'bench.duckdb');
const scaled = node(['bench/models-case.ts', big, join(out, `models-x${times}.duckdb`), String(times)]) as (typeof results)[number]['r'];
results.push({ label: `${fmt(rows * times)} (×${times}), models only`, r: scaled });
console.log(`| ${fmt(rows)} ×${times}, models only | ${fmt(scaled.petitions)} | | | ${fmt(scaled.modelsSeconds, 1)} | ${fmt(scaled.petitions / scaled.modelsSeconds)} | | ${fmt(scaled.maxRssMb)} |`);

console.log('\nModel steps (seconds):\n');
const names = [...new Set(results.flatMap((r) => Object.keys(r.r.steps)))].filter((n) => !['discover', 'gazetteer', 'stage', 'load', 'petitions', 'campaigns', 'log', 'models', 'finish', 'swap'].includes(n) && !n.startsWith('stage:'));
console.log(`| step | ${results.map((r) => r.label).join(' | ')} |\n|---|${results.map(() => '---:').join('|')}|`);
for (const n of names) console.log(`| ${n.replace(/^model:/, '')} | ${results.map((r) => fmt(r.r.steps[n] ?? r.r.steps[`model:${n}`] ?? NaN, 2)).join(' | ')} |`);
const [, one, ten] = results;
console.log(`\nTarget: models for 10M petitions within 60 s → ${fmt(ten.r.modelsSeconds, 1)} s for ${fmt(ten.r.petitions)}.`);
console.log(`Scaling: ×${fmt(ten.r.petitions / one.r.petitions, 1)} petitions → ×${fmt(ten.r.modelsSeconds / one.r.modelsSeconds, 2)} model time.`);
