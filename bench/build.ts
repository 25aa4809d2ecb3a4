// npm run bench:build [-- --rows 1000000,10000000]: the model stage of `danvan build` on the demo and
// on generated petitions; rows/s and peak memory. Each build runs in a fresh process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScaleCsv } from '../pipeline/demo/generate.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000,10000000' } } });
const sizes = values.rows!.split(',').map(Number).filter((n) => n > 0);
const out = resolve('bench/out');
mkdirSync(out, { recursive: true });

interface Result { total: number; stageSeconds: number; loadSeconds: number; modelsSeconds: number; petitions: number; steps: Record<string, number>; maxRssMb: number }
function run(source: string): Result {
  const work = join(out, 'work-build');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bench/build-case.ts', source, work], {
    encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
  });
  rmSync(work, { recursive: true, force: true });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const cases: [string, string][] = [['demo (data/demo)', resolve('data/demo')]];
for (const n of sizes) {
  const csv = join(out, `petitions-${n}.csv`);
  if (!existsSync(csv)) await writeScaleCsv(n, csv);
  cases.push([`${n.toLocaleString('en-US')} generated`, csv]);
}
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nBuild benchmark — machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}\n`);
console.log('| sources | petitions | stage (s) | load (s) | models (s) | models rows/s | total (s) | peak memory (MB) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const results = cases.map(([label, src]) => ({ label, ...run(src) }));
for (const r of results) {
  console.log(`| ${r.label} | ${fmt(r.petitions)} | ${fmt(r.stageSeconds, 2)} | ${fmt(r.loadSeconds, 2)} | ${fmt(r.modelsSeconds, 2)} | ${fmt(r.petitions / r.modelsSeconds)} | ${fmt(r.total, 2)} | ${fmt(r.maxRssMb)} |`);
}
console.log('\nModel steps (seconds):');
const names = [...new Set(results.flatMap((r) => Object.keys(r.steps)))];
console.log(`| step | ${results.map((r) => r.label).join(' | ')} |\n|---|${results.map(() => '---:').join('|')}|`);
for (const n of names) console.log(`| ${n} | ${results.map((r) => fmt(r.steps[n] ?? NaN, 2)).join(' | ')} |`);
const big = results[results.length - 1];
console.log(`\nTarget: models for 10M petitions within 60 s → ${fmt(big.modelsSeconds, 1)} s at ${fmt(big.petitions)} petitions.`);
if (results.length >= 3) {
  const [a, b] = results.slice(-2);
  console.log(`Scaling: ×${fmt(b.petitions / a.petitions, 1)} rows → ×${fmt(b.modelsSeconds / a.modelsSeconds, 2)} model time (linear or better when ≤ rows ratio).`);
}
