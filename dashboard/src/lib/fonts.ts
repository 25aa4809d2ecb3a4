// Be Vietnam Pro as @font-face rules with data: URLs, for exported SVG and PNG files: a PNG is drawn
// from an SVG image, which may not load fonts from anywhere else, and Vietnamese glyphs must not
// fall back to a font that lacks them. The font files come from the app's own assets (same origin,
// no network), and only when a chart is first exported.
import latin400 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-400-normal.woff2?url';
import latin700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-700-normal.woff2?url';
import vietnamese400 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-400-normal.woff2?url';
import vietnamese700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-700-normal.woff2?url';

// The subsets' unicode-range, as @fontsource declares them, so the two files act as one font.
const LATIN = 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const VIETNAMESE = 'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB';

const FACES = [
  { url: latin400, weight: 400, range: LATIN },
  { url: latin700, weight: 700, range: LATIN },
  { url: vietnamese400, weight: 400, range: VIETNAMESE },
  { url: vietnamese700, weight: 700, range: VIETNAMESE },
];

async function dataUrl(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`font ${url}: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:font/woff2;base64,${btoa(bin)}`;
}

let cached: Promise<string> | null = null;

/** The @font-face rules (cached); '' when the files cannot be read, so export still works. */
export function embeddedFontCss(): Promise<string> {
  cached ??= Promise.all(FACES.map(async (f) =>
    `@font-face{font-family:'Be Vietnam Pro';font-style:normal;font-weight:${f.weight};src:url(${await dataUrl(f.url)}) format('woff2');unicode-range:${f.range}}`,
  )).then((rules) => rules.join(''), () => {
    cached = null;
    return '';
  });
  return cached;
}
