// /summary/<year>/ (and /summary/<year>/en/): the annual summary of `danvan publish`, made on first
// request for the build being served and kept in a folder per build, so the dashboard's link and
// the report writer's command give the same page. Only file names the summary writes are served.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { ServingDb } from './db.ts';
import { errorPayload, Payload } from './respond.ts';
import { CONTENT_TYPES } from './static.ts';

const ROUTE = /^\/summary\/(\d{4})\/(?:(en)\/)?([a-z0-9][a-z0-9._-]{0,80})?$/;
const COMPRESSED = new Set(['.png']);

export interface SummaryFiles {
  /** A payload for /summary/…, or null when the path is not a summary path. */
  handle(path: string): Promise<Payload | null>;
  close(): void;
}

function page(status: number, vi: string, en: string): Payload {
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>danvan</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Báo cáo tổng hợp năm</h1><p>${vi}</p><p lang="en">${en}</p><p><a href="/">← Bảng điều khiển / Dashboard</a></p></body></html>`;
  return new Payload(status, 'text/html; charset=utf-8', Buffer.from(html), { 'Cache-Control': 'no-store' });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function createSummaryFiles(db: ServingDb, root = join(tmpdir(), `danvan-summary-${process.pid}`)): SummaryFiles {
  /** (build tag, year, lang) → the folder being or already written. */
  const made = new Map<string, Promise<string>>();

  async function folder(year: number, lang: 'vi' | 'en'): Promise<string> {
    const tag = await db.use(async (g) => g.tag);
    const key = `${tag}-${year}-${lang}`;
    let p = made.get(key);
    if (!p) {
      p = (async () => {
        const out = join(root, key);
        if (!existsSync(join(out, 'index.html'))) {
          mkdirSync(root, { recursive: true });
          // Loaded on first use: jsdom and resvg are not needed to serve the dashboard.
          const { publishSummary } = await import('../../pipeline/publish/publish.ts');
          await publishSummary({ db: db.path, year, out, lang });
        }
        return out;
      })();
      made.set(key, p);
      p.catch(() => made.delete(key));
    }
    return p;
  }

  return {
    async handle(path) {
      if (path !== '/summary' && !path.startsWith('/summary/')) return null;
      const m = ROUTE.exec(path);
      if (!m) return page(404, 'Không có trang này. Địa chỉ đúng có dạng /summary/2024/.', 'No such page. The address looks like /summary/2024/.');
      const year = Number(m[1]);
      const lang = m[2] === 'en' ? 'en' : 'vi';
      const name = m[3] ?? 'index.html';
      let dir: string;
      try {
        dir = await folder(year, lang);
      } catch (e) {
        const message = escapeHtml((e as Error).message);
        const [vi, en] = message.includes(' / ') ? message.split(' / ') : [message, message];
        return page(/không có số liệu|chưa có số liệu|no data for|no petition data/i.test(message) ? 404 : 500, vi, en);
      }
      const file = join(dir, name);
      if (!existsSync(file)) return errorPayload(404, 'Không có tệp này trong báo cáo.', 'No such file in the summary.');
      const ext = extname(name);
      return new Payload(200, CONTENT_TYPES[ext] ?? 'text/csv; charset=utf-8', readFileSync(file), { 'Cache-Control': 'no-cache' }, undefined, !COMPRESSED.has(ext));
    },
    close() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
