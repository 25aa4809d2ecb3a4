// Every colour of the dashboard, in one place. Categorical colours are Okabe–Ito (safe for the
// common colour-vision deficiencies); a petition kind has the same colour on every page. Counts and
// rates use one sequential hue (blue). Gi* bands use a diverging blue–white–red scheme whose
// strongest bands also carry a pattern, so hot and cold never depend on colour alone.
import type { GiBandCode } from './i18n.ts';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Order in which categories take colours (yellow and black last: weakest on white, heaviest). */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue, OKABE_ITO.vermillion, OKABE_ITO.yellow, OKABE_ITO.black,
];

/** Petition kinds (vocabulary codes) → colour, identical on every chart. */
export const KIND_COLORS: Readonly<Record<string, string>> = {
  complaint: OKABE_ITO.blue,
  denunciation: OKABE_ITO.vermillion,
  feedback: OKABE_ITO.bluishGreen,
};

/** Campaign kinds (vocabulary codes) → colour. */
export const CAMPAIGN_KIND_COLORS: Readonly<Record<string, string>> = {
  emulation_movement: OKABE_ITO.orange,
  mobilisation_campaign: OKABE_ITO.skyBlue,
  fund: OKABE_ITO.reddishPurple,
};

export function kindColor(code: string): string {
  return KIND_COLORS[code] ?? NEUTRAL;
}

/**
 * A Plot colour scale for categories: known petition kinds keep their colour, other values take
 * the Okabe–Ito colours in order (more than eight categories repeat — group the tail as "Khác").
 */
export function categoricalScale(domain: readonly string[]): { domain: string[]; range: string[] } {
  let next = 0;
  const range = domain.map((d) => KIND_COLORS[d] ?? CATEGORICAL[next++ % CATEGORICAL.length]);
  return { domain: [...domain], range };
}

/** Sequential single-hue ramp (ColorBrewer Blues 7), light → dark. */
export const SEQUENTIAL: readonly string[] = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'];
/** The same ramp as Plot knows it: `color: { scheme: SEQUENTIAL_SCHEME }`. */
export const SEQUENTIAL_SCHEME = 'blues';

/** Areas or cells without a value: a light grey that never reads as "low". */
export const NO_DATA = '#d9d9d9';
export const NEUTRAL = '#8c8c8c';

/** Text and lines. Each text colour has ≥ 4.5:1 contrast on white. */
export const INK = {
  text: '#1b1f24',
  muted: '#4a5560',
  accent: '#0b5cad',
  /** Better / worse than the comparison: blue and dark orange, told apart by arrow and sign too. */
  better: '#005a8c',
  worse: '#a33d00',
  focus: '#0b5cad',
  selected: '#000000',
} as const;

export interface GiBandStyle {
  code: GiBandCode;
  color: string;
  /** An extra mark for the 99% bands: hatching for hot, dots for cold. */
  pattern: 'hatch' | 'dots' | null;
}

/** Gi* bands from hottest to coldest (ColorBrewer RdBu 7). Labels: giBandLabel() in i18n.ts. */
export const GI_BANDS: readonly GiBandStyle[] = [
  { code: 'hot_99', color: '#b2182b', pattern: 'hatch' },
  { code: 'hot_95', color: '#ef8a62', pattern: null },
  { code: 'hot_90', color: '#fddbc7', pattern: null },
  { code: 'none', color: '#f7f7f7', pattern: null },
  { code: 'cold_90', color: '#d1e5f0', pattern: null },
  { code: 'cold_95', color: '#67a9cf', pattern: null },
  { code: 'cold_99', color: '#2166ac', pattern: 'dots' },
];

export function giBandStyle(code: string | null | undefined): GiBandStyle | undefined {
  return GI_BANDS.find((b) => b.code === code);
}

function channel(hex: string, i: number): number {
  return parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
}

function hex2(n: number): string {
  return Math.round(Math.max(0, Math.min(255, n))).toString(16).padStart(2, '0');
}

/** The sequential ramp at t ∈ [0, 1] (linear between its stops); NaN/null → NO_DATA. */
export function sequentialColor(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return NO_DATA;
  const x = Math.max(0, Math.min(1, t)) * (SEQUENTIAL.length - 1);
  const i = Math.min(SEQUENTIAL.length - 2, Math.floor(x));
  const f = x - i;
  const a = SEQUENTIAL[i];
  const b = SEQUENTIAL[i + 1];
  return `#${[0, 1, 2].map((c) => hex2(channel(a, c) + (channel(b, c) - channel(a, c)) * f)).join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = [0, 1, 2].map((i) => {
    const c = channel(hex, i) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Text colour for a filled background: dark ink where it reaches 4.5:1, else white. */
export function textOn(background: string): string {
  return contrast(INK.text, background) >= 4.5 ? INK.text : '#ffffff';
}
