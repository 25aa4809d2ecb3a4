// `danvan build`: sources → staged files (cached by content) → a new database written beside the
// old one → swapped in with one rename, so readers never see half a build and a failed build
// leaves the previous database as it was.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { appendRows, lit, openDb, type Db } from '../db/duckdb.ts';
import { loadDemoGazetteer } from '../gazetteer/demo-gazetteer.ts';
import { deriveAdjacency, parseBoundaryFile } from '../gazetteer/boundaries.ts';
import { Gazetteer, type AdminUnit } from '../gazetteer/gazetteer.ts';
import { isGsoUnitList, parseGsoUnitList } from '../gazetteer/gso-list.ts';
import { loadOrCreateSecret, secretFingerprint } from '../privacy/petitioner-key.ts';
import { DATASET_COLUMNS, type DatasetName } from '../schema/columns.ts';
import { ENUMS } from '../schema/vocabulary.ts';
import { parseCsvRows, sniffDelimiter } from '../sources/csv-text.ts';
import { decodeText } from '../sources/decode-text.ts';
import { SourceReadError } from '../sources/grid.ts';
import { SKIPPED_KINDS } from '../sources/classify-rows.ts';
import { loadCampaignCatalogue, loadCampaigns, loadPopulation } from './load-campaigns.ts';
import { loadPetitions } from './load-petitions.ts';
import { sourceTypeOf, stageFile } from './stage.ts';
import { stagedColumnNames, type StagedFile } from './staged.ts';
import { loadDeadlineRules, runModels } from '../metrics/run-models.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Bump when staging changes meaning, so cached staged files are re-read. */
const STAGE_VERSION = 'stage-3';
const DATASETS: DatasetName[] = ['petitions', 'campaign_results', 'population'];

export interface BuildOptions {
  sources: string[];
  db: string;
  /** Dates after this are rejected; default today (Asia/Ho_Chi_Minh). */
  asOf?: string;
  secretPath?: string;
  stageDir?: string;
  includeHidden?: boolean;
  /** Rows a sheet hands to DuckDB at a time while it is read (see stage.ts); tests make it small. */
  batchRows?: number;
  /** Called as each step starts; a test makes it throw to prove a failed build changes nothing. */
  onStep?: (step: string) => void;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface BuildResult {
  db: string;
  asOf: string;
  files: (StagedFile & { ingestId: string; stageKey: string; cached: boolean })[];
  gazetteer: { source: string; units: number; adjacency: number };
  tables: Record<string, number>;
}

export class BuildError extends Error {}

/**
 * DuckDB's working memory for a build: past it, DuckDB spills to a temporary folder instead of
 * growing, so a ten-million-row build fits the machine it runs on. DANVAN_MEMORY_LIMIT overrides it.
 */
function duckdbSettings(spill: string): Record<string, string> {
  return { memory_limit: process.env.DANVAN_MEMORY_LIMIT ?? '1GB', temp_directory: spill, preserve_insertion_order: 'true' };
}

export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

interface SourceFile { path: string; label: string; kind: 'data' | 'unit_list' | 'boundary' }

const BOUNDARY_EXT = /\.(geojson|topojson)$/i;

export function discoverSources(dirs: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const dir of dirs) {
    const root = resolve(dir);
    if (!existsSync(root)) throw new BuildError(`Không thấy thư mục nguồn ${dir}. / Source folder ${dir} not found.`);
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        if (name.startsWith('.') || name.startsWith('~$')) continue;
        const p = join(d, name);
        if (statSync(p).isDirectory()) { walk(p); continue; }
        const label = dirs.length > 1 ? relative(dirname(root), p) : relative(root, p);
        if (BOUNDARY_EXT.test(name)) out.push({ path: p, label, kind: 'boundary' });
        else if (sourceTypeOf(p) === 'csv' && looksLikeUnitList(p)) out.push({ path: p, label, kind: 'unit_list' });
        else if (sourceTypeOf(p)) out.push({ path: p, label, kind: 'data' });
      }
    };
    statSync(root).isDirectory() ? walk(root) : out.push({ path: root, label: basename(root), kind: 'data' });
  }
  return out;
}

/** Content hash, streamed: source files may be larger than memory allows to read at once. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 8 * 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function looksLikeUnitList(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const bytes = head.subarray(0, n);
    const cut = bytes.lastIndexOf(10);
    const { text } = decodeText(cut > 0 ? bytes.subarray(0, cut + 1) : bytes, basename(path));
    const [header] = parseCsvRows(text, sniffDelimiter(text), 1);
    return header ? isGsoUnitList(header) : false;
  } catch {
    return false;
  }
}

/** The fingerprint of everything that decides how a file is staged. */
function stageFingerprint(secret: Buffer): string {
  const vocabulary = JSON.stringify([DATASET_COLUMNS, ENUMS]);
  return createHash('sha256').update(STAGE_VERSION).update(vocabulary).update(secretFingerprint(secret)).digest('hex').slice(0, 12);
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const step = (s: string) => opts.onStep?.(s);
  const asOf = asOfFor(opts.sources, opts.asOf);
  const target = resolve(opts.db);
  const stageDir = resolve(opts.stageDir ?? join(dirname(target), '.stage'));
  const secret = loadOrCreateSecret(opts.secretPath ?? process.env.DANVAN_SECRET_FILE ?? join(ROOT, '.danvan', 'secret'));
  const fingerprint = stageFingerprint(secret);
  mkdirSync(stageDir, { recursive: true });
  mkdirSync(dirname(target), { recursive: true });

  step('discover');
  const sources = discoverSources(opts.sources);
  const dataFiles = sources.filter((s) => s.kind === 'data');
  if (dataFiles.length === 0) throw new BuildError(`Không có tệp CSV/Excel nào trong ${opts.sources.join(', ')}. / No CSV or Excel files in the sources.`);

  step('gazetteer');
  const gaz = loadGazetteerSources(sources);

  // Stage: one in-memory DuckDB; each file's rows go to Parquet named by its content hash.
  step('stage');
  const files: BuildResult['files'] = [];
  const spill = mkdtempSync(join(tmpdir(), 'danvan-spill-'));
  const staging = await openDb(':memory:', duckdbSettings(spill));
  let stagingDone = false;
  try {
    for (const [i, src] of dataFiles.entries()) {
      opts.onProgress?.(i, dataFiles.length, src.label);
      const hash = await hashFile(src.path);
      const ingestId = hash.slice(0, 16);
      const key = `${hash.slice(0, 32)}-${fingerprint}`;
      const metaPath = join(stageDir, `${key}.json`);
      if (existsSync(metaPath)) {
        const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as StagedFile;
        files.push({ ...meta, file: src.label, ingestId, stageKey: key, cached: true });
        continue;
      }
      step(`stage:${src.label}`);
      // A crash while staging this content earlier may have left parts behind: start clean.
      for (const n of readdirSync(stageDir)) if (n.startsWith(`${key}.`) && n.endsWith('.parquet')) rmSync(join(stageDir, n));
      // Parts are named by sheet and batch, so a file's parts read back in row order.
      const parquetFor = (dataset: DatasetName, part: string) => join(stageDir, `${key}.${dataset}.${part}.parquet`);
      const staged = await stageFile(staging, src.path, src.label, { secret, includeHidden: opts.includeHidden, parquetFor, batchRows: opts.batchRows });
      writeFileSync(metaPath, JSON.stringify(staged, null, 1));
      files.push({ ...staged, ingestId, stageKey: key, cached: false });
    }
    opts.onProgress?.(dataFiles.length, dataFiles.length, '');
    stagingDone = true;
  } finally {
    staging.close();
    if (!stagingDone) rmSync(spill, { recursive: true, force: true });
  }

  // Build into a new file; only a complete build replaces the old database.
  const building = `${target}.building-${process.pid}`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  const db = await openDb(building, duckdbSettings(spill));
  let ok = false;
  try {
    step('load');
    await db.run(readFileSync(join(ROOT, 'pipeline/build/tables.sql'), 'utf8'));
    await writeGazetteer(db, gaz);
    await appendRows(db, 'ingest_ids', [{ name: 'source_file', type: 'VARCHAR' }, { name: 'ingest_id', type: 'VARCHAR' }], files.map((f) => [f.file, f.ingestId]));
    const stagedParts = readdirSync(stageDir).filter((n) => n.endsWith('.parquet')).sort();
    for (const dataset of DATASETS) {
      // One scan per file over its parts (in row order): a union of many small scans is slow to join.
      const perFile = files.map((f) => ({ file: f.file, parts: stagedParts.filter((n) => n.startsWith(`${f.stageKey}.${dataset}.`)) }))
        .filter((f) => f.parts.length);
      if (!perFile.length) continue;
      const cols = stagedColumnNames(dataset).filter((c) => c !== '_file').map((c) => `"${c}"`).join(', ');
      await db.run(`CREATE TEMP VIEW staged_${dataset} AS ${perFile.map(({ file, parts }) =>
        `SELECT ${lit(file)} AS _file, ${cols} FROM read_parquet([${parts.map((n) => lit(join(stageDir, n))).join(', ')}])`).join(' UNION ALL ')}`);
    }
    step('petitions');
    await loadDeadlineRules(db);
    await loadPetitions(db, gaz.gazetteer, asOf);
    step('campaigns');
    await loadCampaigns(db, gaz.gazetteer, loadCampaignCatalogue());
    await loadPopulation(db, gaz.gazetteer);
    step('log');
    await writeLoadLog(db, files);
    await db.run(`INSERT INTO build_info VALUES ('as_of', ${lit(asOf)}), ('built_at', ${lit(new Date().toISOString())}),
      ('gazetteer', ${lit(gaz.source)}), ('sources', ${lit(opts.sources.join(', '))}), ('simulated', ${lit(String(isSimulated(opts.sources)))})`);
    step('models');
    await runModels(db, { asOf, onStep: step });
    step('finish');
    await db.run('CHECKPOINT');
    const tables: Record<string, number> = {};
    for (const t of ['admin_units', 'admin_adjacency', 'population', 'petitions', 'campaigns', 'campaign_results', 'rejected_rows', 'load_log']) {
      tables[t] = Number((await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${t}`))[0].n);
    }
    db.close();
    step('swap');
    renameSync(building, target);
    rmSync(`${target}.wal`, { force: true });
    ok = true;
    return { db: target, asOf, files, gazetteer: { source: gaz.source, units: gaz.units.length, adjacency: gaz.adjacency.length }, tables };
  } finally {
    if (!ok) {
      try { db.close(); } catch { /* already closed */ }
      rmSync(building, { force: true });
      rmSync(`${building}.wal`, { force: true });
    }
    rmSync(spill, { recursive: true, force: true });
  }
}

/** A `manifest.json` in a source folder (the demo has one) may say the data is simulated and its as-of date. */
function sourceManifests(dirs: string[]): { simulated?: boolean; as_of?: string }[] {
  return dirs.flatMap((d) => {
    const manifest = join(resolve(d), 'manifest.json');
    try {
      return existsSync(manifest) ? [JSON.parse(readFileSync(manifest, 'utf8'))] : [];
    } catch {
      return [];
    }
  });
}

/** Demo data says so in its manifest; the dashboard then labels every page "Dữ liệu mô phỏng". */
function isSimulated(dirs: string[]): boolean {
  return sourceManifests(dirs).some((m) => m.simulated === true);
}

/** The as-of date: given, or declared by the sources' manifest, or today in Vietnam. */
function asOfFor(dirs: string[], given: string | undefined): string {
  if (given) return given;
  const declared = sourceManifests(dirs).map((m) => m.as_of).filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d));
  return declared.sort().at(-1) ?? todayInVietnam();
}

interface LoadedGazetteer {
  source: string;
  units: AdminUnit[];
  adjacency: { a: string; b: string; source: string }[];
  tileGrid: { unit_code: string; row: number; col: number }[];
  boundaries: { unit_code: string; geometry: string }[];
  gazetteer: Gazetteer;
}

/** A unit list or boundary file among the sources sets the province up; otherwise the demo gazetteer. */
function loadGazetteerSources(sources: SourceFile[]): LoadedGazetteer {
  const lists = sources.filter((s) => s.kind === 'unit_list');
  const boundaries = sources.filter((s) => s.kind === 'boundary');
  const demo = loadDemoGazetteer();
  let units: AdminUnit[];
  let source: string;
  if (lists.length) {
    units = lists.flatMap((l) => {
      const { text } = decodeText(readFileSync(l.path), l.label);
      return parseGsoUnitList(parseCsvRows(text, sniffDelimiter(text)));
    });
    // Remote-area flags are not in the GSO list; keep the ones the gazetteer folder declares.
    const remote = new Set(demo.units.filter((u) => u.is_remote).map((u) => u.unit_code));
    units = units.map((u) => ({ ...u, is_remote: u.is_remote || remote.has(u.unit_code) }));
    source = lists.map((l) => l.label).join(', ');
  } else {
    units = demo.units;
    source = 'data/gazetteer (demo: Quảng Ngãi)';
  }
  let adjacency: LoadedGazetteer['adjacency'];
  const features = boundaries.flatMap((b) => parseBoundaryFile(readFileSync(b.path, 'utf8'), b.label).features);
  if (boundaries.length) {
    adjacency = deriveAdjacency(features).map(([a, b]) => ({ a, b, source: 'boundary' }));
  } else if (!lists.length) {
    const extra = new Set(demo.adjacencyExtra.map((e) => `${e.unit_code}|${e.neighbour_code}`));
    adjacency = demo.adjacency.map(([a, b]) => ({ a, b, source: extra.has(`${a}|${b}`) ? 'declared' : 'boundary' }));
  } else adjacency = [];
  const codes = new Set(units.map((u) => u.unit_code));
  const tileGrid = demo.tileGrid.filter((t) => codes.has(t.unit_code));
  const boundaryRows = features.filter((f) => codes.has(f.code)).map((f) => ({ unit_code: f.code, geometry: JSON.stringify(f.geometry) }));
  return { source, units, adjacency, tileGrid, boundaries: boundaryRows, gazetteer: new Gazetteer(units) };
}

async function writeGazetteer(db: Db, g: LoadedGazetteer): Promise<void> {
  await appendRows(db, 'units_in', ['unit_code', 'name', 'short_name', 'unit_type', 'level', 'parent_code', 'valid_from', 'valid_to', 'is_remote'].map((name) => ({ name, type: 'VARCHAR' as const })),
    g.units.map((u) => [u.unit_code, u.name, u.short_name, u.unit_type, u.level, u.parent_code, u.valid_from, u.valid_to, u.is_remote]));
  await db.run(`INSERT INTO admin_units SELECT unit_code, name, short_name, unit_type, level::TINYINT, parent_code, valid_from::DATE, valid_to::DATE, is_remote::BOOLEAN FROM units_in ORDER BY unit_code`);
  await appendRows(db, 'adj_in', [{ name: 'a', type: 'VARCHAR' }, { name: 'b', type: 'VARCHAR' }, { name: 's', type: 'VARCHAR' }], g.adjacency.map((x) => [x.a, x.b, x.source]));
  await db.run(`INSERT INTO admin_adjacency SELECT DISTINCT a, b, s FROM adj_in ORDER BY a, b`);
  await appendRows(db, 'tiles_in', [{ name: 'u', type: 'VARCHAR' }, { name: 'r', type: 'INTEGER' }, { name: 'c', type: 'INTEGER' }], g.tileGrid.map((t) => [t.unit_code, t.row, t.col]));
  await db.run(`INSERT INTO admin_tile_grid SELECT u, r, c FROM tiles_in ORDER BY u`);
  await appendRows(db, 'bounds_in', [{ name: 'u', type: 'VARCHAR' }, { name: 'g', type: 'VARCHAR' }], g.boundaries.map((b) => [b.unit_code, b.geometry]));
  await db.run(`INSERT INTO admin_boundaries SELECT u, g FROM bounds_in ORDER BY u`);
}

async function writeLoadLog(db: Db, files: BuildResult['files']): Promise<void> {
  const counts = await db.all<{ f: string; s: string | null; loaded: bigint; rejected: bigint }>(`
    WITH l AS (
      SELECT source_file f, source_sheet s, count(*) n FROM petitions GROUP BY ALL
      UNION ALL SELECT source_file, source_sheet, count(DISTINCT source_row) FROM campaign_results GROUP BY ALL
      UNION ALL SELECT source_file, source_sheet, count(*) FROM population GROUP BY ALL
    ), r AS (SELECT source_file f, source_sheet s, count(*) n FROM rejected_rows GROUP BY ALL)
    SELECT coalesce(l.f, r.f) f, coalesce(l.s, r.s) s, coalesce(sum(l.n), 0) loaded, coalesce(max(r.n), 0) rejected
    FROM l FULL JOIN r ON l.f = r.f AND l.s IS NOT DISTINCT FROM r.s GROUP BY ALL`);
  const key = (f: string, s: string | null) => `${f}\u0000${s ?? ''}`;
  const byKey = new Map(counts.map((c) => [key(c.f, c.s), c]));
  const rows: unknown[][] = [];
  for (const f of files) {
    for (const s of f.sheets) {
      const c = byKey.get(key(f.file, s.sheet));
      const skipped = SKIPPED_KINDS.reduce((n, k) => n + s.skipped[k], 0);
      rows.push([
        f.ingestId, f.file, s.sheet, f.type, f.encoding, f.delimiter === '\t' ? 'tab' : f.delimiter, s.dataset,
        s.skippedBecause ? 'skipped' : 'loaded', s.skippedBecause, s.sourceRows, s.dataRows,
        Number(c?.loaded ?? 0), Number(c?.rejected ?? 0), s.skippedBecause ? s.sourceRows : skipped,
        JSON.stringify(s.skipped), s.unmapped.length ? JSON.stringify(s.unmapped) : null,
        s.columns.some((x) => x.legacy) ? JSON.stringify(s.columns.filter((x) => x.legacy).map((x) => ({ column: x.header, encoding: x.legacy }))) : null,
        s.headerRows ? `${s.headerRows.first}-${s.headerRows.last}` : null,
      ]);
    }
  }
  const names = ['ingest_id', 'source_file', 'source_sheet', 'file_type', 'encoding', 'delimiter', 'dataset', 'status', 'note', 'source_rows', 'data_rows', 'loaded_rows', 'rejected_rows', 'skipped_rows', 'skipped_detail', 'unmapped_columns', 'legacy_columns', 'header_rows'];
  const ints = new Set(['source_rows', 'data_rows', 'loaded_rows', 'rejected_rows', 'skipped_rows']);
  await appendRows(db, 'log_in', names.map((name) => ({ name, type: ints.has(name) ? 'INTEGER' as const : 'VARCHAR' as const })), rows);
  await db.run(`INSERT INTO load_log SELECT * FROM log_in ORDER BY source_file, source_sheet NULLS FIRST`);
}

export { SourceReadError };
