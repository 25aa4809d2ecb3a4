// npm run bench:sandbox [-- --db FILE] [--requests 100]
// Does an analyst's runaway query slow the dashboard? One real `danvan serve` process; the
// dashboard's requests (parameters never asked before, so no cache answers them) are timed one at a
// time, side by side in one run: with the server idle, while the workbench runs two queries that
// would run for ever (its whole allowance), and while twelve more clients keep sending such queries
// (they are told "busy"). Prints a Markdown table for BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'data/danvan.duckdb' }, requests: { type: 'string', default: '100' } } });
const db = resolve(args.db!);
const N = Number(args.requests);
if (!existsSync(db)) throw new Error(`no database at ${db}: run "npm run build:demo" first`);

const FOREVER = 'SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000000) b';

const server = spawn(process.execPath, ['bin/danvan.js', 'serve', '--db', db, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh', DANVAN_SQL_TIMEOUT_MS: '600000' },
});
const url = await new Promise<string>((res, rej) => {
  const lines = createInterface({ input: server.stdout! });
  lines.on('line', (l) => {
    const m = /(http:\/\/[\d.:]+)/.exec(l);
    if (m) res(m[1]);
  });
  server.once('exit', (code) => rej(new Error(`server exited (${code})`)));
});

const meta = (await (await fetch(`${url}/api/meta`)).json()) as { periods: { grain: string; start: string }[]; districts: { code: string }[] };
const quarters = meta.periods.filter((p) => p.grain === 'quarter').map((p) => p.start);
let k = 0;
/** A dashboard request with parameters not asked before. */
function nextPath(): string {
  k++;
  const from = quarters[k % quarters.length];
  const to = quarters[Math.min(quarters.length - 1, (k % quarters.length) + 1 + (k % 3))];
  const unit = meta.districts[k % meta.districts.length].code;
  const kinds = ['complaint_denunciation', 'complaint', 'denunciation', 'feedback', 'all'];
  return `/api/resolution?grain=quarter&from=${from}&to=${to}&kind_group=${kinds[Math.floor(k / quarters.length) % kinds.length]}&unit=${unit}`;
}

async function timed(): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const res = await fetch(url + nextPath());
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`dashboard request failed: ${res.status}`);
    ms.push(performance.now() - t);
  }
  return ms;
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const post = (sql: string, signal: AbortSignal) => fetch(`${url}/api/sql`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sql }), signal,
}).then(async (r) => r.status).catch(() => 0);

const rows: [string, number[]][] = [];
rows.push(['server idle', await timed()]);

const running = new AbortController();
const analysts = [post(FOREVER, running.signal), post(FOREVER, running.signal)];
await new Promise((r) => setTimeout(r, 500));
rows.push(['2 runaway analyst queries running', await timed()]);

let busy = 0;
let stop = false;
const hammer = Array.from({ length: 12 }, async () => {
  while (!stop) if ((await post(FOREVER, running.signal)) === 429) busy++;
});
await new Promise((r) => setTimeout(r, 200));
rows.push(['… and 12 clients sending more (8 wait, the rest told "busy")', await timed()]);
stop = true;
running.abort();
await Promise.all([...analysts, ...hammer]);
server.kill('SIGTERM');

console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${N} dashboard requests per row, one at a time; ${busy} analyst requests answered "busy".\n`);
console.log('| dashboard /api/resolution (uncached) | p50 ms | p95 ms | max ms |');
console.log('|---|---:|---:|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${q(ms, 0.5).toFixed(1)} | ${q(ms, 0.95).toFixed(1)} | ${Math.max(...ms).toFixed(1)} |`);
