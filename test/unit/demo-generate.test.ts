import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGNS, campaignHeaderPaths } from '../../pipeline/demo/campaigns.ts';
import { FILE_NAMES, generateDemo, TCVN3_SHEET, writeScaleCsv, writeScaleXlsx } from '../../pipeline/demo/generate.ts';
import { LY_SON_TITLE, lySonHeaders, minhLongHeaders } from '../../pipeline/demo/legacy-files.ts';
import { POPULATION_HEADERS } from '../../pipeline/demo/population.ts';
import { reportHeaderPaths } from '../../pipeline/demo/report-workbook.ts';
import { SYSTEM_HEADERS } from '../../pipeline/demo/system-csv.ts';
import { enumValueByKey, matchHeader } from '../../pipeline/schema/header-match.ts';
import type { EnumName } from '../../pipeline/schema/vocabulary.ts';
import { encodeTcvn3 } from '../../pipeline/text/legacy-vietnamese.ts';

const COMMITTED = path.resolve(process.cwd(), 'data/demo');
const SKIPPED = ['title', 'header', 'column_numbers', 'section', 'total', 'blank', 'signature'] as const;

interface Sheet {
  sheet: string | null;
  data_rows: number;
  skipped: Record<(typeof SKIPPED)[number], number>;
  bad_rows: BadRow[];
}
interface FileEntry {
  file: string;
  dataset: string;
  format: string;
  encoding: string;
  bytes: number;
  sha256: string;
  sheets: Sheet[];
}
interface BadRow {
  file: string;
  sheet: string | null;
  row: number;
  petition_id: string | null;
  reason: string;
}
// The manifest is JSON: typed loosely where a test only reads a number.
type Manifest = any;

let dirA: string;
let dirB: string;
let dirOther: string;
let manifest: Manifest;

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const read = (name: string) => readFileSync(path.join(dirA, name));

/** Records of a CSV text (no field of the demo files contains a line break). */
function records(text: string, eol: string): string[] {
  const lines = text.split(eol);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** First field of a CSV record (petition ids are never quoted). */
const firstField = (line: string, delimiter: string) => line.split(delimiter)[0];

function splitCsv(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const workbooks = new Map<string, XLSX.WorkBook>();

function workbook(name: string): XLSX.WorkBook {
  let wb = workbooks.get(name);
  if (!wb) {
    wb = XLSX.read(read(name), { cellNF: true });
    workbooks.set(name, wb);
  }
  return wb;
}

beforeAll(() => {
  dirA = mkdtempSync(path.join(os.tmpdir(), 'danvan-demo-a-'));
  dirB = mkdtempSync(path.join(os.tmpdir(), 'danvan-demo-b-'));
  dirOther = mkdtempSync(path.join(os.tmpdir(), 'danvan-demo-c-'));
  generateDemo({ outDir: dirA });
  generateDemo({ outDir: dirB });
  generateDemo({ outDir: dirOther, seed: 7 });
  manifest = JSON.parse(read(FILE_NAMES.manifest).toString('utf8'));
});

afterAll(() => {
  for (const d of [dirA, dirB, dirOther]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('determinism', () => {
  it('the committed data/demo is exactly what the generator makes with the default seed', () => {
    const generated = readdirSync(dirA).sort();
    expect(generated.length).toBe(10);
    for (const name of generated) expect(sha(path.join(COMMITTED, name)), name).toBe(sha(path.join(dirA, name)));
  });

  it('gives byte-identical files for one seed and different files for another', () => {
    for (const name of readdirSync(dirA)) expect(sha(path.join(dirB, name)), name).toBe(sha(path.join(dirA, name)));
    expect(sha(path.join(dirOther, FILE_NAMES.system))).not.toBe(sha(path.join(dirA, FILE_NAMES.system)));
    expect(sha(path.join(dirOther, FILE_NAMES.report2024))).not.toBe(sha(path.join(dirA, FILE_NAMES.report2024)));
    expect(JSON.parse(readFileSync(path.join(dirOther, FILE_NAMES.manifest), 'utf8')).seed).toBe(7);
  });
});

describe('manifest', () => {
  it('adds up', () => {
    const files: FileEntry[] = manifest.files;
    const rows = (ds: string) => files.filter((f) => f.dataset === ds).flatMap((f) => f.sheets).reduce((s, sh) => s + sh.data_rows, 0);
    const t = manifest.totals;
    expect(rows('petitions')).toBe(t.petition_rows);
    expect(rows('campaign_results')).toBe(t.campaign_rows);
    expect(rows('population')).toBe(t.population_rows);
    expect(t.petitions_valid + t.bad_rows).toBe(t.petition_rows);
    expect(manifest.bad_rows.length).toBe(t.bad_rows);
    const perSheet = files.flatMap((f) => f.sheets.flatMap((sh) => sh.bad_rows.map((b) => ({ ...b, owner: `${f.file}|${sh.sheet}` }))));
    expect(perSheet.map((b) => `${b.owner}|${b.row}`)).toEqual(manifest.bad_rows.map((b: BadRow) => `${b.file}|${b.sheet}|${b.row}`));
    for (const b of perSheet) expect(b.owner).toBe(`${b.file}|${b.sheet}`);
    for (const k of SKIPPED) expect(files.flatMap((f) => f.sheets).reduce((s, sh) => s + sh.skipped[k], 0), k).toBe(t.skipped[k]);
    const p = t.petitions;
    expect(p.total).toBe(t.petitions_valid);
    for (const key of ['by_kind', 'by_status', 'by_year', 'by_district', 'by_topic']) {
      expect(Object.values(p[key] as Record<string, number>).reduce((a, b) => a + b, 0), key).toBe(p.total);
    }
    expect(Object.keys(p.by_district)).toHaveLength(13);
    for (const f of files) {
      expect(f.bytes, f.file).toBe(read(f.file).length);
      expect(f.sha256, f.file).toBe(sha(path.join(dirA, f.file)));
    }
    expect(t.bad_rows).toBeGreaterThanOrEqual(10);
    expect(t.bad_rows).toBeLessThanOrEqual(20);
  });

  it('counts every physical row of every file and sheet', () => {
    for (const f of manifest.files as FileEntry[]) {
      for (const s of f.sheets) {
        const skipped = SKIPPED.reduce((a, k) => a + s.skipped[k], 0);
        let physical: number;
        if (f.format === 'csv') {
          const text = f.encoding === 'windows-1258' ? iconv.decode(read(f.file), 'windows1258') : read(f.file).toString('utf8');
          physical = records(text, f.encoding === 'windows-1258' ? '\r\n' : '\n').length;
        } else {
          const ws = workbook(f.file).Sheets[s.sheet!];
          const range = XLSX.utils.decode_range(ws['!ref']!);
          physical = range.e.r - range.s.r + 1;
        }
        expect(physical, `${f.file} ${s.sheet ?? ''}`).toBe(s.data_rows + skipped);
      }
    }
  });

  it('points every bad row at the row holding its petition id', () => {
    const reasons = new Set((manifest.bad_rows as BadRow[]).map((b) => b.reason.split(':')[0]));
    for (const r of ['resolved_before_received', 'accepted_before_received', 'closed_without_resolved_date', 'resolved_date_on_open_case',
      'date_in_future', 'bad_date', 'signers_lt_1', 'outcome_not_allowed', 'unknown_district', 'unknown_commune', 'ambiguous_commune',
      'duplicate_id_conflict', 'missing_required']) {
      expect(reasons.has(r), r).toBe(true);
    }
    for (const b of manifest.bad_rows as BadRow[]) {
      let id: string;
      if (b.file === FILE_NAMES.system) id = firstField(records(read(b.file).toString('utf8'), '\n')[b.row - 1], ',');
      else if (b.file === FILE_NAMES.lyson) id = firstField(records(iconv.decode(read(b.file), 'windows1258'), '\r\n')[b.row - 1], ';');
      else {
        const cell = workbook(b.file).Sheets[b.sheet!][`B${b.row}`];
        id = cell ? String(cell.v) : '';
      }
      expect(id, `${b.file} ${b.sheet} ${b.row}`).toBe(b.petition_id ?? '');
    }
    const dups = (manifest.bad_rows as BadRow[]).filter((b) => b.reason === 'duplicate_id_conflict');
    expect(dups).toHaveLength(2);
    expect(dups[0].petition_id).toBe(dups[1].petition_id);
    const systemText = read(FILE_NAMES.system).toString('utf8');
    expect(systemText).toContain(',Binh Sn,');
    expect(systemText).toContain(',Ba To,');
    expect(iconv.decode(read(FILE_NAMES.lyson), 'windows1258')).toContain(';31/02/2023;');
  });
});

describe('realistic mix', () => {
  it('has ~25,000 petitions with feedback most numerous and land + compensation ~70 % of complaints and denunciations', () => {
    const p = manifest.totals.petitions;
    expect(p.total).toBeGreaterThanOrEqual(22_500);
    expect(p.total).toBeLessThanOrEqual(27_500);
    const { feedback, complaint, denunciation } = p.by_kind;
    expect(feedback).toBeGreaterThan(complaint + denunciation);
    expect(feedback / p.total).toBeGreaterThan(0.6);
    expect(feedback / p.total).toBeLessThan(0.72);
    expect(complaint / p.total).toBeGreaterThan(0.17);
    expect(complaint / p.total).toBeLessThan(0.25);
    expect(denunciation / p.total).toBeGreaterThan(0.07);
    expect(denunciation / p.total).toBeLessThan(0.14);
    expect(p.land_compensation_share_of_complaints_denunciations).toBeGreaterThanOrEqual(0.6);
    expect(p.land_compensation_share_of_complaints_denunciations).toBeLessThanOrEqual(0.8);
    const out = (p.by_status.transferred + p.by_status.archived) / p.total;
    expect(out).toBeGreaterThan(0.1);
    expect(out).toBeLessThan(0.15);
    expect(p.by_status.resolved / p.total).toBeGreaterThan(0.8);
    const o = p.outcomes_of_resolved_complaints_denunciations;
    const closed = o.upheld + o.partly_upheld + o.rejected;
    expect(o.upheld / closed).toBeCloseTo(0.2, 1);
    expect(o.partly_upheld / closed).toBeCloseTo(0.28, 1);
    expect(o.rejected / closed).toBeCloseTo(0.52, 1);
    expect(p.crowd / p.total).toBeGreaterThan(0.025);
    expect(p.crowd / p.total).toBeLessThan(0.05);
    expect(p.repeat / p.total).toBeGreaterThan(0.06);
    expect(p.repeat / p.total).toBeLessThan(0.1);
    expect(p.over_level / p.total).toBeGreaterThan(0.04);
    expect(p.over_level / p.total).toBeLessThan(0.07);
  });

  it('sizes districts by population: Quảng Ngãi city biggest, Minh Long, Sơn Tây and Lý Sơn smallest', () => {
    const d: Record<string, number> = manifest.totals.petitions.by_district;
    const ranked = Object.entries(d).sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(ranked[0]).toBe('522');
    expect(ranked.slice(1, 5).sort()).toEqual(['524', '528', '533', '534']);
    expect(ranked.slice(-3).sort()).toEqual(['530', '531', '536']);
  });

  it('writes values the vocabulary recognises, fake but well-formed personal data, and repeat petitioners', () => {
    const lines = records(read(FILE_NAMES.system).toString('utf8').replace(/^\uFEFF/, ''), '\n');
    const header = splitCsv(lines[0], ',');
    expect(header).toEqual([...SYSTEM_HEADERS]);
    const col = (h: string) => header.indexOf(h);
    const enums: [string, EnumName][] = [['Loại đơn', 'kind'], ['Lĩnh vực', 'topic'], ['Nguồn đơn', 'channel'], ['Trạng thái', 'status'], ['Kết quả giải quyết', 'outcome']];
    const people = new Map<string, number>();
    let nfd = 0;
    let otherTone = 0;
    for (const line of lines.slice(1)) {
      const cells = splitCsv(line, ',').map((c) => c.normalize('NFC'));
      if (line !== line.normalize('NFC')) nfd++;
      if (/Hoà|Thuỷ|Thuý/.test(line)) otherTone++;
      for (const [h, e] of enums) {
        const v = cells[col(h)];
        if (v !== '') expect(enumValueByKey(e, v), `${h}: ${v}`).toBeDefined();
      }
      expect(cells[col('CCCD')]).toMatch(/^051[0-3]\d{8}$/);
      expect(cells[col('SĐT')]).toMatch(/^09\d{8}$/);
      const key = `${cells[col('Họ tên')]}|${cells[col('CCCD')]}`;
      people.set(key, (people.get(key) ?? 0) + 1);
    }
    expect(nfd).toBeGreaterThan(50);
    expect(otherTone).toBeGreaterThan(100);
    expect([...people.values()].filter((n) => n >= 3).length).toBeGreaterThan(20);
  });
});

describe('layouts', () => {
  it('names every column with a header the schema recognises', () => {
    const check = (paths: readonly (readonly string[])[], dataset: 'petitions' | 'campaign_results' | 'population') => {
      for (const p of paths) expect(matchHeader(p, dataset), `${dataset}: ${p.join(' / ')}`).not.toBeNull();
    };
    check(SYSTEM_HEADERS.map((h) => [h]), 'petitions');
    check(reportHeaderPaths(), 'petitions');
    check(minhLongHeaders().map((h) => [h]), 'petitions');
    check(lySonHeaders().map((h) => [h]), 'petitions');
    for (const def of CAMPAIGNS) check(campaignHeaderPaths(def), 'campaign_results');
    check(POPULATION_HEADERS.map((h) => [h]), 'population');
    expect(matchHeader(['Phân loại đơn', 'Tố cáo'], 'petitions')).toEqual({ column: 'kind', flagValue: 'denunciation' });
    expect(matchHeader(['Số mô hình được công nhận', 'Cấp huyện'], 'campaign_results')).toEqual({ column: 'ind:models_recognised@huyen' });
  });

  it('lays out the report workbooks as government reports, with the 2024 Quý IV sheet in TCVN3', () => {
    const wb = workbook(FILE_NAMES.report2024);
    expect(wb.SheetNames).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    const q1 = wb.Sheets['Quý I'];
    expect(q1.A1.v).toBe('UBND TỈNH QUẢNG NGÃI');
    expect(q1.A4.v).toBe('DANH SÁCH ĐƠN THƯ TIẾP NHẬN QUÝ I NĂM 2024');
    expect(q1.A7.v).toBe('STT');
    expect(q1.C7.v).toBe('Ngày');
    expect(q1.C8.v).toBe('nhận');
    expect(q1.A9.v).toBe('(1)');
    expect(q1.A10.v).toBe('I. Huyện Bình Sơn');
    expect(q1.C11.t).toBe('n');
    expect(q1.C11.z).toBe('dd/mm/yyyy');
    expect(q1['!merges']).toContainEqual({ s: { r: 6, c: 0 }, e: { r: 7, c: 0 } });
    const textDates = Object.entries(q1).filter(([k, c]) => /^C\d+$/.test(k) && (c as XLSX.CellObject).t === 's' && /^(ngày |\d{1,2}\/\d{1,2}\/\d{2,4}$)/.test(String((c as XLSX.CellObject).v)));
    expect(textDates.length).toBeGreaterThan(5);
    // No district column: the only place Bình Sơn is named as a district is its section row.
    const rows = XLSX.utils.sheet_to_json<unknown[]>(q1, { header: 1, blankrows: true, defval: null });
    const sections = rows.filter((r) => typeof r[0] === 'string' && /^[IVX]+\. /.test(r[0] as string));
    expect(sections).toHaveLength(11);
    expect(rows.filter((r) => r[0] === 'Cộng')).toHaveLength(11);
    expect(rows.filter((r) => r[0] === 'Tổng cộng')).toHaveLength(1);

    const q4 = wb.Sheets[TCVN3_SHEET];
    expect(q4.A1.v).toBe(encodeTcvn3('UBND TỈNH QUẢNG NGÃI'));
    expect(q4.A10.v).toBe(encodeTcvn3('I. Huyện Bình Sơn'));
    for (const [k, c] of Object.entries(q4)) {
      if (k.startsWith('!')) continue;
      const cell = c as XLSX.CellObject;
      if (cell.t === 's') expect([...String(cell.v)].every((ch) => ch.codePointAt(0)! <= 0xff), `${k}: ${cell.v}`).toBe(true);
    }
  });

  it('writes Minh Long as BIFF8 and Lý Sơn as Windows-1258', () => {
    const xls = read(FILE_NAMES.minhlong);
    expect(xls.subarray(0, 8).toString('hex')).toBe('d0cf11e0a1b11ae1');
    const ml = workbook(FILE_NAMES.minhlong);
    expect(ml.SheetNames).toEqual(['Năm 2023', 'Năm 2024']);
    expect(ml.Sheets['Năm 2023'].F1.v).toBe('Huyện');
    expect(String(ml.Sheets['Năm 2023'].F2.v)).toMatch(/Minh Long/);

    const raw = read(FILE_NAMES.lyson);
    expect(raw.includes(Buffer.from('Lý Sơn', 'utf8'))).toBe(false);
    const lines = records(iconv.decode(raw, 'windows1258').normalize('NFC'), '\r\n');
    expect(lines[0].replace(/;+$/, '')).toBe(LY_SON_TITLE);
    expect(splitCsv(lines[1], ';')).toEqual([...lySonHeaders()]);
    expect(lines[2]).toMatch(/^LS-2023-001;/);
  });

  it('writes campaign reports and population with their planted signals', () => {
    const dvk = XLSX.read(read(CAMPAIGNS[0].file));
    expect(dvk.SheetNames).toEqual(['Năm 2020', 'Năm 2021', 'Năm 2022', 'Năm 2023', 'Năm 2024']);
    expect(dvk.Sheets['Năm 2023'].A4.v).toBe('BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA "DÂN VẬN KHÉO" NĂM 2023');
    const num = (v: unknown) => (typeof v === 'number' ? v : Number(String(v).replace(/\./g, '')));
    const rate = (year: number, unit: RegExp) => {
      const rows = XLSX.utils.sheet_to_json<unknown[]>(dvk.Sheets[`Năm ${year}`], { header: 1, defval: null });
      const r = rows.find((x) => typeof x[1] === 'string' && unit.test(x[1] as string))!;
      return num(r[6]) / num(r[7]);
    };
    const nh = [2020, 2021, 2022, 2023, 2024].map((y) => rate(y, /Nghĩa Hành/));
    for (let i = 1; i < nh.length; i++) expect(nh[i]).toBeGreaterThan(nh[i - 1] + 0.05);
    expect(nh[0]).toBeLessThan(0.4);
    expect(nh[4]).toBeGreaterThan(0.7);
    const mo = [2020, 2024].map((y) => rate(y, /Mộ Đức/));
    expect(Math.abs(mo[1] - mo[0])).toBeLessThan(0.07);

    const pop = records(read(FILE_NAMES.population).toString('utf8'), '\n');
    expect(pop[0]).toBe('Đơn vị,Năm,Dân số (người),Số hộ');
    expect(pop).toHaveLength(1 + 64);
    expect(pop.some((l) => l.startsWith('Huyện Sơn Tây,2024,'))).toBe(false);
    const total2022 = pop.slice(1).filter((l) => l.split(',')[1] === '2022').reduce((s, l) => s + Number(l.split(',')[2]), 0);
    expect(total2022).toBeGreaterThan(1_220_000);
    expect(total2022).toBeLessThan(1_260_000);
  });

  it('records the planted petition patterns as realised', () => {
    const r = manifest.planted.realised;
    const bs = r.binh_son_hotspot;
    expect(bs.ratio_2023_mean_to_baseline).toBeGreaterThan(1.3);
    expect(bs.ratio_2024_q4_to_baseline).toBeGreaterThan(2.3);
    expect(bs.crowd_by_year['2024']).toBeGreaterThan(3 * Math.max(bs.crowd_by_year['2020'], bs.crowd_by_year['2021'], bs.crowd_by_year['2022']));
    const tn = r.tu_nghia_on_time.on_time_rate_by_resolved_year;
    for (const y of ['2020', '2021', '2022', '2023']) expect(tn[y].rate).toBeGreaterThan(0.8);
    expect(tn['2024'].rate).toBeLessThan(0.7);
    expect(tn['2024'].rate).toBeGreaterThan(0.45);
  });
});

describe('scale files', () => {
  it('writes N valid petitions as CSV and XLSX with the same content, reproducibly', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'danvan-scale-'));
    try {
      const csv = path.join(dir, 'a.csv');
      writeScaleCsv(3000, csv, 11);
      writeScaleCsv(3000, path.join(dir, 'b.csv'), 11);
      expect(sha(csv)).toBe(sha(path.join(dir, 'b.csv')));
      const text = readFileSync(csv, 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = records(text.replace(/^\uFEFF/, ''), '\n');
      expect(lines).toHaveLength(3001);
      expect(splitCsv(lines[0], ',')).toEqual([...SYSTEM_HEADERS]);
      const ids = lines.slice(1).map((l) => firstField(l, ','));
      expect(new Set(ids).size).toBe(3000);

      const xlsx = path.join(dir, 'a.xlsx');
      writeScaleXlsx(3000, xlsx, 11);
      const wb = XLSX.read(readFileSync(xlsx), { cellNF: true });
      const ws = wb.Sheets[wb.SheetNames[0]];
      const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: false, defval: '' });
      expect(rows).toHaveLength(3001);
      expect(ws.B2.t).toBe('n');
      expect(ws.B2.z).toBe('dd/mm/yyyy');
      for (const i of [0, 1, 1500, 3000]) expect((rows[i] as string[]).map(String), `row ${i}`).toEqual(splitCsv(lines[i], ','));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
