// Every number, percentage and date the dashboard shows goes through here, so vi-VN ("1.234,5",
// "82,4%", "21/11/2026") and English ("1,234.5", "82.4%", "21 Nov 2026") stay consistent.
// Numbers are formatted with en-US grouping and the separators swapped for Vietnamese, so the
// output does not depend on which ICU locale data a browser ships. Signs use the real minus
// sign U+2212. Missing or non-finite values are shown as "—", never as 0 (a NULL rate means
// "no cases"). `lang` defaults to Vietnamese.
import type { Lang } from './i18n.ts';

export type { Lang };

export const DASH = '—';
/** The typographic minus: "−3,1 điểm" reads better than a hyphen. */
export const MINUS = '\u2212';
/** Rates over fewer cases than this are marked uncertain (UI.md, "Honest rates"). */
export const UNCERTAIN_BELOW = 10;

type Num = number | null | undefined;
type DateLike = string | number | Date;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
    formatters.set(key, f);
  }
  return f;
}

function isNum(n: Num): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Absolute value with grouping in the language's style, no sign. */
function plain(abs: number, lang: Lang, min: number, max: number): string {
  const s = formatter(min, max).format(abs);
  return lang === 'vi' ? s.replace(/[.,]/g, (c) => (c === ',' ? '.' : ',')) : s;
}

/** Whether n shows as zero at `digits` decimals (then it gets no sign). */
function roundedIsZero(n: number, digits: number): boolean {
  return Math.abs(n) < 0.5 * 10 ** -digits;
}

function signed(n: number, lang: Lang, min: number, max: number, plus: boolean): string {
  const body = plain(Math.abs(n), lang, min, max);
  if (roundedIsZero(n, max)) return body;
  if (n < 0) return MINUS + body;
  return plus ? `+${body}` : body;
}

/**
 * A number: with `digits`, exactly that many decimals (columns line up); without, integers show
 * none and other values up to one decimal. 1234.5 → "1.234,5" (vi) / "1,234.5" (en).
 */
export function fmtNumber(n: Num, lang: Lang = 'vi', digits?: number): string {
  if (!isNum(n)) return DASH;
  return digits === undefined ? signed(n, lang, 0, 1, false) : signed(n, lang, digits, digits, false);
}

/** A whole number (rounded): "1.234" / "1,234". */
export function fmtInt(n: Num, lang: Lang = 'vi'): string {
  if (!isNum(n)) return DASH;
  return signed(n, lang, 0, 0, false);
}

/** A signed number: 2.25 → "+2,3" (z-scores, differences of counts); no sign when it rounds to 0. */
export function fmtSigned(n: Num, lang: Lang = 'vi', digits = 1): string {
  if (!isNum(n)) return DASH;
  return signed(n, lang, digits, digits, true);
}

/** A rate given as a fraction (0.824) as a percentage: "82,4%" / "82.4%"; NULL → "—". */
export function fmtPercent(rate: Num, lang: Lang = 'vi', digits = 1): string {
  if (!isNum(rate)) return DASH;
  return `${signed(rate * 100, lang, digits, digits, false)}%`;
}

/** Axis ticks of a rate scale: 0.8 → "80%" (no decimals). */
export function fmtPercentTick(rate: number, lang: Lang = 'vi'): string {
  return fmtPercent(rate, lang, 0);
}

/**
 * The difference between two rates, both fractions (0.793 − 0.824 = −0.031), in percentage points:
 * "−3,1 điểm" / "−3.1 pts", "+" for rises, no sign when it rounds to zero ("0,0 điểm").
 */
export function fmtPoints(diff: Num, lang: Lang = 'vi', digits = 1): string {
  if (!isNum(diff)) return DASH;
  return `${signed(diff * 100, lang, digits, digits, true)} ${lang === 'vi' ? 'điểm' : 'pts'}`;
}

/**
 * A relative change of a count, given as (current − previous) / previous (0.18 → "+18%");
 * "—" when it is undefined (no previous value, or a previous value of zero → Infinity).
 */
export function fmtChange(ratio: Num, lang: Lang = 'vi', digits = 0): string {
  if (!isNum(ratio)) return DASH;
  return `${signed(ratio * 100, lang, digits, digits, true)}%`;
}

/** (current − previous) / previous, or null when either is missing or previous is zero. */
export function relChange(current: Num, previous: Num): number | null {
  if (!isNum(current) || !isNum(previous) || previous === 0) return null;
  return (current - previous) / previous;
}

/** current − previous for two rates, or null when either is missing. */
export function rateDiff(current: Num, previous: Num): number | null {
  if (!isNum(current) || !isNum(previous)) return null;
  return current - previous;
}

/** "41/52 vụ": a rate's numerator and denominator with the unit spelled out. */
export function fmtRatio(num: Num, den: Num, unit: string, lang: Lang = 'vi'): string {
  return `${fmtNumber(num, lang)}/${fmtNumber(den, lang)} ${unit}`.trim();
}

const pad = (n: number) => String(n).padStart(2, '0');
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN = ['I', 'II', 'III', 'IV'];
const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
let vnParts: Intl.DateTimeFormat | null = null;

/**
 * y, m, d of a date-like value: "YYYY-MM-DD" as written (a calendar day, no time-zone shift); a
 * full ISO timestamp as the day in Vietnam; epoch milliseconds or a Date (Arrow's DateDay) as the
 * UTC day. null when it is not a date.
 */
function ymd(d: DateLike): [number, number, number] | null {
  if (typeof d === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!/^\d{4}-\d{2}-\d{2}T/.test(d)) return null;
    const t = Date.parse(d);
    if (Number.isNaN(t)) return null;
    vnParts ??= new Intl.DateTimeFormat('en-CA', { timeZone: VN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    const p = Object.fromEntries(vnParts.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return [Number(p.year), Number(p.month), Number(p.day)];
  }
  const x = d instanceof Date ? d : new Date(d);
  if (Number.isNaN(x.getTime())) return null;
  return [x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate()];
}

/**
 * A date: "21/11/2026" in Vietnamese, "21 Nov 2026" in English (day-first numeric dates are
 * ambiguous to English readers); anything that is not a date → "—".
 */
export function fmtDate(d: DateLike | null | undefined, lang: Lang = 'vi'): string {
  if (d === null || d === undefined || d === '') return DASH;
  const p = ymd(d);
  if (!p) return DASH;
  const [y, m, day] = p;
  if (m < 1 || m > 12 || day < 1 || day > 31) return DASH;
  return lang === 'vi' ? `${pad(day)}/${pad(m)}/${y}` : `${day} ${EN_MONTHS[m - 1].slice(0, 3)} ${y}`;
}

/**
 * The year and month a period is named after. Reporting periods start on the 15th of the month
 * before (Q2 = 15/3–14/6, the year = 15/12 of the year before – 14/12), so they take the next month.
 */
function anchor(grain: string, start: DateLike): [number, number] | null {
  const p = ymd(start);
  if (!p) return null;
  let [y, m] = p;
  if (grain.startsWith('report_') && p[2] >= 15) {
    m += 1;
    if (m === 13) { m = 1; y += 1; }
  }
  return [y, m];
}

/**
 * A period's name from its grain and first day, as the `periods` table labels it: "Quý III/2024",
 * "Tháng 7/2024", "Năm 2024", "9 tháng năm 2024" (prefer meta.periods' labels when at hand).
 */
export function fmtPeriod(grain: string, start: DateLike, lang: Lang = 'vi'): string {
  const a = anchor(grain, start);
  if (!a) return DASH;
  const [y, m] = a;
  const q = Math.floor((m - 1) / 3) + 1;
  switch (grain) {
    case 'month': return lang === 'vi' ? `Tháng ${m}/${y}` : `${EN_MONTHS[m - 1]} ${y}`;
    case 'quarter': return lang === 'vi' ? `Quý ${ROMAN[q - 1]}/${y}` : `Q${q} ${y}`;
    case 'year': return lang === 'vi' ? `Năm ${y}` : `${y}`;
    case 'report_q': return lang === 'vi' ? `Quý ${ROMAN[q - 1]}/${y}` : `Reporting Q${q} ${y}`;
    case 'report_6m': return lang === 'vi' ? `6 tháng đầu năm ${y}` : `Reporting first half ${y}`;
    case 'report_9m': return lang === 'vi' ? `9 tháng năm ${y}` : `Reporting 9 months ${y}`;
    case 'report_year': return lang === 'vi' ? `Năm ${y}` : `Reporting year ${y}`;
    default: return fmtDate(start, lang);
  }
}

/**
 * A short axis tick for a period, with the year only when asked (the first period of a year):
 * quarters "Quý I\n2024", "II", "III"… / "Q1\n2024", "Q2"…; months "T1\n2024", "T2"… / "Jan\n2024".
 */
export function fmtPeriodTick(grain: string, start: DateLike, lang: Lang = 'vi', withYear = false): string {
  const a = anchor(grain, start);
  if (!a) return DASH;
  const [y, m] = a;
  let head: string;
  if (grain === 'month') head = lang === 'vi' ? `T${m}` : EN_MONTHS[m - 1].slice(0, 3);
  else if (grain === 'quarter' || grain === 'report_q') {
    const q = Math.floor((m - 1) / 3) + 1;
    head = lang === 'vi' ? (withYear ? `Quý ${ROMAN[q - 1]}` : ROMAN[q - 1]) : `Q${q}`;
  } else return fmtPeriod(grain, start, lang).replace(/^Năm /, '');
  return withYear ? `${head}\n${y}` : head;
}

/**
 * A sum of money in đồng, rounded to a unit readers say aloud:
 * - under 1 million: every digit ("850.000 đồng" / "VND 850,000");
 * - 1 million to under 1 billion: millions with one decimal ("3,4 triệu đồng" / "VND 3.4 million");
 * - 1 billion to under 1,000 billion: "1,2 tỷ đồng" / "VND 1.2 billion";
 * - from 1,000 billion: "1,5 nghìn tỷ đồng" / "VND 1.5 trillion".
 * A decimal that rounds to ",0" is dropped ("12 tỷ đồng"); when rounding reaches 1.000 of a unit
 * (999,96 triệu) the next unit is used ("1 tỷ đồng").
 */
export function fmtMoneyVnd(n: Num, lang: Lang = 'vi'): string {
  if (!isNum(n)) return DASH;
  const units: [number, string, string][] = [
    [1e6, 'triệu đồng', 'million'],
    [1e9, 'tỷ đồng', 'billion'],
    [1e12, 'nghìn tỷ đồng', 'trillion'],
  ];
  const abs = Math.abs(n);
  const sign = n < 0 && !roundedIsZero(n, 0) ? MINUS : '';
  let u = -1;
  for (let i = 0; i < units.length; i++) if (abs >= units[i][0]) u = i;
  if (u >= 0 && u < units.length - 1 && Math.round((abs / units[u][0]) * 10) / 10 >= 1000) u++;
  if (u >= 0) {
    const [size, vi, en] = units[u];
    const body = plain(abs / size, lang, 0, 1);
    return lang === 'vi' ? `${sign}${body} ${vi}` : `${sign}VND ${body} ${en}`;
  }
  const body = plain(abs, lang, 0, 0);
  return lang === 'vi' ? `${sign}${body} đồng` : `${sign}VND ${body}`;
}

/** True when a rate rests on fewer than 10 cases (or on an unknown number). */
export function uncertain(n: Num): boolean {
  return !isNum(n) || n < UNCERTAIN_BELOW;
}
