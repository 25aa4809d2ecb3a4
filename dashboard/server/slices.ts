// Uncached dashboard requests answered from memory instead of DuckDB.
//
// The metric tables the data endpoints read are small (at 10M petitions the largest, petition_counts,
// has 186k rows) while a DuckDB query costs 7–17 ms and the server has four connections on two
// cores, so twenty new requests at once used to queue for hundreds of milliseconds. Here each
// endpoint's table is read once per database generation — with the endpoint's own SQL minus the
// range and unit filters — into typed column arrays, ordered by the columns that pick a partition
// (grain, kind group, …) and then by the endpoint's ORDER BY. A request finds its partition,
// binary-searches its date range where the rows are sorted by it, filters units (and kinds,
// campaigns) in JS and writes only those rows as Arrow. Keeping the SQL's order and types means the
// answer is the SQL's answer (test/dashboard/api-slices.test.ts compares them).
//
// Memory is bounded: tables are evicted least recently used above `maxBytes`, and a table that
// alone exceeds it is not kept — its endpoint then runs SQL as before. A swap to a new build drops
// everything (SliceStore.current).
import type { EndpointName } from '../api-contract.ts';
import { typedColumn, typedColumnBytes, typedRowsToArrow, type TypedColumn } from './arrow.ts';
import type { Generation } from './db.ts';

export const BREAKDOWN_DIMENSIONS = ['kind', 'topic', 'channel', 'status'] as const;
type By = (typeof BREAKDOWN_DIMENSIONS)[number];

/** The breakdown's SQL; `filtered` false gives the whole table (all months, units and kinds). */
export function breakdownSql(by: By, filtered: boolean): string {
  const dims = by === 'kind' ? 'kind' : `kind, ${by}`;
  const where = filtered
    ? `WHERE month BETWEEN date_trunc('month', $1::DATE) AND $2::DATE
      AND kind IN (SELECT kind FROM kind_groups WHERE kind_group = $3) AND ($4::VARCHAR[] IS NULL OR list_contains($4::VARCHAR[], unit_code))`
    : '';
  return `SELECT unit_code, month, ${dims},
      sum(received)::BIGINT AS received, sum(in_jurisdiction)::BIGINT AS in_jurisdiction, sum(crowd)::BIGINT AS crowd,
      sum("repeat")::BIGINT AS "repeat", sum(over_level)::BIGINT AS over_level
    FROM petition_counts
    ${where}
    GROUP BY ALL
    ORDER BY month, unit_code, ${by === 'kind' ? 'kind' : `${by} NULLS LAST, kind`}`;
}

interface DatasetSpec {
  /** Every row, ordered by `partition` and then exactly as the endpoint's SQL orders its result. */
  sql: string;
  partition: readonly string[];
  /** A DATE column requests ask a range of; binary-searched in partitions sorted by it. */
  range?: string;
}

// Each ORDER BY below is the endpoint's (routes.ts SQL) preceded by the partition columns. Within a
// partition the endpoint's order is total (its keys are unique there), so any subset of a partition
// keeps the order the endpoint's own query would give it.
const SPECS = {
  resolution: { sql: 'SELECT * FROM resolution_stats ORDER BY grain, kind_group, period_start, unit_level DESC, unit_code', partition: ['grain', 'kind_group'], range: 'period_end' },
  survival: { sql: 'SELECT * FROM resolution_survival ORDER BY year, kind_group, unit_code, day', partition: ['year', 'kind_group'] },
  // A period is asked by a date inside it, so it is no sortable range; period_start breaks ties
  // should two periods of one grain ever overlap.
  overdue: { sql: 'SELECT * FROM overdue_age ORDER BY grain, kind_group, unit_code, ord, period_start', partition: ['grain', 'kind_group'] },
  hotspots: { sql: 'SELECT * FROM hotspot_stats ORDER BY grain, period_start, rank, unit_code', partition: ['grain'], range: 'period_end' },
  campaigns: { sql: 'SELECT * FROM campaign_stats ORDER BY campaign_id, period_start, unit_level DESC, unit_code', partition: [] },
  'breakdown:kind': { sql: breakdownSql('kind', false), partition: [], range: 'month' },
  'breakdown:topic': { sql: breakdownSql('topic', false), partition: [], range: 'month' },
  'breakdown:channel': { sql: breakdownSql('channel', false), partition: [], range: 'month' },
  'breakdown:status': { sql: breakdownSql('status', false), partition: [], range: 'month' },
} satisfies Record<string, DatasetSpec>;

export type DatasetName = keyof typeof SPECS;
/** Warm-up order: what the overview asks first, then the rest. */
export const DATASET_NAMES = Object.keys(SPECS) as DatasetName[];

const KIND_GROUPS_SQL = 'SELECT kind_group, kind FROM kind_groups';

interface Part {
  lo: number;
  hi: number;
  /** The range column is non-decreasing and never NULL over [lo, hi). */
  sorted: boolean;
}

const NULL_KEY = '\u0001';
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (the params are validated YYYY-MM-DD). */
export const isoDays = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY_MS;

/** One table in memory. */
export class Dataset {
  readonly columns: readonly TypedColumn[];
  readonly bytes: number;
  private readonly byName: Map<string, TypedColumn>;
  private readonly parts = new Map<string, Part>();
  private readonly range: (TypedColumn & { kind: 'date' }) | null;

  constructor(columns: readonly TypedColumn[], readonly rowCount: number, spec: DatasetSpec, readonly kindGroups: ReadonlyMap<string, ReadonlySet<string>>) {
    this.columns = columns;
    this.byName = new Map(columns.map((c) => [c.name, c]));
    const range = spec.range ? this.byName.get(spec.range) : undefined;
    if (spec.range && range?.kind !== 'date') throw new Error(`slices: ${spec.range} is not a DATE column`);
    this.range = (range as TypedColumn & { kind: 'date' }) ?? null;
    const keyCols = spec.partition.map((name) => {
      const c = this.byName.get(name);
      if (!c) throw new Error(`slices: no column ${name}`);
      return c;
    });
    let start = 0;
    let prev = '';
    for (let i = 0; i <= rowCount; i++) {
      const key = i < rowCount ? keyCols.map((c) => keyPart(c, i)).join('\u0000') : null;
      if (i > 0 && key !== prev) this.addPart(prev, start, i);
      if (key !== prev) start = i;
      if (key !== null) prev = key;
    }
    this.bytes = columns.reduce((s, c) => s + typedColumnBytes(c), 0) + this.parts.size * 64;
  }

  private addPart(key: string, lo: number, hi: number): void {
    let sorted = this.range !== null;
    if (this.range) {
      const { values, valid } = this.range;
      for (let i = lo; i < hi && sorted; i++) sorted = (!valid || valid[i] === 1) && (i === lo || values[i] >= values[i - 1]);
    }
    this.parts.set(key, { lo, hi, sorted });
  }

  column(name: string): TypedColumn {
    const c = this.byName.get(name);
    if (!c) throw new Error(`slices: no column ${name}`);
    return c;
  }

  /**
   * Rows of one partition (values of the partition columns, as the request names them) whose range
   * column lies in [from, to] (days; both or neither), kept by `keep`, in the endpoint's order.
   */
  select(partition: readonly (string | number)[], from: number | null, to: number | null, keep: ((i: number) => boolean) | null): Int32Array {
    const part = this.parts.get(partition.map(String).join('\u0000'));
    if (!part) return new Int32Array(0);
    let { lo, hi } = part;
    let inRange: ((i: number) => boolean) | null = null;
    if (from !== null && to !== null && this.range) {
      const { values, valid } = this.range;
      if (part.sorted) {
        lo = lowerBound(values, lo, hi, from);
        hi = lowerBound(values, lo, hi, to + 1);
      } else {
        inRange = (i) => (!valid || valid[i] === 1) && values[i] >= from && values[i] <= to;
      }
    }
    const out = new Int32Array(Math.max(0, hi - lo));
    let n = 0;
    for (let i = lo; i < hi; i++) {
      if ((inRange === null || inRange(i)) && (keep === null || keep(i))) out[n++] = i;
    }
    return n === out.length ? out : out.subarray(0, n);
  }

  /** A predicate true for rows whose string column `name` is one of `values` (never for NULL). */
  oneOf(name: string, values: Iterable<string>): (i: number) => boolean {
    const c = this.column(name);
    if (c.kind !== 'utf8') throw new Error(`slices: ${name} is not a text column`);
    const wanted = new Set(values);
    const mask = new Uint8Array(c.dict.strings.length);
    c.dict.strings.forEach((s, k) => (mask[k] = wanted.has(s) ? 1 : 0));
    const codes = c.codes;
    return (i) => codes[i] >= 0 && mask[codes[i]] === 1;
  }

  toArrow(rows: Int32Array): Uint8Array {
    return typedRowsToArrow(this.columns, rows);
  }
}

function keyPart(c: TypedColumn, i: number): string {
  if (c.kind === 'utf8') return c.codes[i] < 0 ? NULL_KEY : c.dict.strings[c.codes[i]];
  if (c.valid && !c.valid[i]) return NULL_KEY;
  return String(c.values[i]);
}

/** First index in [lo, hi) whose value is >= x (values sorted there). */
function lowerBound(values: Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function loadDataset(g: Generation, name: DatasetName): Promise<Dataset> {
  const spec: DatasetSpec = SPECS[name];
  const reader = await g.query(spec.sql);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const values = reader.getColumns();
  const columns = names.map((n, i) => typedColumn(n, types[i], values[i] ?? []));
  const kindGroups = new Map<string, Set<string>>();
  if (name.startsWith('breakdown:')) {
    for (const [group, kind] of (await g.query(KIND_GROUPS_SQL)).getRows()) {
      if (group === null || kind === null) continue;
      const set = kindGroups.get(String(group)) ?? new Set<string>();
      set.add(String(kind));
      kindGroups.set(String(group), set);
    }
  }
  return new Dataset(columns, reader.currentRowCount, spec, kindGroups);
}

// ---------------------------------------------------------------------------------------------
// Per-endpoint answers

type P = Record<string, unknown>;
type Answer = { dataset: DatasetName; rows: (d: Dataset) => Int32Array };

const unitsOf = (d: Dataset, p: P): ((i: number) => boolean) | null =>
  Array.isArray(p.unit) && p.unit.length ? d.oneOf('unit_code', p.unit as string[]) : null;

const both = (a: ((i: number) => boolean) | null, b: ((i: number) => boolean) | null) =>
  a && b ? (i: number) => a(i) && b(i) : a ?? b;

/** First day of the month of an ISO date, in days (date_trunc('month', …)). */
const monthStart = (s: string) => isoDays(`${s.slice(0, 7)}-01`);

/** The dataset and rows that answer a request, or null for endpoints answered by SQL. */
function answerFor(name: EndpointName, p: P): Answer | null {
  switch (name) {
    case 'resolution':
      return { dataset: 'resolution', rows: (d) => d.select([p.grain as string, p.kind_group as string], isoDays(p.from as string), isoDays(p.to as string), unitsOf(d, p)) };
    case 'hotspots':
      return { dataset: 'hotspots', rows: (d) => d.select([p.grain as string], isoDays(p.from as string), isoDays(p.to as string), unitsOf(d, p)) };
    case 'survival':
      return { dataset: 'survival', rows: (d) => d.select([p.year as number, p.kind_group as string], null, null, unitsOf(d, p)) };
    case 'overdue':
      return {
        dataset: 'overdue',
        rows: (d) => {
          const day = isoDays(p.period as string);
          const start = d.column('period_start');
          const end = d.column('period_end');
          if (start.kind !== 'date' || end.kind !== 'date') throw new Error('slices: overdue_age periods are not dates');
          const ok = (c: typeof start, i: number) => !c.valid || c.valid[i] === 1;
          const inPeriod = (i: number) => ok(start, i) && ok(end, i) && start.values[i] <= day && day <= end.values[i];
          return d.select([p.grain as string, p.kind_group as string], null, null, both(inPeriod, unitsOf(d, p)));
        },
      };
    case 'campaigns':
      return {
        dataset: 'campaigns',
        rows: (d) => d.select([], null, null, both(typeof p.campaign === 'string' ? d.oneOf('campaign_id', [p.campaign]) : null, unitsOf(d, p))),
      };
    case 'breakdown':
      return {
        dataset: `breakdown:${p.by as By}`,
        rows: (d) => {
          const kinds = d.oneOf('kind', d.kindGroups.get(p.kind_group as string) ?? []);
          return d.select([], monthStart(p.from as string), isoDays(p.to as string), both(kinds, unitsOf(d, p)));
        },
      };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The store

/** Bytes held by every SliceStore of this process (the benchmark prints it beside the RSS). */
export const sliceMemory = { bytes: 0 };

export interface SliceStoreOptions {
  /** Bytes of tables kept at most (default 256 MiB). */
  maxBytes?: number;
}

/** Tables in memory for one generation at a time; a newer generation empties it. */
export class SliceStore {
  private generation = 0;
  private readonly loading = new Map<DatasetName, Promise<Dataset | null>>();
  /** Loaded tables, least recently used first; null marks a table too large to keep. */
  private readonly loaded = new Map<DatasetName, Dataset | null>();
  private held = 0;
  private readonly maxBytes: number;

  constructor(opts: SliceStoreOptions = {}) {
    this.maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
  }

  /** Moves to generation `id` when newer (dropping every table); false for an older generation. */
  current(id: number): boolean {
    if (id > this.generation) {
      this.generation = id;
      this.loading.clear();
      this.loaded.clear();
      this.setHeld(0);
    }
    return id === this.generation;
  }

  get bytes(): number {
    return this.held;
  }

  get tables(): number {
    return [...this.loaded.values()].filter(Boolean).length;
  }

  /** Whether `name` is answered from memory (false: the endpoint runs its SQL). */
  serves(name: EndpointName): boolean {
    return answerFor(name, {}) !== null;
  }

  /**
   * The Arrow answer of a data endpoint from memory, or null when it must run SQL: an endpoint not
   * held here, a request still on an older generation, or a table too large to keep.
   */
  async answer(g: Generation, name: EndpointName, params: P): Promise<Uint8Array | null> {
    const a = answerFor(name, params);
    if (!a || !this.current(g.id)) return null;
    const d = await this.dataset(g, a.dataset);
    if (!d) return null;
    return d.toArrow(a.rows(d));
  }

  /** A table of generation `g`, read on first use; null when too large (or `g` is not current). */
  async dataset(g: Generation, name: DatasetName): Promise<Dataset | null> {
    if (!this.current(g.id)) return null;
    if (this.loaded.has(name)) {
      const d = this.loaded.get(name)!;
      this.loaded.delete(name);
      this.loaded.set(name, d);
      return d;
    }
    let pending = this.loading.get(name);
    if (!pending) {
      const id = g.id;
      pending = loadDataset(g, name).then((d) => {
        if (this.generation !== id) return d;
        this.loading.delete(name);
        if (d.bytes > this.maxBytes) {
          this.loaded.set(name, null);
          return null;
        }
        this.loaded.set(name, d);
        this.setHeld(this.held + d.bytes);
        for (const [k, v] of this.loaded) {
          if (this.held <= this.maxBytes) break;
          if (!v || k === name) continue;
          this.loaded.delete(k);
          this.setHeld(this.held - v.bytes);
        }
        return d;
      }, (e: unknown) => {
        if (this.generation === id) this.loading.delete(name);
        throw e;
      });
      this.loading.set(name, pending);
    }
    return pending;
  }

  private setHeld(bytes: number): void {
    sliceMemory.bytes += bytes - this.held;
    this.held = bytes;
  }
}
