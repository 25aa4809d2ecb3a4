// Calendar days as integers (days since 1970-01-01, UTC), so that the generated files never depend
// on the machine's time zone.

export type Day = number;

const MS_PER_DAY = 86_400_000;

export function day(year: number, month: number, dayOfMonth: number): Day {
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY);
}

export function parts(d: Day): { year: number; month: number; day: number } {
  const date = new Date(d * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function yearOf(d: Day): number {
  return new Date(d * MS_PER_DAY).getUTCFullYear();
}

/** 1–4. */
export function quarterOf(d: Day): number {
  return Math.floor((new Date(d * MS_PER_DAY).getUTCMonth()) / 3) + 1;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: Day): number {
  return (((d + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "05/03/2023", the way Vietnamese systems export dates. */
export function dmy(d: Day): string {
  const p = parts(d);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "5/3/23". */
export function shortDmy(d: Day): string {
  const p = parts(d);
  return `${p.day}/${p.month}/${pad2(p.year % 100)}`;
}

/** "ngày 05 tháng 3 năm 2023", as typed in letters and reports. */
export function longVietnamese(d: Day): string {
  const p = parts(d);
  return `ngày ${pad2(p.day)} tháng ${p.month} năm ${p.year}`;
}

export function iso(d: Day): string {
  const p = parts(d);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Excel 1900-system serial (valid after 1 March 1900, as all our dates are). */
export function excelSerial(d: Day): number {
  return d + 25569;
}

export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
