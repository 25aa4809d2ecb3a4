// Bytes of a text file (CSV/TSV) → a JS string. Offices send UTF-8 (with or without BOM),
// UTF-16 from Excel's "Unicode text", Windows-1258 and Windows-1252 (DOMAIN §5). Files in a
// multibyte Asian code page are refused with a clear message rather than read as garbage.
import iconv from 'iconv-lite';
import { decodeTcvn3, decodeVni, isVietnameseSyllable } from '../text/legacy-vietnamese.ts';

export type TextEncoding =
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1258'
  | 'windows-1252';

export class UnsupportedEncodingError extends Error {
  readonly fileName: string;

  constructor(fileName: string) {
    super(
      `Tệp ${fileName}: không đọc được bảng mã của tệp (có thể là Shift-JIS/GBK…). ` +
        `Hãy lưu lại tệp dưới dạng CSV UTF-8. / File ${fileName}: unsupported text encoding; ` +
        `save it as CSV UTF-8.`,
    );
    this.name = 'UnsupportedEncodingError';
    this.fileName = fileName;
  }
}

// Enough text to judge a code page; judging the whole of a large file adds nothing.
const SAMPLE_BYTES = 256 * 1024;

export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncoding } {
  const result = (text: string, encoding: TextEncoding) => ({ text: text.normalize('NFC'), encoding });

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return result(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8-bom');
  }
  if (startsWith(bytes, [0xff, 0xfe])) return result(decodeUtf16le(bytes.subarray(2)), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return result(decodeUtf16be(bytes.subarray(2)), 'utf-16be');

  const utf16 = guessBomlessUtf16(bytes);
  if (utf16 === 'utf-16le') return result(decodeUtf16le(bytes), utf16);
  if (utf16 === 'utf-16be') return result(decodeUtf16be(bytes), utf16);

  try {
    return result(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8');
  } catch {
    // Not valid UTF-8: one of the cases below.
  }
  // A UTF-8 file with a few damaged bytes (e.g. two exports pasted together) is still UTF-8:
  // reading it as a code page would garble every Vietnamese letter, not just the damaged ones.
  const utf8 = countUtf8Sequences(bytes);
  if (utf8.valid >= 3 && utf8.invalid * 20 <= utf8.valid) {
    return result(new TextDecoder('utf-8').decode(bytes), 'utf-8');
  }

  const verdict = judgeSingleByte(bytes.subarray(0, SAMPLE_BYTES));
  if (verdict === 'windows-1258') return result(iconv.decode(Buffer.from(bytes), 'windows1258'), verdict);
  if (verdict === 'unsupported') throw new UnsupportedEncodingError(fileName);
  return result(decodeWindows1252(bytes), 'windows-1252');
}

/**
 * Unicode → Windows-1258 bytes, the way Vietnamese keyboard drivers wrote it: letters with a
 * vowel-quality mark that 1258 has precomposed (â ê ô ă ơ ư, and đ) stay one byte, tone marks
 * become the combining bytes 0xCC 0xEC 0xD2 0xDE 0xF2 after their vowel. Characters 1258 cannot
 * hold become "?".
 */
export function encodeWindows1258(s: string): Buffer {
  const clusters = s.normalize('NFD').match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
  let out = '';
  for (const cluster of clusters) {
    const tones = cluster.match(/[\u0300\u0301\u0303\u0309\u0323]/g)?.join('') ?? '';
    out += cluster.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC') + tones;
  }
  return iconv.encode(out, 'windows1258');
}

// ---------------------------------------------------------------------------------------------

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeUtf16le(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le').decode(bytes);
}

function decodeUtf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return decodeUtf16le(swapped);
}

/**
 * UTF-16 without a BOM: text that is mostly ASCII/Latin has a NUL in every other byte. NULs
 * never occur in the 8-bit encodings of a text file.
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function countUtf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

// Windows-1252 0x80–0x9F; the five undefined bytes become the C1 controls, as Windows does.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

// Bytes whose meaning in Windows-1258 differs from Windows-1252: the combining tone marks, the
// letters Ă ă Ơ ơ Ư ư Đ đ and ₫.
const SPECIFIC_1258 = new Set([
  0xcc, 0xec, 0xde, 0xd2, 0xf2, 0xc3, 0xe3, 0xd5, 0xf5, 0xdd, 0xfd, 0xd0, 0xf0, 0xfe,
]);
// Punctuation a Latin word may carry at either end (quotes, dashes, currency, degrees…).
// ª º µ are letters to Unicode, but a word carries them only at an end ("Nº", "µg").
const EDGE_SYMBOLS = /^[‘’“”«»‹›„‚"'–—…•°€£¥§©®™±×÷¹²³¡¿ªºµ\u00a0]+|[‘’“”«»‹›„‚"'–—…•°€£¥§©®™±×÷¹²³¡¿ªºµ\u00a0]+$/g;

/** One reading of a word: a Vietnamese syllable, possibly with punctuation at its ends. */
function isVietnameseWord(word: string): boolean {
  const core = word.normalize('NFC').replace(EDGE_SYMBOLS, '');
  return /^[\p{L}\p{M}]+$/u.test(core) && isVietnameseSyllable(core);
}

/**
 * A word as a Latin-script language writes it: letters (an apostrophe allowed inside), with
 * at most two non-ASCII letters in a row, and punctuation only at its ends.
 */
function isLatinWord(word: string): boolean {
  const core = word.replace(EDGE_SYMBOLS, '');
  if (core === '') return word.length <= 2;
  if (!/^[\p{L}’']+$/u.test(core) || /[ªºµ]/.test(core)) return false;
  return !/[^\x00-\x7f]{3}/.test(core);
}

/**
 * Judges bytes that are not UTF-8. Words (runs of letters and high bytes) holding bytes ≥ 0x80
 * are read four ways: as Windows-1252 Latin, as Windows-1258, TCVN3 and VNI Vietnamese (the
 * legacy fonts are converted later, per column). Windows-1258 wins when its own bytes (tone
 * marks, ă ơ ư đ) form Vietnamese syllables. A file where most high bytes sit in words that
 * none of the readings explains — Shift-JIS, GBK, Big5, EUC pairs — is refused.
 */
function judgeSingleByte(bytes: Uint8Array): 'windows-1258' | 'windows-1252' | 'unsupported' {
  let high = 0;
  let unexplained = 0;
  let viet1258 = 0;
  let notViet1258 = 0;
  const isWordByte = (b: number) => b >= 0x80 || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  for (let i = 0; i < bytes.length; ) {
    if (!isWordByte(bytes[i])) {
      i++;
      continue;
    }
    let j = i;
    let wordHigh = 0;
    let specific = false;
    while (j < bytes.length && isWordByte(bytes[j])) {
      if (bytes[j] >= 0x80) wordHigh++;
      if (SPECIFIC_1258.has(bytes[j])) specific = true;
      j++;
    }
    if (wordHigh > 0) {
      const word = bytes.subarray(i, j);
      const as1258 = iconv.decode(Buffer.from(word), 'windows1258').normalize('NFC');
      const is1258 = isVietnameseWord(as1258);
      if (specific) {
        if (is1258) viet1258++;
        else notViet1258++;
      }
      const as1252 = decodeWindows1252(word);
      const explained =
        is1258 ||
        isLatinWord(as1252) ||
        isVietnameseWord(decodeTcvn3(as1252)) ||
        isVietnameseWord(decodeVni(as1252));
      high += wordHigh;
      if (!explained) unexplained += wordHigh;
    }
    i = j;
  }
  if (viet1258 > 0 && viet1258 >= 3 * notViet1258) return 'windows-1258';
  if (unexplained >= 4 && unexplained * 2 > high) return 'unsupported';
  return 'windows-1252';
}
