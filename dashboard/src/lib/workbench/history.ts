// The workbench's query history, kept in the browser (localStorage): the last 50 distinct queries,
// newest first. Running a query again moves it to the top instead of adding a copy; two queries
// that differ only in spacing count as the same. What is stored is checked when read back, so a
// corrupt or hand-edited entry never breaks the page.

export const HISTORY_KEY = 'danvan.workbench.history.v1';
export const HISTORY_MAX = 50;

export interface HistoryEntry {
  sql: string;
  /** When it was last run (ISO timestamp). */
  at: string;
}

/** The part of Storage the history needs (localStorage in the browser). */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What makes two queries "the same": whitespace runs collapsed, ends trimmed. */
export function historyKey(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/** The list with `sql` on top (an older copy removed), cut to HISTORY_MAX; blank SQL changes nothing. */
export function addToHistory(list: readonly HistoryEntry[], sql: string, at: string = new Date().toISOString()): HistoryEntry[] {
  const text = sql.replace(/\r\n?/g, '\n').trim();
  if (text === '') return [...list];
  const key = historyKey(text);
  return [{ sql: text, at }, ...list.filter((e) => historyKey(e.sql) !== key)].slice(0, HISTORY_MAX);
}

function isEntry(v: unknown): v is HistoryEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.sql === 'string' && e.sql.trim() !== '' && typeof e.at === 'string';
}

/** The stored history; [] when there is none or it cannot be read. Invalid entries and copies are dropped. */
export function readHistory(storage: HistoryStorage | null | undefined): HistoryEntry[] {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(HISTORY_KEY) ?? null;
  } catch {
    return [];
  }
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: HistoryEntry[] = [];
  const seen = new Set<string>();
  for (const v of parsed) {
    if (!isEntry(v)) continue;
    const key = historyKey(v.sql);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ sql: v.sql, at: v.at });
    if (out.length === HISTORY_MAX) break;
  }
  return out;
}

/**
 * Stores the history. When the browser's quota is full, the oldest entries are given up one by one
 * until it fits; returns what was actually stored.
 */
export function writeHistory(storage: HistoryStorage | null | undefined, list: readonly HistoryEntry[]): HistoryEntry[] {
  if (!storage) return [...list];
  let kept = list.slice(0, HISTORY_MAX);
  for (;;) {
    try {
      storage.setItem(HISTORY_KEY, JSON.stringify(kept));
      return kept;
    } catch {
      if (kept.length === 0) return kept;
      kept = kept.slice(0, -1);
    }
  }
}

export function clearHistory(storage: HistoryStorage | null | undefined): void {
  try {
    storage?.removeItem(HISTORY_KEY);
  } catch {
    // Storage switched off: there is nothing kept to clear.
  }
}
