// The dashboard in a real browser (Debian chromium through playwright-core) against a real server on
// the demo database: every page draws its charts without console errors or leaked NaN/undefined,
// filters live in the URL (reload, copied link, invalid link), the map opens a district, the
// language switch, chart exports (SVG, PNG, CSV), axe-core and the print stylesheet. Screenshots go to
// test-results/e2e/ for a person to look at. All browser tests share one file so the demo database
// and the app are built once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeSerious, chartSummary, screenshot, colourStats, decodePng, leakedValues, parseCsv, RESULTS_DIR, startE2e, waitForCharts, watchErrors, type E2e,
} from './setup.ts';

const TIMEOUT = 120_000;

interface PageCase {
  file: string;
  path: string;
  heading: RegExp;
  /** Figures with a drawn SVG the page must show at least. */
  minCharts: number;
}

const PAGES: PageCase[] = [
  { file: 'overview', path: '/', heading: /^Tổng quan$/, minCharts: 3 },
  { file: 'don-thu', path: '/don-thu', heading: /^Đơn thư$/, minCharts: 6 },
  { file: 'diem-nong', path: '/diem-nong', heading: /^Điểm nóng$/, minCharts: 3 },
  { file: 'phong-trao', path: '/phong-trao', heading: /^Phong trào$/, minCharts: 3 },
  { file: 'huyen-524', path: '/huyen/524', heading: /Bình Sơn/, minCharts: 3 },
];

let env: E2e;

beforeAll(async () => {
  env = await startE2e();
}, 300_000);

afterAll(async () => {
  await env?.close();
});

async function newContext(): Promise<BrowserContext> {
  return env.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
}

/** Lets Svelte apply a change (and start its loads) before waiting for the charts. */
async function settle(page: Page, minCharts: number): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await waitForCharts(page, minCharts);
}

/** Waits for the element to be visible (fails the test after 10 s). */
const visible = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 10_000 });
const h1 = (page: Page) => page.locator('main h1').first();
const filterBar = (page: Page) => page.getByRole('search');

/** What a view shows: the filter values and the chart titles (which name the period and area). */
async function viewSnapshot(page: Page) {
  const bar = filterBar(page);
  return {
    heading: await h1(page).innerText(),
    grain: await bar.getByLabel('Kỳ', { exact: true }).inputValue(),
    from: await bar.getByLabel('Từ', { exact: true }).inputValue(),
    to: await bar.getByLabel('Đến', { exact: true }).inputValue(),
    kind: await bar.getByLabel('Loại đơn', { exact: true }).inputValue(),
    units: await bar.getByRole('button', { name: /^Huyện/ }).innerText(),
    charts: (await chartSummary(page)).map((c) => c.title),
  };
}

/** Repeated messages once each, with their count. */
function distinct(errors: string[]): string[] {
  const n = new Map<string, number>();
  for (const e of errors) n.set(e, (n.get(e) ?? 0) + 1);
  return [...n].map(([e, k]) => (k > 1 ? `${e} (×${k})` : e));
}

async function optionValues(select: Locator): Promise<string[]> {
  return select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
}

describe('each page', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await newContext();
  });
  afterAll(async () => {
    await context?.close();
  });

  for (const c of PAGES) {
    it(`${c.path}: heading, ≥ ${c.minCharts} titled charts, simulated label, no NaN, no console error, no serious axe violation`, async () => {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(env.url + c.path);
      // The screenshot is taken even when the page never settles: it is what a person needs to see.
      const settled = await settle(page, c.minCharts).then(() => null, (e: Error) => e);
      await screenshot(page, `${c.file}.png`);
      if (settled) throw settled;

      expect(await h1(page).innerText()).toMatch(c.heading);
      await visible(page.getByRole('banner').getByText('Dữ liệu mô phỏng'));

      const charts = await chartSummary(page);
      const drawn = charts.filter((x) => x.drawn);
      expect(drawn.length).toBeGreaterThanOrEqual(c.minCharts);
      for (const chart of charts) {
        expect(chart.title, 'every figure has a title').not.toBe('');
        expect(chart.text, `source line on “${chart.title}”`).toContain('Nguồn');
        expect(chart.text, `simulated label on “${chart.title}”`).toContain('Dữ liệu mô phỏng');
      }
      // An error box in a chart (the API failed) must not pass as a drawn page.
      expect(await page.locator('main figure [role="alert"]').count()).toBe(0);
      expect(await leakedValues(page)).toEqual([]);

      const serious = await axeSerious(page);
      if (serious.length) console.error(`axe on ${c.path}:\n${JSON.stringify(serious, null, 2)}`);
      expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes[0] ?? ''}`)).toEqual([]);

      expect(distinct(errors)).toEqual([]);
      await page.close();
    }, TIMEOUT);
  }
});

describe('filters live in the URL', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await newContext();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('grain, period, district and kind group change the URL; reload and a copied link show the same view', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.url + '/');
    await settle(page, 3);
    const bar = filterBar(page);

    await bar.getByLabel('Kỳ', { exact: true }).selectOption({ label: 'Năm' });
    await page.waitForURL(/[?&]ky=year(&|$)/);
    await settle(page, 3);
    expect(await bar.getByLabel('Kỳ', { exact: true }).inputValue()).toBe('year');

    // A shorter range: the year before the last one in view.
    const from = bar.getByLabel('Từ', { exact: true });
    const to = await bar.getByLabel('Đến', { exact: true }).inputValue();
    const years = await optionValues(from);
    const pick = years[years.indexOf(to) - 1];
    expect(pick).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await from.selectOption(pick);
    await page.waitForURL(new RegExp(`[?&]tu=${pick}(&|$)`));
    await settle(page, 3);

    await bar.getByRole('button', { name: /^Huyện/ }).click();
    await bar.getByRole('checkbox', { name: 'Huyện Bình Sơn' }).check();
    await page.waitForURL(/[?&]huyen=524(&|$)/);
    await bar.getByRole('button', { name: 'Đóng', exact: true }).click();
    await settle(page, 3);
    expect(await bar.getByRole('button', { name: /^Huyện/ }).innerText()).toContain('Bình Sơn');

    await bar.getByLabel('Loại đơn', { exact: true }).selectOption('all');
    await page.waitForURL(/[?&]loai=all(&|$)/);
    await settle(page, 3);

    const url = page.url();
    const u = new URL(url);
    expect(Object.fromEntries(u.searchParams)).toMatchObject({ ky: 'year', tu: pick, den: to, huyen: '524', loai: 'all' });
    const before = await viewSnapshot(page);
    expect(before).toMatchObject({ grain: 'year', from: pick, to, kind: 'all' });
    expect(before.charts.join(' | ')).toContain('Bình Sơn');

    await page.reload();
    await settle(page, 3);
    expect(page.url()).toBe(url);
    expect(await viewSnapshot(page)).toEqual(before);

    const copy = await context.newPage();
    const copyErrors = watchErrors(copy);
    await copy.goto(url);
    await settle(copy, 3);
    expect(copy.url()).toBe(url);
    expect(await viewSnapshot(copy)).toEqual(before);
    await screenshot(copy, 'filters-copied-link.png');

    expect(distinct([...errors, ...copyErrors])).toEqual([]);
    await copy.close();
    await page.close();
  }, TIMEOUT);

  it('an invalid URL shows a notice and a working page', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.url + '/?ky=decade&huyen=999');
    await settle(page, 3);
    const notice = page.getByRole('status', { name: 'Thông báo về đường dẫn' });
    await visible(notice);
    const text = await notice.innerText();
    expect(text).toContain('decade');
    expect(text).toContain('999');
    expect(await h1(page).innerText()).toBe('Tổng quan');
    // The address now says what is on screen: the bad parameters are gone.
    const u = new URL(page.url());
    expect(u.searchParams.get('ky')).toBeNull();
    expect(u.searchParams.get('huyen')).toBeNull();
    expect(await filterBar(page).getByLabel('Kỳ', { exact: true }).inputValue()).toBe('quarter');
    await screenshot(page, 'invalid-url.png', false);
    await page.getByRole('button', { name: 'Đóng thông báo' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(distinct(errors)).toEqual([]);
  }, TIMEOUT);
});

describe('map, language, export, print', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
    errors = watchErrors(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('clicking a district on the map opens its page; Back returns', async () => {
    await page.goto(env.url + '/');
    await settle(page, 3);
    const overviewUrl = page.url();
    await page.getByRole('button', { name: /— Huyện Bình Sơn:/ }).first().click();
    await page.waitForURL((u) => u.pathname === '/huyen/524');
    await settle(page, 1);
    expect(await h1(page).innerText()).toContain('Bình Sơn');
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/');
    await settle(page, 3);
    expect(page.url()).toBe(overviewUrl);
    expect(await h1(page).innerText()).toBe('Tổng quan');
    expect(distinct(errors)).toEqual([]);
  }, TIMEOUT);

  it('the language switch shows English labels and English numbers, and back', async () => {
    await page.goto(env.url + '/');
    await settle(page, 3);
    const viText = await page.locator('main').innerText();
    expect(viText).toMatch(/\d,\d%/);

    await filterBar(page).getByRole('button', { name: 'English', exact: true }).click();
    await page.waitForURL(/[?&]lang=en(&|$)/);
    await page.waitForSelector('html[lang="en"]');
    await settle(page, 3);
    expect(await h1(page).innerText()).toBe('Overview');
    await visible(page.getByRole('navigation').getByRole('link', { name: 'Petitions' }));
    await visible(page.getByRole('banner').getByText('Simulated data'));
    expect(await filterBar(page).getByLabel('Period type', { exact: true }).inputValue()).toBe('quarter');
    expect(await page.getByRole('banner').innerText()).toContain('31 Dec 2024');
    const enText = await page.locator('main').innerText();
    expect(enText).toMatch(/\d\.\d%/);
    expect(enText, 'no Vietnamese decimal commas in English').not.toMatch(/\d,\d%/);
    for (const c of await chartSummary(page)) expect(c.text).toContain('Simulated data');
    expect(await leakedValues(page)).toEqual([]);
    await screenshot(page, 'overview-en.png');

    await filterBar(page).getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
    await page.waitForSelector('html[lang="vi"]');
    await settle(page, 3);
    expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
    expect(await h1(page).innerText()).toBe('Tổng quan');
    expect(await page.locator('main').innerText()).toMatch(/\d,\d%/);
    expect(await page.getByRole('banner').innerText()).toContain('31/12/2024');
    expect(distinct(errors)).toEqual([]);
  }, TIMEOUT);

  it('exports a chart as SVG, PNG and CSV', async () => {
    await page.goto(env.url + '/');
    await settle(page, 3);
    const figure = page.getByRole('figure', { name: /đúng hạn/ }).first();
    const title = (await figure.locator('figcaption h3, figcaption h2').first().innerText()).trim();

    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), figure.getByRole('button', { name: button }).click()]);
      const file = join(RESULTS_DIR, `export-${download.suggestedFilename()}`);
      await download.saveAs(file);
      return { name: download.suggestedFilename(), body: readFileSync(file) };
    };

    const svg = await save('Tải SVG');
    expect(svg.name).toMatch(/\.svg$/);
    const svgText = svg.body.toString('utf8');
    const parsed = await page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      const root = doc.documentElement;
      // The frame's own lines (title, subtitle, unit, source), wrapped over several <text> elements.
      const frame = [...root.children].filter((e) => e.localName === 'text').map((e) => e.textContent).join(' ');
      return {
        root: root.localName, ns: root.namespaceURI, error: doc.querySelector('parsererror')?.textContent ?? null,
        frame: frame.replace(/\s+/g, ' '), chartTexts: root.querySelectorAll('svg svg text').length,
      };
    }, svgText);
    expect({ root: parsed.root, ns: parsed.ns, error: parsed.error }).toEqual({ root: 'svg', ns: 'http://www.w3.org/2000/svg', error: null });
    expect(parsed.frame).toContain(title.replace(/\s+/g, ' '));
    expect(parsed.frame).toContain('Dữ liệu mô phỏng');
    expect(parsed.frame).toMatch(/Nguồn: .*31\/12\/2024/);
    expect(parsed.chartTexts, 'the chart itself (axes, labels) is inside').toBeGreaterThan(5);
    expect(parsed.frame).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);

    const png = await save('Tải PNG');
    expect(png.name).toMatch(/\.png$/);
    expect(png.body.length).toBeGreaterThan(5_000);
    const img = decodePng(png.body);
    expect(img.width).toBeGreaterThan(300);
    expect(img.height).toBeGreaterThan(150);
    const colours = colourStats(img);
    expect(colours.distinct, 'a drawn chart has many colours (antialiased text, lines)').toBeGreaterThan(16);
    expect(colours.inkShare, 'not blank: some pixels differ from the background').toBeGreaterThan(0.02);

    const csv = await save('Tải dữ liệu CSV');
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.body.toString('utf8').slice(1));
    // The on-time chart draws resolution_stats rows: the header is the API's columns.
    const range = new URL(page.url()).searchParams;
    const res = await fetch(`${env.url}/api/resolution?grain=quarter&from=${range.get('tu')}&to=2024-12-31`);
    expect(res.status).toBe(200);
    const columns = tableFromIPC(new Uint8Array(await res.arrayBuffer())).schema.fields.map((f) => f.name);
    expect(rows[0]).toEqual(columns);
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows.slice(1)) expect(r).toHaveLength(columns.length);
    expect(distinct(errors)).toEqual([]);
  }, TIMEOUT);

  it('the print stylesheet hides the navigation, the filters and the export buttons', async () => {
    await page.goto(env.url + '/');
    await settle(page, 3);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await filterBar(page).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Tải SVG' }).first().isVisible()).toBe(false);
    expect(await h1(page).isVisible()).toBe(true);
    expect(await page.locator('main figure svg').first().isVisible()).toBe(true);
    await screenshot(page, 'overview-print.png');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('navigation').isVisible()).toBe(true);
    expect(distinct(errors)).toEqual([]);
  }, TIMEOUT);

  it('links to the annual summary of the year in view, which opens with its charts', async () => {
    await page.goto(env.url + '/');
    await settle(page, 3);
    const link = page.getByTestId('summary-link');
    expect(await link.innerText()).toMatch(/Báo cáo tổng hợp năm 2024/);
    await link.click();
    await page.waitForURL((u) => u.pathname === '/summary/2024/', { timeout: 60_000 });
    await page.waitForLoadState('load');
    expect(await page.locator('h1').first().innerText()).toMatch(/2024/);
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'summary-2024.png');
    await page.goBack();
    await settle(page, 3);
    expect(distinct(errors)).toEqual([]);
  }, TIMEOUT);
});
