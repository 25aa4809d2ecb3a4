// Normalisation of Vietnamese text for comparison (names of units, labels, headers).
// Keys produced here are only ever compared, never shown to a user.

/** Tone marks in their decomposed (NFD) form: grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /\p{M}/gu;
// Zero-width characters and soft hyphens survive copy-paste from Word/web pages and would
// otherwise make two visually identical names differ.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// A word is a run of letters with their combining marks; punctuation and digits delimit words,
// so that "Hoà-Bình" and "Hòa-Bình" place each tone inside its own word.
const WORD = /[\p{L}\p{M}]+/gu;

export function nfc(s: string): string {
  return s.normalize('NFC');
}

/**
 * Moves every tone mark of a word to the end of that word. Old-style ("hoà", "thuỷ") and
 * new-style ("hòa", "thủy") placement differ only in which vowel carries the tone, so both
 * become the same string. Vowel-quality marks (circumflex, breve, horn) stay on their letter.
 */
function canonicalTonePlacement(word: string): string {
  const decomposed = word.normalize('NFD');
  const tones = decomposed.match(TONE_MARKS);
  if (!tones) return word;
  return (decomposed.replace(TONE_MARKS, '') + tones.join('')).normalize('NFC');
}

export function matchKey(s: string): string {
  const cleaned = nfc(s)
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.replace(WORD, canonicalTonePlacement);
}

/** matchKey without any diacritic: "Bình Sơn" → "binh son", "Đức Phổ" → "duc pho". */
export function asciiKey(s: string): string {
  return matchKey(s).normalize('NFD').replace(ALL_MARKS, '').replace(/đ/g, 'd').normalize('NFC');
}

export function hasDiacritics(s: string): boolean {
  return /[đĐ]/.test(s) || /\p{M}/u.test(s.normalize('NFD'));
}
