// `danvan serve` as a user runs it: prints the URL, answers, stops cleanly on SIGTERM/SIGINT; one
// clear line when the database is missing, the port is taken or an option is wrong.
import { spawn } from 'node:child_process';
import { createServer as createNetServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli.ts';
import { openDb } from '../../pipeline/db/duckdb.ts';
import { tempDir } from '../helpers.ts';

const BIN = resolve('bin/danvan.js');

interface Run { code: number | null; signal: NodeJS.Signals | null; out: string; err: string }

/** Starts `danvan serve`; `onUrl` runs once the URL is printed, then the process gets `stopWith`. */
function serve(args: string[], onUrl?: (url: string) => Promise<void>, stopWith: NodeJS.Signals = 'SIGTERM'): Promise<Run & { seen?: unknown }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = false;
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m && !started) {
        started = true;
        (onUrl ? onUrl(m[0]) : Promise.resolve()).catch(fail).finally(() => child.kill(stopWith));
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      done({ code, signal, out, err });
    });
  });
}

describe('danvan serve', () => {
  const { dir, cleanup } = tempDir('danvan-serve-cli-');
  const dbPath = join(dir, 'tiny.duckdb');
  let blocker: Server;
  let busyPort = 0;

  beforeAll(async () => {
    const db = await openDb(dbPath);
    await db.run(`CREATE TABLE build_info (key VARCHAR, value VARCHAR); INSERT INTO build_info VALUES ('as_of', '2024-12-31'), ('built_at', '2025-01-01T00:00:00Z')`);
    db.close();
    blocker = createNetServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    busyPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => {
    blocker?.close();
    cleanup();
  });

  it('prints the loopback URL, serves, and stops cleanly on SIGTERM and SIGINT', async () => {
    let status = 0;
    let body = '';
    let page = 0;
    const run = await serve(['--db', dbPath, '--port', '0'], async (url) => {
      const res = await fetch(url + '/api/nope');
      status = res.status;
      body = await res.text();
      page = (await fetch(url + '/')).status;
    });
    expect(run.err).toBe('');
    expect(run.out).toMatch(/Bảng điều khiển \/ dashboard: http:\/\/127\.0\.0\.1:\d+/);
    expect(run.out).toContain('2024-12-31');
    expect(status).toBe(404);
    expect(JSON.parse(body).error.message_vi).toMatch(/Không có API/);
    expect(page).toBe(200); // the app, or the "not built yet" page
    expect(run.out).toContain('Đã dừng máy chủ');
    expect(run.code).toBe(0);

    const viaInt = await serve(['--db', dbPath, '--port', '0'], undefined, 'SIGINT');
    expect(viaInt.code).toBe(0);
    expect(viaInt.out).toContain('Đã dừng máy chủ');
  }, 60_000);

  it('a port in use is one clear line', async () => {
    const run = await serve(['--db', dbPath, '--port', String(busyPort)]);
    expect(run.code).toBe(1);
    expect(run.err.trim().split('\n')).toHaveLength(1);
    expect(run.err).toContain(`Cổng ${busyPort} đang được dùng`);
    expect(run.err).not.toMatch(/\n\s+at /);
  }, 30_000);

  const inProcess = async (args: string[]) => {
    const errs: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errs.push(String(s)), true)) as typeof process.stderr.write;
    try {
      return { code: await main(args, () => {}), err: errs.join('') };
    } finally {
      process.stderr.write = write;
    }
  };

  it('a missing database says to run danvan build', async () => {
    const r = await inProcess(['serve', '--db', join(dir, 'none.duckdb'), '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/hãy chạy "danvan build"/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a file that is not a database is one clear line too', async () => {
    const r = await inProcess(['serve', '--db', BIN, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Không mở được cơ sở dữ liệu/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('validates options', async () => {
    for (const args of [['--port', '70000'], ['--port', 'abc'], ['--port', '-1'], ['--host', 'a b'], ['--nope']]) {
      const r = await inProcess(['serve', '--db', dbPath, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect((await inProcess(['serve', '--db', dbPath, '--port', '70000'])).err).toMatch(/--port/);
  });

  it('documents serve in the help', async () => {
    let help = '';
    expect(await main(['--help'], (s) => (help += s))).toBe(0);
    expect(help).toMatch(/serve/);
    let serveHelp = '';
    expect(await main(['serve', '--help'], (s) => (serveHelp += s))).toBe(0);
    expect(serveHelp).toMatch(/--port N/);
    expect(serveHelp).toMatch(/127\.0\.0\.1/);
  });
});
