// Drawing in Node: the dashboard's chart specs render into a jsdom document, and the dashboard's
// own export frame (export.ts composeSvg: title, subtitle, chart, legends, source line, "Dữ liệu
// mô phỏng") turns each into a standalone SVG. Ids are renamed per chart in order of appearance,
// so the same data gives the same bytes in any process and charts side by side in one page never
// share an id. PNGs are drawn by resvg with Be Vietnam Pro from npm and no system font, so every
// Vietnamese glyph comes from the one font whatever machine runs it.
import { Resvg } from '@resvg/resvg-js';
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { composeSvg, wrap, type ExportFrame } from '../../dashboard/src/lib/export.ts';

const require = createRequire(import.meta.url);
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The class Plot is given for the specs written here (the dashboard's specs keep Plot's fixed default). */
export const PLOT_CLASS = 'danvan-publish';

export interface Dom { document: Document; close(): void; serializer: XMLSerializer }

export function createDom(): Dom {
  const dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>');
  const { window } = dom;
  return { document: window.document, serializer: new window.XMLSerializer(), close: () => window.close() };
}

/**
 * composeSvg serialises with the browser's global XMLSerializer; Node has none, so jsdom's stands
 * in for the duration of the (synchronous) call and is removed after it.
 */
function compose(dom: Dom, chart: Element, frame: ExportFrame): ReturnType<typeof composeSvg> {
  const g = globalThis as { XMLSerializer?: unknown };
  const had = 'XMLSerializer' in g;
  if (!had) g.XMLSerializer = dom.document.defaultView!.XMLSerializer;
  try {
    return composeSvg(chart, frame);
  } finally {
    if (!had) delete g.XMLSerializer;
  }
}

/** Renames every id of one SVG to `<prefix>-<n>` (n in order of appearance) and its references with it. */
export function renameIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1])) ids.set(m[1], `${prefix}-${ids.size + 1}`);
  if (!ids.size) return svg;
  const to = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => a + to(id) + b)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${to(id)})`)
    .replace(/((?:xlink:)?href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${to(id)}${b}`);
}

/** A line of bold text as a small SVG, to stack above one panel of a composed chart. */
export function headingSvg(dom: Dom, text: string, width: number, size = 13): SVGSVGElement {
  const lines = wrap(text, width, size, 700);
  const svg = dom.document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(Math.ceil(lines.length * size * 1.3 + 6)));
  lines.forEach((line, i) => {
    const t = dom.document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', '0');
    t.setAttribute('y', String(Math.round((i + 1) * size * 1.3)));
    t.setAttribute('font-size', String(size));
    t.setAttribute('font-weight', '700');
    t.setAttribute('fill', '#1b1f24');
    t.textContent = line;
    svg.appendChild(t);
  });
  return svg;
}

/** Several rendered pieces (headings, charts) stacked as one chart for the frame. */
export function stack(dom: Dom, pieces: readonly Element[]): HTMLElement {
  const div = dom.document.createElement('div');
  div.append(...pieces);
  return div;
}

export interface Framed {
  /** The chart on its own: title, subtitle, chart, source; the font embedded. */
  svg: string;
  /** The same without the embedded font, for resvg (which loads the font files itself). */
  svgForPng: string;
  /** The chart, source and simulated label without title and subtitle, for the HTML page (which has them as text). */
  inline: string;
  width: number;
  height: number;
}

/**
 * Be Vietnam Pro has no arrows, and resvg loads no other font: Plot's axis-label arrows ("→", "↑")
 * would be blank in the PNG. They only repeat the axis direction, so they are dropped everywhere.
 */
export function dropArrows(chart: Element): void {
  for (const el of chart.querySelectorAll('text, tspan')) {
    for (const node of el.childNodes) {
      if (node.nodeType === 3 && /[←↑→↓]/.test(node.nodeValue ?? '')) node.nodeValue = (node.nodeValue ?? '').replace(/\s*[←↑→↓]\s*/g, ' ').trim();
    }
  }
}

export interface FrameText { title: string; subtitle?: string; unit?: string; source: string; simulated?: string }

export function frameChart(dom: Dom, chart: Element, text: FrameText, prefix: string, fontCss: string): Framed {
  dropArrows(chart);
  const full = compose(dom, chart, { ...text, fontCss });
  const bare = compose(dom, chart, { ...text });
  const inline = compose(dom, chart, { title: '', source: text.source, simulated: text.simulated });
  return {
    svg: renameIds(full.svg, prefix),
    svgForPng: renameIds(bare.svg, prefix),
    inline: renameIds(inline.svg, `${prefix}-page`),
    width: full.width,
    height: full.height,
  };
}

// ---- PNG ----------------------------------------------------------------------------------

const FONT_FILES = ['400Regular/BeVietnamPro_400Regular.ttf', '600SemiBold/BeVietnamPro_600SemiBold.ttf', '700Bold/BeVietnamPro_700Bold.ttf']
  .map((f) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${f}`));

/** Zoom 3 of a chart about 800 px wide: about 2,500 px across, 300 dpi on a page-wide print. */
export const PNG_ZOOM = 3;
const DPI = 300;

export function renderPng(svg: string, zoom = PNG_ZOOM): Buffer {
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Be Vietnam Pro', sansSerifFamily: 'Be Vietnam Pro' },
  }).render().asPng();
  return withDpi(png, DPI);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG with a pHYs chunk after IHDR, so print software places it at `dpi` rather than 72. */
export function withDpi(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const body = Buffer.alloc(13);
  body.write('pHYs', 0, 'latin1');
  body.writeUInt32BE(ppm, 4);
  body.writeUInt32BE(ppm, 8);
  body[12] = 1; // unit: metre
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 17);
  const ihdrEnd = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

// ---- fonts for SVG and HTML -------------------------------------------------------------------

// The subsets' unicode-range as @fontsource declares them (dashboard/src/lib/fonts.ts), so the two
// files act as one font.
const LATIN = 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const VIETNAMESE = 'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB';

/** @font-face rules for Be Vietnam Pro (latin + vietnamese subsets) with the woff2 files as base64. */
export function fontFaceCss(weights: readonly number[] = [400, 700]): string {
  return weights.flatMap((w) => (['latin', 'vietnamese'] as const).map((subset) => {
    const file = require.resolve(`@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${w}-normal.woff2`);
    const data = readFileSync(file).toString('base64');
    return `@font-face{font-family:'Be Vietnam Pro';font-style:normal;font-weight:${w};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${subset === 'latin' ? LATIN : VIETNAMESE}}`;
  })).join('');
}
