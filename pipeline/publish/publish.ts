// `danvan publish`: the province's annual summary as files a report writer can use — for each of
// six charts an SVG, a print-resolution PNG and the CSV of its data, and one offline index.html
// with the charts, the key figures and notes on definitions. The same database gives the same
// bytes (SVG, CSV, HTML) in any process. The database is opened read-only and closed before
// anything is drawn, so the dashboard server can call this for /summary/<year>/.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCharts } from './charts.ts';
import { loadSummary } from './load.ts';
import { PublishError, publishOptions, defaultOut, type PublishOptions } from './options.ts';
import { renderPage, type PageChart } from './page.ts';
import { createDom, fontFaceCss, frameChart, renderPng } from './render.ts';
import { toCsv } from './write-csv.ts';

export { PublishError, publishOptions, defaultOut, type PublishOptions };

function writeAtomic(file: string, content: string | Buffer): void {
  // A reader (the dashboard serving the folder) sees the old file or the new one, never half of one.
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function outError(dir: string, e: unknown): PublishError {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new PublishError(`Không ghi được vào thư mục ${dir} (${code}) — hãy chọn thư mục khác bằng --out. / Cannot write to ${dir}; choose another folder with --out.`);
}

/**
 * Writes the summary of `year` into `out` and returns the names of the files written (relative to
 * `out`, sorted) and the years the database has data for.
 */
export async function publishSummary(opts: PublishOptions): Promise<{ files: string[]; years: number[] }> {
  const parsed = publishOptions.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PublishError(`Tùy chọn ${issue.path.join('.')} không hợp lệ: ${issue.message}`);
  }
  const { year, lang } = parsed.data;
  const db = resolve(parsed.data.db);
  const out = resolve(parsed.data.out);
  const { data, years } = await loadSummary(db, year);

  const dom = createDom();
  const written = new Map<string, string | Buffer>();
  try {
    const svgFonts = fontFaceCss([400, 700]);
    const charts = buildCharts(data, lang, dom);
    const page: PageChart[] = charts.map((chart, i) => {
      const framed = frameChart(dom, chart.element, chart.text, `c${i + 1}`, svgFonts);
      const files = { svg: `${chart.id}.svg`, png: `${chart.id}.png`, csv: `${chart.id}.csv` };
      written.set(files.svg, framed.svg);
      written.set(files.png, renderPng(framed.svgForPng));
      written.set(files.csv, toCsv(chart.csv.columns, chart.csv.rows));
      return { chart, framed, files };
    });
    written.set('index.html', renderPage(data, lang, page, svgFonts));
  } finally {
    dom.close();
  }

  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    throw outError(out, e);
  }
  for (const [name, content] of written) {
    try {
      writeAtomic(join(out, name), content);
    } catch (e) {
      throw outError(out, e);
    }
  }
  return { files: [...written.keys()].sort(), years };
}
