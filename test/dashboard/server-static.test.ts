// The built app as the server hands it out: files with the right types and caching, index.html for
// client-side routes, gzip, no path traversal, security headers — against a temp dist folder with a
// fake index.html and assets (the real app build is not needed), and a small real DuckDB file.
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { openDb } from '../../pipeline/db/duckdb.ts';
import { tempDir, writeFiles } from '../helpers.ts';

const INDEX = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Dân vận</title><script type="module" src="/assets/index-AbCd1234.js"></script></head><body><div id="app"></div></body></html>\n';
const JS = `// app bundle\n${'export const label = "Tổng quan — đơn thư";\n'.repeat(200)}`;
const CSS = `body{font-family:"Be Vietnam Pro",sans-serif}\n${'.kpi{font-variant-numeric:tabular-nums}\n'.repeat(100)}`;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
const WOFF2 = Buffer.from([0x77, 0x4f, 0x46, 0x32, 0, 1, 0, 0, ...Array.from({ length: 2000 }, (_, i) => i % 251)]);

/** A raw GET: fetch() would normalise "/../" away before sending it. */
function raw(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('static files', () => {
  const { dir, cleanup } = tempDir('danvan-static-');
  const dist = join(dir, 'dist');
  let server: RunningServer;
  let bare: RunningServer;

  beforeAll(async () => {
    writeFiles(dir, {
      'dist/index.html': INDEX,
      'dist/assets/index-AbCd1234.js': JS,
      'dist/assets/index-Zx9_-wQ1.css': CSS,
      'dist/assets/be-vietnam-pro-vietnamese-400-normal-B2xYz0Qa.woff2': WOFF2,
      'dist/favicon.svg': SVG,
      'secret.txt': 'không được lộ',
    });
    const dbPath = join(dir, 'tiny.duckdb');
    const db = await openDb(dbPath);
    await db.run(`CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR); INSERT INTO build_info VALUES ('as_of', '2024-12-31'), ('built_at', '2025-01-01T00:00:00Z')`);
    db.close();
    server = await createServer({ db: dbPath, port: 0, distDir: dist, log: () => {} });
    bare = await createServer({ db: dbPath, port: 0, distDir: join(dir, 'missing-dist'), log: () => {} });
  });
  afterAll(async () => {
    await server?.close();
    await bare?.close();
    cleanup();
  });

  it('listens on loopback by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const path of ['/', '/index.html', '/diem-nong', '/huyen/524', '/don-thu?grain=quarter&from=2024-01-01', '/phong-trao/']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('serves files with their content types; hashed assets are immutable', async () => {
    const cases: [string, string, string][] = [
      ['/assets/index-AbCd1234.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
      ['/assets/index-Zx9_-wQ1.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
      ['/assets/be-vietnam-pro-vietnamese-400-normal-B2xYz0Qa.woff2', 'font/woff2', 'public, max-age=31536000, immutable'],
      ['/favicon.svg', 'image/svg+xml', 'no-cache'],
    ];
    for (const [path, type, cache] of cases) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('cache-control'), path).toBe(cache);
    }
    const font = Buffer.from(await (await fetch(server.url + cases[2][0])).arrayBuffer());
    expect(font.equals(WOFF2)).toBe(true);
  });

  it('a missing asset is a 404, not the app page', async () => {
    const res = await fetch(server.url + '/assets/index-missing1.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('gzips text when the client accepts it, and not fonts', async () => {
    const js = await raw(server.url, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers.vary).toBe('Accept-Encoding');
    expect(js.body.length).toBeLessThan(Buffer.byteLength(JS) / 4);
    expect(gunzipSync(js.body).toString('utf8')).toBe(JS);
    const again = await raw(server.url, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'gzip' });
    expect(again.body.equals(js.body)).toBe(true);
    const plain = await raw(server.url, '/assets/index-AbCd1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(JS);
    const refused = await raw(server.url, '/assets/index-AbCd1234.js', { 'Accept-Encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const font = await raw(server.url, '/assets/be-vietnam-pro-vietnamese-400-normal-B2xYz0Qa.woff2', { 'Accept-Encoding': 'gzip' });
    expect(font.headers['content-encoding']).toBeUndefined();
  });

  it('refuses path traversal, plain and encoded', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt', '/%252e%252e/secret.txt', '/..\\secret.txt', '/%00/index.html', '/%E0%A4%A']) {
      const res = await raw(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toContain('không được lộ');
    }
  });

  it('ETag on files and 304 on revalidation', async () => {
    const first = await fetch(server.url + '/favicon.svg');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await fetch(server.url + '/favicon.svg', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('HEAD answers headers only', async () => {
    const res = await raw(server.url, '/assets/index-AbCd1234.js');
    const head = await new Promise<{ status: number; length: string | undefined; body: number }>((resolve, reject) => {
      const u = new URL(server.url);
      request({ host: u.hostname, port: u.port, path: '/assets/index-AbCd1234.js', method: 'HEAD' }, (r) => {
        let n = 0;
        r.on('data', (c: Buffer) => (n += c.length));
        r.on('end', () => resolve({ status: r.statusCode!, length: r.headers['content-length'], body: n }));
      }).on('error', reject).end();
    });
    expect(head).toEqual({ status: 200, length: String(res.body.length), body: 0 });
  });

  it('security headers: nosniff, a self-only CSP, no CORS', async () => {
    for (const path of ['/', '/assets/index-AbCd1234.js', '/nope.png', '/api/nope']) {
      const res = await fetch(server.url + path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toMatch(/img-src 'self' data: blob:/);
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(csp).not.toMatch(/https?:|\*/);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('without an app build, / says how to build it and the API still answers', async () => {
    for (const path of ['/', '/huyen/524']) {
      const res = await fetch(bare.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('npm run build:app');
      expect(html).toContain('chưa được xây');
    }
    expect(bare.hasApp).toBe(false);
    const api = await fetch(bare.url + '/api/nope');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { message_vi: string } }).error.message_vi).toMatch(/Không có API/);
  });

  it('an API error on a database without the metric tables is JSON, with no stack trace', async () => {
    const res = await fetch(server.url + '/api/trends');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error.message_vi).toMatch(/danvan build/);
    expect(text).not.toMatch(/Catalog Error|\.ts:\d+|\n\s+at /);
  });
});
