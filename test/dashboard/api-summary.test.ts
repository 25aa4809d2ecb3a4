// /summary/<year>/: the dashboard serves the same annual summary `danvan publish` writes, made once
// per build, in Vietnamese and English; unknown years and paths get a clear page, not a crash.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryPath } from '../../dashboard/api-contract.ts';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { publishSummary } from '../../pipeline/publish/publish.ts';
import { tempDir, testBuild } from '../helpers.ts';

describe('annual summary served by the dashboard', () => {
  const { dir, cleanup } = tempDir('danvan-summary-');
  let db: string;
  let server: RunningServer;

  beforeAll(async () => {
    db = (await testBuild(dir, { sources: ['data/demo'] })).db;
    server = await createServer({ db, port: 0, host: '127.0.0.1', distDir: join(dir, 'no-dist'), log: () => {} });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  const get = (path: string) => fetch(server.url + path);

  it('serves the summary of a year, identical to what danvan publish writes', async () => {
    const started = performance.now();
    const res = await get(summaryPath(2024, 'vi'));
    const first = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="vi"');
    expect(html).toContain('2024');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(6);

    const out = join(dir, 'published');
    const { files } = await publishSummary({ db, year: 2024, out, lang: 'vi' });
    expect(html).toBe(readFileSync(join(out, 'index.html'), 'utf8'));

    // Every file the page links to is served, with its type.
    const csv = files.find((f) => f.endsWith('.csv'))!;
    const png = files.find((f) => f.endsWith('.png'))!;
    expect(html).toContain(`href="${csv}"`);
    const csvRes = await get(`/summary/2024/${csv}`);
    expect(csvRes.status).toBe(200);
    expect(Buffer.from(await csvRes.arrayBuffer()).equals(readFileSync(join(out, csv)))).toBe(true);
    const pngRes = await get(`/summary/2024/${png}`);
    expect(pngRes.headers.get('content-type')).toBe('image/png');

    // Made once per build: the second request does not draw again.
    const again = performance.now();
    expect((await get(summaryPath(2024, 'vi'))).status).toBe(200);
    expect(performance.now() - again).toBeLessThan(Math.max(200, first / 4));
  }, 120_000);

  it('serves the English summary under /en/', async () => {
    const res = await get(summaryPath(2024, 'en'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
  }, 120_000);

  it('answers a year without data with the years that have data', async () => {
    const res = await get('/summary/1999/');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toMatch(/Không có số liệu năm 1999/);
    expect(html).toMatch(/2024/);
  });

  it.each(['/summary/2024/../../etc/passwd', '/summary/2024/%2e%2e/x', '/summary/abcd/', '/summary/2024/nope.csv', '/summary'])('refuses %s', async (path) => {
    // node:http sends the path as written (fetch would resolve the dots first).
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(status).toBe(404);
  });
});
