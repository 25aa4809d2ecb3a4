import { describe, expect, it } from 'vitest';
import {
  DASH, MINUS, fmtChange, fmtDate, fmtInt, fmtMoneyVnd, fmtNumber, fmtPercent, fmtPercentTick, fmtPeriod, fmtPeriodTick,
  fmtPoints, fmtRatio, fmtSigned, rateDiff, relChange, uncertain,
} from '../../dashboard/src/lib/format.ts';

describe('fmtNumber', () => {
  it.each([
    [1234.5, undefined, '1.234,5', '1,234.5'],
    [1234, undefined, '1.234', '1,234'],
    [12345678, undefined, '12.345.678', '12,345,678'],
    [999, undefined, '999', '999'],
    [0, undefined, '0', '0'],
    [0.04, undefined, '0', '0'],
    [1.25, 2, '1,25', '1.25'],
    [12, 1, '12,0', '12.0'],
    [1234.5678, 2, '1.234,57', '1,234.57'],
    [-1234.5, undefined, `${MINUS}1.234,5`, `${MINUS}1,234.5`],
    [-0.01, 1, '0,0', '0.0'],
    [1e9, 0, '1.000.000.000', '1,000,000,000'],
  ] as const)('%s (digits %s) → %s / %s', (n, digits, vi, en) => {
    expect(fmtNumber(n, 'vi', digits)).toBe(vi);
    expect(fmtNumber(n, 'en', digits)).toBe(en);
  });

  it('writes "—" for missing and non-finite values, never 0', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(fmtNumber(v, 'vi')).toBe(DASH);
      expect(fmtInt(v, 'en')).toBe(DASH);
      expect(fmtPercent(v, 'vi')).toBe(DASH);
      expect(fmtPoints(v, 'vi')).toBe(DASH);
      expect(fmtChange(v, 'vi')).toBe(DASH);
      expect(fmtMoneyVnd(v, 'vi')).toBe(DASH);
      expect(fmtSigned(v, 'vi')).toBe(DASH);
    }
  });

  it('uses the real minus sign, never a hyphen', () => {
    expect(fmtNumber(-5, 'vi')).toBe('\u22125');
    expect(fmtInt(-5.4, 'en')).toBe('\u22125');
    expect(fmtNumber(-5, 'vi')).not.toContain('-');
  });
});

describe('fmtInt', () => {
  it.each([
    [1234.4, '1.234', '1,234'],
    [1234.5, '1.235', '1,235'],
    [52, '52', '52'],
    [1000000, '1.000.000', '1,000,000'],
  ])('%s → %s / %s', (n, vi, en) => {
    expect(fmtInt(n, 'vi')).toBe(vi);
    expect(fmtInt(n, 'en')).toBe(en);
  });
});

describe('fmtPercent', () => {
  it.each([
    [0.824, 1, '82,4%', '82.4%'],
    [0.8245, 1, '82,5%', '82.5%'],
    [1, 1, '100,0%', '100.0%'],
    [0, 1, '0,0%', '0.0%'],
    [0.5, 0, '50%', '50%'],
    [0.12345, 2, '12,35%', '12.35%'],
    [0.0004, 1, '0,0%', '0.0%'],
    [12.5, 1, '1.250,0%', '1,250.0%'],
  ])('%s (%s digits) → %s / %s', (rate, digits, vi, en) => {
    expect(fmtPercent(rate, 'vi', digits)).toBe(vi);
    expect(fmtPercent(rate, 'en', digits)).toBe(en);
  });

  it('has one decimal by default and no space before %', () => {
    expect(fmtPercent(0.71, 'vi')).toBe('71,0%');
    expect(fmtPercentTick(0.8, 'vi')).toBe('80%');
  });
});

describe('fmtPoints', () => {
  it.each([
    [-0.031, `${MINUS}3,1 điểm`, `${MINUS}3.1 pts`],
    [0.031, '+3,1 điểm', '+3.1 pts'],
    [0.1, '+10,0 điểm', '+10.0 pts'],
    [0, '0,0 điểm', '0.0 pts'],
    [-0.0004, '0,0 điểm', '0.0 pts'],
    [0.00051, '+0,1 điểm', '+0.1 pts'],
    [-0.25, `${MINUS}25,0 điểm`, `${MINUS}25.0 pts`],
  ])('%s → %s / %s', (diff, vi, en) => {
    expect(fmtPoints(diff, 'vi')).toBe(vi);
    expect(fmtPoints(diff, 'en')).toBe(en);
  });

  it('works on the difference of two rates, which may be NULL', () => {
    expect(fmtPoints(rateDiff(0.793, 0.824), 'vi')).toBe(`${MINUS}3,1 điểm`);
    expect(fmtPoints(rateDiff(0.793, null), 'vi')).toBe(DASH);
  });
});

describe('fmtChange', () => {
  it.each([
    [0.18, '+18%', '+18%'],
    [-0.05, `${MINUS}5%`, `${MINUS}5%`],
    [0, '0%', '0%'],
    [0.004, '0%', '0%'],
    [1.8, '+180%', '+180%'],
    [12.345, '+1.235%', '+1,235%'],
  ])('%s → %s / %s', (ratio, vi, en) => {
    expect(fmtChange(ratio, 'vi')).toBe(vi);
    expect(fmtChange(ratio, 'en')).toBe(en);
  });

  it('takes decimals when asked', () => {
    expect(fmtChange(0.035, 'vi', 1)).toBe('+3,5%');
  });

  it('is "—" when the previous count is zero or missing', () => {
    expect(relChange(5, 0)).toBeNull();
    expect(fmtChange(relChange(5, 0), 'vi')).toBe(DASH);
    expect(fmtChange(relChange(5, null), 'vi')).toBe(DASH);
    expect(fmtChange(relChange(59, 50), 'vi')).toBe('+18%');
    expect(fmtChange(relChange(0, 50), 'en')).toBe(`${MINUS}100%`);
  });
});

describe('fmtSigned and fmtRatio', () => {
  it('signs numbers and writes denominators', () => {
    expect(fmtSigned(2.25, 'vi')).toBe('+2,3');
    expect(fmtSigned(-1.96, 'en', 2)).toBe(`${MINUS}1.96`);
    expect(fmtSigned(0.01, 'vi')).toBe('0,0');
    expect(fmtRatio(41, 52, 'vụ', 'vi')).toBe('41/52 vụ');
    expect(fmtRatio(1041, 1252, 'cases', 'en')).toBe('1,041/1,252 cases');
  });
});

describe('fmtDate', () => {
  it.each([
    ['2026-11-21', '21/11/2026', '21 Nov 2026'],
    ['2024-01-05', '05/01/2024', '5 Jan 2024'],
    ['2024-02-29', '29/02/2024', '29 Feb 2024'],
  ])('%s → %s / %s', (iso, vi, en) => {
    expect(fmtDate(iso, 'vi')).toBe(vi);
    expect(fmtDate(iso, 'en')).toBe(en);
  });

  it('shows a timestamp as the day in Vietnam (UTC+7)', () => {
    expect(fmtDate('2026-11-21T18:30:00Z', 'vi')).toBe('22/11/2026');
    expect(fmtDate('2026-11-21T10:00:00.000Z', 'vi')).toBe('21/11/2026');
  });

  it('takes Arrow dates (epoch milliseconds, Date) as UTC days', () => {
    expect(fmtDate(Date.UTC(2024, 2, 1), 'vi')).toBe('01/03/2024');
    expect(fmtDate(new Date(Date.UTC(2024, 11, 31)), 'en')).toBe('31 Dec 2024');
  });

  it('writes "—" for anything that is not a date', () => {
    for (const v of ['', null, undefined, 'garbage', '2024-13-01', '21/11/2026']) expect(fmtDate(v, 'vi')).toBe(DASH);
  });
});

describe('fmtMoneyVnd', () => {
  it.each([
    [850_000, '850.000 đồng', 'VND 850,000'],
    [999_999, '999.999 đồng', 'VND 999,999'],
    [1_000_000, '1 triệu đồng', 'VND 1 million'],
    [3_400_000, '3,4 triệu đồng', 'VND 3.4 million'],
    [999_960_000, '1 tỷ đồng', 'VND 1 billion'],
    [1_234_000_000, '1,2 tỷ đồng', 'VND 1.2 billion'],
    [12_000_000_000, '12 tỷ đồng', 'VND 12 billion'],
    [456_780_000_000, '456,8 tỷ đồng', 'VND 456.8 billion'],
    [1_500_000_000_000, '1,5 nghìn tỷ đồng', 'VND 1.5 trillion'],
    [2_345_000_000_000_000, '2.345 nghìn tỷ đồng', 'VND 2,345 trillion'],
    [0, '0 đồng', 'VND 0'],
    [-2_500_000, `${MINUS}2,5 triệu đồng`, `${MINUS}VND 2.5 million`],
  ])('%s → %s / %s', (n, vi, en) => {
    expect(fmtMoneyVnd(n, 'vi')).toBe(vi);
    expect(fmtMoneyVnd(n, 'en')).toBe(en);
  });
});

describe('fmtPeriod and fmtPeriodTick', () => {
  it.each([
    ['month', '2024-07-01', 'Tháng 7/2024', 'July 2024'],
    ['quarter', '2024-07-01', 'Quý III/2024', 'Q3 2024'],
    ['year', '2024-01-01', 'Năm 2024', '2024'],
    ['report_q', '2023-12-15', 'Quý I/2024', 'Reporting Q1 2024'],
    ['report_q', '2024-03-15', 'Quý II/2024', 'Reporting Q2 2024'],
    ['report_q', '2024-09-15', 'Quý IV/2024', 'Reporting Q4 2024'],
    ['report_6m', '2023-12-15', '6 tháng đầu năm 2024', 'Reporting first half 2024'],
    ['report_9m', '2023-12-15', '9 tháng năm 2024', 'Reporting 9 months 2024'],
    ['report_year', '2023-12-15', 'Năm 2024', 'Reporting year 2024'],
  ])('%s %s → %s / %s (as the periods table labels it)', (grain, start, vi, en) => {
    expect(fmtPeriod(grain, start, 'vi')).toBe(vi);
    expect(fmtPeriod(grain, start, 'en')).toBe(en);
  });

  it('writes short ticks, with the year only when asked', () => {
    expect(fmtPeriodTick('quarter', '2024-01-01', 'vi', true)).toBe('Quý I\n2024');
    expect(fmtPeriodTick('quarter', '2024-04-01', 'vi')).toBe('II');
    expect(fmtPeriodTick('report_q', '2023-12-15', 'en', true)).toBe('Q1\n2024');
    expect(fmtPeriodTick('report_q', '2024-06-15', 'vi')).toBe('III');
    expect(fmtPeriodTick('month', '2024-02-01', 'vi')).toBe('T2');
    expect(fmtPeriodTick('month', '2024-01-01', 'en', true)).toBe('Jan\n2024');
    expect(fmtPeriodTick('year', '2024-01-01', 'vi')).toBe('2024');
  });
});

describe('uncertain', () => {
  it('marks rates over fewer than 10 cases (or an unknown number)', () => {
    expect(uncertain(9)).toBe(true);
    expect(uncertain(0)).toBe(true);
    expect(uncertain(null)).toBe(true);
    expect(uncertain(undefined)).toBe(true);
    expect(uncertain(10)).toBe(false);
    expect(uncertain(52)).toBe(false);
  });
});
