// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { composeSvg, csvCell, slugify, toCsv, wrap } from '../../dashboard/src/lib/export.ts';

describe('CSV export', () => {
  it('starts with a BOM, separates with commas and ends lines with CRLF', () => {
    const csv = toCsv([{ huyen: 'Bình Sơn', vu: 52, ty_le: 0.824 }, { huyen: 'Lý Sơn', vu: 0, ty_le: null }]);
    expect(csv).toBe('\uFEFFhuyen,vu,ty_le\r\nBình Sơn,52,0.824\r\nLý Sơn,0,\r\n');
  });

  it('quotes cells with commas, quotes or line breaks', () => {
    expect(csvCell('Kiến nghị, phản ánh')).toBe('"Kiến nghị, phản ánh"');
    expect(csvCell('Phong trào "Dân vận khéo"')).toBe('"Phong trào ""Dân vận khéo"""');
    expect(csvCell('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+84 912 345 678')).toBe("'+84 912 345 678");
    expect(csvCell('-3,1 điểm')).toBe(`"'-3,1 điểm"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-3.1)).toBe('-3.1');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes missing values as empty cells, booleans and dates plainly', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date('2024-12-31T00:00:00Z'))).toBe('2024-12-31T00:00:00.000Z');
  });

  it('takes columns in order of first use, or as given', () => {
    const rows = [{ a: 1 }, { b: 2, a: 3 }];
    expect(toCsv(rows)).toBe('\uFEFFa,b\r\n1,\r\n3,2\r\n');
    expect(toCsv(rows, ['b'])).toBe('\uFEFFb\r\n\r\n2\r\n');
    expect(toCsv([{ ages: [1, 2] }])).toBe('\uFEFFages\r\n"[1,2]"\r\n');
    expect(toCsv([])).toBe('\uFEFF\r\n');
  });
});

describe('file names', () => {
  it('turn Vietnamese titles into plain ASCII slugs', () => {
    expect(slugify('Tỷ lệ giải quyết Quý III/2024')).toBe('ty-le-giai-quyet-quy-iii-2024');
    expect(slugify('Đơn thư theo huyện — Đức Phổ')).toBe('don-thu-theo-huyen-duc-pho');
    expect(slugify('***')).toBe('bieu-do');
    expect(slugify('a'.repeat(200)).length).toBeLessThanOrEqual(80);
  });
});

describe('wrap', () => {
  it('breaks long titles at spaces within the width', () => {
    const lines = wrap('Tỷ lệ giải quyết đơn khiếu nại, tố cáo giảm ở bốn huyện miền núi trong Quý III/2024', 200, 16, 700);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Tỷ lệ giải quyết đơn khiếu nại, tố cáo giảm ở bốn huyện miền núi trong Quý III/2024');
    expect(wrap('ngắn', 200, 16)).toEqual(['ngắn']);
    expect(wrap('', 200, 16)).toEqual([]);
  });
});

describe('SVG export', () => {
  const frame = {
    title: 'Đơn thư tăng ở Sơn Tịnh',
    subtitle: 'Quý IV/2023 – Quý IV/2024',
    unit: 'Đơn vị: vụ',
    source: 'Nguồn: Thanh tra tỉnh; dữ liệu đến ngày 31/12/2024',
    simulated: 'Dữ liệu mô phỏng',
    fontCss: "@font-face{font-family:'Be Vietnam Pro';src:url(data:font/woff2;base64,AAAA) format('woff2')}",
  };

  function parse(svg: string): Document {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    return doc;
  }

  it('frames a Plot chart with its title, unit, source and simulated label, fonts embedded', () => {
    const chart = Plot.plot({
      width: 480,
      height: 240,
      marks: [
        Plot.barY([{ x: 'Bình Sơn', y: 52 }, { x: 'Sơn Tịnh', y: 80 }], { x: 'x', y: 'y', tip: true }),
      ],
    });
    const { svg, width, height } = composeSvg(chart, frame);
    const doc = parse(svg);
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(width).toBe(480 + 32);
    expect(Number(root.getAttribute('height'))).toBe(height);
    expect(height).toBeGreaterThan(240);
    const texts = [...root.children].filter((e) => e.localName === 'text').map((e) => e.textContent);
    expect(texts.join(' ')).toContain('Đơn thư tăng ở Sơn Tịnh');
    expect(texts).toContain('Đơn vị: vụ');
    expect(texts).toContain('Nguồn: Thanh tra tỉnh; dữ liệu đến ngày 31/12/2024');
    expect(texts).toContain('Dữ liệu mô phỏng');
    expect(root.querySelector('style')!.textContent).toContain('data:font/woff2;base64');
    const nested = [...root.children].filter((e) => e.localName === 'svg');
    expect(nested).toHaveLength(1);
    expect(nested[0].getAttribute('style')).toContain('height:240px');
    expect(nested[0].getAttribute('font-family')).toContain('Be Vietnam Pro');
    expect(nested[0].querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
    // The pointer's tooltip is not part of an exported picture.
    expect(nested[0].querySelector('[aria-label="tip"]')).toBeNull();
    // The text runs top to bottom: title above the chart, source below it.
    const y = (s: string) => Number([...root.children].find((e) => e.textContent === s)!.getAttribute('y'));
    expect(y('Nguồn: Thanh tra tỉnh; dữ liệu đến ngày 31/12/2024')).toBeGreaterThan(Number(nested[0].getAttribute('y')) + 240);
  });

  it('keeps a swatch legend of a Plot figure, as SVG', () => {
    const figure = Plot.plot({
      width: 400,
      height: 200,
      color: { legend: true, domain: ['Khiếu nại', 'Tố cáo'], range: ['#0072B2', '#D55E00'] },
      marks: [Plot.barY([{ k: 'Khiếu nại', v: 3 }, { k: 'Tố cáo', v: 5 }], { x: 'k', y: 'v', fill: 'k' })],
    });
    expect(figure.localName).toBe('figure');
    const doc = parse(composeSvg(figure, { title: 'Theo loại', source: 'Nguồn: X; dữ liệu đến ngày 31/12/2024' }).svg);
    const nested = [...doc.documentElement.children].filter((e) => e.localName === 'svg');
    expect(nested).toHaveLength(2);
    const legend = nested[0];
    expect([...legend.querySelectorAll('text')].map((e) => e.textContent)).toEqual(['Khiếu nại', 'Tố cáo']);
    expect([...legend.querySelectorAll('rect')].map((e) => e.getAttribute('fill'))).toEqual(['#0072B2', '#D55E00']);
    expect(doc.documentElement.textContent).not.toContain('Dữ liệu mô phỏng');
  });

  it('escapes text so any title makes valid XML', () => {
    const el = Plot.plot({ width: 200, height: 100, marks: [Plot.frame()] });
    const doc = parse(composeSvg(el, { title: 'A < B & "C" > D', source: 'x' }).svg);
    expect(doc.documentElement.textContent).toContain('A < B & "C" > D');
  });
});
