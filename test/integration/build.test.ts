// `danvan build` on small real files written here: reconciliation, rejections with reasons,
// personal data, idempotent and incremental rebuilds, and a crash mid-build.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWindows1258 } from '../../pipeline/sources/decode-text.ts';
import { encodeTcvn3 } from '../../pipeline/text/legacy-vietnamese.ts';
import { CANONICAL_TABLES, queryAll, tableDigest, tempDir, testBuild, writeFiles, FIXTURES } from '../helpers.ts';

const PEOPLE = ['Nguyễn Văn Hùng', 'Trần Thị Mai', 'Lê Quang Vinh'];
const IDS = ['051088001234', '051190004321', '051075009999'];
const PHONES = ['0905123456', '0914765432', '0935000111'];

const systemCsv = [
  'DANH SÁCH ĐƠN THƯ TIẾP NHẬN NĂM 2023',
  'Mã hồ sơ,Ngày tiếp nhận,Loại đơn,Lĩnh vực,Huyện,Xã,Nguồn đơn,Số người,Đông người,Trạng thái,Ngày giải quyết,Kết quả giải quyết,Họ tên,CCCD,SĐT,Địa chỉ,Cột lạ',
  `S-1,05/03/2023,Khiếu nại,Đất đai,H. Bình Sơn,Xã Bình Thạnh,Tiếp công dân,1,,Đã giải quyết,20/03/2023,Sai,${PEOPLE[0]},${IDS[0]},${PHONES[0]},"Thôn 1, Bình Thạnh",a`,
  `S-2,06/03/2023,KNPA,Môi trường,Binh Son,,Bưu chính,7,,Đang giải quyết,,,${PEOPLE[1]},${IDS[1]},${PHONES[1]},Bình Sơn,b`,
  `S-3,07/03/2023,Tố cáo,Tham nhũng,Binh Sn,,Bưu chính,1,,Đang giải quyết,,,${PEOPLE[2]},${IDS[2]},${PHONES[2]},x,c`,
  `S-4,08/03/2023,Tố cáo,Tham nhũng,TP Quảng Ngãi,,Bưu chính,1,,Đã giải quyết,01/03/2023,,${PEOPLE[2]},${IDS[2]},,,d`,
  `S-5,31/02/2023,Khiếu nại,Đất đai,Huyện Tư Nghĩa,,Bưu chính,1,,Đang giải quyết,,,${PEOPLE[0]},${IDS[0]},,,e`,
  `S-6,09/03/2023,Khiếu nại,Đất đai,Huyện Tư Nghĩa,,Bưu chính,1,,Đã giải quyết,,,,,,,f`,
  `S-7,09/03/2027,Khiếu nại,Đất đai,Huyện Tư Nghĩa,,Bưu chính,1,,Đang giải quyết,,,,,,,g`,
  `S-8,10/03/2023,Kiến nghị,Đất đai,Huyện Mộ Đức,,Bưu chính,0,,Đang giải quyết,,,,,,,h`,
  `S-9,10/03/2023,Kiến nghị,Đất đai,Huyện Mộ Đức,,Bưu chính,1,,Đã giải quyết,12/03/2023,Đúng,,,,,i`,
  `S-10,11/03/2023,Khiếu nại,Đất đai,Huyện Mộ Đức,,Bưu chính,1,,Đang giải quyết,,,,,,,j`,
  `S-10,11/03/2023,Khiếu nại,Đất đai,Huyện Mộ Đức,,Bưu chính,1,,Đang giải quyết,,,,,,,j`,
  `S-11,12/03/2023,Khiếu nại,Đất đai,Huyện Mộ Đức,,Bưu chính,1,,Đang giải quyết,,,,,,,k`,
  `S-11,12/03/2023,Tố cáo,Đất đai,Huyện Mộ Đức,,Bưu chính,1,,Đang giải quyết,,,,,,,k`,
  `,13/03/2023,Khiếu nại,Đất đai,Huyện Mộ Đức,,Bưu chính,1,,Đang giải quyết,,,,,,,l`,
  'Tổng cộng,,,,,,,,,,,,,,,,',
  '',
  'Người lập biểu,,,,,,,,,,,,,,,,',
].join('\r\n');

/** A government-style report workbook: titles, two-row merged header, sections, totals, signature. */
function reportWorkbook(tcvn3 = false, prefix = 'R'): Buffer {
  const t = (s: string) => (tcvn3 ? encodeTcvn3(s) : s);
  const aoa: (string | number | null)[][] = [
    [t('UBND TỈNH QUẢNG NGÃI'), null, null, null, t('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')],
    [t('BAN TIẾP CÔNG DÂN'), null, null, null, t('Độc lập - Tự do - Hạnh phúc')],
    [],
    [t('DANH SÁCH ĐƠN THƯ TIẾP NHẬN QUÝ I NĂM 2024')],
    ['STT', t('Số hiệu đơn'), t('Ngày'), null, t('Phân loại đơn'), null, null, t('Xã, phường, thị trấn'), t('Trạng thái'), t('Họ tên')],
    [null, null, t('nhận'), t('giải quyết'), t('Khiếu nại'), t('Tố cáo'), t('Kiến nghị, phản ánh'), null, null, null],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)'],
    [t('I. Huyện Bình Sơn')],
    [1, `${prefix}-1`, 45300, 45320, 'x', null, null, t('Xã Bình Thạnh'), t('Đã giải quyết'), t(PEOPLE[0])],
    [2, `${prefix}-2`, 'ngày 05 tháng 1 năm 2024', null, null, null, 'x', null, t('Đang giải quyết'), t(PEOPLE[1])],
    [null, t('Cộng'), null, null, 1, 0, 1],
    [t('II. Thành phố Quảng Ngãi')],
    [3, `${prefix}-3`, '6/1/24', null, null, 'x', null, null, t('Đang giải quyết'), null],
    [null, t('Cộng'), null, null, 0, 1, 0],
    [t('Tổng cộng'), null, null, null, 1, 1, 1],
    [],
    [t('Người lập biểu'), null, null, null, null, null, t('TRƯỞNG BAN')],
    [],
    [t('Phạm Văn Đồng'), null, null, null, null, null, t('Võ Thị Sáu')],
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  for (const addr of ['C9', 'D9']) ws[addr].z = 'dd/mm/yyyy';
  ws['!merges'] = [
    { s: { r: 4, c: 0 }, e: { r: 5, c: 0 } }, { s: { r: 4, c: 1 }, e: { r: 5, c: 1 } },
    { s: { r: 4, c: 2 }, e: { r: 4, c: 3 } }, { s: { r: 4, c: 4 }, e: { r: 4, c: 6 } },
    { s: { r: 4, c: 7 }, e: { r: 5, c: 7 } }, { s: { r: 4, c: 8 }, e: { r: 5, c: 8 } }, { s: { r: 4, c: 9 }, e: { r: 5, c: 9 } },
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Quý I');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('build on small real files', () => {
  const { dir, cleanup } = tempDir();
  const src = join(dir, 'src');
  let result: Awaited<ReturnType<typeof testBuild>>;

  beforeAll(async () => {
    writeFiles(src, {
      'he-thong.csv': '\ufeff' + systemCsv,
      'bao-cao.xlsx': reportWorkbook(),
      'ly-son.csv': encodeWindows1258(['DANH SÁCH ĐƠN THƯ HUYỆN LÝ SƠN', 'Số đơn;Ngày nhận;Loại đơn;Huyện;Trạng thái', 'L-1;02/02/2024;Khiếu nại;Huyện Lý Sơn;Đang giải quyết'].join('\r\n')),
      'cu/tcvn3.xlsx': reportWorkbook(true, 'T'),
    });
    result = await testBuild(dir, { sources: [src] });
  });
  afterAll(() => { if (!process.env.KEEP) cleanup(); else console.log("kept", dir); });

  it('reconciles every source row: loaded + rejected + skipped = source rows', async () => {
    const logs = await queryAll<{ source_file: string; source_rows: number; loaded_rows: number; rejected_rows: number; skipped_rows: number }>(
      result.db, 'SELECT * FROM load_log');
    expect(logs.length).toBe(4);
    for (const l of logs) expect(l.loaded_rows + l.rejected_rows + l.skipped_rows).toBe(l.source_rows);
    const csv = logs.find((l) => l.source_file === 'he-thong.csv')! as typeof logs[number] & { skipped_detail: string };
    expect(csv.source_rows).toBe(19);
    expect(JSON.parse(csv.skipped_detail)).toMatchObject({ total: 1, blank: 1, signature: 1 });
  });

  it('reads a long CSV to its signature block, written wider than its header', async () => {
    const wide = tempDir();
    try {
      // Far below the rows read to find the table, a signature written beyond the header's last column,
      // then a line filled like a petition: below a signature it is part of the signature block.
      const rows = Array.from({ length: 80 }, (_, i) => `W-${i + 1},05/03/2023,Khiếu nại,Đất đai,H. Bình Sơn,Đang giải quyết`);
      const signed = [',,,,,,,,Người lập biểu', 'Lê Văn Tám,Phó trưởng ban,Đã ký,01/04/2023,Bình Sơn'];
      writeFiles(wide.dir, { 'rong.csv': ['Mã hồ sơ,Ngày tiếp nhận,Loại đơn,Lĩnh vực,Huyện,Trạng thái', ...rows, ...signed].join('\n') });
      const built = await testBuild(wide.dir, { sources: [wide.dir] });
      const [log] = await queryAll<{ loaded_rows: number; rejected_rows: number; skipped_detail: string }>(built.db, 'SELECT * FROM load_log');
      expect(log).toMatchObject({ loaded_rows: 80, rejected_rows: 0 });
      expect(JSON.parse(log.skipped_detail)).toMatchObject({ signature: 2, blank: 0 });
    } finally {
      wide.cleanup();
    }
  });

  it('rejects each bad row with a reason a clerk understands', async () => {
    const rejected = await queryAll<{ source_row: number; reason_code: string; reason: string }>(
      result.db, "SELECT source_row, reason_code, reason FROM rejected_rows WHERE source_file = 'he-thong.csv' ORDER BY source_row");
    const byRow = Object.fromEntries(rejected.map((r) => [r.source_row, r]));
    expect(byRow[5].reason).toBe("Không rõ huyện 'Binh Sn' — gần giống: Bình Sơn");
    expect(byRow[6].reason).toBe('Ngày giải quyết 01/03/2023 trước ngày nhận 08/03/2023');
    expect(byRow[7].reason_code).toBe('bad_date:received_date');
    expect(byRow[7].reason).toContain('31/02/2023');
    expect(byRow[8].reason_code).toBe('closed_without_resolved_date');
    expect(byRow[9].reason_code).toBe('date_in_future');
    expect(byRow[10].reason_code).toBe('signers_lt_1');
    expect(byRow[11].reason_code).toBe('outcome_not_allowed');
    expect(byRow[12]).toBeUndefined(); // first of two identical copies is loaded
    expect(byRow[13].reason_code).toBe('duplicate_identical');
    expect(byRow[14].reason_code).toBe('duplicate_id_conflict');
    expect(byRow[15].reason_code).toBe('duplicate_id_conflict');
    expect(byRow[16].reason_code).toBe('missing_required:petition_id');
    expect(rejected.length).toBe(11);
  });

  it('loads typed petitions from CSV, report workbook, Windows-1258 and TCVN3 files', async () => {
    const rows = await queryAll<Record<string, unknown>>(result.db,
      "SELECT petition_id, strftime(received_date, '%Y-%m-%d') AS received, kind, district_code, commune_code, signers, is_crowd, status, source_file FROM petitions ORDER BY source_file, petition_id");
    const get = (file: string, id: string) => rows.find((r) => r.source_file === file && r.petition_id === id);
    expect(get('he-thong.csv', 'S-1')).toMatchObject({ received: '2023-03-05', kind: 'complaint', district_code: '524', signers: 1, is_crowd: false, status: 'resolved' });
    expect(get('he-thong.csv', 'S-2')).toMatchObject({ kind: 'feedback', district_code: '524', signers: 7, is_crowd: true });
    expect(get('bao-cao.xlsx', 'R-1')).toMatchObject({ received: '2024-01-09', kind: 'complaint', district_code: '524' });
    expect(get('bao-cao.xlsx', 'R-2')).toMatchObject({ received: '2024-01-05', kind: 'feedback', district_code: '524' });
    expect(get('bao-cao.xlsx', 'R-3')).toMatchObject({ received: '2024-01-06', kind: 'denunciation', district_code: '522' });
    expect(get('ly-son.csv', 'L-1')).toMatchObject({ received: '2024-02-02', kind: 'complaint', district_code: '536' });
    expect(get('cu/tcvn3.xlsx', 'T-3')).toMatchObject({ kind: 'denunciation', district_code: '522', status: 'in_progress' });
    const log = await queryAll<{ source_file: string; encoding: string | null; legacy_columns: string | null; skipped_detail: string }>(result.db, 'SELECT * FROM load_log');
    expect(log.find((l) => l.source_file === 'ly-son.csv')!.encoding).toBe('windows-1258');
    expect(log.find((l) => l.source_file === 'cu/tcvn3.xlsx')!.legacy_columns).toContain('tcvn3');
    const report = JSON.parse(log.find((l) => l.source_file === 'bao-cao.xlsx')!.skipped_detail);
    expect(report).toEqual({ title: 4, header: 2, column_numbers: 1, section: 2, total: 3, blank: 2, signature: 2 });
  });

  it('keeps no personal data in any table, yet counts repeat petitioners', async () => {
    for (const table of [...CANONICAL_TABLES, 'load_log']) {
      const dump = (await queryAll<{ t: string }>(result.db, `SELECT t::VARCHAR AS t FROM ${table} t`)).map((r) => r.t).join('\n');
      for (const secret of [...PEOPLE, ...IDS, ...PHONES, 'Thôn 1']) expect(dump, `${table} leaks ${secret}`).not.toContain(secret);
    }
    const keys = await queryAll<{ k: string; n: bigint }>(result.db,
      "SELECT petitioner_key AS k, count(*) AS n FROM petitions WHERE petitioner_key IS NOT NULL GROUP BY 1 ORDER BY n DESC");
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.k))).toBe(true);
    expect(Number(keys[0].n)).toBeGreaterThanOrEqual(2); // Nguyễn Văn Hùng in the CSV and in both workbooks
    const stageFiles = readdirSync(join(dir, 'stage')).filter((f) => f.endsWith('.parquet'));
    const stageDump = (await queryAll<{ t: string }>(result.db, `SELECT string_agg(t::VARCHAR, '\n') AS t FROM read_parquet([${stageFiles.map((f) => `'${join(dir, 'stage', f)}'`).join(',')}]) t`))[0].t;
    for (const secret of [...PEOPLE, ...IDS, ...PHONES]) expect(stageDump).not.toContain(secret);
  });

  it('gives identical tables when rebuilt from the same sources', async () => {
    const before = await Promise.all(CANONICAL_TABLES.map((t) => tableDigest(result.db, t)));
    const again = await testBuild(dir, { sources: [src] });
    expect(again.files.every((f) => f.cached)).toBe(true);
    expect(await Promise.all(CANONICAL_TABLES.map((t) => tableDigest(again.db, t)))).toEqual(before);
  });

  it('stages a workbook in small batches — sections, totals and the signature block split across them — into the same tables', async () => {
    const small = tempDir();
    try {
      // Two rows per batch: headings, totals and signature lines fall at every position of a batch.
      const batched = await testBuild(small.dir, { sources: [src], secretPath: join(dir, 'secret'), batchRows: 2 });
      for (const t of [...CANONICAL_TABLES, 'load_log']) expect(await tableDigest(batched.db, t), t).toBe(await tableDigest(result.db, t));
      expect(batched.files.map((f) => f.sheets)).toEqual(result.files.map((f) => f.sheets));
      const parts = readdirSync(join(small.dir, 'stage')).filter((f) => f.endsWith('.parquet'));
      expect(parts.length).toBeGreaterThan(result.files.length * 2);
    } finally {
      small.cleanup();
    }
  });

  it('re-reads only a changed file, and the result equals a clean build', async () => {
    writeFileSync(join(src, 'ly-son.csv'), encodeWindows1258(['Số đơn;Ngày nhận;Loại đơn;Huyện;Trạng thái', 'L-1;02/02/2024;Khiếu nại;Huyện Lý Sơn;Đang giải quyết', 'L-2;03/02/2024;Tố cáo;Lý Sơn;Đang giải quyết'].join('\r\n')));
    const incremental = await testBuild(dir, { sources: [src] });
    expect(incremental.files.filter((f) => !f.cached).map((f) => f.file)).toEqual(['ly-son.csv']);
    const clean = tempDir();
    try {
      const fresh = await testBuild(clean.dir, { sources: [src], secretPath: join(dir, 'secret') });
      expect(fresh.files.every((f) => !f.cached)).toBe(true);
      for (const t of CANONICAL_TABLES) expect(await tableDigest(incremental.db, t), t).toBe(await tableDigest(fresh.db, t));
    } finally {
      clean.cleanup();
    }
  });

  it('leaves the previous database intact when a build fails midway', async () => {
    const before = await tableDigest(result.db, 'petitions');
    await expect(testBuild(dir, { sources: [src], onStep: (s) => { if (s === 'campaigns') throw new Error('injected crash'); } }))
      .rejects.toThrow('injected crash');
    expect(await tableDigest(result.db, 'petitions')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.building-'))).toEqual([]);
  });

  it('refuses a build with no sources with a clear error', async () => {
    const empty = tempDir();
    try {
      await expect(testBuild(empty.dir, { sources: [empty.dir] })).rejects.toThrow(/Không có tệp CSV\/Excel/);
      expect(existsSync(join(empty.dir, 'out.duckdb'))).toBe(false);
    } finally {
      empty.cleanup();
    }
  });
});

describe('setting a province up from its own files', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('uses a GSO unit list and a boundary file placed among the sources', async () => {
    const src = join(dir, 'src');
    writeFiles(src, {
      'don.csv': 'Số đơn,Ngày nhận,Loại đơn,Huyện,Xã,Trạng thái\nT-1,02/02/2024,Khiếu nại,Huyện Bình Sơn,Xã Bình Thạnh,Đang giải quyết\n',
    });
    const { readFileSync } = await import('node:fs');
    writeFiles(src, {
      'don-vi.csv': readFileSync(join(FIXTURES, 'gazetteer/quang-ngai-gso-units.csv')),
      'ranh-gioi.geojson': readFileSync(join(FIXTURES, 'geo/quang-ngai-districts.geojson')),
    });
    const r = await testBuild(dir, { sources: [src] });
    expect(r.gazetteer.source).toBe('don-vi.csv');
    const [units] = await queryAll<{ d: bigint; c: bigint }>(r.db, 'SELECT count(*) FILTER (level = 2) AS d, count(*) FILTER (level = 3) AS c FROM admin_units');
    expect(Number(units.d)).toBeGreaterThanOrEqual(12);
    expect(Number(units.c)).toBeGreaterThan(100);
    const adj = await queryAll<{ unit_code: string; neighbour_code: string; source: string }>(r.db, 'SELECT * FROM admin_adjacency');
    expect(adj.some((a) => a.unit_code === '524' && a.neighbour_code === '527')).toBe(true);
    expect(adj.every((a) => adj.some((b) => b.unit_code === a.neighbour_code && b.neighbour_code === a.unit_code))).toBe(true);
    const [p] = await queryAll<{ district_code: string; commune_code: string }>(r.db, 'SELECT district_code, commune_code FROM petitions');
    expect(p.district_code).toBe('524');
    expect(p.commune_code).toMatch(/^\d{5}$/);
  });
});
