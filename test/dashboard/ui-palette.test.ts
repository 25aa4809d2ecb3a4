import { describe, expect, it } from 'vitest';
import { PETITION_KINDS } from '../../pipeline/schema/vocabulary.ts';
import {
  CATEGORICAL, GI_BANDS, INK, KIND_COLORS, NO_DATA, OKABE_ITO, SEQUENTIAL, categoricalScale, contrast, giBandStyle, sequentialColor, textOn,
} from '../../dashboard/src/lib/palette.ts';

describe('palette', () => {
  it('gives every petition kind its own Okabe–Ito colour', () => {
    const colours = PETITION_KINDS.map((k) => KIND_COLORS[k.code]);
    expect(colours.every((c) => (Object.values(OKABE_ITO) as string[]).includes(c))).toBe(true);
    expect(new Set(colours).size).toBe(colours.length);
    expect(CATEGORICAL).toHaveLength(8);
  });

  it('keeps a kind its colour inside any categorical scale', () => {
    const s = categoricalScale(['land', 'denunciation', 'housing', 'complaint']);
    expect(s.range[1]).toBe(KIND_COLORS.denunciation);
    expect(s.range[3]).toBe(KIND_COLORS.complaint);
    expect(s.range[0]).toBe(CATEGORICAL[0]);
    expect(s.range[2]).toBe(CATEGORICAL[1]);
  });

  it('has text colours of at least 4.5:1 on white', () => {
    for (const [name, c] of Object.entries(INK)) expect(contrast(c, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
  });

  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('picks readable text on any tile colour', () => {
    for (const bg of [...SEQUENTIAL, ...GI_BANDS.map((b) => b.color), NO_DATA]) {
      expect(contrast(textOn(bg), bg), bg).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('runs the sequential ramp from light to dark, with no-data grey outside it', () => {
    expect(sequentialColor(0)).toBe(SEQUENTIAL[0]);
    expect(sequentialColor(1)).toBe(SEQUENTIAL[SEQUENTIAL.length - 1]);
    expect(sequentialColor(2)).toBe(SEQUENTIAL[SEQUENTIAL.length - 1]);
    expect(sequentialColor(null)).toBe(NO_DATA);
    expect(sequentialColor(Number.NaN)).toBe(NO_DATA);
    const lum = [0, 0.25, 0.5, 0.75, 1].map((t) => contrast(sequentialColor(t), '#000000'));
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeLessThan(lum[i - 1]);
  });

  it('orders the Gi* bands hot → cold and marks the 99% bands with a pattern', () => {
    expect(GI_BANDS.map((b) => b.code)).toEqual(['hot_99', 'hot_95', 'hot_90', 'none', 'cold_90', 'cold_95', 'cold_99']);
    expect(GI_BANDS.filter((b) => b.pattern).map((b) => b.code)).toEqual(['hot_99', 'cold_99']);
    expect(giBandStyle('hot_99')!.pattern).not.toBe(giBandStyle('cold_99')!.pattern);
    expect(giBandStyle('nonsense')).toBeUndefined();
    // Hot is red and cold blue: the red channel falls from hot to cold.
    const red = GI_BANDS.map((b) => parseInt(b.color.slice(1, 3), 16));
    expect(red[0]).toBeGreaterThan(red[6]);
  });
});
