// The map of the summary with a boundary file among the build's sources: a choropleth of the
// district boundaries (Plot's geo mark) instead of the tile grid. A small build with few petitions
// and no campaign reports also shows that every chart copes with sparse data: empty states in
// words, never a crash or a NaN.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSummary } from '../../pipeline/publish/publish.ts';
import { FIXTURES, tempDir, testBuild, writeFiles } from '../helpers.ts';
import { matchTextSnapshot, svgSnapshotText } from './helpers.ts';

const PETITIONS = [
  'Số đơn,Ngày nhận,Loại đơn,Huyện,Trạng thái,Ngày giải quyết',
  'M-1,02/02/2024,Khiếu nại,Huyện Bình Sơn,Đã giải quyết,20/02/2024',
  'M-2,03/03/2024,Tố cáo,Huyện Bình Sơn,Đang giải quyết,',
  'M-3,04/04/2024,Khiếu nại,Huyện Ba Tơ,Đã giải quyết,10/05/2024',
  'M-4,05/05/2024,Kiến nghị,Thành phố Quảng Ngãi,Đang giải quyết,',
  'M-5,06/06/2023,Khiếu nại,Huyện Lý Sơn,Đã giải quyết,01/07/2023',
].join('\n');
const POPULATION = ['Mã,Đơn vị,Năm,Dân số,Số hộ', '524,Huyện Bình Sơn,2024,180000,50000', '535,Huyện Ba Tơ,2024,55000,14000',
  '522,Thành phố Quảng Ngãi,2024,260000,70000', '536,Huyện Lý Sơn,2024,22000,6000'].join('\n');

describe('publish with a boundary file', () => {
  const tmp = tempDir('danvan-publish-geo-');
  const out = join(tmp.dir, 'summary');
  let svg = '';
  let html = '';

  beforeAll(async () => {
    const src = join(tmp.dir, 'src');
    writeFiles(src, {
      'don.csv': PETITIONS,
      'dan-so.csv': POPULATION,
      'ranh-gioi.geojson': readFileSync(join(FIXTURES, 'geo/quang-ngai-districts.geojson')),
    });
    const { db } = await testBuild(tmp.dir, { sources: [src] });
    await publishSummary({ db, year: 2024, out, lang: 'vi' });
    svg = readFileSync(join(out, '3-ban-do-don-tren-10000-dan.svg'), 'utf8');
    html = readFileSync(join(out, 'index.html'), 'utf8');
  });
  afterAll(() => tmp.cleanup());

  it('draws the district boundaries, one shape per district, each labelled, the rest grey', () => {
    const shapes = [...svg.matchAll(/<path [^>]*aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(shapes).toHaveLength(13);
    expect(shapes).toContain('Huyện Bình Sơn: Đơn/10.000 dân: 0,1');
    expect(shapes).toContain('Huyện Sơn Tây: Đơn/10.000 dân: —');
    // No tile grid when there are boundaries.
    expect(svg).not.toMatch(/<rect [^>]*aria-label="Huyện/);
    expect(svg.length).toBeLessThan(400_000);
    matchTextSnapshot('3-ban-do-don-tren-10000-dan.geo.vi.svg', svgSnapshotText(svg));
  });

  it('every chart copes with sparse data: no NaN, no undefined, campaigns say there is no report', () => {
    for (const text of [svg, html]) expect(text).not.toMatch(/NaN|undefined|Infinity/);
    expect(html).toContain('Chưa có số liệu phong trào cho năm này.');
    expect(html).toMatch(/<th scope="row">Đơn thư nhận \(mọi loại\)<\/th><td>4<\/td><td>1<\/td><td>\+300%<\/td>/);
  });
});
