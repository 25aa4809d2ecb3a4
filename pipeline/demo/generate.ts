// Seeded generator of the simulated demo data of Quảng Ngãi 2020–2024 (DOMAIN §8): petitions in the
// five layouts offices actually send, campaign reports, population, and a manifest of ground truth.
// Same seed → byte-identical files. What is planted and why: PATTERNS.md.
//
//   npx tsx pipeline/demo/generate.ts [--seed N] [--out DIR]
//   npx tsx pipeline/demo/generate.ts --rows N --format csv|xlsx [--seed N] [--out DIR]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AS_OF_ISO, newContext, PLANTED, simulatePetitions, type Petition } from './model.ts';
import { makeBadRows, DUPLICATE_TARGET, type BadPetition, type FileTarget } from './bad-rows.ts';
import { yearOf } from './calendar.ts';
import { CAMPAIGNS, simulateCampaigns, writeCampaignWorkbook } from './campaigns.ts';
import { loadDistricts, REPO_ROOT, type District } from './districts.ts';
import { lySonHeaders, writeLySonCsv, writeMinhLongXls } from './legacy-files.ts';
import { MISSING_POPULATION, populationCsv, populationRows } from './population.ts';
import { Rng } from './random.ts';
import { writeReportWorkbook } from './report-workbook.ts';
import { emptySkipped, SKIPPED_KINDS, type SkippedKind } from './sheet.ts';
import { csvLine, SYSTEM_HEADERS, systemRow } from './system-csv.ts';
import { petitionTotals, plantedRealised } from './truth.ts';
import type { SheetInfo, WrittenFile } from './written.ts';
import { DEFAULT_SEED, writeScaleCsv, writeScaleXlsx } from './scale.ts';

export { writeScaleCsv, writeScaleXlsx, DEFAULT_SEED };

export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'data', 'demo');

export const FILE_NAMES = {
  system: 'don-thu-he-thong-2020-2022.csv',
  report2023: 'bao-cao-don-thu-2023.xlsx',
  report2024: 'bao-cao-don-thu-2024.xlsx',
  minhlong: 'minh-long-2023-2024.xls',
  lyson: 'ly-son-2023-2024.csv',
  population: 'dan-so-2020-2024.csv',
  manifest: 'manifest.json',
} as const;

const MINH_LONG = '531';
const LY_SON = '536';
/** The sheet of the 2024 report typed in TCVN3 (.VnTime). */
export const TCVN3_SHEET = 'Quý IV';

export interface ManifestBadRow {
  file: string;
  sheet: string | null;
  row: number;
  petition_id: string | null;
  reason: string;
  note: string;
}

export interface ManifestFile {
  file: string;
  dataset: 'petitions' | 'campaign_results' | 'population';
  format: 'csv' | 'xlsx' | 'xls';
  encoding: string;
  delimiter?: string;
  line_ending?: 'LF' | 'CRLF';
  bytes: number;
  sha256: string;
  covers: string;
  /** Per sheet (null for a CSV): its rows by kind and its bad rows, also listed together in `bad_rows`. */
  sheets: (SheetInfo & { bad_rows: ManifestBadRow[] })[];
}

export interface GenerateResult {
  outDir: string;
  files: { file: string; bytes: number }[];
  manifest: Record<string, unknown>;
}

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

function systemCsv(rows: Petition[], bad: readonly BadPetition[], rng: Rng): WrittenFile {
  const seqByYear = new Map<number, number>();
  for (const p of rows) {
    const y = yearOf(p.received);
    const seq = (seqByYear.get(y) ?? 0) + 1;
    seqByYear.set(y, seq);
    p.id = `QNg-${y}-${String(seq).padStart(5, '0')}`;
  }
  // The conflicting duplicate reuses the id of an earlier petition of the same district.
  const dup = bad.find((b) => b.target === 'system' && b.reason === 'duplicate_id_conflict');
  if (dup) {
    const target = rows.find((p) => !isBad(p, bad) && p.district.code === DUPLICATE_TARGET.district && p.received >= DUPLICATE_TARGET.from);
    if (!target) throw new Error('no petition to duplicate');
    dup.petition.raw = { petition_id: { text: target.id } };
    duplicateTargets.set(dup.petition, target);
  }
  const written: WrittenFile = { file: FILE_NAMES.system, sheets: [], positions: new Map() };
  const lines = [csvLine(SYSTEM_HEADERS, ',')];
  for (const p of rows) {
    lines.push(csvLine(systemRow(p, rng), ','));
    written.positions.set(p, { sheet: null, row: lines.length });
  }
  written.sheets.push({ sheet: null, data_rows: rows.length, skipped: { ...emptySkipped(), header: 1 } });
  written.buffer = Buffer.from('\uFEFF' + lines.join('\n') + '\n', 'utf8');
  return written;
}

const duplicateTargets = new Map<Petition, Petition>();

function isBad(p: Petition, bad: readonly BadPetition[]): boolean {
  return bad.some((b) => b.petition === p);
}

const byReceived = (a: Petition, b: Petition) => a.received - b.received || a.seq - b.seq;

/** Generates every demo file into `outDir` and returns the manifest. */
export function generateDemo(options: { seed?: number; outDir?: string } = {}): GenerateResult {
  const seed = options.seed ?? DEFAULT_SEED;
  const outDir = path.resolve(options.outDir ?? DEFAULT_OUT_DIR);
  duplicateTargets.clear();
  const districts = loadDistricts();
  const rng = new Rng(seed);
  const ctx = newContext(districts, rng.fork('setup'));
  const good = simulatePetitions(districts, rng, ctx);
  const bad = makeBadRows(districts, ctx, rng.fork('bad-rows'));
  const badOf = (t: FileTarget) => bad.filter((b) => b.target === t).map((b) => b.petition);

  const inReports = (p: Petition, year: number) => yearOf(p.received) === year && p.district.code !== MINH_LONG && p.district.code !== LY_SON;
  const reportDistricts = districts.filter((d: District) => d.code !== MINH_LONG && d.code !== LY_SON);

  const system = systemCsv(
    [...good.filter((p) => yearOf(p.received) <= 2022), ...badOf('system')].sort(byReceived),
    bad,
    rng.fork('format/system'),
  );
  const report2023 = writeReportWorkbook(FILE_NAMES.report2023, 2023, reportDistricts, [...good.filter((p) => inReports(p, 2023)), ...badOf('report2023')], rng.fork('format/report2023'));
  const report2024 = writeReportWorkbook(
    FILE_NAMES.report2024, 2024, reportDistricts, [...good.filter((p) => inReports(p, 2024)), ...badOf('report2024')], rng.fork('format/report2024'), [TCVN3_SHEET],
  );
  const late = (p: Petition) => yearOf(p.received) >= 2023;
  const minhLong = writeMinhLongXls(FILE_NAMES.minhlong, [...good.filter((p) => late(p) && p.district.code === MINH_LONG), ...badOf('minhlong')], rng.fork('format/minhlong'), [2023, 2024]);
  const lySon = writeLySonCsv(FILE_NAMES.lyson, [...good.filter((p) => late(p) && p.district.code === LY_SON), ...badOf('lyson')], rng.fork('format/lyson'));

  const petitionFiles = [system, report2023, report2024, minhLong, lySon];
  const placed = new Set<Petition>();
  for (const f of petitionFiles) for (const p of f.positions.keys()) {
    if (placed.has(p)) throw new Error(`petition ${p.id} written twice`);
    placed.add(p);
  }
  if (placed.size !== good.length + bad.length) throw new Error(`${good.length + bad.length - placed.size} petitions not written`);

  // Bad rows, in file order; both rows of the conflicting duplicate are listed.
  const badRows: ManifestBadRow[] = [];
  for (const f of petitionFiles) {
    const inFile: ManifestBadRow[] = [];
    for (const b of bad) {
      const pos = f.positions.get(b.petition);
      if (!pos) continue;
      const shown = b.petition.raw && 'petition_id' in b.petition.raw ? (b.petition.raw.petition_id?.text ?? null) : b.petition.id;
      inFile.push({ file: f.file, sheet: pos.sheet, row: pos.row, petition_id: shown, reason: b.reason, note: b.note });
      const target = duplicateTargets.get(b.petition);
      if (target) {
        const tp = f.positions.get(target)!;
        inFile.push({ file: f.file, sheet: tp.sheet, row: tp.row, petition_id: target.id, reason: b.reason, note: 'Đơn gốc mang mã hồ sơ bị trùng' });
      }
    }
    const sheetIndex = (name: string | null) => f.sheets.findIndex((s) => s.sheet === name);
    inFile.sort((a, b) => sheetIndex(a.sheet) - sheetIndex(b.sheet) || a.row - b.row);
    badRows.push(...inFile);
  }
  const excluded = new Set<Petition>([...bad.map((b) => b.petition), ...duplicateTargets.values()]);
  const valid = good.filter((p) => !excluded.has(p));

  const campaignValues = simulateCampaigns(districts, rng.fork('campaigns'));
  const campaignFiles = CAMPAIGNS.map((def) => writeCampaignWorkbook(def, districts, campaignValues[def.key], rng.fork(`format/${def.key}`)));
  const population = populationCsv(districts);

  // Files and their manifest entries, in a fixed order.
  const outputs: { name: string; buffer: Buffer; entry: Omit<ManifestFile, 'bytes' | 'sha256' | 'file'> }[] = [];
  const badIn = (file: string, sheet: string | null) => badRows.filter((b) => b.file === file && b.sheet === sheet);
  const sheetsWithBad = (f: WrittenFile) => f.sheets.map((s) => ({ ...s, bad_rows: badIn(f.file, s.sheet) }));
  outputs.push({
    name: system.file, buffer: system.buffer!,
    entry: { dataset: 'petitions', format: 'csv', encoding: 'utf-8-bom', delimiter: ',', line_ending: 'LF', covers: 'Toàn tỉnh 2020–2022 / all districts 2020–2022', sheets: sheetsWithBad(system) },
  });
  for (const r of [report2023, report2024]) {
    outputs.push({
      name: r.file, buffer: r.buffer!,
      entry: { dataset: 'petitions', format: 'xlsx', encoding: 'unicode', covers: `${r === report2023 ? 2023 : 2024}, trừ Minh Long và Lý Sơn / all districts except Minh Long and Lý Sơn`, sheets: sheetsWithBad(r) },
    });
  }
  outputs.push({ name: minhLong.file, buffer: minhLong.buffer!, entry: { dataset: 'petitions', format: 'xls', encoding: 'unicode', covers: 'Huyện Minh Long 2023–2024', sheets: sheetsWithBad(minhLong) } });
  outputs.push({
    name: lySon.file, buffer: lySon.buffer!,
    entry: { dataset: 'petitions', format: 'csv', encoding: 'windows-1258', delimiter: ';', line_ending: 'CRLF', covers: 'Huyện Lý Sơn 2023–2024', sheets: sheetsWithBad(lySon) },
  });
  for (const c of campaignFiles) {
    outputs.push({ name: c.file, buffer: c.buffer, entry: { dataset: 'campaign_results', format: 'xlsx', encoding: 'unicode', covers: `${CAMPAIGNS.find((d) => d.file === c.file)!.name}, 13 huyện 2020–2024`, sheets: c.sheets.map((s) => ({ ...s, bad_rows: [] })) } });
  }
  const popRows = populationRows(districts);
  outputs.push({
    name: FILE_NAMES.population, buffer: population,
    entry: {
      dataset: 'population', format: 'csv', encoding: 'utf-8', delimiter: ',', line_ending: 'LF', covers: '13 huyện 2020–2024, thiếu Sơn Tây 2024 / Sơn Tây 2024 left out',
      sheets: [{ sheet: null, data_rows: popRows.length, skipped: { ...emptySkipped(), header: 1 }, bad_rows: [] }],
    },
  });

  const files: ManifestFile[] = outputs.map((o) => ({ file: o.name, ...o.entry, bytes: o.buffer.length, sha256: sha256(o.buffer) })).map((f) => ({
    file: f.file, dataset: f.dataset, format: f.format, encoding: f.encoding,
    ...(f.delimiter ? { delimiter: f.delimiter } : {}), ...(f.line_ending ? { line_ending: f.line_ending } : {}),
    bytes: f.bytes, sha256: f.sha256, covers: f.covers, sheets: f.sheets,
  }));

  const sumRows = (dataset: ManifestFile['dataset']) => files.filter((f) => f.dataset === dataset).reduce((s, f) => s + f.sheets.reduce((t, sh) => t + sh.data_rows, 0), 0);
  const skippedTotal = emptySkipped();
  for (const f of files) for (const s of f.sheets) for (const k of SKIPPED_KINDS) skippedTotal[k as SkippedKind] += s.skipped[k as SkippedKind];
  const petitionRows = sumRows('petitions');
  if (petitionRows !== valid.length + badRows.length) throw new Error(`row accounting: ${petitionRows} ≠ ${valid.length} + ${badRows.length}`);

  const manifest = {
    description: 'Dữ liệu mô phỏng, không phải số liệu thật / Simulated demo data, not real figures',
    simulated: true,
    generator: 'pipeline/demo/generate.ts',
    seed,
    province: { code: '51', name: 'Tỉnh Quảng Ngãi' },
    period: { from: '2020-01-01', to: '2024-12-31' },
    as_of: AS_OF_ISO,
    row_numbering: 'Số dòng như Excel hiển thị (tính cả dòng tiêu đề); CSV: số bản ghi tính cả dòng tiêu đề và dòng tên cột / 1-based physical rows as Excel shows them; CSV: record number counting title and header lines',
    files,
    bad_rows: badRows,
    totals: {
      petition_rows: petitionRows,
      bad_rows: badRows.length,
      petitions_valid: valid.length,
      campaign_rows: sumRows('campaign_results'),
      population_rows: sumRows('population'),
      skipped: skippedTotal,
      petitions: petitionTotals(valid),
    },
    planted: {
      binh_son_hotspot: { ...PLANTED.binh_son_hotspot },
      tu_nghia_on_time: { ...PLANTED.tu_nghia_on_time },
      nghia_hanh_dan_van_kheo: { ...PLANTED.nghia_hanh_dan_van_kheo },
      population_gap: { ...MISSING_POPULATION, description: 'Không có số dân Sơn Tây năm 2024: dùng năm gần nhất (2023) / no 2024 figure for Sơn Tây: nearest year applies' },
      tcvn3_sheet: { file: FILE_NAMES.report2024, sheet: TCVN3_SHEET, description: 'Mọi ô chữ tiếng Việt gõ bằng TCVN3 (.VnTime) / every Vietnamese text cell typed in TCVN3' },
      realised: plantedRealised(valid, districts, campaignValues.dan_van_kheo),
    },
    headers: { system_csv: SYSTEM_HEADERS, ly_son_csv: lySonHeaders() },
  };

  mkdirSync(outDir, { recursive: true });
  const written: { file: string; bytes: number }[] = [];
  for (const o of outputs) {
    writeFileSync(path.join(outDir, o.name), o.buffer);
    written.push({ file: o.name, bytes: o.buffer.length });
  }
  const manifestBuf = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  writeFileSync(path.join(outDir, FILE_NAMES.manifest), manifestBuf);
  written.push({ file: FILE_NAMES.manifest, bytes: manifestBuf.length });
  return { outDir, files: written, manifest };
}

function parseArgs(argv: readonly string[]): { seed: number; out?: string; rows?: number; format?: string } {
  const out: { seed: number; out?: string; rows?: number; format?: string } = { seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`Thiếu giá trị cho ${a} / missing value for ${a}`);
      return v;
    };
    if (a === '--seed') out.seed = Number(value());
    else if (a === '--out') out.out = value();
    else if (a === '--rows') out.rows = Number(value());
    else if (a === '--format') out.format = value();
    else throw new Error(`Tham số không hợp lệ: ${a} / unknown argument ${a}`);
  }
  if (!Number.isInteger(out.seed)) throw new Error('--seed phải là số nguyên / --seed must be an integer');
  if (out.rows !== undefined && (!Number.isInteger(out.rows) || out.rows < 0)) throw new Error('--rows phải là số nguyên không âm / --rows must be a non-negative integer');
  if (out.format !== undefined && out.format !== 'csv' && out.format !== 'xlsx') throw new Error('--format phải là csv hoặc xlsx / --format must be csv or xlsx');
  return out;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.rows !== undefined) {
    const format = args.format ?? 'csv';
    const dir = path.resolve(args.out ?? path.join(os.tmpdir(), 'danvan-scale'));
    const file = path.join(dir, `don-thu-${args.rows}.${format}`);
    if (format === 'csv') writeScaleCsv(args.rows, file, args.seed);
    else writeScaleXlsx(args.rows, file, args.seed);
    console.log(`Đã ghi ${args.rows} đơn vào ${file} / wrote ${args.rows} petitions to ${file}`);
    return;
  }
  const result = generateDemo({ seed: args.seed, outDir: args.out });
  console.log(`Đã ghi dữ liệu mô phỏng vào ${result.outDir} / wrote simulated demo data to ${result.outDir}`);
  for (const f of result.files) console.log(`  ${f.file}  ${f.bytes.toLocaleString('en-US')} B`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
