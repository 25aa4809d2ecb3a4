// Metrics on a small hand-built set of petitions whose answers are worked out below by hand
// (DOMAIN.md §4): carried-over cases, a withdrawal, a case resolved on its deadline day, a zero
// caseload, a reporting period across the year boundary, a remote complex second-round complaint
// and a denunciation with two extensions.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAll, tempDir, testBuild, writeFiles } from '../helpers.ts';

const HEADER = 'Số đơn,Ngày nhận,Ngày thụ lý,Loại đơn,Lần giải quyết,Phức tạp,Gia hạn,Huyện,Trạng thái,Ngày giải quyết,Hạn giải quyết';
const ROWS = [
  // M1: clock 15/01 (accepted), due 15/01 + 30 = 14/02, resolved on the deadline day → on time.
  'M1,10/01/2024,15/01/2024,Khiếu nại,1,,,Huyện Bình Sơn,Đã giải quyết,14/02/2024,',
  // M2: received in December, resolved in January after its due date 19/01 → carried over, late.
  'M2,20/12/2023,,Khiếu nại,1,,,Huyện Bình Sơn,Đã giải quyết,25/01/2024,',
  // M3: withdrawn after two days → counts as resolved, on time.
  'M3,20/01/2024,,Khiếu nại,1,,,Huyện Bình Sơn,Rút đơn,22/01/2024,',
  // M4: denunciation with two extensions: due 05/01 + 30 + 2×30 = 04/04; still open.
  'M4,05/01/2024,,Tố cáo,,,2,Huyện Bình Sơn,Đang giải quyết,,',
  // M5: second-round complex complaint in a remote district (Ba Tơ): due 01/03 + 70 = 10/05.
  'M5,01/03/2024,,Khiếu nại,2,x,,Huyện Ba Tơ,Đã giải quyết,10/05/2024,',
  // M6: feedback (KNPA), due 08/01 + 15 = 23/01, resolved late; not in the headline group.
  'M6,08/01/2024,,Kiến nghị,,,,Huyện Bình Sơn,Đã giải quyết,30/01/2024,',
  // M7: transferred → not in jurisdiction: counted as received, not in the caseload.
  'M7,12/01/2024,,Khiếu nại,1,,,Huyện Bình Sơn,Chuyển đơn,,',
  // M8: the source's own deadline wins over the computed one.
  'M8,01/06/2024,,Khiếu nại,1,,,Huyện Bình Sơn,Đang giải quyết,,10/06/2024',
];

type Stat = Record<string, number | null>;

describe('metrics on a hand-built fixture', () => {
  const { dir, cleanup } = tempDir();
  let db: string;
  beforeAll(async () => {
    writeFiles(join(dir, 'src'), {
      'don.csv': [HEADER, ...ROWS].join('\n'),
      'dan-so.csv': 'Đơn vị,Năm,Dân số,Số hộ\nHuyện Bình Sơn,2024,200000,50000\nHuyện Ba Tơ,2023,50000,12000\n',
    });
    db = (await testBuild(dir, { sources: [join(dir, 'src')] })).db;
  });
  afterAll(cleanup);

  const stat = async (unit: string, grain: string, start: string, group = 'complaint_denunciation'): Promise<Stat> => {
    const [r] = await queryAll<Stat>(db, `SELECT received, received_per_10k, carried_over, new_cases, caseload, resolved, resolution_rate,
      on_time, on_time_rate, backlog_end, overdue_end, median_days_km FROM resolution_stats
      WHERE unit_code = '${unit}' AND grain = '${grain}' AND period_start = DATE '${start}' AND kind_group = '${group}'`);
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Number(v)]));
  };

  it('computes due dates by law, and keeps a due date the source gives', async () => {
    const rows = await queryAll<{ petition_id: string; due: string; computed: boolean }>(db,
      "SELECT petition_id, strftime(due_date, '%Y-%m-%d') AS due, due_date_computed AS computed FROM petitions ORDER BY petition_id");
    const due = Object.fromEntries(rows.map((r) => [r.petition_id, [r.due, r.computed]]));
    expect(due.M1).toEqual(['2024-02-14', true]);
    expect(due.M2).toEqual(['2024-01-19', true]);
    expect(due.M4).toEqual(['2024-04-04', true]);
    expect(due.M5).toEqual(['2024-05-10', true]);
    expect(due.M6).toEqual(['2024-01-23', true]);
    expect(due.M8).toEqual(['2024-06-10', false]);
  });

  it('January 2024, Bình Sơn: carried over, new, resolved, withdrawn, backlog', async () => {
    expect(await stat('524', 'month', '2024-01-01')).toMatchObject({
      received: 4, received_per_10k: 0.2, carried_over: 1, new_cases: 3, caseload: 4, resolved: 2, resolution_rate: 0.5,
      on_time: 1, on_time_rate: 0.5, backlog_end: 2, overdue_end: 0,
    });
  });

  it('February 2024: a case resolved on its deadline day is on time', async () => {
    expect(await stat('524', 'month', '2024-02-01')).toMatchObject({ carried_over: 2, new_cases: 0, resolved: 1, on_time: 1, on_time_rate: 1, backlog_end: 1 });
  });

  it('April 2024: the denunciation past its extended deadline is overdue', async () => {
    expect(await stat('524', 'month', '2024-03-01')).toMatchObject({ backlog_end: 1, overdue_end: 0 });
    expect(await stat('524', 'month', '2024-04-01')).toMatchObject({ carried_over: 1, backlog_end: 1, overdue_end: 1 });
  });

  it('reporting Q1 2024 runs 15/12/2023 → 14/03/2024, across the year boundary', async () => {
    const [p] = await queryAll<{ s: string; e: string; label_vi: string }>(db,
      "SELECT strftime(period_start, '%Y-%m-%d') s, strftime(period_end, '%Y-%m-%d') e, label_vi FROM periods WHERE grain = 'report_q' AND year = 2024 AND period_end = DATE '2024-03-14'");
    expect(p).toEqual({ s: '2023-12-15', e: '2024-03-14', label_vi: 'Quý I/2024' });
    expect(await stat('524', 'report_q', '2023-12-15')).toMatchObject({ carried_over: 0, new_cases: 4, resolved: 3, on_time: 2, backlog_end: 1 });
    const labels = await queryAll<{ grain: string; label_vi: string }>(db, "SELECT grain, label_vi FROM periods WHERE year = 2024 AND grain IN ('report_6m', 'quarter') ORDER BY period_start LIMIT 2");
    expect(labels.map((l) => l.label_vi)).toContain('6 tháng đầu năm 2024');
  });

  it('remote, complex, second-round complaint: 70 days, resolved on time', async () => {
    expect(await stat('535', 'year', '2024-01-01', 'complaint')).toMatchObject({ new_cases: 1, resolved: 1, on_time: 1, on_time_rate: 1 });
  });

  it('a zero caseload gives NULL rates, never 0', async () => {
    expect(await stat('528', 'year', '2024-01-01')).toMatchObject({ caseload: 0, resolved: 0, resolution_rate: null, on_time_rate: null, received_per_10k: null });
  });

  it('the province sums district counts but not rates', async () => {
    const prov = await stat('51', 'year', '2024-01-01');
    const a = await stat('524', 'year', '2024-01-01');
    const b = await stat('535', 'year', '2024-01-01');
    for (const k of ['received', 'carried_over', 'new_cases', 'caseload', 'resolved', 'on_time', 'backlog_end', 'overdue_end']) expect(prov[k]).toBe(a[k]! + b[k]!);
    expect(prov.resolution_rate).toBeCloseTo(prov.resolved! / prov.caseload!, 12);
    expect(prov.resolution_rate).not.toBe((a.resolution_rate! + b.resolution_rate!) / 2);
    // Ba Tơ has no 2024 population: its 2023 figure is the nearest year.
    expect(prov.received_per_10k).toBeCloseTo((prov.received! * 10000) / 250000, 3);
  });

  it('feedback has its own group; "all" adds every kind', async () => {
    expect(await stat('524', 'month', '2024-01-01', 'feedback')).toMatchObject({ new_cases: 1, resolved: 1, on_time: 0 });
    const all = await stat('524', 'month', '2024-01-01', 'all');
    expect(all.caseload).toBe(5);
    expect(all.received).toBe(5);
  });

  it('median days by Kaplan–Meier, censoring open cases at the end of the period', async () => {
    // Jan 2024 cohort: M3 resolved after 2 days; M1 (16 days) and M4 (26 days) still open at 31/01 → S never ≤ 0.5.
    expect((await stat('524', 'month', '2024-01-01')).median_days_km).toBeNull();
    // Year 2024 cohort: events at 2 and 30 days, censored at 213 (M8) and 361 (M4): S = 0.75, then 0.5
    // exactly until the end → R's convention: midpoint of 30 and the last time, 195.5.
    expect((await stat('524', 'year', '2024-01-01')).median_days_km).toBe(195.5);
    const curve = await queryAll<{ day: number; survival: number; at_risk: number }>(db,
      "SELECT day, survival, at_risk FROM resolution_survival WHERE unit_code = '524' AND year = 2024 AND kind_group = 'complaint_denunciation' ORDER BY day");
    expect(curve.map((c) => [c.day, c.at_risk, Number(c.survival.toFixed(4))])).toEqual([[0, 4, 1], [2, 4, 0.75], [30, 3, 0.5], [213, 2, 0.5], [361, 1, 0.5]]);
  });
});
