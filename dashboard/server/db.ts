// The server's read-only view of the database, with hot swap.
//
// A build writes a new file and renames it over the old one (pipeline/build/build.ts), so the path
// keeps naming "the latest complete build" while the file we opened stays readable through its
// descriptor. We notice the rename (fs.watch on the folder, plus a 1 s stat poll because watchers
// miss events on some file systems), open the new file as a new generation, and send new requests
// there. The old generation is closed only when its last in-flight query has finished, so a swap
// never fails a request. A file that cannot be opened (half-copied, corrupt) is logged once and the
// old generation keeps serving.
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { SANDBOX_CONFIG } from '../../pipeline/query/sandbox.ts';

/** The server never writes, never reads files through SQL, and cannot switch either back on. */
export const SERVER_DB_CONFIG: Record<string, string> = {
  ...SANDBOX_CONFIG,
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  lock_configuration: 'true',
};

/** An error meant for the person starting the server: one line, Vietnamese then English. */
export class ServeError extends Error {}

export interface Generation {
  /** 1 for the file opened at start, +1 for every swap. */
  readonly id: number;
  /** Short hash of the build (built_at + file identity): distinguishes builds across restarts. */
  readonly tag: string;
  readonly asOf: string;
  readonly builtAt: string;
  /** Runs one statement with bound values ($1, $2, …) and reads the whole result. */
  query(sql: string, values?: DuckDBValue[]): Promise<DuckDBResultReader>;
  /** Lends a pooled connection to `fn` (for streamed or interruptible work). */
  withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
}

export interface ServingDbOptions {
  /** One line per event (swap, refused file); defaults to stderr. */
  log?: (line: string) => void;
  /** Poll interval of the stat fallback, ms (default 1000). */
  pollMs?: number;
  /** Connections per generation; each runs one query at a time (default 4). */
  poolSize?: number;
  /** DuckDB configuration of each opened file (default SERVER_DB_CONFIG). */
  config?: Record<string, string>;
}

const signatureOf = (path: string): string | null => {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
};

/** One opened file: an instance, a small connection pool, and a count of queries using it. */
class Gen implements Generation {
  refs = 0;
  retired = false;
  private closed = false;
  private readonly idle: DuckDBConnection[] = [];
  private readonly all: DuckDBConnection[] = [];
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  private opening = 0;
  private onClosed: (() => void)[] = [];

  constructor(
    readonly id: number,
    readonly tag: string,
    readonly asOf: string,
    readonly builtAt: string,
    readonly signature: string,
    private readonly instance: DuckDBInstance,
    first: DuckDBConnection,
    private readonly poolSize: number,
  ) {
    this.all.push(first);
    this.idle.push(first);
  }

  private async acquire(): Promise<DuckDBConnection> {
    const c = this.idle.pop();
    if (c) return c;
    if (this.all.length + this.opening < this.poolSize) {
      this.opening++;
      try {
        const conn = await this.instance.connect();
        this.all.push(conn);
        return conn;
      } finally {
        this.opening--;
      }
    }
    return new Promise((res) => this.waiting.push(res));
  }

  private release(c: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }

  query(sql: string, values?: DuckDBValue[]): Promise<DuckDBResultReader> {
    return this.withConnection((conn) => conn.runAndReadAll(sql, values));
  }

  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.acquire();
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }

  /** Closes when retired and unused; returns a promise settled once closed. */
  closeWhenIdle(): Promise<void> {
    const done = new Promise<void>((res) => (this.closed ? res() : this.onClosed.push(res)));
    if (this.retired && this.refs === 0 && !this.closed) {
      this.closed = true;
      for (const c of this.all) {
        try { c.closeSync(); } catch { /* already closed */ }
      }
      try { this.instance.closeSync(); } catch { /* already closed */ }
      for (const f of this.onClosed) f();
      this.onClosed = [];
    }
    return done;
  }
}

async function openGeneration(path: string, id: number, poolSize: number, config: Record<string, string>): Promise<Gen> {
  // Stat before and after: if the file was replaced while we opened it, what we opened has no
  // reliable signature, so the caller tries again.
  const before = signatureOf(path);
  if (!before) throw new Error('file not found');
  const instance = await DuckDBInstance.create(path, { ...config });
  let conn: DuckDBConnection | undefined;
  try {
    conn = await instance.connect();
    const reader = await conn.runAndReadAll(`SELECT key, value FROM build_info WHERE key IN ('as_of', 'built_at')`);
    const info = new Map(reader.getRows().map(([k, v]) => [String(k), v === null ? '' : String(v)]));
    if (!info.get('as_of')) throw new Error('build_info has no as_of');
    if (signatureOf(path) !== before) throw new Error('file changed while opening');
    const builtAt = info.get('built_at') ?? '';
    const tag = createHash('sha1').update(`${builtAt}|${before}`).digest('hex').slice(0, 10);
    return new Gen(id, tag, info.get('as_of')!, builtAt, before, instance, conn, poolSize);
  } catch (e) {
    try { conn?.closeSync(); } catch { /* ignore */ }
    try { instance.closeSync(); } catch { /* ignore */ }
    throw e;
  }
}

export class ServingDb {
  private current: Gen;
  private readonly watcher: FSWatcher | null;
  private readonly timer: NodeJS.Timeout;
  private checking: Promise<boolean> | null = null;
  private recheck = false;
  private refusedSignature: string | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly listeners: ((g: Generation) => void)[] = [];
  private readonly retired = new Set<Gen>();

  private constructor(readonly path: string, first: Gen, private readonly opts: Required<ServingDbOptions>) {
    this.current = first;
    const dir = dirname(path);
    const name = basename(path);
    let watcher: FSWatcher | null = null;
    try {
      watcher = watch(dir, { persistent: false }, (_event, filename) => {
        if (filename === null || filename.toString() === name) this.scheduleCheck();
      });
      watcher.on('error', () => { /* the poll still runs */ });
    } catch {
      watcher = null;
    }
    this.watcher = watcher;
    this.timer = setInterval(() => {
      const sig = signatureOf(this.path);
      if (sig !== this.current.signature && sig !== this.refusedSignature) void this.check();
    }, opts.pollMs);
    this.timer.unref();
  }

  /** Opens `path` read-only; a missing or unreadable file is a ServeError. */
  static async open(path: string, options: ServingDbOptions = {}): Promise<ServingDb> {
    const full = resolve(path);
    const opts: Required<ServingDbOptions> = {
      log: options.log ?? ((line) => process.stderr.write(line + '\n')),
      pollMs: options.pollMs ?? 1000,
      poolSize: options.poolSize ?? 4,
      config: options.config ?? SERVER_DB_CONFIG,
    };
    if (!existsSync(full)) {
      throw new ServeError(`Chưa có cơ sở dữ liệu ${full} — hãy chạy "danvan build" trước. / Database ${full} not found — run "danvan build" first.`);
    }
    let first: Gen;
    try {
      first = await openGeneration(full, 1, opts.poolSize, opts.config);
    } catch (e) {
      throw new ServeError(`Không mở được cơ sở dữ liệu ${full} (${firstLine(e)}) — hãy chạy lại "danvan build". / Cannot open the database; run "danvan build" again.`);
    }
    return new ServingDb(full, first, opts);
  }

  get generation(): number { return this.current.id; }
  get asOf(): string { return this.current.asOf; }
  get builtAt(): string { return this.current.builtAt; }

  /** Called after every swap with the new generation. */
  onSwap(listener: (g: Generation) => void): void {
    this.listeners.push(listener);
  }

  /** Runs `fn` against the current generation, which stays open until `fn` settles. */
  async use<T>(fn: (g: Generation) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('database closed');
    const g = this.current;
    g.refs++;
    try {
      return await fn(g);
    } finally {
      g.refs--;
      if (g.retired && g.refs === 0) void g.closeWhenIdle().then(() => this.retired.delete(g));
    }
  }

  private scheduleCheck(): void {
    if (this.debounce || this.closed) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.check();
    }, 50);
    this.debounce.unref();
  }

  /**
   * Looks at the file now and swaps to it when it is a different, openable build. Resolves true
   * when a swap happened. Checks never overlap; one asked for during a check runs after it.
   */
  check(): Promise<boolean> {
    if (this.checking) {
      this.recheck = true;
      return this.checking;
    }
    this.checking = this.checkOnce().finally(() => {
      this.checking = null;
      if (this.recheck && !this.closed) {
        this.recheck = false;
        void this.check();
      }
    });
    return this.checking;
  }

  private async checkOnce(): Promise<boolean> {
    for (let attempt = 0; attempt < 3 && !this.closed; attempt++) {
      const sig = signatureOf(this.path);
      if (sig === this.current.signature) return false;
      if (sig === null) {
        if (this.refusedSignature !== 'missing') {
          this.refusedSignature = 'missing';
          this.opts.log(`danvan serve: không thấy ${this.path}; vẫn dùng dữ liệu đang có. / Database file missing; still serving the loaded data.`);
        }
        return false;
      }
      if (sig === this.refusedSignature) return false;
      let next: Gen;
      try {
        next = await openGeneration(this.path, this.current.id + 1, this.opts.poolSize, this.opts.config);
      } catch (e) {
        if (/changed while opening/.test(firstLine(e))) continue;
        if (signatureOf(this.path) !== sig) continue;
        this.refusedSignature = sig;
        this.opts.log(`danvan serve: không mở được tệp dữ liệu mới (${firstLine(e)}); vẫn dùng dữ liệu ngày ${this.current.asOf}. / Cannot open the new database file; still serving the old one.`);
        return false;
      }
      if (this.closed) {
        next.retired = true;
        await next.closeWhenIdle();
        return false;
      }
      const old = this.current;
      this.current = next;
      this.refusedSignature = null;
      old.retired = true;
      this.retired.add(old);
      void old.closeWhenIdle().then(() => this.retired.delete(old));
      this.opts.log(`danvan serve: đã chuyển sang dữ liệu mới (ngày dữ liệu ${next.asOf}). / Switched to the new build (as of ${next.asOf}).`);
      for (const l of this.listeners) {
        try { l(next); } catch { /* a listener's bug must not stop the swap */ }
      }
      return true;
    }
    return false;
  }

  /** Stops watching; resolves when every generation has closed (after its in-flight queries). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watcher?.close();
    clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    await this.checking?.catch(() => false);
    this.current.retired = true;
    this.retired.add(this.current);
    await Promise.all([...this.retired].map((g) => g.closeWhenIdle()));
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
