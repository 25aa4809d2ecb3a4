// Exporting a chart: its data as CSV, and the chart itself as a standalone SVG (title, subtitle,
// unit and source line included, the font embedded) or as a PNG drawn from that SVG. Nothing is
// fetched from the network: the font arrives as a data: URL, the PNG is drawn in a canvas.

export type CsvValue = string | number | boolean | null | undefined | Date;

/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Numbers are written as JavaScript writes them (a dot for decimals, no grouping),
 * so any spreadsheet reads them back as numbers. Text starting with = + - @ (or a tab/CR) gets a
 * leading apostrophe so a spreadsheet shows it instead of running it; only text is touched, a
 * negative number stays a number.
 */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows as CSV: UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), comma
 * separated, CRLF line ends (RFC 4180). Columns: `columns`, else every key in order of first use.
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ? [...columns] : [];
  if (!columns) {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); cols.push(k); }
  }
  const lines = [cols.map((c) => csvCell(c)).join(',')];
  for (const r of rows) {
    lines.push(cols.map((c) => {
      const v = r[c];
      return csvCell(typeof v === 'object' && v !== null && !(v instanceof Date) ? JSON.stringify(v) : (v as CsvValue));
    }).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A file name from a title: "Tỷ lệ giải quyết Quý III/2024" → "ty-le-giai-quyet-quy-iii-2024". */
export function slugify(title: string): string {
  const s = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return s || 'bieu-do';
}

// ---- SVG ----------------------------------------------------------------------------------

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = "'Be Vietnam Pro', 'Segoe UI', Arial, sans-serif";

export interface ExportFrame {
  title: string;
  subtitle?: string;
  unit?: string;
  /** The full source line ("Nguồn: …; dữ liệu đến ngày …"). */
  source: string;
  /** "Dữ liệu mô phỏng" when the data is simulated. */
  simulated?: string;
  /** @font-face rules with data: URLs (see fonts.ts); omitted, the reader's fonts are used. */
  fontCss?: string;
  /** Text colour of the page. */
  color?: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

let measureCtx: CanvasRenderingContext2D | null | undefined;

/** Width of a text in px: measured with a canvas when there is one, else estimated. */
function textWidth(text: string, size: number, weight: number): number {
  if (measureCtx === undefined) {
    try {
      measureCtx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    } catch {
      measureCtx = null;
    }
  }
  if (measureCtx) {
    measureCtx.font = `${weight} ${size}px ${FONT}`;
    const w = measureCtx.measureText(text).width;
    if (w > 0) return w;
  }
  return text.length * size * 0.56;
}

/** Greedy word wrap to a width. */
export function wrap(text: string, width: number, size: number, weight = 400): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidth(next, size, weight) > width) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function numAttr(el: Element, name: string): number {
  const v = parseFloat(el.getAttribute(name) ?? '');
  return Number.isFinite(v) ? v : 0;
}

/** Size of an SVG: width/height attributes, else its viewBox. */
function svgSize(svg: Element): { width: number; height: number } {
  let width = numAttr(svg, 'width');
  let height = numAttr(svg, 'height');
  const vb = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if ((!width || !height) && vb.length === 4) {
    width ||= vb[2];
    height ||= vb[3];
  }
  return { width: width || 640, height: height || 400 };
}

interface Piece {
  markup: string;
  width: number;
  height: number;
}

/** An SVG of the chart (or a legend), ready to nest: pointer tips removed, size fixed. */
function svgPiece(svg: Element): Piece {
  const clone = svg.cloneNode(true) as Element;
  // Tooltips show the pointer's position at the moment of export, not the chart.
  clone.querySelectorAll('[aria-label="tip"]').forEach((n) => n.remove());
  const { width, height } = svgSize(svg);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('font-family', FONT);
  // Plot's stylesheet gives its SVG `height: auto`, which a nested <svg> would read as 100%.
  clone.setAttribute('style', `width:${width}px;height:${height}px;max-width:none;overflow:visible`);
  clone.removeAttribute('xmlns');
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

/** Plot's HTML swatch legend as SVG: one row of coloured squares and labels, wrapped. */
function swatchPiece(div: Element, maxWidth: number): Piece | null {
  // Each swatch is an element holding a small coloured <svg> and its label (Plot adds a <style> too).
  const items = [...div.children].filter((sw) => sw.localName !== 'style' && sw.querySelector('svg')).map((sw) => {
    const box = sw.querySelector('svg');
    const fill = box?.getAttribute('fill') ?? box?.querySelector('[fill]')?.getAttribute('fill') ?? '#888888';
    const stroke = box?.getAttribute('stroke') ?? null;
    return { fill, stroke, label: (sw.textContent ?? '').trim() };
  });
  if (!items.length) return null;
  const size = 12;
  const row = 18;
  let x = 0;
  let y = 0;
  const parts: string[] = [];
  for (const it of items) {
    const w = size + 6 + textWidth(it.label, 12, 400) + 16;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += row;
    }
    const stroke = it.stroke && it.stroke !== 'none' ? ` stroke="${esc(it.stroke)}"` : '';
    parts.push(`<rect x="${x}" y="${y + 2}" width="${size}" height="${size}" fill="${esc(it.fill)}"${stroke}/>`);
    parts.push(`<text x="${x + size + 6}" y="${y + 12}" font-size="12">${esc(it.label)}</text>`);
    x += w;
  }
  const height = y + row;
  return { markup: `<svg width="${maxWidth}" height="${height}" overflow="visible">${parts.join('')}</svg>`, width: maxWidth, height };
}

/** The pieces of a rendered chart in reading order: SVGs (plot, ramp legends) and swatch legends. */
function collect(root: Element, maxWidth: number): Piece[] {
  if (root.localName === 'svg') return [svgPiece(root)];
  const out: Piece[] = [];
  for (const child of root.children) {
    if (child.localName === 'svg') out.push(svgPiece(child));
    else if (/swatches/.test(child.getAttribute('class') ?? '')) {
      const p = swatchPiece(child, maxWidth);
      if (p) out.push(p);
    } else if (child.querySelector('svg')) out.push(...collect(child, maxWidth));
  }
  return out;
}

/**
 * A standalone SVG document of a chart with its frame: title, subtitle and unit above, the
 * chart (and its legends), then the source line and the simulated-data label.
 */
export function composeSvg(chart: Element, frame: ExportFrame): { svg: string; width: number; height: number } {
  const pad = 16;
  const probe = collect(chart, 10_000);
  const inner = Math.max(320, ...probe.filter((p) => p.width < 10_000).map((p) => p.width));
  const pieces = collect(chart, inner);
  const width = inner + 2 * pad;
  const color = frame.color ?? '#1b1f24';
  const out: string[] = [];
  let y = pad;
  const text = (s: string, size: number, weight: number, fill: string) => {
    for (const line of wrap(s, inner, size, weight)) {
      y += size * 1.25;
      out.push(`<text x="${pad}" y="${y.toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${fill}">${esc(line)}</text>`);
    }
    y += size * 0.35;
  };
  text(frame.title, 17, 700, color);
  if (frame.subtitle) text(frame.subtitle, 13, 400, '#4a5560');
  if (frame.unit) text(frame.unit, 12, 400, '#4a5560');
  y += 8;
  for (const p of pieces) {
    out.push(p.markup.replace(/^<svg/, `<svg x="${pad}" y="${y.toFixed(1)}"`));
    y += p.height + 8;
  }
  text(frame.source, 11, 400, '#4a5560');
  if (frame.simulated) text(frame.simulated, 11, 700, '#8a3300');
  const height = Math.ceil(y + pad);
  const style = `${frame.fontCss ?? ''}text{font-family:${FONT}}`;
  const svg = `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" `
    + `font-family="${esc(FONT)}" style="color:${color};background:#ffffff">`
    + `<style>${style}</style><rect width="100%" height="100%" fill="#ffffff"/>${out.join('')}</svg>`;
  return { svg, width, height };
}

/** A PNG of an SVG document at `scale`× its size, on white (works offline: no external resource). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('Không vẽ được ảnh SVG / could not draw the SVG'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Không có canvas / no canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Không tạo được PNG / could not create the PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under a file name (the browser's download). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
