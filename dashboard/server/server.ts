// `danvan serve`: one node:http server for /api/* (routes.ts) and the built app (static.ts).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ServeError, ServingDb, type ServingDbOptions } from './db.ts';
import { errorPayload, send } from './respond.ts';
import { createApi } from './routes.ts';
import { createStatic } from './static.ts';
import { createSummaryFiles } from './summary.ts';
import { createWorkbench, type WorkbenchOptions } from './workbench.ts';

export { ServeError, ServingDb };

export const DEFAULT_DIST = fileURLToPath(new URL('../dist', import.meta.url));

export interface ServerOptions {
  /** A database path (opened and closed by the server) or an already opened ServingDb. */
  db: string | ServingDb;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  distDir?: string;
  log?: (line: string) => void;
  dbOptions?: ServingDbOptions;
  /** Limits of analysts' queries (the workbench). */
  workbench?: WorkbenchOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  db: ServingDb;
  /** Whether distDir has an index.html. */
  hasApp: boolean;
  close(): Promise<void>;
}

export async function createServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const ownsDb = typeof opts.db === 'string';
  const db = typeof opts.db === 'string' ? await ServingDb.open(opts.db, { log, ...opts.dbOptions }) : opts.db;
  const api = createApi(db, { log });
  const files = createStatic(opts.distDir ?? DEFAULT_DIST);
  const workbench = createWorkbench(db.path, { log, ...opts.workbench });
  const summary = createSummaryFiles(db);
  const host = opts.host ?? '127.0.0.1';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    if (!raw.startsWith('/')) return send(req, res, errorPayload(400, 'Địa chỉ yêu cầu không hợp lệ.', 'Bad request target.'));
    const q = raw.indexOf('?');
    const rawPath = q < 0 ? raw : raw.slice(0, q);
    const isApi = rawPath === '/api' || rawPath.startsWith('/api/');
    if (isApi && await workbench.handle(req, res, rawPath)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, errorPayload(405, 'Chỉ hỗ trợ GET.', 'Only GET is supported.', undefined, { Allow: 'GET, HEAD' }));
    }
    if (isApi) {
      const search = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
      return send(req, res, await api.handle(rawPath, search));
    }
    const summaryFile = await summary.handle(rawPath);
    return send(req, res, summaryFile ?? files.handle(rawPath));
  }

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`danvan serve: lỗi không mong đợi / unexpected error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      void send(req, res, errorPayload(500, 'Lỗi máy chủ. Hãy thử lại.', 'Server error. Please try again.')).catch(() => res.destroy());
    });
  });

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 5173, host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (e) {
    if (ownsDb) await db.close();
    const code = (e as NodeJS.ErrnoException).code;
    const port = opts.port ?? 5173;
    if (code === 'EADDRINUSE') {
      throw new ServeError(`Cổng ${port} đang được dùng — hãy tắt chương trình đang dùng cổng đó hoặc chọn --port khác. / Port ${port} is already in use; stop the other program or pick another --port.`);
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new ServeError(`Không dùng được địa chỉ ${host} trên máy này — hãy kiểm tra --host. / Address ${host} is not available on this machine; check --host.`);
    }
    if (code === 'EACCES') {
      throw new ServeError(`Không có quyền mở cổng ${port} — hãy chọn cổng từ 1024 trở lên. / No permission to listen on port ${port}; pick a port of 1024 or above.`);
    }
    throw e;
  }
  server.on('error', (e) => log(`danvan serve: ${e.message}`));

  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    db,
    hasApp: files.hasApp,
    close() {
      closing ??= (async () => {
        await new Promise<void>((res) => {
          server.close(() => res());
          server.closeIdleConnections();
          // Give in-flight responses a moment, then cut what is left (keep-alive sockets mostly).
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        });
        await workbench.close();
        summary.close();
        if (ownsDb) await db.close();
      })();
      return closing;
    },
  };
}
