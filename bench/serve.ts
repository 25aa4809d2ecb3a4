// npm run bench:serve [-- --big bench/out/10m.duckdb] [--requests 2000] [--clients 20] [--loads 5]
// The dashboard server under load, side by side on the demo database and (with --big) a large one:
// per endpoint p50/p95 latency with 20 concurrent clients on 127.0.0.1, once with parameters never
// asked before (the response cache cannot answer) and once with a few repeated ones (it can); the
// time until the overview's charts are drawn in headless chromium; the JavaScript the first page
// loads, gzipped. The server runs in its own process (a real createServer), so the clients' work
// does not slow its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BREAKDOWN_BY, GRAINS, HOTSPOT_GRAINS, KIND_GROUPS, type MetaResponse } from '../dashboard/api-contract.ts';

const { values: args } = parseArgs({
  options: {
    big: { type: 'string' },
    demo: { type: 'string' },
    requests: { type: 'string', default: '2000' },
    cached: { type: 'string', default: '20' },
    clients: { type: 'string', default: '20' },
    loads: { type: 'string', default: '5' },
    child: { type: 'string' },
  },
});

// ---- parent ----------------------------------------------------------------------------------

interface ServerProc {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
  /** The server's memory now: resident set, and the metric tables it holds (slices.ts). */
  memory(): Promise<{ rssMb: number; tablesMb: number }>;
}

async function startServer(db: string): Promise<ServerProc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', '--child', db], {
    stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
  });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((res, rej) => {
    const exited = (code: number | null) => rej(new Error(`server exited (${code}) before answering`));
    lines.once('line', (line) => {
      child.off('exit', exited);
      res(line);
    });
    child.once('exit', exited);
  });
  const { url } = JSON.parse(await next()) as { url: string };
  return {
    url,
    child,
    async memory() {
      const line = next();
      child.stdin!.write('memory\n');
      return JSON.parse(await line) as { rssMb: number; tablesMb: number };
    },
    async stop() {
      const last = next().catch(() => null);
      child.kill('SIGTERM');
      const line = await last;
      return line ? (JSON.parse(line) as { maxRssMb: number }).maxRssMb : null;
    },
  };
}

/** A small deterministic generator, so two runs ask the same questions. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

type Params = Record<string, string | number | undefined>;
type Endpoint = 'meta' | 'resolution' | 'breakdown' | 'survival' | 'overdue' | 'hotspots' | 'trends' | 'campaigns';
const ENDPOINT_ORDER: Endpoint[] = ['meta', 'resolution', 'breakdown', 'survival', 'overdue', 'hotspots', 'trends', 'campaigns'];

function queryString(p: Params): string {
  const keys = Object.keys(p).filter((k) => p[k] !== undefined).sort();
  return keys.map((k) => `${k}=${encodeURIComponent(String(p[k]))}`).join('&');
}

/**
 * Requests a reader's clicks would send: the periods of the build, every grain and kind group,
 * mostly the whole province, sometimes one district, now and then two or three. Returns up to `n`
 * distinct paths (the server caches by normalised parameters, so distinct = uncached).
 */
function requestsFor(endpoint: Endpoint, meta: MetaResponse, n: number, seed: number): string[] {
  const r = rng(seed);
  const districts = meta.districts.map((d) => d.code);
  const periods = (g: string) => meta.periods.filter((p) => p.grain === g).sort((a, b) => (a.start < b.start ? -1 : 1));
  const unit = () => {
    const x = r.next();
    if (x < 0.5) return undefined;
    const k = x < 0.85 ? 1 : 2 + r.int(2);
    const set = new Set<string>();
    while (set.size < k) set.add(r.pick(districts));
    return [...set].sort().join(',');
  };
  const span = (g: string, maxLen: number) => {
    const ps = periods(g);
    if (!ps.length) return null;
    const j = r.int(ps.length);
    const i = Math.max(0, j - r.int(maxLen));
    return { from: ps[i].start, to: ps[j].end };
  };
  const gen: Record<Endpoint, () => Params | null> = {
    meta: () => ({}),
    trends: () => ({ grain: r.pick(['month', 'quarter']) }),
    resolution: () => {
      const grain = r.pick(GRAINS);
      const s = span(grain, grain === 'month' ? 24 : 8);
      return s && { grain, ...s, kind_group: r.pick(KIND_GROUPS), unit: unit() };
    },
    breakdown: () => {
      const s = span('month', 24);
      return s && { ...s, by: r.pick(BREAKDOWN_BY), kind_group: r.pick(KIND_GROUPS), unit: unit() };
    },
    survival: () => {
      const years = periods('year').map((p) => Number(p.start.slice(0, 4)));
      return years.length ? { year: r.pick(years), kind_group: r.pick(KIND_GROUPS), unit: unit() } : null;
    },
    overdue: () => {
      const grain = r.pick(GRAINS);
      const ps = periods(grain);
      return ps.length ? { grain, period: r.pick(ps).start, kind_group: r.pick(KIND_GROUPS), unit: unit() } : null;
    },
    hotspots: () => {
      const grain = r.pick(HOTSPOT_GRAINS);
      const s = span(grain, grain === 'month' ? 24 : 8);
      return s && { grain, ...s, unit: unit() };
    },
    campaigns: () => ({ campaign: r.next() < 0.3 || !meta.campaigns.length ? undefined : r.pick(meta.campaigns).id, unit: unit() }),
  };
  const seen = new Set<string>();
  for (let tries = 0; seen.size < n && tries < n * 50; tries++) {
    const p = gen[endpoint]();
    if (p) seen.add(`/api/${endpoint}${Object.keys(p).some((k) => p[k] !== undefined) ? `?${queryString(p)}` : ''}`);
  }
  return [...seen];
}

interface Timing {
  ms: number[];
  errors: number;
  bytes: number;
  wallMs: number;
}

/** Sends `paths` in order with `clients` requests in flight; the time of each until its last byte. */
async function hammer(base: string, paths: string[], clients: number): Promise<Timing> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const u = new URL(base);
  const ms: number[] = [];
  let errors = 0;
  let bytes = 0;
  let i = 0;
  const one = (path: string) => new Promise<void>((res) => {
    const t0 = process.hrtime.bigint();
    const req = request({ host: u.hostname, port: u.port, path, agent, headers: { 'accept-encoding': 'gzip' } }, (resp) => {
      resp.on('data', (c: Buffer) => { bytes += c.length; });
      resp.on('end', () => {
        ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (resp.statusCode !== 200) errors++;
        res();
      });
    });
    req.on('error', () => { errors++; res(); });
    req.end();
  });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (i < paths.length) await one(paths[i++]);
  }));
  const wallMs = performance.now() - t0;
  agent.destroy();
  return { ms, errors, bytes, wallMs };
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

interface EndpointResult {
  uncached: Timing | null;
  cached: Timing;
  /** Uncached requests one at a time: what one query costs without queueing. */
  serial: Timing | null;
  distinct: number;
}

async function latency(server: ServerProc, meta: MetaResponse, n: number, cachedKeys: number, clients: number): Promise<Map<Endpoint, EndpointResult>> {
  const base = server.url;
  const out = new Map<Endpoint, EndpointResult>();
  for (const [k, e] of ENDPOINT_ORDER.entries()) {
    const nSerial = Math.min(200, n);
    const all = requestsFor(e, meta, n + nSerial, 1000 + k);
    // Endpoints with only a handful of possible requests (meta, trends) are always answered from
    // the cache after the first request: they get the cached figure only.
    const varied = all.length >= Math.min(n, 200) + nSerial;
    const distinct = varied ? all.slice(0, all.length - nSerial) : all;
    const serial = varied ? await hammer(base, all.slice(all.length - nSerial), 1) : null;
    const uncached = varied ? await hammer(base, distinct, clients) : null;
    const few = distinct.slice(0, cachedKeys);
    await hammer(base, few, Math.min(clients, few.length)); // warm the cache
    const cached = await hammer(base, Array.from({ length: n }, (_, i) => few[i % few.length]), clients);
    out.set(e, { uncached, cached, serial, distinct: distinct.length });
    process.stderr.write(`  ${e}: ${uncached ? `p95 ${fmt(pct(uncached.ms, 95), 1)} ms uncached, ` : ''}${fmt(pct(cached.ms, 95), 1)} ms cached`
      + `${serial ? `; one client p50 ${fmt(pct(serial.ms, 50), 1)} ms` : ''}; server RSS ${await memoryLine(server)}\n`);
  }
  return out;
}

async function memoryLine(server: ServerProc): Promise<string> {
  const m = await server.memory();
  return `${fmt(m.rssMb)} MB (tables in memory ${fmt(m.tablesMb, 1)} MB)`;
}

// ---- the browser ----------------------------------------------------------------------------

interface BrowserResult {
  drawnMs: number[];
  firstPageJs: { files: number; raw: number; gzip: number };
  chartsDrawn: number;
}

async function browserRun(base: string, loads: number): Promise<BrowserResult> {
  const { chromium } = await import('playwright-core');
  const exe = process.env.DANVAN_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(exe)) throw new Error(`chromium not found at ${exe} (apt-get install chromium, or set DANVAN_CHROMIUM)`);
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  const drawnMs: number[] = [];
  let firstPageJs = { files: 0, raw: 0, gzip: 0 };
  let chartsDrawn = 0;
  try {
    for (let i = 0; i < loads; i++) {
      // A new context each time: an empty HTTP cache, as on a reader's first visit.
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
      const page = await context.newPage();
      const scripts: Promise<{ raw: number; wire: number }>[] = [];
      const consoleErrors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      page.on('pageerror', (err) => consoleErrors.push(err.message));
      page.on('response', (resp) => {
        const type = resp.request().resourceType();
        if (type !== 'script' && !/\.m?js(\?|$)/.test(resp.url())) return;
        scripts.push((async () => {
          const body = await resp.body();
          const gz = (resp.headers()['content-encoding'] ?? '') === 'gzip';
          const sizes = await resp.request().sizes();
          // What crossed the wire when the server gzipped it; else what gzip would make of it.
          return { raw: body.length, wire: gz ? sizes.responseBodySize : gzipSync(body, { level: 6 }).length };
        })());
      });
      await page.goto(`${base}/`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(() => {
        const main = document.querySelector('main');
        if (!main || !main.querySelector('h1') || main.querySelector('[aria-busy="true"]')) return false;
        const figures = [...main.querySelectorAll('figure:not(figure figure)')];
        if (!figures.length) return false;
        const settled = figures.every((f) => f.querySelector('svg') || f.querySelector('[role="status"], [role="alert"]'));
        return settled ? { t: performance.now(), drawn: figures.filter((f) => f.querySelector('svg')).length } : false;
      }, undefined, { polling: 'raf', timeout: 60_000 }).catch(async (e: Error) => {
        const state = await page.evaluate(() => ({
          url: location.href, busy: document.querySelectorAll('main [aria-busy="true"]').length,
          figures: [...document.querySelectorAll('main figure:not(figure figure)')].map((f) => `${f.querySelector('h2, h3')?.textContent ?? '?'}: ${f.querySelector('svg') ? 'drawn' : 'not drawn'}`),
        })).catch(() => null);
        throw new Error(`the overview never finished drawing: ${JSON.stringify(state)}; console errors: ${JSON.stringify(consoleErrors.slice(0, 5))} (${e.message.split('\n')[0]})`);
      });
      const { t, drawn } = (await handle.jsonValue()) as { t: number; drawn: number };
      drawnMs.push(t);
      chartsDrawn = drawn;
      if (i === 0) {
        const list = await Promise.all(scripts);
        firstPageJs = { files: list.length, raw: list.reduce((s, x) => s + x.raw, 0), gzip: list.reduce((s, x) => s + x.wire, 0) };
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { drawnMs, firstPageJs, chartsDrawn };
}

function distJs(dist: string): { files: number; raw: number; gzip: number } {
  const dir = join(dist, 'assets');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.js')) : [];
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const b = readFileSync(join(dir, f));
    raw += b.length;
    gzip += gzipSync(b, { level: 6 }).length;
  }
  return { files: files.length, raw, gzip };
}

// ---- output ---------------------------------------------------------------------------------

function fmt(n: number | null | undefined, d = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
}

const kb = (b: number) => `${fmt(b / 1024, 1)} KB`;
const median = (xs: number[]) => pct(xs, 50);

interface Run {
  label: string;
  petitions: number | null;
  latency: Map<Endpoint, EndpointResult>;
  browser: BrowserResult;
  maxRssMb: number | null;
  /** RSS and tables held after the latency runs. */
  endMemory: string;
}

async function petitionCount(db: string): Promise<number | null> {
  try {
    const { openDb } = await import('../pipeline/db/duckdb.ts');
    const conn = await openDb(db, { access_mode: 'READ_ONLY' });
    try {
      const [r] = await conn.all<{ n: number | bigint }>('SELECT count(*) AS n FROM petitions');
      return Number(r.n);
    } finally {
      conn.close();
    }
  } catch {
    return null;
  }
}

async function measure(label: string, db: string, opts: { n: number; cachedKeys: number; clients: number; loads: number }): Promise<Run> {
  process.stderr.write(`\n${label}: ${db}\n`);
  const petitions = await petitionCount(db);
  const server = await startServer(db);
  try {
    const meta = (await (await fetch(`${server.url}/api/meta`)).json()) as MetaResponse;
    // The browser first, on a cold response cache: its first load pays for every query once.
    process.stderr.write('  browser…\n');
    const browser = await browserRun(server.url, opts.loads);
    process.stderr.write('  latency…\n');
    const lat = await latency(server, meta, opts.n, opts.cachedKeys, opts.clients);
    const endMemory = await memoryLine(server);
    const maxRssMb = await server.stop();
    return { label, petitions, latency: lat, browser, maxRssMb, endMemory };
  } catch (e) {
    server.child.kill('SIGTERM');
    throw e;
  }
}

async function main(): Promise<void> {
  const root = resolve('.');
  const n = Number(args.requests);
  const cachedKeys = Number(args.cached);
  const clients = Number(args.clients);
  const loads = Number(args.loads);
  const opts = { n, cachedKeys, clients, loads };

  const { appIsStale, buildApp, DIST_DIR } = await import('../pipeline/app-build.ts');
  if (appIsStale()) {
    process.stderr.write('building the app (dashboard/dist)…\n');
    await buildApp();
  }

  let demoDb = args.demo ? resolve(args.demo) : '';
  let cleanup = () => {};
  if (!demoDb) {
    const work = join(root, 'bench/out/serve-demo');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cleanup = () => rmSync(work, { recursive: true, force: true });
    process.stderr.write('building the demo database…\n');
    const { build } = await import('../pipeline/build/build.ts');
    demoDb = join(work, 'demo.duckdb');
    await build({ sources: [join(root, 'data/demo')], db: demoDb, asOf: '2024-12-31', secretPath: join(work, 'secret'), stageDir: join(work, 'stage') });
  }
  const big = args.big ? resolve(args.big) : null;
  if (big && !existsSync(big)) throw new Error(`--big: no such database ${big}`);

  const runs: Run[] = [];
  try {
    runs.push(await measure('demo', demoDb, opts));
    if (big) runs.push(await measure('big', big, opts));
  } finally {
    cleanup();
  }
  const js = distJs(DIST_DIR);

  const head = (r: Run) => `${r.label === 'demo' ? 'demo' : 'large'} (${fmt(r.petitions)} petitions)`;
  const cols = big ? runs : [...runs, null];
  const colName = (r: Run | null) => (r ? head(r) : '10M (not run: pass --big PATH)');

  console.log(`\n## Dashboard server benchmark\n`);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average ${loadavg().map((x) => fmt(x, 1)).join(' ')} at the end. `
    + `${clients} concurrent clients on 127.0.0.1 (keep-alive, gzip accepted); ${fmt(n)} requests per endpoint and case. `
    + `Uncached: every request has parameters not asked before, so the server's response cache cannot answer; `
    + `cached: the same ${cachedKeys} requests repeated. Times until the last byte, ms.\n`);
  type Which = 'uncached' | 'cached' | 'serial';
  const kinds: [Which, string][] = [['uncached', `uncached, ${clients} clients`], ['cached', `cached, ${clients} clients`], ['serial', 'uncached, 1 client']];
  const groups = cols.flatMap((r) => kinds.map(([w, name]) => ({ r, w, name: `${r ? (r.label === 'demo' ? 'demo' : 'large') : '10M'}: ${name}` })));
  console.log(`| endpoint (p50 / p95 ms) | ${groups.map((g) => g.name).join(' | ')} |`);
  console.log(`|---|${groups.map(() => '---:').join('|')}|`);
  for (const e of ENDPOINT_ORDER) {
    const cell = (r: Run | null, which: Which) => {
      if (!r) return '—';
      const x = r.latency.get(e)?.[which];
      if (!x) return 'n/a';
      return `${fmt(pct(x.ms, 50), 1)} / ${fmt(pct(x.ms, 95), 1)}${x.errors ? ` (${x.errors} errors)` : ''}`;
    };
    console.log(`| /api/${e} | ${groups.map((g) => cell(g.r, g.w)).join(' | ')} |`);
  }
  const throughput = (r: Run | null) => {
    if (!r) return '—';
    const all = [...r.latency.values()].flatMap((x) => (x.uncached ? [x.uncached] : []));
    const reqs = all.reduce((s, t) => s + t.ms.length, 0);
    const wall = all.reduce((s, t) => s + t.wallMs, 0);
    return `${fmt(reqs / (wall / 1000))} req/s`;
  };
  const petitionsOf = cols.map((r) => (r ? `${colName(r)}: ${throughput(r)} uncached with ${clients} clients, server peak memory ${fmt(r.maxRssMb)} MB, RSS at the end ${r.endMemory}` : null)).filter(Boolean);
  console.log(`\nDatabases: ${petitionsOf.join('; ')}. n/a: meta and trends have one or two possible requests, always cached after the first.`);

  const worstP95 = (r: Run | null) => (r ? Math.max(...[...r.latency.values()].map((x) => pct((x.uncached ?? x.cached).ms, 95))) : NaN);
  const ok = (pass: boolean | null) => (pass === null ? '' : pass ? ' ✅' : ' ❌');
  const bigRun = runs.find((r) => r.label === 'big') ?? null;

  console.log(`\n| measure | ${cols.map(colName).join(' | ')} | target |`);
  console.log(`|---|${cols.map(() => '---:').join('|')}|---|`);
  console.log(`| worst endpoint p95, uncached | ${cols.map((r) => (r ? `${fmt(worstP95(r), 1)} ms` : '—')).join(' | ')} | < 50 ms at 10M${bigRun ? ok(worstP95(bigRun) < 50) : ' (needs --big)'} |`);
  console.log(`| overview drawn, median of ${loads} loads | ${cols.map((r) => (r ? `${fmt(median(r.browser.drawnMs))} ms${ok(median(r.browser.drawnMs) < 1500)}` : '—')).join(' | ')} | < 1,500 ms |`);
  console.log(`| overview drawn, first load (cold server cache) | ${cols.map((r) => (r ? `${fmt(r.browser.drawnMs[0])} ms` : '—')).join(' | ')} | |`);
  console.log(`| overview drawn, all loads | ${cols.map((r) => (r ? r.browser.drawnMs.map((x) => fmt(x)).join(', ') : '—')).join(' | ')} | |`);
  console.log(`| charts drawn on the overview | ${cols.map((r) => (r ? String(r.browser.chartsDrawn) : '—')).join(' | ')} | |`);
  const fp = runs[0].browser.firstPageJs;
  console.log(`| JS loaded by the overview (gzip, as served) | ${cols.map((r) => (r ? `${kb(r.browser.firstPageJs.gzip)} in ${r.browser.firstPageJs.files} files (${kb(r.browser.firstPageJs.raw)} raw)${ok(r.browser.firstPageJs.gzip < 300 * 1024)}` : '—')).join(' | ')} | < 300 KB |`);
  console.log(`| all JS in dashboard/dist/assets (gzip -6) | ${kb(js.gzip)} in ${js.files} files (${kb(js.raw)} raw) | ${cols.slice(1).map(() => '').join(' | ')} | |`);
  console.log(`\nOverview drawn = navigation start → every chart figure on the page holds its SVG (headless chromium, 1366×900, new browser context each load). `
    + `First page JS from the browser's network log of the first load (${fp.files} script responses).`);
}

// ---- entry: the server in child mode, else the benchmark ------------------------------------

if (args.child) {
  const { createServer } = await import('../dashboard/server/server.ts');
  const { sliceMemory } = await import('../dashboard/server/slices.ts');
  const server = await createServer({ db: args.child, port: 0, host: '127.0.0.1', log: () => {} });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const stop = async () => {
    await server.close();
    process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  // The parent gone (stdin closed) means stop too: no server is left behind.
  process.stdin.on('end', () => void stop());
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'memory') {
      process.stdout.write(`${JSON.stringify({ rssMb: process.memoryUsage().rss / 2 ** 20, tablesMb: sliceMemory.bytes / 2 ** 20 })}\n`);
    }
  });
} else {
  await main();
}
