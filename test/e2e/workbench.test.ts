// The SQL workbench in a real browser (Debian chromium through playwright-core) against a real
// server on the demo database: type a query and run it (grid, row count, vi-VN values, URL), table
// completion, cancel a long query (then run the next one), a 100,000-row result that stays
// virtualised, exports (CSV with BOM and Vietnamese text, XLSX read back with SheetJS), history
// kept across a reload, an example query with its quick chart, errors in both languages, axe-core
// and no console errors. Screenshots go to test-results/e2e/workbench-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKBENCH_EXAMPLES } from '../../dashboard/src/lib/workbench/examples.ts';
import { axeSerious, leakedValues, parseCsv, RESULTS_DIR, screenshot, startE2e, watchErrors, type E2e } from './setup.ts';

const TIMEOUT = 120_000;
const PATH = '/truy-van';

let env: E2e;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  env = await startE2e();
  context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  page = await context.newPage();
  errors = watchErrors(page);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await env?.close();
});

const editor = (p: Page) => p.locator('.cm-content');
const status = (p: Page) => p.locator('main p[role="status"]');
const runButton = (p: Page) => p.getByRole('button', { name: 'Chạy', exact: true });

/** Replaces the editor's text (select all, delete, insert). */
async function setSql(p: Page, sql: string): Promise<void> {
  await editor(p).click();
  await p.keyboard.press('Control+A');
  await p.keyboard.press('Backspace');
  await p.keyboard.insertText(sql);
  await expect.poll(() => editorText(p)).toBe(sql);
}

/** The editor's document, line by line (CodeMirror keeps one .cm-line per line). */
function editorText(p: Page): Promise<string> {
  return p.locator('.cm-content .cm-line').evaluateAll((ls) => ls.map((l) => (l.textContent === '\u200b' ? '' : l.textContent ?? '')).join('\n'));
}

/** Runs the editor's query and waits for the result line ("13 dòng · …"). */
async function runAndWait(p: Page): Promise<string> {
  await runButton(p).click();
  await p.locator('main .row-count').waitFor({ state: 'visible', timeout: 30_000 });
  return status(p).innerText();
}

/** The grid's visible cell texts, row by row. */
function gridRows(p: Page): Promise<string[][]> {
  return p.locator('main .result-table .body [role="row"]').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('[role="cell"]')].map((c) => (c.textContent ?? '').trim())));
}

const DISTRICTS = "SELECT unit_code, name, CASE WHEN unit_code = '524' THEN NULL ELSE level END AS lv, 1234.5 AS so, '=1+1' AS cong_thuc\nFROM admin_units\nWHERE level = 2\nORDER BY unit_code";

describe('SQL workbench', () => {
  it('opens from the navigation without the filter bar, with the schema and the editor', async () => {
    // The first page does not load the workbench or CodeMirror; opening the workbench does.
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(env.url + '/');
    await page.locator('main h1').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((s) => /\/(Workbench|editor)-/.test(s))).toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: 'Truy vấn' }).click();
    await page.waitForURL(/\/truy-van/);
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Truy vấn dữ liệu (SQL)');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Truy vấn' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('search').count()).toBe(0);
    await editor(page).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'resolution_stats', exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.locator('main').innerText()).toContain('Chưa chạy truy vấn nào');
    expect(scripts.some((s) => /\/editor-[\w-]+\.js$/.test(s))).toBe(true);
  }, TIMEOUT);

  it('runs a typed query: grid with row count, vi-VN numbers, NULL shown apart, elapsed time, query in the URL', async () => {
    await editor(page).click();
    // Typed key by key, with Enter between lines (the editor's own newline handling).
    await page.keyboard.type("SELECT unit_code, name, CASE WHEN unit_code = '524' THEN NULL ELSE level END AS lv, 1234.5 AS so, '=1+1' AS cong_thuc");
    await page.keyboard.press('Escape');
    for (const line of ['FROM admin_units', 'WHERE level = 2', 'ORDER BY unit_code']) {
      await page.keyboard.press('Enter');
      await page.keyboard.type(line);
      await page.keyboard.press('Escape');
    }
    expect(await editorText(page)).toBe(DISTRICTS);
    // Ctrl+Enter runs.
    await page.keyboard.press('Control+Enter');
    await page.locator('main .row-count').waitFor({ timeout: 30_000 });
    const line = await status(page).innerText();
    expect(line).toMatch(/^13 dòng · 5 cột · chạy trong [\d.,]+ (ms|giây)$/);
    const rows = await gridRows(page);
    expect(rows.length).toBe(13);
    const binhSon = rows.find((r) => r[1] === '524');
    expect(binhSon).toEqual(['2', '524', 'Huyện Bình Sơn', 'NULL', '1.234,5', '=1+1']);
    expect(await page.locator('main .result-table .null').count()).toBe(1);
    expect(rows[0].slice(1, 4)).toEqual(['522', 'Thành phố Quảng Ngãi', '2']);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('sql') ?? '')).toBe(DISTRICTS);
    await screenshot(page, 'workbench-result.png');
  }, TIMEOUT);

  it('completes table names from the schema', async () => {
    await setSql(page, 'SELECT * FROM resolution_s');
    await editor(page).press('End');
    await page.keyboard.press('Control+Space');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'resolution_stats' });
    await option.first().waitFor({ timeout: 10_000 });
    // CodeMirror ignores Enter for 75 ms after the list opens (so a fast typist does not pick by accident).
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    await expect.poll(() => editorText(page)).toBe('SELECT * FROM resolution_stats');
    // Columns after "table.".
    await page.keyboard.insertText(' r WHERE resolution_stats.resolution_r');
    await page.keyboard.press('Control+Space');
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'resolution_rate' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');

    // The schema browser inserts names at the cursor and shows the data dictionary.
    await setSql(page, 'SELECT  FROM ');
    await editor(page).press('End');
    await page.getByRole('button', { name: 'admin_units', exact: true }).click();
    await expect.poll(() => editorText(page)).toBe('SELECT  FROM admin_units');
    const toggle = page.getByRole('button', { name: 'Các cột của bảng admin_units' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await editor(page).press('Control+Home');
    await editor(page).press('End');
    for (let i = 0; i < 'FROM admin_units'.length + 1; i++) await page.keyboard.press('ArrowLeft');
    await page.locator('.schema .columns').getByRole('button', { name: 'short_name', exact: true }).click();
    await expect.poll(() => editorText(page)).toBe('SELECT short_name FROM admin_units');
    expect(await page.locator('.schema').innerText()).toContain('Đơn vị hành chính');
  }, TIMEOUT);

  it('cancels a long query on the server ("Đã hủy"), then runs the next one', async () => {
    await setSql(page, 'SELECT count(*) FROM range(10000000000)');
    await runButton(page).click();
    await page.getByText(/Đang chạy truy vấn/).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/sql/cancel'), { timeout: 10_000 }),
      page.getByRole('button', { name: 'Hủy', exact: true }).click(),
    ]);
    expect(await cancelled.json()).toEqual({ cancelled: true });
    await expect.poll(() => status(page).innerText()).toBe('Đã hủy truy vấn.');
    expect(await runButton(page).isEnabled()).toBe(true);
    await screenshot(page, 'workbench-cancelled.png', false);

    await setSql(page, "SELECT 42 AS answer, 'Lý Sơn' AS district");
    expect(await runAndWait(page)).toMatch(/^1 dòng · 2 cột/);
    expect(await gridRows(page)).toEqual([['1', '42', 'Lý Sơn']]);
  }, TIMEOUT);

  it('keeps a 100,000-row result virtualised, scrolls to its last row and says it was cut off', async () => {
    await setSql(page, 'SELECT range AS i, range * 0.5 AS half FROM range(150000)');
    expect(await runAndWait(page)).toMatch(/^100\.000 dòng/);
    await page.getByText('Kết quả có hơn 100.000 dòng').waitFor();
    expect(await page.locator('main .result-table .body [role="row"]').count()).toBeLessThan(60);
    await page.locator('main .grid-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect.poll(async () => (await gridRows(page)).at(-1)?.[0]).toBe('100.000');
    expect((await gridRows(page)).at(-1)).toEqual(['100.000', '99.999', '49.999,5']);
    expect(await page.locator('main .result-table .body [role="row"]').count()).toBeLessThan(60);
    await screenshot(page, 'workbench-100k.png', false);
  }, TIMEOUT);

  it('exports the result as CSV (BOM, Vietnamese, formulas neutralised) and XLSX', async () => {
    await setSql(page, DISTRICTS);
    expect(await runAndWait(page)).toMatch(/^13 dòng/);
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: button }).click()]);
      const file = join(RESULTS_DIR, `workbench-${download.suggestedFilename()}`);
      await download.saveAs(file);
      return { name: download.suggestedFilename(), body: readFileSync(file) };
    };
    const csv = await save('Tải CSV');
    expect(csv.name).toMatch(/^danvan-[\w-]+\.csv$/);
    const text = csv.body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const table = parseCsv(text.slice(1)).filter((r) => r.length > 1);
    expect(table[0]).toEqual(['unit_code', 'name', 'lv', 'so', 'cong_thuc']);
    expect(table).toHaveLength(14);
    const row = table.find((r) => r[0] === '524')!;
    expect(row.slice(0, 3)).toEqual(['524', 'Huyện Bình Sơn', '']);
    expect(row[4]).toBe("'=1+1");

    const xlsx = await save('Tải Excel (XLSX)');
    expect(xlsx.name).toMatch(/^danvan-[\w-]+\.xlsx$/);
    const book = XLSX.read(xlsx.body, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]]);
    expect(rows).toHaveLength(13);
    const bs = rows.find((r) => String(r.unit_code) === '524')!;
    expect(bs.name).toBe('Huyện Bình Sơn');
    expect(Number(bs.so)).toBe(1234.5);
    expect(String(bs.cong_thuc)).toBe("'=1+1");
  }, TIMEOUT);

  it('keeps the history across a reload, newest first; a click loads a query; clear empties it', async () => {
    await page.reload();
    await editor(page).waitFor({ timeout: 20_000 });
    const history = page.locator('main .history li');
    await history.first().waitFor();
    const items = await history.allInnerTexts();
    expect(items[0]).toContain('SELECT unit_code, name, CASE');
    expect(items.some((t) => t.includes('SELECT count(*) FROM range(10000000000)'))).toBe(true);
    expect(items.some((t) => t.includes("SELECT 42 AS answer"))).toBe(true);
    // The copied URL put the last query back into the editor.
    expect(await editorText(page)).toBe(DISTRICTS);
    await history.filter({ hasText: 'SELECT 42 AS answer' }).getByRole('button').click();
    await expect.poll(() => editorText(page)).toBe("SELECT 42 AS answer, 'Lý Sơn' AS district");

    // Clearing empties the list, and it stays empty after a reload.
    const stored = await page.evaluate(() => localStorage.getItem('danvan.workbench.history.v1'));
    await page.getByRole('button', { name: 'Xóa lịch sử' }).click();
    await expect.poll(() => history.count()).toBe(0);
    await page.reload();
    await editor(page).waitFor({ timeout: 20_000 });
    expect(await history.count()).toBe(0);
    // Put it back: the later steps do not depend on it, but a person looking at the screenshots might.
    await page.evaluate((v) => v && localStorage.setItem('danvan.workbench.history.v1', v), stored);
    await page.reload();
    await editor(page).waitFor({ timeout: 20_000 });
    await history.first().waitFor();
  }, TIMEOUT);

  it('runs an example query and draws its quick chart (bars by district) with the source line', async () => {
    const example = WORKBENCH_EXAMPLES[0];
    await page.getByRole('button', { name: example.title_vi }).click();
    await expect.poll(() => editorText(page)).toBe(example.sql);
    expect(await runAndWait(page)).toMatch(/^13 dòng/);
    const figure = page.locator('main figure').first();
    await figure.locator('svg').first().waitFor({ timeout: 20_000 });
    expect(await figure.locator('h3').innerText()).toBe('Biểu đồ nhanh: caseload theo district');
    expect(await figure.locator('svg rect').count()).toBeGreaterThanOrEqual(13);
    const text = await figure.innerText();
    expect(text).toContain('Nguồn');
    expect(text).toContain('Dữ liệu mô phỏng');
    // Another mark and column.
    await page.getByLabel('Trục dọc').selectOption('resolution_rate_pct');
    await page.getByLabel('Kiểu').selectOption('dot');
    await expect.poll(() => figure.locator('svg circle').count()).toBeGreaterThanOrEqual(13);
    await screenshot(page, 'workbench-example.png');
    expect(await leakedValues(page)).toEqual([]);

    const serious = await axeSerious(page);
    if (serious.length) console.error(`axe on ${PATH}:\n${JSON.stringify(serious, null, 2)}`);
    expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes[0] ?? ''}`)).toEqual([]);
  }, TIMEOUT);

  it('switches to English, and shows a refused query\'s message in the reader\'s language', async () => {
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('main h1').innerText()).toBe('SQL workbench');
    await expect.poll(() => status(page).innerText()).toMatch(/^13 rows · 5 columns · ran in/);
    await setSql(page, "SELECT * FROM read_csv('/etc/passwd')");
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const alert = page.locator('main .result [role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toMatch(/file|network/i);
    await page.getByText('Tiếng Việt', { exact: true }).click();
    await expect.poll(() => alert.innerText()).toMatch(/tệp|mạng/);
    await screenshot(page, 'workbench-error.png', false);
    // The refused query's 400 is the one console message expected.
    const unexpected = errors.filter((e) => !/status of 400/.test(e));
    expect(unexpected).toEqual([]);
  }, TIMEOUT);
});
