// Cell value parsers: one raw cell text in, a typed value or a short Vietnamese reason for a clerk
// out. Each distinct text of a column is parsed once, so these favour clarity over speed.
//
// Conventions shared by every parser:
// - A blank cell, "-", "–", "—" or "N/A" is { ok: true, value: null }: whether the column may be
//   empty is the caller's decision, not the parser's.
// - An Excel error value ("#REF!", "#N/A", …) is an error, never a blank: it means a broken formula.
// - Dates never go through `new Date(string)` (its result depends on the time zone and the engine);
//   they are computed with integer day numbers.
import { asciiKey, nfc } from '../text/normalise.ts';
import type { SourceColumn } from './columns.ts';
import { headerKey, enumValueByKey } from './header-match.ts';
import { ENUMS, type EnumName } from './vocabulary.ts';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

const BLANK_TOKENS = new Set(['', '-', '–', '—', 'n/a']);
const EXCEL_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

/** True for a cell that means "nothing here". */
export function isBlankCell(raw: string): boolean {
  return BLANK_TOKENS.has(nfc(raw).trim().toLowerCase());
}

/** The blank / Excel-error checks every parser starts with; `undefined` means "go on parsing". */
function precheck(raw: string): ParseResult<null> | undefined {
  const text = nfc(raw).trim();
  if (BLANK_TOKENS.has(text.toLowerCase())) return ok(null);
  if (EXCEL_ERROR.test(text)) return fail(`ô bị lỗi công thức Excel (${text})`);
  return undefined;
}

/** The raw text quoted in a message, cut short so a pasted paragraph does not flood the report. */
function quote(raw: string): string {
  const text = nfc(raw).trim().replace(/\s+/g, ' ');
  return `'${text.length > 60 ? `${text.slice(0, 57)}…` : text}'`;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian), after H. Hinnant's days_from_civil / civil_from_days.

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');
const toIso = (y: number, m: number, d: number): string => `${pad4(y)}-${pad2(m)}-${pad2(d)}`;

/** "2024-02-03" → "03/02/2024"; any other text is returned unchanged. */
export function formatDateVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// ---------------------------------------------------------------------------------------------
// Excel serial dates

// Day numbers (days since 1970-01-01) of each system's epoch. In the 1900 system serial 1 is
// 1900-01-01 and Lotus 1-2-3's phantom 1900-02-29 is serial 60, so from serial 61 on the real date
// is 1899-12-30 + serial, while serials 1–59 are one day later than that rule gives.
const EPOCH_1900 = daysFromCivil(1899, 12, 30);
const EPOCH_1904 = daysFromCivil(1904, 1, 1);
/** Excel's last date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL_1900 = 2958465;

/**
 * The ISO date of an Excel serial; a time part (fraction) is dropped.
 * 1900 system: serial 0 is Excel's "00/01/1900", returned as 1899-12-31 (the day before serial 1);
 * serial 60 is Excel's fictitious 29/02/1900 and throws. 1904 system: serial 0 is 1904-01-01.
 * Throws RangeError for serial 60 (1900 system), negative, non-finite or beyond 9999-12-31.
 */
export function excelSerialToIso(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial) || serial < 0) throw new RangeError(`số ngày Excel không hợp lệ: ${serial}`);
  const whole = Math.floor(serial);
  let days: number;
  if (date1904) {
    days = EPOCH_1904 + whole;
  } else {
    if (whole === 60) throw new RangeError('số ngày Excel 60 là ngày 29/02/1900, không có thật (lỗi lịch của Excel)');
    days = EPOCH_1900 + whole + (whole < 60 ? 1 : 0);
  }
  if (days > daysFromCivil(9999, 12, 31)) throw new RangeError(`số ngày Excel quá lớn: ${serial}`);
  const { y, m, d } = civilFromDays(days);
  return toIso(y, m, d);
}

/** Serial of an ISO date in the given system (the inverse of excelSerialToIso for real dates). */
function isoToExcelSerial(y: number, m: number, d: number, date1904: boolean): number {
  const days = daysFromCivil(y, m, d);
  if (date1904) return days - EPOCH_1904;
  const serial = days - EPOCH_1900;
  return serial <= 60 ? serial - 1 : serial;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Years a source date may carry; anything else is a typing error ("05/03/2204"). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function checkedDate(y: number, m: number, d: number): ParseResult<string> {
  const shown = `${pad2(d)}/${pad2(m)}/${pad4(y)}`;
  if (m < 1 || m > 12) return fail(`ngày ${shown} không tồn tại (không có tháng ${m})`);
  if (d < 1 || d > daysInMonth(y, m)) return fail(`ngày ${shown} không tồn tại`);
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`năm ${y} không hợp lý (ngày ${shown})`);
  return ok(toIso(y, m, d));
}

/**
 * Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (the window Excel and most office
 * software use; petitions in these files are all after 1970).
 */
export function expandTwoDigitYear(yy: number): number {
  return yy <= 69 ? 2000 + yy : 1900 + yy;
}

const TIME_PART = String.raw`(?:[t\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[ap]m|[+-]\d{2}:?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME_PART}$`);
const YMD_DATE = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/;
const DMY_DATE = new RegExp(String.raw`^(?:ngay\s*)?(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})${TIME_PART}$`);
const LONG_DATE = /^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})$/;
const COMPACT_DATE = /^((?:19|20)\d{2})(\d{2})(\d{2})$/;
const SERIAL = /^\d+(?:\.\d+)?$/;

/**
 * A date cell as ISO `YYYY-MM-DD`. Accepts ISO (a time part is dropped, as written: no time-zone
 * shift), `yyyy/mm/dd`, `dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`, `dd.mm.yyyy` (day first unless
 * `dayFirst: false`), "ngày 05 tháng 3 năm 2024", `yyyymmdd`, and an Excel serial written as a
 * number between 1900-01-01 and 2100-12-31. A bare four-digit number 1900–2100 is refused as a
 * year without day and month rather than read as a serial (which would be a date in 1905), and a
 * bare "0" is refused rather than read as 1904-01-01 / 1900-01-00.
 */
export function parseDate(raw: string, opts: { date1904?: boolean; dayFirst?: boolean } = {}): ParseResult<string | null> {
  const pre = precheck(raw);
  if (pre) return pre;
  const date1904 = opts.date1904 ?? false;
  const dayFirst = opts.dayFirst ?? true;
  const text = asciiKey(raw).replace(/\.$/, '');

  let m = ISO_DATE.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = YMD_DATE.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DMY_DATE.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = m[4].length === 2 ? expandTwoDigitYear(Number(m[4])) : Number(m[4]);
    return dayFirst ? checkedDate(y, b, a) : checkedDate(y, a, b);
  }
  m = LONG_DATE.exec(text);
  if (m) return checkedDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = COMPACT_DATE.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]));

  if (SERIAL.test(text)) {
    const serial = Number(text);
    const whole = Math.floor(serial);
    if (/^\d{4}$/.test(text) && whole >= MIN_YEAR && whole <= MAX_YEAR) {
      return fail(`chỉ có năm ${whole}, thiếu ngày và tháng`);
    }
    const min = isoToExcelSerial(MIN_YEAR, 1, 1, date1904);
    const max = isoToExcelSerial(MAX_YEAR, 12, 31, date1904);
    if (whole < Math.max(1, min) || whole > max) return fail('không phải ngày hợp lệ');
    if (!date1904 && whole === 60) return fail('ngày 29/02/1900 không tồn tại (lỗi lịch của Excel)');
    return ok(excelSerialToIso(serial, date1904));
  }
  return fail('không phải ngày hợp lệ');
}

// ---------------------------------------------------------------------------------------------
// Numbers

const SPACE_CHARS = '\\s\\u00A0\\u202F\\u2009';
// A number, then whatever follows it (a unit, checked separately). Spaces count as part of the
// number only between digits ("1 234 567"), so "250 m2" splits into "250" and "m2".
const NUMBER_HEAD = new RegExp(String.raw`^([+\-\u2212]?)\s*(\d(?:[\d.,]|[${SPACE_CHARS}](?=\d))*)(.*)$`, 'su');
const EXPONENT = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;
/** Scale words change the value ("1,5 triệu"); which base the column uses is unknown, so refuse. */
const SCALE_WORDS = new Set(['nghin', 'ngan', 'trieu', 'ty', 'ti', 'k', 'tr', 'ngh']);

/** A separator character escaped for a RegExp source. */
const esc = (c: string): string => `\\${c}`;

/** The digits-and-separators part of a number, or null when its separators make no sense. */
function parseDigits(core: string): number | null {
  if (/[\s\u00A0\u202F\u2009]/.test(core)) {
    // Spaces as thousands separators; the last group may carry a decimal part.
    const m = /^(\d{1,3}(?:[\s\u00A0\u202F\u2009]\d{3})+)(?:[.,](\d+))?$/.exec(core);
    return m ? Number(m[1].replace(/\D/g, '') + (m[2] ? `.${m[2]}` : '')) : null;
  }
  const dots = core.split('.').length - 1;
  const commas = core.split(',').length - 1;
  if (dots === 0 && commas === 0) return Number(core);
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal mark ("1.234,5" Vietnamese, "1,234.5" English).
    const [thousands, decimal] = core.lastIndexOf('.') > core.lastIndexOf(',') ? [',', '.'] : ['.', ','];
    const m = new RegExp(String.raw`^(\d{1,3}(?:${esc(thousands)}\d{3})+)${esc(decimal)}(\d+)$`).exec(core);
    return m ? Number(`${m[1].split(thousands).join('')}.${m[2]}`) : null;
  }
  const sep = dots > 0 ? '.' : ',';
  const count = dots + commas;
  if (count > 1) {
    const grouped = new RegExp(String.raw`^[1-9]\d{0,2}(?:${esc(sep)}\d{3})+$`).test(core);
    return grouped ? Number(core.split(sep).join('')) : null;
  }
  // One separator. Vietnamese files: "1.234" is 1234 (a dot before exactly three digits groups
  // thousands) and a comma is the decimal mark ("12,5", and also "1,234" = 1.234).
  if (sep === '.' && /^[1-9]\d{0,2}\.\d{3}$/.test(core)) return Number(core.replace('.', ''));
  const m = /^(\d+)[.,](\d+)$/.exec(core);
  return m ? Number(`${m[1]}.${m[2]}`) : null;
}

/** A unit or currency after a number is tolerated ("1.000.000 đ", "250 m2", "15 người", "12,5%"). */
function unitProblem(rest: string): string | undefined {
  const unit = nfc(rest).trim();
  if (unit === '') return undefined;
  const firstWord = asciiKey(unit).split(/[\s./]/)[0];
  if (SCALE_WORDS.has(firstWord)) return `không rõ đơn vị '${unit}' — hãy ghi số đầy đủ (ví dụ 1.500.000)`;
  // Digits are allowed only as the power in m2, m3, km2.
  const withoutPowers = unit.replace(/(?<=\p{L})[23²³](?=$|[\s./)])/gu, '');
  if (!/^[\p{L}₫%°(][^\d]*$/u.test(withoutPowers)) return 'không phải số';
  return undefined;
}

/**
 * A number written the Vietnamese or the English way: "1.234.567", "12,5", "1.234,5",
 * "1,234,567", "1,234.5", "1234.5", "1 234 567", "-5", with an optional trailing unit.
 * Ambiguity: a single dot followed by exactly three digits ("1.234") is read as thousands (1234),
 * as Vietnamese files write it; a single comma is always the decimal mark ("1,234" = 1.234).
 */
export function parseNumber(raw: string): ParseResult<number | null> {
  const pre = precheck(raw);
  if (pre) return pre;
  const text = nfc(raw).trim();
  if (EXPONENT.test(text)) return ok(Number(text) || 0);
  const m = NUMBER_HEAD.exec(text);
  if (!m) return fail('không phải số');
  const value = parseDigits(m[2]);
  if (value === null || !Number.isFinite(value)) return fail('không phải số');
  const problem = unitProblem(m[3]);
  if (problem) return fail(problem);
  const signed = m[1] === '' || m[1] === '+' ? value : -value;
  return ok(signed === 0 ? 0 : signed);
}

/** parseNumber, and the value must be a whole number ("12" or "12,0", not "12,5"). */
export function parseInteger(raw: string): ParseResult<number | null> {
  const r = parseNumber(raw);
  if (!r.ok || r.value === null) return r;
  if (!Number.isInteger(r.value)) return fail('không phải số nguyên');
  if (!Number.isSafeInteger(r.value)) return fail('số quá lớn');
  return r;
}

// ---------------------------------------------------------------------------------------------
// Booleans

// Compared after asciiKey (lower case, no diacritics): "Có" → "co", "Không" → "khong".
const TRUE_TOKENS = new Set(['x', 'co', 'c', 'yes', 'y', 'true', '1', '✓', '✔', '☑', 'v', 'dung']);
const FALSE_TOKENS = new Set(['khong', 'khong co', 'k', 'ko', 'kh', 'no', 'n', 'false', '0', 'sai', '☐']);

/**
 * A flag cell: x / có / 1 / ✓ / đúng … are true; không / 0 / sai … are false. A blank cell is
 * null, not false: a flag column's blanks mean "not marked" and the caller treats null as false,
 * while a required-column check can still tell blank from an explicit "không".
 */
export function parseBoolean(raw: string): ParseResult<boolean | null> {
  const pre = precheck(raw);
  if (pre) return pre;
  const key = asciiKey(raw).replace(/[.!]+$/, '');
  if (TRUE_TOKENS.has(key)) return ok(true);
  if (FALSE_TOKENS.has(key)) return ok(false);
  return fail(`không hiểu giá trị ${quote(raw)} (cần: có/không)`);
}

// ---------------------------------------------------------------------------------------------
// Enums

/** What the clerk calls each enum, for messages. */
const ENUM_NOUN: Record<EnumName, string> = {
  kind: 'loại đơn',
  topic: 'lĩnh vực',
  channel: 'nguồn đơn',
  status: 'trạng thái',
  outcome: 'kết quả giải quyết',
  campaign_kind: 'loại phong trào',
  recognition_level: 'cấp công nhận',
  indicator: 'chỉ tiêu',
};

/** Words after a known value that change its meaning ("đúng một phần", "chưa giải quyết"). */
const QUALIFIERS = ['khong', 'chua', 'mot phan', 'mot so'];

interface AliasKey {
  key: string;
  code: string;
}

const aliasKeyCache = new Map<EnumName, AliasKey[]>();

/** Every spelling of every value of an enum, as a headerKey, longest first. */
function aliasKeys(name: EnumName): AliasKey[] {
  let keys = aliasKeyCache.get(name);
  if (!keys) {
    keys = [];
    for (const def of ENUMS[name]) {
      for (const alias of [def.code, def.vi, def.en, ...def.aliases]) {
        const key = headerKey(alias);
        if (key) keys.push({ key, code: def.code });
      }
    }
    keys.sort((a, b) => b.key.length - a.key.length);
    aliasKeyCache.set(name, keys);
  }
  return keys;
}

const containsWords = (haystack: string, words: string): boolean => ` ${haystack} `.includes(` ${words} `);

/**
 * Prefix rule for a value followed by extra words ("Khiếu nại lần 2", "Tiếp công dân định kỳ"):
 * the longest spelling that starts the text gives the code, provided the rest of the text names no
 * other value of the same enum ("Khiếu nại, tố cáo" is refused, not guessed) and does not qualify
 * it ("khiếu nại đúng một phần" is not "đúng"). Returns the code, the competing codes, or nothing.
 */
function enumByPrefix(name: EnumName, key: string): { code: string } | { conflict: string[] } | undefined {
  const keys = aliasKeys(name);
  const prefix = keys.find((k) => key.startsWith(`${k.key} `));
  if (!prefix) return undefined;
  const rest = key.slice(prefix.key.length + 1);
  if (QUALIFIERS.some((q) => containsWords(rest, q))) return undefined;
  const others = new Set(keys.filter((k) => k.code !== prefix.code && containsWords(rest, k.key)).map((k) => k.code));
  if (others.size > 0) return { conflict: [prefix.code, ...others] };
  return { code: prefix.code };
}

/**
 * An enum cell as its code: any alias after normalisation (case, diacritics, punctuation), or the
 * prefix rule above. Never picks between two codes.
 */
export function parseEnum(name: EnumName, raw: string): ParseResult<string | null> {
  const pre = precheck(raw);
  if (pre) return pre;
  const exact = enumValueByKey(name, raw);
  if (exact) return ok(exact);
  const labelOf = (code: string): string => ENUMS[name].find((d) => d.code === code)?.vi ?? code;
  const byPrefix = enumByPrefix(name, headerKey(raw));
  if (byPrefix && 'code' in byPrefix) return ok(byPrefix.code);
  if (byPrefix) {
    return fail(`không rõ ${ENUM_NOUN[name]} ${quote(raw)} — có thể là ${byPrefix.conflict.map(labelOf).join(' hoặc ')}, cần ghi một giá trị`);
  }
  return fail(`không rõ ${ENUM_NOUN[name]} ${quote(raw)} — các giá trị hợp lệ: ${ENUMS[name].map((d) => d.vi).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Text

/** Trimmed NFC text, or null for a blank cell. */
export function parseText(raw: string): ParseResult<string | null> {
  const pre = precheck(raw);
  if (pre) return pre;
  return ok(nfc(raw).trim());
}

// ---------------------------------------------------------------------------------------------
// Report periods

export interface Period {
  /** ISO first day. */
  start: string;
  /** ISO last day, inclusive. */
  end: string;
  /** Vietnamese label as a report would print it: "Quý I/2024". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const YEAR = String.raw`(19\d{2}|20\d{2}|2100)`;
const B = String.raw`(?<![a-z0-9])`; // word start
const E = String.raw`(?![a-z0-9])`; // word end
const SEP = String.raw`(?:\s*[/.\-–,_]\s*|\s+)(?:nam\s+)?`; // "Quý I/2024", "Quý 1 năm 2024", "Tháng 3 - 2024"
const DATE_TEXT = String.raw`\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s*,?\s+nam\s+\d{4}`;

const lastDay = (y: number, m: number): string => toIso(y, m, daysInMonth(y, m));

function monthsPeriod(y: number, from: number, to: number, label: string): Period {
  return { start: toIso(y, from, 1), end: lastDay(y, to), label };
}

function yearsPeriod(from: number, to: number): ParseResult<Period> {
  if (to < from) return fail(`giai đoạn ${from}–${to} không hợp lệ (năm đầu sau năm cuối)`);
  if (from === to) return ok(monthsPeriod(from, 1, 12, `Năm ${from}`));
  return ok({ start: toIso(from, 1, 1), end: toIso(to, 12, 31), label: `Giai đoạn ${from}–${to}` });
}

function monthPeriod(month: number, y: number): ParseResult<Period> {
  if (month < 1 || month > 12) return fail(`tháng ${month} không tồn tại`);
  return ok(monthsPeriod(y, month, month, `Tháng ${month}/${y}`));
}

function quarterPeriod(q: string, y: number): ParseResult<Period> {
  const n = /^\d+$/.test(q) ? Number(q) : ROMAN.indexOf(q.toUpperCase()) + 1;
  if (n < 1 || n > 4) return fail(`quý ${q.toUpperCase()} không tồn tại`);
  return ok(monthsPeriod(y, 3 * n - 2, 3 * n, `Quý ${ROMAN[n - 1]}/${y}`));
}

function firstOrLastMonths(n: number, which: string | undefined, y: number): ParseResult<Period> {
  if (n < 1 || n > 12) return fail(`không có kỳ ${n} tháng trong một năm`);
  if (n === 12) return ok(monthsPeriod(y, 1, 12, `Năm ${y}`));
  // "6 tháng năm 2024" without đầu/cuối means the first six months, as government reports use it.
  if (which === 'cuoi') return ok(monthsPeriod(y, 13 - n, 12, `${n} tháng cuối năm ${y}`));
  return ok(monthsPeriod(y, 1, n, `${n} tháng đầu năm ${y}`));
}

function dateRange(from: string, to: string): ParseResult<Period> {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a.ok) return a;
  if (!b.ok) return b;
  if (a.value === null || b.value === null) return fail('không hiểu kỳ báo cáo');
  if (b.value < a.value) return fail(`kỳ từ ${formatDateVi(a.value)} đến ${formatDateVi(b.value)} không hợp lệ (ngày cuối trước ngày đầu)`);
  return ok({ start: a.value, end: b.value, label: `Từ ${formatDateVi(a.value)} đến ${formatDateVi(b.value)}` });
}

interface PeriodPattern {
  source: string;
  build: (m: RegExpExecArray) => ParseResult<Period>;
  /** Dates inside it are its own ("từ ngày … đến ngày …"), not a date line to skip. */
  ownsDates?: boolean;
}

// In a longer text the match that starts first wins, so "6 tháng đầu năm 2024" and "Quý I năm 2024"
// win over the "năm 2024" inside them; list order breaks ties at the same start. Patterns run on
// asciiKey text: lower case, no diacritics ("NĂM" → "nam", "Quý" → "quy").
const PERIOD_PATTERNS: PeriodPattern[] = [
  {
    source: String.raw`${B}tu\s+(?:ngay\s+)?(${DATE_TEXT})\s*(?:den|-|–)\s*(?:ngay\s+)?(${DATE_TEXT})${E}`,
    build: (m) => dateRange(m[1], m[2]),
    ownsDates: true,
  },
  {
    source: String.raw`${B}giai\s+doan\s+${YEAR}\s*[-–—]\s*${YEAR}${E}`,
    build: (m) => yearsPeriod(Number(m[1]), Number(m[2])),
  },
  {
    source: String.raw`${B}(\d{1,2})\s+thang\s+(?:(dau|cuoi)\s+)?nam\s+${YEAR}${E}`,
    build: (m) => firstOrLastMonths(Number(m[1]), m[2], Number(m[3])),
  },
  {
    source: String.raw`${B}quy\s*(iv|iii|ii|i|\d{1,2})${SEP}${YEAR}${E}`,
    build: (m) => quarterPeriod(m[1], Number(m[2])),
  },
  {
    source: String.raw`${B}thang\s*(\d{1,2})${SEP}${YEAR}${E}`,
    build: (m) => monthPeriod(Number(m[1]), Number(m[2])),
  },
  {
    source: String.raw`${B}nam\s*:?\s*${YEAR}${E}`,
    build: (m) => yearsPeriod(Number(m[1]), Number(m[1])),
  },
];

// Short forms accepted only when they are the whole cell or sheet name: "2023", "3/2024",
// "2024-03", "Q1-2024", "T3.2024", "2021-2025". Inside a title they would match document numbers.
const WHOLE_ONLY_PATTERNS: PeriodPattern[] = [
  { source: String.raw`${YEAR}`, build: (m) => yearsPeriod(Number(m[1]), Number(m[1])) },
  { source: String.raw`(?:nam\s+)?${YEAR}\s*[-–—]\s*${YEAR}`, build: (m) => yearsPeriod(Number(m[1]), Number(m[2])) },
  { source: String.raw`(\d{1,2})\s*[/.\-]\s*${YEAR}`, build: (m) => monthPeriod(Number(m[1]), Number(m[2])) },
  { source: String.raw`${YEAR}-(\d{2})`, build: (m) => monthPeriod(Number(m[2]), Number(m[1])) },
  { source: String.raw`q\s*(\d{1,2})\s*[/.\-_\s]?\s*${YEAR}`, build: (m) => quarterPeriod(m[1], Number(m[2])) },
  { source: String.raw`th?\s*(\d{1,2})\s*[/.\-_\s]\s*${YEAR}`, build: (m) => monthPeriod(Number(m[1]), Number(m[2])) },
];

const ANCHORED = [...PERIOD_PATTERNS, ...WHOLE_ONLY_PATTERNS].map((p) => ({ ...p, re: new RegExp(`^(?:${p.source})$`) }));
const SCANNING = PERIOD_PATTERNS.map((p) => ({ ...p, re: new RegExp(p.source, 'g') }));
/** A full date in a title ("Quảng Ngãi, ngày 15 tháng 01 năm 2024") is a signature date, not a period. */
const DATE_IN_TEXT = new RegExp(String.raw`${B}(?:ngay\s+)?(?:${DATE_TEXT})${E}`, 'g');

const PERIOD_EXAMPLES = 'Năm 2023, Quý I/2024, 6 tháng đầu năm 2024, Tháng 3/2024';

/**
 * A report period written as a whole cell or a sheet name: "Năm 2023", "2023", "6 tháng đầu năm
 * 2024", "Quý I/2024", "quý III năm 2023", "Tháng 3/2024", "Giai đoạn 2021–2025",
 * "Từ ngày 15/12/2023 đến ngày 14/6/2024".
 */
export function parsePeriod(raw: string): ParseResult<Period | null> {
  const pre = precheck(raw);
  if (pre) return pre;
  const text = asciiKey(raw).replace(/[.:]$/, '').trim();
  for (const p of ANCHORED) {
    const m = p.re.exec(text);
    if (m) return p.build(m);
  }
  return fail(`không hiểu kỳ báo cáo ${quote(raw)} (ví dụ: ${PERIOD_EXAMPLES})`);
}

/**
 * The first report period named inside a longer text, such as a title line
 * ("BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA "DÂN VẬN KHÉO" NĂM 2023"), or null. Needs a keyword (năm,
 * quý, tháng, giai đoạn, từ … đến): bare numbers in a title are document numbers, and full dates
 * ("ngày 15 tháng 01 năm 2024") are skipped.
 */
export function findPeriodInText(text: string): Period | null {
  const folded = asciiKey(text);
  const dateSpans: [number, number][] = [];
  for (const m of folded.matchAll(DATE_IN_TEXT)) dateSpans.push([m.index, m.index + m[0].length]);

  const candidates: { index: number; end: number; priority: number; pattern: (typeof SCANNING)[number]; m: RegExpExecArray }[] = [];
  SCANNING.forEach((pattern, priority) => {
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(folded); m; m = pattern.re.exec(folded)) {
      candidates.push({ index: m.index, end: m.index + m[0].length, priority, pattern, m });
    }
  });
  candidates.sort((a, b) => a.index - b.index || a.priority - b.priority);
  for (const c of candidates) {
    const inDate = dateSpans.some(([s, e]) => c.index < e && s < c.end);
    if (inDate && !c.pattern.ownsDates) continue;
    const r = c.pattern.build(c.m);
    if (r.ok) return r.value;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

/** The parser of a canonical source column, chosen by its type. */
export function parserFor(column: SourceColumn, opts: { date1904?: boolean } = {}): (raw: string) => ParseResult<unknown> {
  switch (column.type) {
    case 'date':
      return (raw) => parseDate(raw, { date1904: opts.date1904 ?? false });
    case 'int':
      return parseInteger;
    case 'number':
      return parseNumber;
    case 'bool':
      return parseBoolean;
    case 'enum': {
      const name = column.enum;
      if (!name) throw new Error(`column ${column.name} has type enum but no enum name`);
      return (raw) => parseEnum(name, raw);
    }
    case 'period':
      return parsePeriod;
    case 'unit':
    case 'text':
      return parseText;
  }
}
