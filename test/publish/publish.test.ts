// `danvan publish` on the demo database: the six charts as SVG (snapshots), PNG (not blank, the
// title drawn as the same text renders alone) and CSV; index.html offline in Debian chromium;
// the same bytes from two separate processes; English titles with --lang en; clear errors; the
// database read-only and closed afterwards.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrap } from '../../dashboard/src/lib/export.ts';
import { main } from '../../pipeline/cli.ts';
import { openDb } from '../../pipeline/db/duckdb.ts';
import { publishSummary, PublishError } from '../../pipeline/publish/publish.ts';
import { renderPng } from '../../pipeline/publish/render.ts';
import { axeSerious, colourStats, launchChromium, parseCsv, watchErrors } from '../e2e/setup.ts';
import { AS_OF, tempDir, testBuild } from '../helpers.ts';
import { decodePng, inkIn, matchTextSnapshot, pixelDiff, RESULTS, svgSnapshotText } from './helpers.ts';

const CHARTS = ['1-don-thu-theo-thang', '2-giai-quyet-theo-huyen', '3-ban-do-don-tren-10000-dan', '4-diem-nong', '5-tham-gia-phong-trao', '6-mo-hinh-dan-van-kheo'];
const ROOT = process.cwd();

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
/** The text of every <text> of an SVG, in order. */
const svgTexts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/danvan.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('danvan publish', () => {
  const tmp = tempDir('danvan-publish-');
  let db: string;
  const vi = join(tmp.dir, 'summary-vi');
  const en = join(tmp.dir, 'summary-en');
  let result: { files: string[]; years: number[] };

  beforeAll(async () => {
    db = (await testBuild(tmp.dir, { sources: [resolve(ROOT, 'data/demo')], asOf: AS_OF })).db;
    result = await publishSummary({ db, year: 2024, out: vi, lang: 'vi' });
    await publishSummary({ db, year: 2024, out: en, lang: 'en' });
  });
  afterAll(() => tmp.cleanup());

  it('writes an SVG, a PNG and a CSV per chart and index.html, and names the years with data', () => {
    const expected = [...CHARTS.flatMap((c) => [`${c}.csv`, `${c}.png`, `${c}.svg`]), 'index.html'].sort();
    expect(result.files).toEqual(expected);
    expect(readdirSync(vi).sort()).toEqual(expected);
    expect(result.years).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  describe('SVG', () => {
    for (const chart of CHARTS) {
      for (const lang of ['vi', 'en'] as const) {
        it(`${chart} matches its snapshot (${lang})`, () => {
          matchTextSnapshot(`${chart}.${lang}.svg`, svgSnapshotText(read(lang === 'vi' ? vi : en, `${chart}.svg`)));
        });
      }
    }

    it('each chart is a standalone SVG with title, source line, simulated label and the font embedded, and small', () => {
      for (const chart of CHARTS) {
        const svg = read(vi, `${chart}.svg`);
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        const texts = svgTexts(svg);
        expect(texts).toContain('Dữ liệu mô phỏng');
        expect(texts.some((t) => /^Nguồn: .+; dữ liệu đến ngày 31\/12\/2024$/.test(t)), chart).toBe(true);
        expect(svg).toContain("@font-face{font-family:'Be Vietnam Pro'");
        expect(svg).not.toMatch(/plot-(clip|pattern)-\d/);
        // No arrow glyphs: the font has none, and resvg draws with no other font.
        expect(texts.join('')).not.toMatch(/[←↑→↓]/);
        expect(svg.length).toBeLessThan(300_000);
      }
      const titles = CHARTS.map((c) => svgTexts(read(vi, `${c}.svg`))[0]);
      expect(titles[0]).toBe('Đơn thư nhận theo tháng và loại đơn, năm 2024');
      expect(titles[2]).toBe('Đơn thư nhận trên 10.000 dân theo huyện, năm 2024');
      expect(titles[3]).toBe('Điểm nóng năm 2024 và lý do cảnh báo');
    });

    it('draws what each chart is about', () => {
      const months = read(vi, '1-don-thu-theo-thang.svg');
      // 12 months × 3 kinds, in the kinds' Okabe–Ito colours; the totals written above the bars.
      expect([...months.matchAll(/<rect [^>]*aria-label="T\d+\/2024 — /g)]).toHaveLength(36);
      for (const colour of ['#0072B2', '#D55E00', '#009E73']) expect(months).toContain(`fill="${colour}"`);
      expect(svgTexts(months)).toEqual(expect.arrayContaining(['T1', 'T12', 'Khiếu nại', 'Tố cáo', 'Kiến nghị, phản ánh']));
      const rates = svgTexts(read(vi, '2-giai-quyet-theo-huyen.svg'));
      expect(rates).toEqual(expect.arrayContaining(['Tỷ lệ giải quyết (đã giải quyết / phải giải quyết)', 'Tỷ lệ giải quyết đúng hạn (đúng hạn / đã giải quyết)', 'Chỉ tiêu 85%']));
      // The demo has no boundary file: the map is the tile grid, one labelled tile per district.
      const map = read(vi, '3-ban-do-don-tren-10000-dan.svg');
      expect([...map.matchAll(/<rect [^>]*aria-label="(Huyện|Thành phố|Thị xã) [^"]+: Đơn\/10\.000 dân: \d+,\d"/g)]).toHaveLength(13);
      const hot = svgTexts(read(vi, '4-diem-nong.svg'));
      expect(hot).toContain('1. Bình Sơn');
      expect(hot.some((t) => t.includes('nằm trong cụm điểm nóng (Gi* 95%)'))).toBe(true);
      expect(svgTexts(read(vi, '6-mo-hinh-dan-van-kheo.svg'))).toContain('75/107 (70,1%)');
    });

    it('is in English with --lang en', () => {
      const titles = CHARTS.map((c) => svgTexts(read(en, `${c}.svg`))[0]);
      expect(titles[0]).toBe('Petitions received by month and kind, 2024');
      expect(titles[1]).toMatch(/^Resolution and on-time rates of complaints and denunciations by district, 2024/);
      expect(titles[3]).toBe('Hot spots of 2024 and why they were flagged');
      const all = CHARTS.map((c) => read(en, `${c}.svg`)).join('');
      expect(all).toContain('Simulated data');
      expect(all).toContain('Source: Petition registers and reports of the province and districts; data up to 31 Dec 2024');
      expect(all).not.toMatch(/Nguồn:|Dữ liệu mô phỏng|Đơn vị:/);
      expect(read(en, 'index.html')).toContain('<html lang="en">');
    });
  });

  describe('CSV', () => {
    it('is written by toCsv: BOM, CRLF, one header, the rows of the chart', () => {
      for (const chart of CHARTS) {
        const text = read(vi, `${chart}.csv`);
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(text).toContain('\r\n');
      }
      const months = parseCsv(read(vi, '1-don-thu-theo-thang.csv').slice(1));
      expect(months[0]).toEqual(['month', 'kind', 'kind_label', 'received']);
      expect(months.slice(1)).toHaveLength(36);
      expect(months.slice(1).reduce((a, r) => a + Number(r[3]), 0)).toBe(5585);
      const rates = parseCsv(read(vi, '2-giai-quyet-theo-huyen.csv').slice(1));
      expect(rates[1].slice(0, 3)).toEqual(['51', 'Tỉnh Quảng Ngãi', '2024']);
      expect(rates.slice(1)).toHaveLength(14);
      const map = parseCsv(read(vi, '3-ban-do-don-tren-10000-dan.csv').slice(1));
      expect(map.find((r) => r[0] === '524')?.slice(1, 2)).toEqual(['Huyện Bình Sơn']);
      const hot = parseCsv(read(en, '4-diem-nong.csv').slice(1));
      expect(hot[1][0]).toBe('1');
      expect(hot[0].at(-1)).toBe('reasons');
      expect(hot[1].at(-1)).toMatch(/[a-z]/);
    });
  });

  describe('PNG', () => {
    it('is at print resolution, on white, not blank, its title drawn as the same text renders alone', () => {
      for (const chart of CHARTS) {
        const svg = read(vi, `${chart}.svg`);
        const width = Number(/width="(\d+)"/.exec(svg)![1]);
        const png = decodePng(readFileSync(join(vi, `${chart}.png`)));
        expect(png.width).toBe(width * 3);
        expect([...png.pixels.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
        const { distinct, inkShare } = colourStats(png);
        expect(distinct, chart).toBeGreaterThan(50);
        expect(inkShare, chart).toBeGreaterThan(0.02);
        // The title: 17 px bold at (16, 37.25) in the frame; the first line drawn alone must match.
        const title = svgTexts(svg)[0];
        const line = wrap(title, width - 32, 17, 700)[0];
        const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><rect width="100%" height="100%" fill="#ffffff"/>`
          + `<text x="16" y="37.3" font-size="17" font-weight="700" fill="#1b1f24" font-family="'Be Vietnam Pro'">${line}</text></svg>`;
        const ref = decodePng(renderPng(alone));
        const band: [number, number] = [0, 3 * 39];
        expect(inkIn(png, ...band), chart).toBeGreaterThan(1500);
        const { differing, total } = pixelDiff({ ...ref, height: png.height }, png, 64, band);
        expect(differing / total, chart).toBeLessThan(0.01);
      }
    });
  });

  describe('index.html', () => {
    it('is one offline page: font embedded, no script, charts inline, key figures, notes, links to every file', () => {
      const html = read(vi, 'index.html');
      expect(html).toContain('<html lang="vi">');
      expect(html).not.toMatch(/<script|<link |<img |\bsrc=|https?:\/\/(?!www\.w3\.org\/)/);
      expect(html).toContain("@font-face{font-family:'Be Vietnam Pro'");
      expect(html.match(/@font-face/g)).toHaveLength(4);
      expect(html.match(/<figure /g)).toHaveLength(6);
      expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(6);
      for (const chart of CHARTS) for (const ext of ['svg', 'png', 'csv']) expect(html).toContain(`href="${chart}.${ext}"`);
      // Key figures: this year, the year before, the difference (points for rates, percent for counts).
      expect(html).toMatch(/<th scope="row">Đơn thư nhận \(mọi loại\)<\/th><td>5\.585<\/td><td>5\.107<\/td><td>\+9%<\/td>/);
      expect(html).toMatch(/<th scope="row">Tỷ lệ giải quyết<\/th><td>88,9%<\/td><td>89,0%<\/td><td>−0,1 điểm<\/td>/);
      expect(html).toContain('Ghi chú về định nghĩa');
      expect(html).toContain('Tỷ lệ giải quyết = đã giải quyết / phải giải quyết');
      expect(html.length).toBeLessThan(3_000_000);
    });

    it('opens offline in chromium: no console error, no request, every chart drawn, Vietnamese in the font, no serious axe violation', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
        const errors = watchErrors(page);
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`file://${join(vi, 'index.html')}`);
        await page.evaluate(() => document.fonts.ready);
        const state = await page.evaluate(() => ({
          text: document.body.innerText,
          charts: [...document.querySelectorAll('figure .chart > svg')].map((s) => {
            const r = s.getBoundingClientRect();
            return { w: Math.round(r.width), h: Math.round(r.height), marks: s.querySelectorAll('rect, circle, path').length };
          }),
          fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`),
          h1Font: getComputedStyle(document.querySelector('h1')!).fontFamily,
        }));
        mkdirSync(RESULTS, { recursive: true });
        await page.screenshot({ path: join(RESULTS, 'index-vi.png'), fullPage: true });
        expect(errors).toEqual([]);
        expect(requests).toEqual([`file://${join(vi, 'index.html')}`]);
        expect(state.charts).toHaveLength(6);
        for (const c of state.charts) {
          expect(c.w).toBeGreaterThan(500);
          expect(c.h).toBeGreaterThan(200);
          expect(c.marks).toBeGreaterThan(10);
        }
        expect(state.text).toContain('Tổng hợp công tác dân vận năm 2024');
        expect(state.text).toContain('Đơn thư nhận theo tháng và loại đơn, năm 2024');
        expect(state.text).toContain('Dữ liệu mô phỏng');
        expect(state.h1Font).toMatch(/^'?"?Be Vietnam Pro/);
        expect(state.fonts).toEqual(expect.arrayContaining(['Be Vietnam Pro 700', 'Be Vietnam Pro 400']));
        expect(await axeSerious(page)).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });

  it('gives the same bytes for every SVG, CSV and HTML from two separate processes (PNG too)', () => {
    const a = join(tmp.dir, 'cli-a');
    const b = join(tmp.dir, 'cli-b');
    for (const out of [a, b]) {
      const r = runCli(['publish', '--year', '2024', '--db', db, '--out', out]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Đã lập bản tổng hợp năm 2024: 19 tệp');
    }
    for (const file of readdirSync(vi)) {
      expect(sha(join(a, file)), file).toBe(sha(join(b, file)));
      // …and the same as this process wrote (vitest, another time zone).
      expect(sha(join(a, file)), file).toBe(sha(join(vi, file)));
    }
  }, 120_000);

  it('reads the database without changing it and does not keep it open', async () => {
    const before = sha(db);
    // As the dashboard server will call it: its own read-only connection stays open meanwhile.
    const server = await openDb(db, { access_mode: 'READ_ONLY' });
    try {
      await publishSummary({ db, year: 2020, out: join(tmp.dir, 'again'), lang: 'vi' });
    } finally {
      server.close();
    }
    expect(sha(db)).toBe(before);
    // The first year has no year before: "—", and no comparison promised in the titles.
    const html = read(join(tmp.dir, 'again'), 'index.html');
    expect(html).toMatch(/<th scope="row">Tỷ lệ giải quyết<\/th><td>90,5%<\/td><td>—<\/td><td>—<\/td>/);
    expect(html).toContain('đơn khiếu nại, tố cáo theo huyện, năm 2020</h3>');
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(existsSync(`${db}.wal`)).toBe(false);
    // A read-write open in this process would fail if the read-only instance were still open.
    const rw = await openDb(db);
    rw.close();
  });

  describe('errors are one clear line', () => {
    const cli = async (args: string[]) => {
      const errs: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((s: string) => (errs.push(String(s)), true)) as typeof process.stderr.write;
      try {
        return { code: await main(args, () => {}), err: errs.join('') };
      } finally {
        process.stderr.write = write;
      }
    };

    it('a year without data names the years there are', async () => {
      await expect(publishSummary({ db, year: 2019, out: join(tmp.dir, 'x'), lang: 'vi' }))
        .rejects.toThrow(new PublishError('Không có số liệu năm 2019. Các năm có số liệu: 2020, 2021, 2022, 2023, 2024. / No data for 2019; years with data: 2020, 2021, 2022, 2023, 2024.'));
      expect(existsSync(join(tmp.dir, 'x'))).toBe(false);
      const r = await cli(['publish', '--year', '2031', '--db', db, '--out', join(tmp.dir, 'x')]);
      expect(r.code).toBe(1);
      expect(r.err).toBe('danvan: Không có số liệu năm 2031. Các năm có số liệu: 2020, 2021, 2022, 2023, 2024. / No data for 2031; years with data: 2020, 2021, 2022, 2023, 2024.\n');
    });

    it('no database, an output folder that cannot be written, bad options', async () => {
      const missing = join(tmp.dir, 'none.duckdb');
      expect((await cli(['publish', '--year', '2024', '--db', missing])).err)
        .toBe(`danvan: Chưa có cơ sở dữ liệu ${missing} — hãy chạy "danvan build" trước. / Database ${missing} not found — run "danvan build" first.\n`);
      // A folder inside a file: not writable whoever runs the test.
      const blocked = join(tmp.dir, 'a-file');
      writeFileSync(blocked, 'x');
      const r = await cli(['publish', '--year', '2024', '--db', db, '--out', join(blocked, 'summary')]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^danvan: Không ghi được vào thư mục .*a-file\/summary \(ENOTDIR\) — hãy chọn thư mục khác bằng --out\. \/ Cannot write to .*\n$/);
      expect((await cli(['publish', '--db', db])).err).toBe('danvan: Cần cho biết năm: danvan publish --year YYYY / --year YYYY is required\n');
      expect((await cli(['publish', '--year', '24'])).code).toBe(2);
      expect((await cli(['publish', '--year', '2024', '--lang', 'fr'])).err).toMatch(/^danvan: Tùy chọn --lang không hợp lệ: ngôn ngữ là vi hoặc en/);
      await expect(publishSummary({ db, year: 2024.5, out: join(tmp.dir, 'y'), lang: 'vi' })).rejects.toThrow(PublishError);
      const help = await (async () => { let s = ''; await main(['publish', '--help'], (x) => (s += x)); return s; })();
      expect(help).toContain('danvan publish --year YYYY [--db FILE] [--out DIR] [--lang vi|en]');
    });
  });
});
