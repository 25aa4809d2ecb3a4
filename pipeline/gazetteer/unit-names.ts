// Names of administrative units as clerks write them: "Huyện Bình Sơn", "H. Bình Sơn", "huyen binh son",
// "TP Quảng Ngãi", "P.1". The type prefix is split from the core name so that matching compares cores.
import { asciiKey, matchKey } from '../text/normalise.ts';

export type UnitType =
  | 'province'
  | 'city'
  | 'town'
  | 'district'
  | 'urban_district'
  | 'commune'
  | 'ward'
  | 'township';

export const UNIT_TYPES: readonly UnitType[] = [
  'province',
  'city',
  'town',
  'district',
  'urban_district',
  'commune',
  'ward',
  'township',
];

/** Official Vietnamese prefix of each unit type, as it starts a full name. */
export const UNIT_TYPE_LABEL: Readonly<Record<UnitType, string>> = {
  province: 'Tỉnh',
  city: 'Thành phố',
  town: 'Thị xã',
  district: 'Huyện',
  urban_district: 'Quận',
  commune: 'Xã',
  ward: 'Phường',
  township: 'Thị trấn',
};

export interface ParsedUnitName {
  /** Type named by the prefix, null when the text has no prefix. */
  type: UnitType | null;
  /**
   * Name without the prefix, spaces collapsed, original spelling kept (NFC). For numbered units
   * ("Phường 1", "P.01", "F1") the core is the number written without leading zeros ("1"), so that
   * numbered units match through the same key as named ones.
   */
  core: string;
  number: number | null;
}

// Spelled-out prefixes. Longest first so that "thị xã" is tried before "xã".
const WORD_PREFIXES: ReadonlyArray<{ type: UnitType; words: string }> = [
  { type: 'city', words: 'thành phố' },
  { type: 'township', words: 'thị trấn' },
  { type: 'town', words: 'thị xã' },
  { type: 'ward', words: 'phường' },
  { type: 'district', words: 'huyện' },
  { type: 'province', words: 'tỉnh' },
  { type: 'urban_district', words: 'quận' },
  { type: 'commune', words: 'xã' },
];

// Abbreviations, matched on the diacritic-free lower-case text. A one-letter abbreviation only counts
// when a dot, space or digit follows it, so "Hoài Nhơn", "Phổ Quang" and "Xuân" keep their first letter.
const ABBREVIATIONS: ReadonlyArray<{ type: UnitType; re: RegExp }> = [
  { type: 'city', re: /^t(?:\.\s?)?p(?:\.\s*|\s+|(?=\d))/ },
  { type: 'town', re: /^t(?:\.\s?)?x(?:\.\s*|\s+|(?=\d))/ },
  { type: 'township', re: /^t(?:\.\s?)?t(?:\.\s*|\s+|(?=\d))/ },
  { type: 'district', re: /^h(?:\.\s*|\s+|(?=\d))/ },
  { type: 'urban_district', re: /^q(?:\.\s*|\s+|(?=\d))/ },
  { type: 'ward', re: /^[pf](?:\.\s*|\s+|(?=\d))/ },
  { type: 'commune', re: /^x(?:\.\s*|\s+|(?=\d))/ },
  { type: 'province', re: /^t\.\s*/ },
];

/**
 * NFC, zero-width characters and soft hyphens (left by copy-paste) removed, every run of white space
 * (line breaks, non-breaking spaces) as one space, trimmed.
 */
export function cleanUnitText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** One lower-case ASCII character per code point of `chars`, so positions in both line up. */
function foldChars(chars: readonly string[]): string {
  return chars
    .map((ch) => {
      if (/\s/u.test(ch)) return ' ';
      const f = asciiKey(ch);
      return f.length === 1 ? f : '\u0000';
    })
    .join('');
}

const LETTER = /[\p{L}\p{M}]/u;

function finishCore(rest: string): { core: string; number: number | null } {
  const core = rest.replace(/^[\s.,:;\-–]+/u, '').replace(/[\s.,:;\-–]+$/u, '');
  const numbered = /^(?:s[oốô]\s*)?0*(\d+)$/iu.exec(core);
  if (numbered) {
    const n = Number(numbered[1]);
    return { core: String(n), number: n };
  }
  return { core, number: null };
}

/**
 * All readings of a unit name, most likely first. A spelled-out prefix written without diacritics is
 * only a guess ("Tinh Hoa" may be "Tỉnh Hòa" or the commune "Tịnh Hòa"; "Quan Hoa" may be "Quận Hóa"
 * or the district "Quan Hóa"), so then the reading without a prefix is offered too.
 */
export function parseUnitNameAlternatives(raw: string): ParsedUnitName[] {
  const text = cleanUnitText(raw);
  const chars = Array.from(text);
  const folded = foldChars(chars);
  const whole: ParsedUnitName = { type: null, ...finishCore(text) };

  for (const { type, words } of WORD_PREFIXES) {
    const n = Array.from(words).length;
    if (chars.length < n) continue;
    const head = chars.slice(0, n).join('');
    if (folded.slice(0, n) !== asciiKey(words)) continue;
    const next = chars[n];
    if (next !== undefined && LETTER.test(next)) continue;
    const headKey = matchKey(head);
    const certain = headKey === matchKey(words);
    // Other diacritics than the prefix's ("Tịnh" is not "Tỉnh") mean it is part of the name.
    if (!certain && !missingDiacriticsOnly(headKey, matchKey(words))) continue;
    const parsed: ParsedUnitName = { type, ...finishCore(chars.slice(n).join('')) };
    if (parsed.core === '') continue;
    if (certain) return [parsed];
    // "Quan Hóa": whoever writes diacritics in the rest would have written "Quận"; the name comes first.
    const restHasMarks = matchKey(parsed.core) !== asciiKey(parsed.core);
    return restHasMarks ? [whole, parsed] : [parsed, whole];
  }

  for (const { type, re } of ABBREVIATIONS) {
    const m = re.exec(folded);
    if (!m) continue;
    const parsed: ParsedUnitName = { type, ...finishCore(chars.slice(m[0].length).join('')) };
    if (parsed.core === '') continue;
    return [parsed];
  }
  return [whole];
}

/** Type prefix, core name and number of a unit name (the most likely reading). */
export function parseUnitName(raw: string): ParsedUnitName {
  return parseUnitNameAlternatives(raw)[0];
}

/** Key of a core name for exact matching: case, spaces, NFC/NFD and tone placement do not matter. */
export function coreKey(core: string): string {
  return matchKey(core);
}

/** Key of a core name without diacritics ("Bình Sơn" → "binh son"). */
export function coreAsciiKey(core: string): string {
  return asciiKey(core);
}

const STROKE = 'stroke';

/** A key as letters with their marks ("sơǹ"-like keys too: matchKey puts the tone after the word). */
function letterGroups(key: string): Array<{ base: string; marks: string[] }> {
  const groups: Array<{ base: string; marks: string[] }> = [];
  for (const ch of Array.from(key.normalize('NFD'))) {
    if (/\p{M}/u.test(ch) && groups.length > 0) groups[groups.length - 1].marks.push(ch);
    else if (ch === 'đ' || ch === 'Đ') groups.push({ base: 'd', marks: [STROKE] });
    else groups.push({ base: ch, marks: [] });
  }
  return groups;
}

/**
 * True when `input` is `target` with some diacritics left out but none changed: "binh son" and
 * "Bình Son" fit "bình sơn"; "nghĩa dùng" does not fit "nghĩa dõng". Both arguments are matchKeys
 * (same tone placement on both sides).
 */
export function missingDiacriticsOnly(input: string, target: string): boolean {
  if (input === target) return true;
  const a = letterGroups(input);
  const b = letterGroups(target);
  if (a.length !== b.length) return false;
  return a.every((x, i) => x.base === b[i].base && x.marks.every((m) => b[i].marks.includes(m)));
}

/** Full official name from a type and a core: ('district', 'Bình Sơn') → "Huyện Bình Sơn". */
export function fullUnitName(type: UnitType, core: string): string {
  return `${UNIT_TYPE_LABEL[type]} ${core}`;
}
