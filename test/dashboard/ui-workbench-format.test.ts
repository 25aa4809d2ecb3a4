// How the workbench writes cells (vi-VN numbers and dates, NULL apart), completes names from the
// schema, reads result headers, and that its messages exist in both languages.
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { SchemaResponse } from '../../dashboard/api-contract.ts';
import { allIntegers, formatCell, formatNumberCell, kindOfArrowType } from '../../dashboard/src/lib/workbench/columns.ts';
import { columnItems, quoteIdent, schemaNamespace } from '../../dashboard/src/lib/workbench/completion.ts';
import { WB_MESSAGES, wt } from '../../dashboard/src/lib/workbench/messages.ts';
import { newQueryId, readResultHeaders } from '../../dashboard/src/lib/workbench/sql-client.ts';

describe('formatCell', () => {
  it('writes numbers the Vietnamese way, with up to four decimals and the real minus', () => {
    expect(formatNumberCell(1234567, 'vi', true)).toBe('1.234.567');
    expect(formatNumberCell(1234.5, 'vi')).toBe('1.234,5');
    expect(formatNumberCell(0.82345678, 'vi')).toBe('0,8235');
    expect(formatNumberCell(-3.1, 'vi')).toBe('−3,1');
    expect(formatNumberCell(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumberCell(-0.00001, 'vi')).toBe('−1,000e-5');
    expect(formatNumberCell(-0, 'vi')).toBe('0');
    expect(formatNumberCell(Number.NaN, 'vi')).toBe('NaN');
    expect(formatNumberCell(Number.POSITIVE_INFINITY, 'vi')).toBe('∞');
  });

  it('keeps NULL apart from empty text, zero and false', () => {
    expect(formatCell(null, { kind: 'number' }, 'vi')).toBeNull();
    expect(formatCell(undefined, { kind: 'text' }, 'vi')).toBeNull();
    expect(formatCell('', { kind: 'text' }, 'vi')).toBe('');
    expect(formatCell(0, { kind: 'number' }, 'vi')).toBe('0');
    expect(formatCell(false, { kind: 'bool' }, 'vi')).toBe('sai');
    expect(formatCell(true, { kind: 'bool' }, 'en')).toBe('true');
  });

  it('formats values as they come out of a real Arrow IPC round trip', () => {
    const days = [Date.UTC(2024, 11, 31), null];
    const src = tableFromArrays({ n: Float64Array.from([1234.5, 2]), big: BigInt64Array.from([9007199254740991n, 3n]), s: ['Bình Sơn', 'x'] });
    const t = tableFromIPC(tableToIPC(src));
    const kinds = t.schema.fields.map((f) => kindOfArrowType(f.type as never));
    expect(kinds).toEqual(['number', 'number', 'text']);
    expect(formatCell(t.getChildAt(0)!.get(0), { kind: 'number' }, 'vi')).toBe('1.234,5');
    expect(formatCell(t.getChildAt(1)!.get(0), { kind: 'number', integer: true }, 'vi')).toBe('9.007.199.254.740.991');
    expect(formatCell(t.getChildAt(2)!.get(0), { kind: 'text' }, 'vi')).toBe('Bình Sơn');
    expect(formatCell(days[0], { kind: 'date' }, 'vi')).toBe('31/12/2024');
    expect(formatCell(days[0], { kind: 'date' }, 'en')).toBe('31 Dec 2024');
    expect(formatCell(Date.UTC(2024, 11, 31, 14, 3, 5), { kind: 'timestamp' }, 'vi')).toBe('31/12/2024 14:03:05');
    expect(formatCell({ a: 1n, b: [1, 2] }, { kind: 'other' }, 'vi')).toBe('{"a":1,"b":[1,2]}');
    expect(allIntegers([1, 2, null, 3n])).toBe(true);
    expect(allIntegers([1, 2.5])).toBe(false);
  });
});

const SCHEMA: SchemaResponse = {
  tables: [
    {
      name: 'resolution_stats', description_vi: 'Tỷ lệ giải quyết', description_en: 'Resolution rates', rows: 8400,
      columns: [
        { name: 'unit_code', type: 'VARCHAR', description_vi: 'Mã đơn vị', description_en: 'Unit code' },
        { name: 'resolution_rate', type: 'DOUBLE', description_vi: null, description_en: 'Resolved / caseload' },
      ],
    },
    {
      name: 'hotspot_stats', description_vi: null, description_en: null, rows: null,
      columns: [{ name: 'unit_code', type: 'VARCHAR', description_vi: 'Mã huyện', description_en: null }],
    },
  ],
};

describe('completion from the schema', () => {
  it('offers tables with their description and, after the table name, its columns', () => {
    const ns = schemaNamespace(SCHEMA, 'vi');
    expect(Object.keys(ns)).toEqual(['resolution_stats', 'hotspot_stats']);
    expect(ns.resolution_stats.self).toMatchObject({ label: 'resolution_stats', type: 'type', info: 'Tỷ lệ giải quyết' });
    expect(ns.hotspot_stats.self.info).toBeUndefined();
    expect(ns.resolution_stats.children.map((c) => [c.label, c.detail, c.info])).toEqual([
      ['unit_code', 'VARCHAR', 'Mã đơn vị'], ['resolution_rate', 'DOUBLE', 'Resolved / caseload'],
    ]);
    expect(schemaNamespace(SCHEMA, 'en').resolution_stats.self.info).toBe('Resolution rates');
  });

  it('offers every column name once, naming the tables that have it', () => {
    const items = columnItems(SCHEMA, 'en');
    expect(items.map((i) => [i.label, i.detail])).toEqual([['unit_code', 'resolution_stats, hotspot_stats'], ['resolution_rate', 'resolution_stats']]);
  });

  it('quotes names SQL would not read bare', () => {
    expect(quoteIdent('resolution_stats')).toBe('resolution_stats');
    expect(quoteIdent('Tên cột')).toBe('"Tên cột"');
    expect(quoteIdent('order')).toBe('"order"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});

describe('result headers and query ids', () => {
  it('reads rows, truncation and elapsed time, falling back on odd values', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(readResultHeaders(h({ 'X-Danvan-Rows': '100000', 'X-Danvan-Truncated': '1', 'X-Danvan-Elapsed-Ms': '812' }), 100000, 900))
      .toEqual({ rows: 100000, truncated: true, elapsedMs: 812 });
    expect(readResultHeaders(h({}), 12, 40)).toEqual({ rows: 12, truncated: false, elapsedMs: 40 });
    expect(readResultHeaders(h({ 'X-Danvan-Rows': 'abc', 'X-Danvan-Truncated': '0', 'X-Danvan-Elapsed-Ms': '-5' }), 7, 3)).toEqual({ rows: 7, truncated: false, elapsedMs: 3 });
  });

  it('makes ids the contract accepts, different each time', () => {
    const ids = new Set(Array.from({ length: 100 }, newQueryId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('workbench messages', () => {
  it('has the same keys and placeholders in Vietnamese and English, none empty', () => {
    expect(Object.keys(WB_MESSAGES.en).sort()).toEqual(Object.keys(WB_MESSAGES.vi).sort());
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(WB_MESSAGES.vi) as (keyof typeof WB_MESSAGES.vi)[]) {
      expect(vars(WB_MESSAGES.en[key]), key).toEqual(vars(WB_MESSAGES.vi[key]));
      expect(WB_MESSAGES.vi[key].trim(), key).not.toBe('');
    }
    expect(wt('vi', 'state.cancelled')).toBe('Đã hủy truy vấn.');
    expect(wt('vi', 'result.rows', { rows: '1.234' })).toBe('1.234 dòng');
  });
});
