// The workbench's query history in localStorage: newest first, distinct, at most 50, survives a
// corrupt store and a full quota.
// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addToHistory, clearHistory, HISTORY_KEY, HISTORY_MAX, historyKey, readHistory, writeHistory, type HistoryEntry, type HistoryStorage,
} from '../../dashboard/src/lib/workbench/history.ts';

const at = (n: number) => new Date(Date.UTC(2024, 11, 31, 8, 0, n)).toISOString();

beforeEach(() => localStorage.clear());

describe('addToHistory', () => {
  it('puts the newest query first and moves a repeated one to the top instead of copying it', () => {
    let h: HistoryEntry[] = [];
    h = addToHistory(h, 'SELECT 1', at(1));
    h = addToHistory(h, 'SELECT 2', at(2));
    h = addToHistory(h, '  SELECT   1\n', at(3));
    expect(h).toEqual([{ sql: 'SELECT   1', at: at(3) }, { sql: 'SELECT 2', at: at(2) }]);
  });

  it('treats queries that differ only in spacing and line ends as the same', () => {
    expect(historyKey('SELECT *\r\n  FROM t')).toBe(historyKey('SELECT * FROM t'));
    const h = addToHistory(addToHistory([], 'SELECT *\r\nFROM t', at(1)), 'SELECT * FROM t', at(2));
    expect(h).toHaveLength(1);
    expect(addToHistory([], 'SELECT *\r\nFROM t', at(1))[0].sql).toBe('SELECT *\nFROM t');
  });

  it('keeps the 50 most recent and ignores blank queries', () => {
    let h: HistoryEntry[] = [];
    for (let i = 0; i < 60; i++) h = addToHistory(h, `SELECT ${i}`, at(i));
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h[0].sql).toBe('SELECT 59');
    expect(h[49].sql).toBe('SELECT 10');
    expect(addToHistory(h, '   \n ', at(99))).toEqual(h);
  });
});

describe('localStorage', () => {
  it('round-trips through the real localStorage and survives a reload of the module state', () => {
    const h = addToHistory(addToHistory([], 'SELECT count(*) FROM petition_counts', at(1)), "SELECT 'Bình Sơn'", at(2));
    writeHistory(localStorage, h);
    expect(JSON.parse(localStorage.getItem(HISTORY_KEY)!)).toHaveLength(2);
    expect(readHistory(localStorage)).toEqual(h);
    clearHistory(localStorage);
    expect(readHistory(localStorage)).toEqual([]);
    expect(localStorage.getItem(HISTORY_KEY)).toBeNull();
  });

  it('reads nothing from a missing, corrupt or foreign store instead of throwing', () => {
    expect(readHistory(localStorage)).toEqual([]);
    expect(readHistory(null)).toEqual([]);
    for (const bad of ['{', 'null', '42', '"x"', '{"sql":"SELECT 1"}']) {
      localStorage.setItem(HISTORY_KEY, bad);
      expect(readHistory(localStorage), bad).toEqual([]);
    }
  });

  it('drops invalid entries and duplicates, and cuts a long stored list to 50', () => {
    const stored = [
      { sql: 'SELECT 1', at: at(1) }, { sql: 42, at: at(2) }, null, { sql: '  ', at: at(3) }, { sql: 'SELECT  1', at: at(4) },
      { at: at(5) }, { sql: 'SELECT 2', at: at(6), extra: true },
      ...Array.from({ length: 80 }, (_v, i) => ({ sql: `SELECT x${i}`, at: at(i) })),
    ];
    localStorage.setItem(HISTORY_KEY, JSON.stringify(stored));
    const h = readHistory(localStorage);
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h.slice(0, 3)).toEqual([{ sql: 'SELECT 1', at: at(1) }, { sql: 'SELECT 2', at: at(6) }, { sql: 'SELECT x0', at: at(0) }]);
  });

  it('gives up the oldest entries when the quota is full, and never throws', () => {
    let stored = '';
    const small: HistoryStorage = {
      getItem: () => stored || null,
      setItem: (_k, v) => {
        if (v.length > 200) throw new DOMException('quota', 'QuotaExceededError');
        stored = v;
      },
      removeItem: () => { stored = ''; },
    };
    let h: HistoryEntry[] = [];
    for (let i = 0; i < 10; i++) h = addToHistory(h, `SELECT ${'x'.repeat(20)} AS c${i}`, at(i));
    const kept = writeHistory(small, h);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(10);
    expect(kept[0]).toEqual(h[0]);
    expect(readHistory(small)).toEqual(kept);

    const broken: HistoryStorage = {
      getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); },
    };
    expect(readHistory(broken)).toEqual([]);
    expect(writeHistory(broken, h)).toEqual([]);
    expect(() => clearHistory(broken)).not.toThrow();
  });
});
