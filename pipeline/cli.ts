// danvan's command line. Options are validated with zod; every error is one clear line, never a
// stack trace (set DANVAN_DEBUG=1 to see one).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { build, BuildError, discoverSources, ROOT } from './build/build.ts';
import { loadReport } from './build/report.ts';
import { inspectFile, formatInspectText } from './inspect.ts';
import { QueryError, runSandboxedQuery } from './query/sandbox.ts';
import { formatResult } from './query/format.ts';
import { appIsStale, buildApp } from './app-build.ts';
import { SourceReadError } from './sources/grid.ts';
import { createServer, ServeError } from '../dashboard/server/server.ts';
import { cliPublishOptions, defaultOut, PublishError, YEAR_REQUIRED } from './publish/options.ts';

export const DEFAULT_DB = join(ROOT, 'data', 'danvan.duckdb');
export const DEMO_SOURCES = join(ROOT, 'data', 'demo');

const HELP: Record<string, string> = {
  main: `danvan — phân tích công tác dân vận / analytics for mass-mobilisation work

Cách dùng / usage: danvan <lệnh> [tùy chọn]

Lệnh / commands:
  build     đọc các tệp nguồn và xây cơ sở dữ liệu / read the sources and build the database
  inspect   xem cách danvan đọc một tệp, không nạp / show how one file is read, without loading it
  query     chạy một câu SQL chỉ đọc / run a read-only SQL query
  serve     mở bảng điều khiển trên trình duyệt / serve the dashboard and its API
  publish   bản tổng hợp năm: biểu đồ SVG/PNG, CSV và trang HTML / the annual summary: charts, CSV and an HTML page
  start     xây dữ liệu mẫu và ứng dụng khi cần, rồi mở bảng điều khiển / build what is needed, then serve the dashboard

Mỗi lệnh có --help. / Every command takes --help.`,
  build: `danvan build [--sources DIR ...] [--db FILE] [--as-of YYYY-MM-DD]

Đọc mọi tệp CSV/TSV, XLSX, XLS trong các thư mục nguồn (mặc định data/demo) và ghi cơ sở dữ liệu
DuckDB (mặc định data/danvan.duckdb). Một danh sách đơn vị theo mẫu Tổng cục Thống kê hoặc một tệp
ranh giới (.geojson/.topojson) trong thư mục nguồn sẽ được dùng làm danh mục đơn vị.
Reads every CSV/TSV, XLSX and XLS under the source folders and writes the DuckDB database.

  --sources DIR   thư mục nguồn (lặp lại được) / source folder (repeatable)
  --db FILE       tệp cơ sở dữ liệu / database file
  --as-of DATE    ngày dữ liệu: ngày sau đó bị loại (mặc định: as_of trong manifest.json của nguồn,
                  nếu không thì hôm nay) / rows dated later are rejected (default: the sources' manifest, else today)
  --include-hidden  đọc cả trang tính bị ẩn / read hidden sheets too
  --quiet         không in báo cáo / no report`,
  inspect: `danvan inspect FILE [--format text|json]

Cho biết danvan đọc một tệp thế nào mà không nạp: bảng mã, dấu phân cách, vị trí bảng, cột khớp,
các dòng bỏ qua và vài dòng đầu đã phân tích. / Shows how one file is read, without loading it.

  --format text|json   (mặc định text)`,
  query: `danvan query "SQL" [--db FILE] [--format table|csv|json] [--timeout GIÂY] [--max-rows N]

Chạy một câu SELECT chỉ đọc; không được đọc/ghi tệp hay truy cập mạng; có giới hạn thời gian,
số dòng và bộ nhớ. / Runs one read-only SELECT without file or network access, with a time limit,
a row cap and a memory cap.

  --db FILE                 (mặc định data/danvan.duckdb)
  --format table|csv|json   (mặc định table)
  --timeout GIÂY            dừng truy vấn sau số giây này (mặc định 30) / stop after this many seconds
  --max-rows N              in tối đa N dòng (mặc định 100000, tối đa 1000000) / print at most N rows`,
  serve: `danvan serve [--db FILE] [--port N] [--host H]

Mở bảng điều khiển và API (chỉ đọc cơ sở dữ liệu). Khi "danvan build" tạo dữ liệu mới, máy chủ tự
chuyển sang dữ liệu mới, không cần khởi động lại. Dừng bằng Ctrl+C.
Serves the dashboard and its read-only API; picks up a new build without a restart.

  --db FILE    (mặc định data/danvan.duckdb)
  --port N     cổng (mặc định 5173; 0 = cổng trống bất kỳ) / port (0 = any free port)
  --host H     địa chỉ (mặc định 127.0.0.1: chỉ máy này) / address (default: this computer only)`,
  publish: `danvan publish --year YYYY [--db FILE] [--out DIR] [--lang vi|en]

Lập bản tổng hợp năm của tỉnh: mỗi biểu đồ một tệp SVG, một tệp PNG độ phân giải in và một tệp CSV
số liệu, cùng trang index.html xem được không cần mạng (bảng số liệu chính, ghi chú định nghĩa).
Writes the province's annual summary: an SVG, a print PNG and a CSV per chart, and an offline index.html.

  --year YYYY    năm cần tổng hợp / the year to summarise
  --db FILE      (mặc định data/danvan.duckdb)
  --out DIR      thư mục kết quả (mặc định summary-YYYY; tiếng Anh: summary-YYYY-en) / output folder
  --lang vi|en   ngôn ngữ (mặc định vi) / language`,
  start: `danvan start [--db FILE] [--port N] [--host H]

Xây cơ sở dữ liệu mẫu khi chưa có hoặc cũ hơn dữ liệu nguồn (in báo cáo nạp), xây ứng dụng khi cần,
rồi mở bảng điều khiển tại http://127.0.0.1:5173.
Builds the demo database when it is missing or older than its sources, builds the app when needed,
then serves the dashboard.`,
};

class UsageError extends Error {}

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD / date must be YYYY-MM-DD');

const buildOptions = z.object({
  sources: z.array(z.string().min(1)).default([DEMO_SOURCES]),
  db: z.string().min(1).default(DEFAULT_DB),
  'as-of': dateSchema.optional(),
  'include-hidden': z.boolean().default(false),
  quiet: z.boolean().default(false),
});
const inspectOptions = z.object({ format: z.enum(['text', 'json']).default('text') });
const serveOptions = z.object({
  db: z.string().min(1).default(DEFAULT_DB),
  port: z.string().regex(/^\d{1,5}$/, 'cổng phải là số từ 0 đến 65535 / port must be a number from 0 to 65535')
    .transform(Number).refine((n) => n <= 65535, 'cổng phải là số từ 0 đến 65535 / port must be a number from 0 to 65535').default(5173),
  host: z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, 'địa chỉ không hợp lệ / invalid host').default('127.0.0.1'),
});
const positiveInt = (max: number, what: string) => z.string().regex(/^\d+$/, `${what}`).transform(Number)
  .refine((n) => n >= 1 && n <= max, what);
const queryOptions = z.object({
  db: z.string().min(1).default(DEFAULT_DB),
  format: z.enum(['table', 'csv', 'json']).default('table'),
  timeout: positiveInt(3600, '--timeout phải là số giây từ 1 đến 3600 / --timeout must be 1–3600 seconds').default(30),
  'max-rows': positiveInt(1_000_000, '--max-rows phải từ 1 đến 1000000 / --max-rows must be 1–1,000,000').default(100_000),
});

function parse<T extends z.ZodType>(schema: T, args: string[], spec: NonNullable<ParseArgsConfig['options']>) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...spec, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`Tùy chọn không hợp lệ / invalid option: ${(e as Error).message.split('\n')[0]}`);
  }
  const { help, ...values } = parsed.values as Record<string, unknown>;
  const result = schema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`Tùy chọn --${issue.path.join('.')} không hợp lệ: ${issue.message}`);
  }
  return { options: result.data as z.infer<T>, positionals: parsed.positionals, help: Boolean(help) };
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined: case '--help': case '-h': case 'help':
        out(HELP.main);
        return 0;
      case 'build': {
        const { options, help } = parse(buildOptions, rest, {
          sources: { type: 'string', multiple: true }, db: { type: 'string' }, 'as-of': { type: 'string' },
          'include-hidden': { type: 'boolean' }, quiet: { type: 'boolean' },
        });
        if (help) return out(HELP.build), 0;
        await runBuild(options.sources, options.db, options['as-of'], options['include-hidden'], options.quiet, out);
        return 0;
      }
      case 'start': {
        const { options, help } = parse(serveOptions, rest, { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } });
        if (help) return out(HELP.start), 0;
        const db = resolve(options.db);
        if (demoIsStale(db)) await runBuild([DEMO_SOURCES], db, undefined, false, false, out);
        else out(`Cơ sở dữ liệu mẫu đã mới nhất: ${db} / The demo database is up to date.`);
        if (appIsStale()) {
          out('Đang xây ứng dụng bảng điều khiển… / Building the dashboard app…');
          await buildApp();
        }
        await runServe(db, options.port, options.host, out);
        return 0;
      }
      case 'serve': {
        const { options, positionals, help } = parse(serveOptions, rest, { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } });
        if (help) return out(HELP.serve), 0;
        if (positionals.length) throw new UsageError(`Không cần "${positionals[0]}": danvan serve [--db FILE] [--port N] [--host H] / unexpected argument`);
        await runServe(resolve(options.db), options.port, options.host, out);
        return 0;
      }
      case 'inspect': {
        const { options, positionals, help } = parse(inspectOptions, rest, { format: { type: 'string' } });
        if (help) return out(HELP.inspect), 0;
        if (positionals.length !== 1) throw new UsageError('Cần đúng một tệp: danvan inspect FILE / exactly one file expected');
        const report = await inspectFile(positionals[0]);
        out(options.format === 'json' ? JSON.stringify(report, null, 2) : formatInspectText(report));
        return 0;
      }
      case 'publish': {
        const { options, positionals, help } = parse(cliPublishOptions(DEFAULT_DB), rest, {
          year: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' },
        });
        if (help) return out(HELP.publish), 0;
        if (options.year === undefined) throw new UsageError(YEAR_REQUIRED);
        if (positionals.length) throw new UsageError(`Không cần "${positionals[0]}": danvan publish --year YYYY [--db FILE] [--out DIR] [--lang vi|en] / unexpected argument`);
        const dir = resolve(options.out ?? defaultOut(options.year, options.lang));
        // Loaded only now: jsdom and resvg are not needed by the other commands.
        const { publishSummary } = await import('./publish/publish.ts');
        const { files } = await publishSummary({ db: resolve(options.db), year: options.year, out: dir, lang: options.lang });
        out(`Đã lập bản tổng hợp năm ${options.year}: ${files.length} tệp trong ${dir} (mở index.html). / Wrote the ${options.year} summary: ${files.length} files in ${dir}.`);
        return 0;
      }
      case 'query': {
        const { options, positionals, help } = parse(queryOptions, rest, {
          db: { type: 'string' }, format: { type: 'string' }, timeout: { type: 'string' }, 'max-rows': { type: 'string' },
        });
        if (help) return out(HELP.query), 0;
        if (positionals.length !== 1) throw new UsageError('Cần đúng một câu SQL trong dấu ngoặc kép: danvan query "SELECT …" / exactly one SQL string expected');
        const result = await runSandboxedQuery(resolve(options.db), positionals[0], { timeoutMs: options.timeout * 1000, maxRows: options['max-rows'] });
        out(formatResult(result, options.format));
        if (result.truncated) {
          process.stderr.write(`danvan: kết quả có hơn ${options['max-rows']} dòng; chỉ in ${options['max-rows']} dòng đầu (xem --max-rows). / The result has more than ${options['max-rows']} rows; only the first were printed.\n`);
        }
        return 0;
      }
      default:
        throw new UsageError(`Không có lệnh "${command}". Xem danvan --help. / Unknown command "${command}".`);
    }
  } catch (e) {
    if (process.env.DANVAN_DEBUG) console.error(e);
    const known = e instanceof UsageError || e instanceof BuildError || e instanceof SourceReadError || e instanceof QueryError || e instanceof ServeError || e instanceof PublishError;
    process.stderr.write(`danvan: ${known ? (e as Error).message : `lỗi không mong đợi / unexpected error: ${(e as Error).message.split('\n')[0]}`}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

async function runBuild(sources: string[], db: string, asOf: string | undefined, includeHidden: boolean, quiet: boolean, out: (s: string) => void) {
  const tty = process.stdout.isTTY && !quiet;
  const result = await build({
    sources, db, asOf, includeHidden,
    onProgress: tty ? (done, total, file) => {
      const width = 24;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      process.stdout.write(`\r[${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total} ${file.slice(0, 50).padEnd(50)}`);
      if (done === total) process.stdout.write('\r' + ' '.repeat(width + 60) + '\r');
    } : undefined,
  });
  if (!quiet) out(await loadReport(result));
}

/** Serves until SIGINT/SIGTERM, then closes the server and the database cleanly. */
async function runServe(db: string, port: number, host: string, out: (s: string) => void): Promise<void> {
  // Listen for the signals before printing the URL: whoever reads it may stop us at once.
  let stop!: () => void;
  const stopped = new Promise<void>((done) => (stop = done));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const server = await createServer({ db, port, host });
    out(`Bảng điều khiển / dashboard: ${server.url}  (dữ liệu đến ngày ${server.db.asOf}; Ctrl+C để dừng / to stop)`);
    if (!server.hasApp) out('Ứng dụng chưa được xây: hãy chạy "npm run build:app"; API vẫn chạy. / The app is not built yet (npm run build:app); the API works.');
    await stopped;
    await server.close();
    out('Đã dừng máy chủ. / Server stopped.');
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** The demo database needs a rebuild when missing or older than any demo source. */
function demoIsStale(db: string): boolean {
  if (!existsSync(db)) return true;
  const built = statSync(db).mtimeMs;
  return discoverSources([DEMO_SOURCES]).some((s) => statSync(s.path).mtimeMs > built);
}
