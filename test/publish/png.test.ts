// PNG rendering with resvg and Be Vietnam Pro from npm: a stored reference of a Vietnamese title
// matches within a tolerance, its diacritics are really drawn (the same words without them give a
// different image), every character the charts use has a glyph in the font, and the PNG carries
// its print resolution.
import { describe, expect, it } from 'vitest';
import { renderPng } from '../../pipeline/publish/render.ts';
import { decodePng, inkIn, matchPngReference, pixelDiff } from './helpers.ts';

const textSvg = (text: string, width = 360, size = 22) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="48"><rect width="100%" height="100%" fill="#ffffff"/>`
  + `<text x="8" y="32" font-size="${size}" font-weight="700" fill="#1b1f24" font-family="'Be Vietnam Pro', sans-serif">${text}</text></svg>`;

const TITLE = 'Đơn thư khiếu nại, tố cáo';

describe('PNG rendering', () => {
  it('draws a Vietnamese title like the stored reference', () => {
    const png = renderPng(textSvg(TITLE), 2);
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([720, 96]);
    // Ink where the title is, none far right of it.
    expect(inkIn(img, 10, 90, 0, 600)).toBeGreaterThan(2000);
    expect(inkIn(img, 0, 96, 680, 720)).toBe(0);
    matchPngReference('title-reference.png', png);
  });

  it('draws the diacritics: the same words without them are a different picture', () => {
    const vi = decodePng(renderPng(textSvg(TITLE), 2));
    const plain = decodePng(renderPng(textSvg('Don thu khieu nai, to cao'), 2));
    // Above the ascenders (rows 20–30 at zoom 2) only the marks over ế and ố can be: a missing glyph
    // would leave them out, or draw nothing at all.
    expect(inkIn(vi, 20, 30)).toBeGreaterThan(inkIn(plain, 20, 30) + 40);
    const { differing, total } = pixelDiff(vi, plain);
    expect(differing / total).toBeGreaterThan(0.01);
  });

  it('has a glyph for every letter, digit and sign the charts write', () => {
    const chars = [...new Set('ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ0123456789%,.;:()/*+−—–“”·×≥'
      + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')];
    const missing = chars.filter((ch) => inkIn(decodePng(renderPng(textSvg(ch, 48, 28), 1)), 0, 48) === 0);
    expect(missing).toEqual([]);
  });

  it('marks the PNG as 300 dpi (pHYs) and keeps it decodable', () => {
    const png = renderPng(textSvg(TITLE), 3);
    const at = png.indexOf('pHYs', 0, 'latin1');
    expect(at).toBe(8 + 8 + 13 + 4 + 4);
    expect(png.readUInt32BE(at + 4)).toBe(11811);
    expect(png.readUInt32BE(at + 8)).toBe(11811);
    expect(png[at + 12]).toBe(1);
    expect(decodePng(png).width).toBe(1080);
  });
});
