// Shared setup of the browser tests: the demo database built once into a temp folder, the app built
// when its sources are newer than dashboard/dist, a real `danvan serve` server on a free loopback
// port and Debian's chromium driven by playwright-core. Also the checks every page gets: charts
// drawn, console errors, text that leaked "NaN"/"undefined", an axe-core scan and a PNG decoder.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { appIsStale, buildApp } from '../../pipeline/app-build.ts';
import { tempDir, testBuild } from '../helpers.ts';

export const CHROMIUM = process.env.DANVAN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-sync', '--disable-quic',
];
/** Screenshots and downloads, kept after the run for a person to look at (gitignored). */
export const RESULTS_DIR = resolve(process.cwd(), 'test-results/e2e');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface E2e {
  url: string;
  browser: Browser;
  server: RunningServer;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    // A missing browser must fail the suite, not skip it: CI would otherwise pass without testing the UI.
    throw new Error(`Không tìm thấy chromium ở ${CHROMIUM} — hãy cài: apt-get install chromium (hoặc đặt DANVAN_CHROMIUM). / `
      + `Chromium not found at ${CHROMIUM}; install it with "apt-get install chromium" (or set DANVAN_CHROMIUM).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Builds the demo database and (when stale) the app, starts the server and the browser. */
export async function startE2e(): Promise<E2e> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const browser = await launchChromium();
  const tmp = tempDir('danvan-e2e-');
  let server: RunningServer | undefined;
  try {
    // Both builds are slow and independent: run them side by side.
    await Promise.all([
      testBuild(tmp.dir, { sources: [resolve(process.cwd(), 'data/demo')], asOf: '2024-12-31' }),
      appIsStale() ? buildApp() : Promise.resolve(),
    ]);
    server = await createServer({ db: join(tmp.dir, 'out.duckdb'), port: 0, host: '127.0.0.1', log: () => {} });
    // Someone else may be rebuilding dashboard/dist at this moment (vite empties it first): wait a little.
    for (let i = 0; i < 60 && !server.hasApp; i++) await new Promise((r) => setTimeout(r, 500));
    if (!server.hasApp) throw new Error('dashboard/dist/index.html is missing after buildApp()');
  } catch (e) {
    await browser.close();
    tmp.cleanup();
    throw e;
  }
  const s = server;
  return {
    url: s.url,
    browser,
    server: s,
    async close() {
      await browser.close();
      await s.close();
      tmp.cleanup();
    },
  };
}

const capturing = new WeakSet<Page>();

/** Collects console errors, uncaught exceptions and failed requests of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  const add = (e: string) => {
    if (!capturing.has(page)) errors.push(e);
  };
  page.on('console', (m) => {
    if (m.type() === 'error') add(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => add(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A request the app cancelled itself (filter changed, page left) is not an error.
    const why = r.failure()?.errorText ?? '';
    if (!why.includes('ERR_ABORTED')) add(`requestfailed: ${r.url()} ${why}`);
  });
  return errors;
}

/**
 * Saves a screenshot to test-results/e2e/. A full-page capture relayouts the page for a moment, so
 * the charts redraw at widths no reader sees; what the page logs meanwhile is not counted.
 */
export async function screenshot(page: Page, file: string, fullPage = true): Promise<void> {
  capturing.add(page);
  try {
    await page.screenshot({ path: join(RESULTS_DIR, file), fullPage });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  } finally {
    capturing.delete(page);
  }
}

/**
 * Waits until the page is settled: a level-1 heading, nothing loading (no aria-busy skeleton, no
 * pending answer) and at least `minCharts` figures with a drawn SVG.
 */
export async function waitForCharts(page: Page, minCharts: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction((min) => {
    const main = document.querySelector('main');
    if (!main || !main.querySelector('h1')) return false;
    if (main.querySelector('[aria-busy="true"]')) return false;
    const drawn = [...main.querySelectorAll('figure:not(figure figure)')].filter((f) => f.querySelector('svg'));
    return drawn.length >= min;
  }, minCharts, { timeout, polling: 100 }).catch(async (e: unknown) => {
    const state = await page.evaluate(() => ({
      url: location.href,
      h1: document.querySelector('main h1')?.textContent ?? null,
      busy: document.querySelectorAll('main [aria-busy="true"]').length,
      figures: document.querySelectorAll('main figure:not(figure figure)').length,
      drawn: [...document.querySelectorAll('main figure:not(figure figure)')].filter((f) => f.querySelector('svg')).length,
    })).catch(() => null);
    throw new Error(`charts not drawn (want ≥ ${minCharts}): ${JSON.stringify(state)} — ${(e as Error).message.split('\n')[0]}`);
  });
}

/** The charts of a page: each figure's accessible name (its title) and whether an SVG is drawn. */
export function chartSummary(page: Page): Promise<{ title: string; drawn: boolean; text: string }[]> {
  return page.evaluate(() => [...document.querySelectorAll('main figure:not(figure figure)')].map((f) => {
    const ids = (f.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    const title = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim()
      || f.querySelector('figcaption, h2, h3')?.textContent?.trim() || '';
    return { title, drawn: !!f.querySelector('svg'), text: (f as HTMLElement).innerText };
  }));
}

/**
 * Everything a reader can see or hear on the page that says NaN, undefined or Infinity: visible
 * text, SVG text, accessible names and titles (tooltips).
 */
export function leakedValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad = /\b(NaN|undefined|Infinity)\b/;
    const found: string[] = [];
    const check = (where: string, s: string | null | undefined) => {
      if (s && bad.test(s)) found.push(`${where}: ${s.slice(0, 160)}`);
    };
    check('text', document.body.innerText.split('\n').find((l) => bad.test(l)));
    document.querySelectorAll('svg text, svg title').forEach((el) => check(`<${el.tagName}>`, el.textContent));
    document.querySelectorAll('[aria-label], [title], [alt]').forEach((el) => {
      for (const a of ['aria-label', 'title', 'alt']) check(`${el.tagName}[${a}]`, el.getAttribute(a));
    });
    document.querySelectorAll('[aria-describedby]').forEach((el) => {
      for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/)) check('description', document.getElementById(id)?.textContent);
    });
    return [...new Set(found)];
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's violations of impact serious or critical. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  // The server's Content-Security-Policy (script-src 'self') blocks an injected <script> tag;
  // evaluating the source through the DevTools protocol is not blocked and keeps the CSP on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ---- PNG ---------------------------------------------------------------------------------

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  pixels: Uint8Array;
}

/** A small PNG decoder (8-bit greyscale, RGB, grey+alpha, RGBA; not interlaced): enough for a canvas export. */
export function decodePng(buf: Buffer): DecodedPng {
  const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIG)) throw new Error('not a PNG (bad signature)');
  let pos = 8;
  let width = 0, height = 0, depth = 0, colour = 0, interlace = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      colour = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour];
  if (!width || !height || depth !== 8 || !channels || interlace !== 0) {
    throw new Error(`unsupported PNG: ${width}×${height}, depth ${depth}, colour type ${colour}, interlace ${interlace}`);
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let p: number;
      switch (filter) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: {
          const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      cur[i] = (line[i] + p) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4, s = x * channels;
      const grey = channels <= 2;
      out[o] = cur[s];
      out[o + 1] = grey ? cur[s] : cur[s + 1];
      out[o + 2] = grey ? cur[s] : cur[s + 2];
      out[o + 3] = channels === 4 ? cur[s + 3] : channels === 2 ? cur[s + 1] : 255;
    }
    prev = cur;
  }
  return { width, height, pixels: out };
}

/** How many distinct colours, and what share of pixels differ from the most common one. */
export function colourStats(png: DecodedPng): { distinct: number; inkShare: number } {
  const counts = new Map<number, number>();
  const { pixels } = png;
  for (let i = 0; i < pixels.length; i += 4) {
    const key = ((pixels[i] << 24) | (pixels[i + 1] << 16) | (pixels[i + 2] << 8) | pixels[i + 3]) >>> 0;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = pixels.length / 4;
  const top = Math.max(...counts.values());
  return { distinct: counts.size, inkShare: (total - top) / total };
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
