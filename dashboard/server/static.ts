// The built app from dist/: files by path, index.html for client-side routes (/diem-nong,
// /huyen/524), immutable caching for Vite's hashed assets, and nothing outside the folder.
import { readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { errorPayload, Payload } from './respond.ts';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.arrow': 'application/vnd.apache.arrow.file',
};

/** Already compressed formats gain nothing from gzip. */
const COMPRESSED = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.woff2', '.woff']);

/** Vite names built assets `name-<hash>.ext` (8+ base64url characters): their content never changes. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>danvan</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Ứng dụng chưa được xây</h1>
<p>Hãy chạy <code>npm run build:app</code> rồi tải lại trang. API vẫn hoạt động tại <code>/api/meta</code>.</p>
<p lang="en">The dashboard app is not built yet: run <code>npm run build:app</code> and reload. The API works (<code>/api/meta</code>).</p>
</body></html>
`;

interface Entry { key: string; payload: Payload }

export interface StaticFiles {
  /** Answers a non-API path (raw, still percent-encoded, without the query string). */
  handle(rawPath: string): Payload;
  readonly hasApp: boolean;
}

const notFound = () => errorPayload(404, 'Không tìm thấy trang hoặc tệp này.', 'Not found.');

export function createStatic(distDir: string): StaticFiles {
  const root = resolve(distDir);
  const files = new Map<string, Entry>();

  /** The file's bytes and headers, re-read when it changed on disk (an app rebuild while serving). */
  function load(path: string): Payload | null {
    let st;
    try {
      st = statSync(path);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const key = `${st.ino}:${st.size}:${st.mtimeMs}`;
    const hit = files.get(path);
    if (hit && hit.key === key) return hit.payload;
    const ext = extname(path).toLowerCase();
    const rel = path.slice(root.length + 1).split(sep).join('/');
    const cache = ext === '.html' || !(rel.startsWith('assets/') && HASHED.test(rel))
      ? 'no-cache'
      : 'public, max-age=31536000, immutable';
    const etag = `"${st.size.toString(36)}-${Math.round(st.mtimeMs).toString(36)}"`;
    const payload = new Payload(200, CONTENT_TYPES[ext] ?? 'application/octet-stream', readFileSync(path), { 'Cache-Control': cache }, etag, !COMPRESSED.has(ext));
    files.set(path, { key, payload });
    return payload;
  }

  const indexPath = join(root, 'index.html');

  return {
    get hasApp() {
      return load(indexPath) !== null;
    },
    handle(rawPath) {
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        return notFound();
      }
      // Refuse rather than normalise: "..", backslashes and NULs have no business in an app URL.
      const segments = path.split('/');
      if (path.includes('\0') || path.includes('\\') || segments.some((s) => s === '..' || s === '.')) return notFound();
      const full = resolve(root, '.' + path);
      if (full !== root && !full.startsWith(root + sep)) return notFound();
      const index = load(indexPath);
      if (!index) {
        return new Payload(200, 'text/html; charset=utf-8', Buffer.from(NOT_BUILT), { 'Cache-Control': 'no-cache' });
      }
      if (path === '/' || path === '/index.html') return index;
      const file = load(full);
      if (file) return file;
      // A missing file with an extension is a missing asset, not a client route.
      if (extname(segments[segments.length - 1]) !== '') return notFound();
      return index;
    },
  };
}
