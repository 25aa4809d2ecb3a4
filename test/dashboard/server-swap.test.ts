// Fresh data without downtime: a build replaces the database file while 8 clients keep asking;
// every request succeeds and the server moves to the new as-of date without a restart. A broken
// file is refused (one log line) while the old data keeps serving; a query holding the old
// generation finishes on it after a swap.
import { copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetaResponse } from '../../dashboard/api-contract.ts';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { tempDir, testBuild } from '../helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNITS = ['522', '524', '525', '527', '528', '529', '530', '531', '532', '533', '534', '535', '536'];

describe('rebuild while serving', () => {
  const { dir, cleanup } = tempDir('danvan-swap-');
  let db: string;
  let server: RunningServer;
  const logs: string[] = [];

  beforeAll(async () => {
    db = (await testBuild(dir, { sources: ['data/demo'] })).db;
    copyFileSync(db, join(dir, 'copy-2024-12-31.duckdb'));
    server = await createServer({ db, port: 0, host: '127.0.0.1', distDir: join(dir, 'no-dist'), log: (l) => logs.push(l) });
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  const asOf = async () => ((await (await fetch(`${server.url}/api/meta`)).json()) as MetaResponse).as_of;
  const waitFor = async (want: string, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if ((await asOf()) === want) return true;
      await sleep(100);
    }
    return false;
  };

  it('every request during the swap succeeds, and meta.as_of moves to the new build', async () => {
    expect(await asOf()).toBe('2024-12-31');
    expect(server.db.generation).toBe(1);

    // Many distinct parameter sets, so most requests reach DuckDB instead of the cache.
    const paths: string[] = [];
    for (const u of UNITS) {
      for (const year of [2021, 2022, 2023, 2024]) {
        paths.push(`/api/resolution?grain=month&from=${year}-01-01&to=${year}-12-31&unit=${u}`);
        paths.push(`/api/survival?year=${year}&unit=${u}&kind_group=all`);
        paths.push(`/api/breakdown?from=${year}-01-01&to=${year}-06-30&by=topic&unit=${u}`);
        paths.push(`/api/hotspots?grain=month&from=${year}-01-01&to=${year}-12-31&unit=${u}`);
      }
      paths.push(`/api/campaigns?unit=${u}`, '/api/meta', '/api/trends');
    }

    const failures: string[] = [];
    const seen: string[] = [];
    let requests = 0;
    let stop = false;
    const deadline = Date.now() + 150_000;
    const client = async (id: number) => {
      for (let i = 0; i < 4000 && !stop && Date.now() < deadline; i++) {
        // Every other request has a date never asked before, so it is a real query, not a cache hit.
        const day = new Date(Date.UTC(2020, 0, 1) + ((id * 1500 + i) % 1800) * 86_400_000).toISOString().slice(0, 10);
        const path = i % 2 ? paths[(id * 97 + i * 13) % paths.length] : `/api/hotspots?grain=month&from=${day}&to=2024-12-31&unit=${UNITS[i % 13]}`;
        try {
          const res = await fetch(server.url + path);
          const body = await res.arrayBuffer();
          requests++;
          if (res.status !== 200) failures.push(`${res.status} ${path} ${Buffer.from(body).toString().slice(0, 200)}`);
          else if (path === '/api/meta') seen.push((JSON.parse(Buffer.from(body).toString()) as MetaResponse).as_of);
        } catch (e) {
          failures.push(`${path}: ${(e as Error).message}`);
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));

    // Let the clients get going before the build starts (bounded: the machine may be busy).
    for (let t = Date.now(); requests < 16 && Date.now() - t < 20_000;) await sleep(50);
    const before = requests;
    await testBuild(dir, { sources: ['data/demo'], asOf: '2024-06-30' });
    const duringBuild = requests - before;
    const swapped = await waitFor('2024-06-30', 10_000);
    const afterSwap = requests;
    await sleep(500);
    stop = true;
    await Promise.all(clients);

    expect(failures).toEqual([]);
    expect(swapped).toBe(true);
    expect(before).toBeGreaterThan(0);
    expect(duringBuild).toBeGreaterThan(100);
    console.log(`swap test: ${requests} requests, ${duringBuild} during the build`);
    expect(requests).toBeGreaterThan(afterSwap);
    expect(seen[0]).toBe('2024-12-31');
    expect(seen.at(-1)).toBe('2024-06-30');
    expect(server.db.generation).toBe(2);
    expect(server.db.asOf).toBe('2024-06-30');
    expect(logs.filter((l) => /đã chuyển sang dữ liệu mới/.test(l))).toHaveLength(1);
    // New data, new answers: the cache did not outlive its generation.
    const q4 = await fetch(`${server.url}/api/resolution?grain=quarter&from=2024-10-01&to=2024-12-31&unit=51`);
    expect(q4.status).toBe(200);
    expect(q4.headers.get('etag')).toMatch(/^W\/"2-/);
  }, 200_000);

  it('a broken file is refused with one log line; the old data keeps serving', async () => {
    const junk = join(dir, 'junk.tmp');
    writeFileSync(junk, Buffer.alloc(64 * 1024, 'không phải cơ sở dữ liệu '));
    renameSync(junk, db);
    const until = Date.now() + 5000;
    while (Date.now() < until && !logs.some((l) => /không mở được/.test(l))) await sleep(100);
    await sleep(2500); // more poll cycles: still one line
    expect(logs.filter((l) => /không mở được/.test(l))).toHaveLength(1);
    expect(server.db.generation).toBe(2);
    for (let i = 0; i < 5; i++) expect(await asOf()).toBe('2024-06-30');
    const res = await fetch(`${server.url}/api/hotspots?grain=year&from=2020-01-01&to=2024-12-31&unit=531`);
    expect(res.status).toBe(200);
  });

  it('a query holding the old generation finishes on it after the swap; new requests see the new file', async () => {
    let swapped!: () => void;
    const afterSwap = new Promise<void>((r) => (swapped = r));
    const held = server.db.use(async (g) => {
      await afterSwap;
      const reader = await g.query(`SELECT value FROM build_info WHERE key = 'as_of'`);
      return { id: g.id, asOf: String(reader.getRows()[0][0]) };
    });
    renameSync(join(dir, 'copy-2024-12-31.duckdb'), db);
    expect(await waitFor('2024-12-31', 10_000)).toBe(true);
    swapped();
    expect(await held).toEqual({ id: 2, asOf: '2024-06-30' });
    expect(server.db.generation).toBe(3);
    expect(await asOf()).toBe('2024-12-31');
  });
});
