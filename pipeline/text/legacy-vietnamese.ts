// Legacy Vietnamese font encodings (DOMAIN §6): TCVN3 (ABC, fonts .VnTime/.VnTimeH) and
// VNI-Windows (fonts VNI-Times). Such text reaches us as Latin-1 / Windows-1252 characters,
// e.g. TCVN3 "HuyÖn B×nh S¬n" = "Huyện Bình Sơn", VNI "Huyeän Bình Sôn".
import iconv from 'iconv-lite';

export type LegacyEncoding = 'tcvn3' | 'vni';

// ---------------------------------------------------------------------------------------------
// Windows-1252 bytes 0x80–0x9F. Office programs turned legacy font bytes into these characters,
// so they must be mapped back to their byte before a legacy table applies.

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_BYTE = new Map<string, number>();
for (let i = 0; i < CP1252_HIGH.length; i++) CP1252_BYTE.set(CP1252_HIGH[i], 0x80 + i);

/** The single byte a Latin-1/1252 character stands for, or null for genuine Unicode. */
function legacyByte(ch: string): number | null {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code <= 0xff) return code;
  return CP1252_BYTE.get(ch) ?? null;
}

/** A Latin-1/1252 letter that a legacy table did not consume: a stray marker or foreign letter. */
function isUnmappedLegacyLetter(ch: string): boolean {
  const byte = legacyByte(ch);
  return byte !== null && byte >= 0x80 && /\p{L}/u.test(ch);
}

// ---------------------------------------------------------------------------------------------
// Vietnamese alphabet and syllable structure, used to judge whether decoded text is plausible.

const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const VIETNAMESE_LETTERS = new Set<string>(['đ', 'Đ']);
for (const v of VOWELS) {
  for (const t of TONES) {
    const lower = (v + t).normalize('NFC');
    VIETNAMESE_LETTERS.add(lower);
    VIETNAMESE_LETTERS.add(lower.toUpperCase());
  }
}

const INITIAL = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?';
// Nuclei that may be followed by a final consonant, and nuclei ending in a glide that may not.
const OPEN_NUCLEUS = 'uyê|iê|yê|uô|ươ|oa|oă|oe|oo|uâ|uê|uy|uơ|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y';
const CLOSED_NUCLEUS =
  'iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu';
const FINAL = '(?:ch|ng|nh|[cmnpt])';
const SYLLABLE = new RegExp(`^${INITIAL}(?:(?:${OPEN_NUCLEUS})${FINAL}?|(?:${CLOSED_NUCLEUS}))$`);
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
// In NFD a tone mark sits on a vowel, possibly after that vowel's quality mark.
const TONE_ON_CONSONANT = /(^|[^aeiouy\u0302\u0306\u031b])[\u0300\u0301\u0303\u0309\u0323]/;

/** True when `word` (letters only, any case) is a well-formed Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_RE);
  if (tones && tones.length > 1) return false;
  if (TONE_ON_CONSONANT.test(nfd)) return false;
  return SYLLABLE.test(nfd.replace(TONE_RE, '').normalize('NFC'));
}

/**
 * Counts the words of `text` that contain a non-ASCII letter and are / are not Vietnamese
 * syllables. ASCII-only words (abbreviations, codes, names typed without diacritics) say nothing.
 */
export function vietnameseWordScore(text: string): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (const word of text.normalize('NFC').match(/[\p{L}\p{M}]+/gu) ?? []) {
    if (/^[A-Za-z]+$/.test(word)) continue;
    if (isVietnameseSyllable(word)) good++;
    else bad++;
  }
  return { good, bad };
}

interface Decoded {
  text: string;
  /** Latin-1/1252 letters the table left as they were: they do not belong in the encoding. */
  leftovers: number;
  /**
   * Characters the table consumed that Unicode Vietnamese never uses, glued to a letter
   * ("×" in "B×nh", "ä" in "Huyeän"; not "×" in "5 × 3"): what makes a cell legacy text.
   */
  evidence: number;
}

function isLetterAt(chars: readonly string[], i: number): boolean {
  const c = chars[i];
  return c !== undefined && /[\p{L}\p{M}]/u.test(c);
}

/** Is chars[i] a character Unicode Vietnamese never writes, standing inside a word? */
function isForeignInWord(chars: readonly string[], i: number): boolean {
  const ch = chars[i];
  if (ch.charCodeAt(0) < 0x80 || /\s/.test(ch) || VIETNAMESE_LETTERS.has(ch)) return false;
  return isLetterAt(chars, i - 1) || isLetterAt(chars, i + 1);
}

// ---------------------------------------------------------------------------------------------
// TCVN3 (ABC). The table is iconv-lite's TCVN 5712 codec: .VnTime lowercase letters at
// 0xA8–0xFE, the seven capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7, and the other toned capitals in the
// positions the full standard gives them (0x80–0x9F and gaps in 0xAF–0xFF), which some
// converters wrote. Left out: 0x00–0x1F (control characters in a cell are noise, not letters)
// and 0xB0–0xB4 (bare combining tone marks; in a sheet those bytes are far more likely the
// symbols ° ± ² ³ ´).

const TCVN3_DECODE = new Map<number, string>();
for (let b = 0x80; b <= 0xff; b++) {
  if (b === 0xa0 || (b >= 0xb0 && b <= 0xb4)) continue;
  const ch = iconv.decode(Buffer.from([b]), 'tcvn');
  if (ch.length === 1 && ch !== '\ufffd') TCVN3_DECODE.set(b, ch);
}
// .VnTime fonts leave 0x80–0x9F to Windows punctuation, and documents typed in them are full of
// “ ” – … . Those characters are read as the full table's capitals only inside a word, where
// punctuation makes no sense ("T‘NH" = "TỊNH"). The 1252 letters there (ƒ Š Œ Ž š œ ž Ÿ) and
// C1 controls are always capitals: no Vietnamese text uses them otherwise.
const CP1252_PUNCTUATION = new Set([...'€‚„…†‡ˆ‰‹‘’“”•–—˜™›']);

// What a .VnTime (lowercase) font can hold: lowercase letters and the capitals of 0xA1–0xA7.
const TCVN3_ENCODE = new Map<string, string>();
for (let b = 0xa1; b <= 0xfe; b++) {
  const ch = TCVN3_DECODE.get(b);
  if (ch !== undefined && (b <= 0xa7 || ch === ch.toLowerCase())) {
    TCVN3_ENCODE.set(ch, String.fromCharCode(b));
  }
}

function decodeTcvn3Detailed(s: string): Decoded {
  const input = s.normalize('NFC');
  const chars = [...input];
  let text = '';
  let leftovers = 0;
  let evidence = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const byte = legacyByte(ch);
    const punctuation =
      CP1252_PUNCTUATION.has(ch) && !(isLetterAt(chars, i - 1) && isLetterAt(chars, i + 1));
    const mapped = byte !== null && byte >= 0x80 && !punctuation ? TCVN3_DECODE.get(byte) : undefined;
    if (mapped !== undefined) {
      text += mapped;
      if (isForeignInWord(chars, i)) evidence++;
    } else {
      if (isUnmappedLegacyLetter(ch)) leftovers++;
      text += ch;
    }
  }
  // .VnTimeH (the capitals font) draws the lowercase byte positions as capitals, so a cell typed
  // in it decodes to "HUYệN". When the cell's plain letters are all capitals (two at least, so
  // that a lone surname like "Hå" stays "Hồ") we take the cell as .VnTimeH text.
  const asciiLetters = input.match(/[A-Za-z]/g) ?? [];
  if (asciiLetters.length >= 2 && asciiLetters.every((c) => c >= 'A' && c <= 'Z')) {
    text = text.toUpperCase();
  }
  return { text: text.normalize('NFC'), leftovers, evidence };
}

/**
 * TCVN3 text (as Latin-1/1252 characters) → Unicode NFC. Genuine Unicode characters pass
 * through unchanged, and so does Windows punctuation outside words (see above). A cell typed in the .VnTimeH capitals font comes out in capitals when its
 * plain letters are capitals (two at least); otherwise its toned letters come out lowercase,
 * since .VnTimeH uses the lowercase byte positions.
 */
export function decodeTcvn3(s: string): string {
  return decodeTcvn3Detailed(s).text;
}

/**
 * Unicode → the characters a .VnTime (lowercase) font stores. Toned capitals, which that font
 * cannot hold, are written with their lowercase code, so "Ủy" comes back as "ủy"; Ă Â Ê Ô Ơ Ư Đ
 * keep their capital codes. Characters outside TCVN3 pass through unchanged.
 */
export function encodeTcvn3(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else out += TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase()) ?? ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows: a base letter followed by a marker character; ơ ư đ, the toned i and ỵ are single
// characters. After a capital base the marker is a capital too ("Ở" = "ÔÛ").

type Quality = '' | '\u0302' | '\u0306';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

/** marker (lowercase) → [vowel-quality mark, tone mark] */
const VNI_MARKERS = new Map<string, [Quality, string]>([
  ['ù', ['', '\u0301']],
  ['ø', ['', '\u0300']],
  ['û', ['', '\u0309']],
  ['õ', ['', '\u0303']],
  ['ï', ['', '\u0323']],
  ['â', [CIRCUMFLEX, '']],
  ['á', [CIRCUMFLEX, '\u0301']],
  ['à', [CIRCUMFLEX, '\u0300']],
  ['å', [CIRCUMFLEX, '\u0309']],
  ['ã', [CIRCUMFLEX, '\u0303']],
  ['ä', [CIRCUMFLEX, '\u0323']],
  ['ê', [BREVE, '']],
  ['é', [BREVE, '\u0301']],
  ['è', [BREVE, '\u0300']],
  ['ú', [BREVE, '\u0309']],
  ['ü', [BREVE, '\u0303']],
  ['ë', [BREVE, '\u0323']],
]);
/** quality + tone → marker (lowercase) */
const VNI_MARKER_FOR = new Map<string, string>();
for (const [marker, [quality, tone]] of VNI_MARKERS) VNI_MARKER_FOR.set(quality + tone, marker);

/** base character (lowercase) → [Unicode base letter, vowel-quality marks it accepts] */
const VNI_BASES = new Map<string, [string, readonly Quality[]]>([
  ['a', ['a', ['', CIRCUMFLEX, BREVE]]],
  ['e', ['e', ['', CIRCUMFLEX]]],
  ['o', ['o', ['', CIRCUMFLEX]]],
  ['u', ['u', ['']]],
  ['y', ['y', ['']]],
  ['ô', ['ơ', ['']]],
  ['ö', ['ư', ['']]],
]);

/** VNI single characters (lowercase) → Unicode. */
const VNI_SINGLE = new Map<string, string>([
  ['ì', 'ì'],
  ['í', 'í'],
  ['æ', 'ỉ'],
  ['ó', 'ĩ'],
  ['ò', 'ị'],
  ['î', 'ỵ'],
  ['ñ', 'đ'],
  ['ô', 'ơ'],
  ['ö', 'ư'],
]);
const VNI_SINGLE_FOR = new Map<string, string>();
for (const [vni, uni] of VNI_SINGLE) VNI_SINGLE_FOR.set(uni, vni);

function withCase(ch: string, upper: boolean): string {
  return upper ? ch.toUpperCase() : ch;
}

function decodeVniDetailed(s: string): Decoded {
  const chars = [...s.normalize('NFC')];
  let text = '';
  let leftovers = 0;
  let evidence = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    const base = VNI_BASES.get(lower);
    const next = chars[i + 1];
    const marker = next === undefined ? undefined : VNI_MARKERS.get(next.toLowerCase());
    if (base !== undefined && marker !== undefined && base[1].includes(marker[0])) {
      text += withCase((base[0] + marker[0] + marker[1]).normalize('NFC'), upper);
      if (isForeignInWord(chars, i) || isForeignInWord(chars, i + 1)) evidence++;
      i++;
      continue;
    }
    const single = VNI_SINGLE.get(lower);
    if (single !== undefined) {
      text += withCase(single, upper);
      if (isForeignInWord(chars, i)) evidence++;
      continue;
    }
    if (isUnmappedLegacyLetter(ch)) leftovers++;
    text += ch;
  }
  return { text: text.normalize('NFC'), leftovers, evidence };
}

/** VNI-Windows text (as Latin-1 characters) → Unicode NFC. */
export function decodeVni(s: string): string {
  return decodeVniDetailed(s).text;
}

/** Unicode → VNI-Windows characters. Characters outside Vietnamese pass through unchanged. */
export function encodeVni(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    if (ch.charCodeAt(0) < 0x80 || !VIETNAMESE_LETTERS.has(lower)) {
      out += ch;
      continue;
    }
    const nfd = lower.normalize('NFD');
    const letter = nfd[0];
    const quality = (nfd.match(/[\u0302\u0306]/)?.[0] ?? '') as Quality;
    const tone = nfd.match(TONE_RE)?.[0] ?? '';
    const single = VNI_SINGLE_FOR.get(lower);
    if (lower === 'đ' || letter === 'i' || lower === 'ỵ') {
      out += withCase(single ?? letter, upper);
    } else if (nfd.includes('\u031b')) {
      // ơ and ư are single characters (ô, ö), then a tone marker.
      const bare = VNI_SINGLE_FOR.get(letter === 'o' ? 'ơ' : 'ư') ?? letter;
      out += withCase(bare, upper) + withCase(VNI_MARKER_FOR.get(tone) ?? '', upper);
    } else {
      out += withCase(letter, upper) + withCase(VNI_MARKER_FOR.get(quality + tone) ?? '', upper);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Detection over a column.

const DECODERS: Record<LegacyEncoding, (s: string) => Decoded> = {
  tcvn3: decodeTcvn3Detailed,
  vni: decodeVniDetailed,
};

/** A character above U+00FF that no legacy font produces: the cell is Unicode already. */
function hasUnicodeOnlyChar(s: string): boolean {
  for (const ch of s) if (legacyByte(ch) === null) return true;
  return false;
}

interface ColumnEvidence {
  /** Cells that are not Vietnamese as they stand but decode to clean Vietnamese. */
  support: number;
  /** Cells the decoding would change into something that is not Vietnamese. */
  failures: number;
}

function columnEvidence(cells: readonly string[], encoding: LegacyEncoding): ColumnEvidence {
  let support = 0;
  let failures = 0;
  for (const cell of cells) {
    const { text, leftovers, evidence } = DECODERS[encoding](cell);
    if (text === cell) continue;
    const score = vietnameseWordScore(text);
    const plausible = leftovers === 0 && score.bad === 0 && score.good > 0;
    if (!plausible) failures++;
    else if (evidence > 0) support++;
    // Plausible both as it stands and decoded ("Hòa" reads "Hịa" in VNI): no evidence.
  }
  return { support, failures };
}

/**
 * Decides whether a column of cell texts is TCVN3 or VNI text. Evidence is a cell in which the
 * encoding turns characters that Unicode Vietnamese never uses inside a word into letters, and
 * which decodes to well-formed Vietnamese syllables with nothing left over. The column is legacy
 * only when such cells exist, at least 90% of the cells the decoding would change come out as
 * Vietnamese, and the evidence cells are not outnumbered by cells that are plainly Unicode
 * already (a character above U+00FF other than the Windows-1252 ones). Otherwise — also when
 * both encodings fit equally well — null.
 */
export function detectLegacyEncoding(values: readonly string[]): LegacyEncoding | null {
  const candidates: string[] = [];
  let unicodeCells = 0;
  for (const raw of values) {
    const cell = raw.normalize('NFC').trim();
    if (!/[^\x00-\x7f]/.test(cell)) continue;
    if (hasUnicodeOnlyChar(cell)) unicodeCells++;
    else candidates.push(cell);
  }
  if (candidates.length === 0) return null;

  let best: LegacyEncoding | null = null;
  let bestMargin = 0;
  let tie = false;
  for (const encoding of ['tcvn3', 'vni'] as const) {
    const { support, failures } = columnEvidence(candidates, encoding);
    const accepted = support > 0 && failures * 10 <= support + failures && support >= unicodeCells;
    if (!accepted) continue;
    const margin = support - failures;
    if (margin > bestMargin) {
      best = encoding;
      bestMargin = margin;
      tie = false;
    } else if (margin === bestMargin) {
      tie = true;
    }
  }
  return tie ? null : best;
}

/**
 * Detects the column's legacy encoding and decodes it. Cells that are Unicode already (they
 * hold characters no legacy font produces) are kept. Output is NFC.
 */
export function convertLegacyColumn(values: readonly string[]): {
  encoding: LegacyEncoding | null;
  values: string[];
} {
  const encoding = detectLegacyEncoding(values);
  if (encoding === null) return { encoding, values: values.map((v) => v.normalize('NFC')) };
  const decode = DECODERS[encoding];
  return {
    encoding,
    values: values.map((v) => (hasUnicodeOnlyChar(v) ? v.normalize('NFC') : decode(v).text)),
  };
}
