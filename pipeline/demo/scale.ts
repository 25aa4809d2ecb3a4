// Benchmark files: N valid petitions in the system-CSV layout, as a CSV or a one-sheet XLSX. Both
// are written in chunks so a million rows never sit in memory.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { excelSerial, yearOf } from './calendar.ts';
import { loadDistricts } from './districts.ts';
import { AS_OF, drawPetition, expectedAnnual, newContext, START, type ModelContext, type Petition } from './model.ts';
import { Rng } from './random.ts';
import { csvLine, SYSTEM_HEADERS, systemRow } from './system-csv.ts';
import { StreamingXlsxWriter, type StreamCell } from './xlsx-stream.ts';

export const DEFAULT_SEED = 2024;
const CHUNK_ROWS = 10_000;
/** An .xlsx sheet holds at most 1,048,576 rows, header included. */
export const XLSX_MAX_ROWS = 1_048_575;

/** Yields N petitions spread over the demo period and the districts by population. */
function* scalePetitions(n: number, seed: number): Generator<{ p: Petition; format: Rng }> {
  const districts = loadDistricts();
  const rng = new Rng(seed, 'scale');
  const ctx: ModelContext = newContext(districts, rng.fork('setup'));
  const draw = rng.fork('petitions');
  const format = rng.fork('format');
  const cumulative: number[] = [];
  let total = 0;
  for (const d of districts) {
    total += expectedAnnual(d, 2022);
    cumulative.push(total);
  }
  const span = AS_OF - START;
  for (let i = 0; i < n; i++) {
    const u = draw.next() * total;
    let k = 0;
    while (cumulative[k] <= u) k++;
    const d = districts[k];
    const received = START + draw.int(0, span);
    const p = drawPetition(draw, ctx, ctx.states.get(d.code)!, received);
    p.id = `SC-${yearOf(received)}-${String(i + 1).padStart(7, '0')}`;
    yield { p, format };
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`Số dòng không hợp lệ: ${n} / invalid row count`);
}

/** N petitions as a UTF-8 (BOM) CSV in the system-export layout, written in chunks. */
export function writeScaleCsv(n: number, file: string, seed = DEFAULT_SEED): void {
  checkCount(n);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '\uFEFF' + csvLine(SYSTEM_HEADERS, ',') + '\n');
    let chunk: string[] = [];
    for (const { p, format } of scalePetitions(n, seed)) {
      chunk.push(csvLine(systemRow(p, format), ','));
      if (chunk.length >= CHUNK_ROWS) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}

const DATE_COLUMNS = new Set([1, 12, 16]);
const NUMBER_COLUMNS = new Set([7, 11, 14]);

/**
 * N petitions as one XLSX sheet (one header row), dates as Excel date cells, numbers as numbers.
 * Streamed to disk (xlsx-stream.ts): SheetJS holds a sheet's XML in one string, which fails past
 * ~600,000 rows.
 */
export function writeScaleXlsx(n: number, file: string, seed = DEFAULT_SEED): void {
  checkCount(n);
  if (n > XLSX_MAX_ROWS) throw new Error(`Một sheet Excel chứa tối đa ${XLSX_MAX_ROWS} dòng dữ liệu / an xlsx sheet holds at most ${XLSX_MAX_ROWS} data rows`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const out = new StreamingXlsxWriter(file, 'Đơn thư', SYSTEM_HEADERS.length, n + 1);
  out.writeRow(SYSTEM_HEADERS);
  for (const { p, format } of scalePetitions(n, seed)) {
    out.writeRow(
      systemRow(p, format).map((v, c): StreamCell => {
        if (v === '') return undefined;
        if (DATE_COLUMNS.has(c)) {
          const [dd, mm, yyyy] = v.split('/').map(Number);
          return { date: excelSerial(Math.floor(Date.UTC(yyyy, mm - 1, dd) / 86_400_000)) };
        }
        if (NUMBER_COLUMNS.has(c)) return Number(v);
        return v;
      }),
    );
  }
  out.close();
}
