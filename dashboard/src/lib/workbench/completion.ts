// What the SQL editor offers to complete, from /api/schema: table names (with their description
// and row count) and, after "table.", that table's columns; column names on their own too, since
// most queries read one table. Plain objects in CodeMirror's Completion shape, so this module (and
// its test) does not load CodeMirror.
import type { SchemaResponse } from '../../../api-contract.ts';
import type { Lang } from '../i18n.ts';

export interface CompletionItem {
  label: string;
  type: 'type' | 'property';
  detail?: string;
  info?: string;
  boost?: number;
}

export interface TableNamespace {
  self: CompletionItem;
  children: CompletionItem[];
}

type Table = SchemaResponse['tables'][number];
type Column = Table['columns'][number];

const describe = (o: { description_vi: string | null; description_en: string | null }, lang: Lang): string | undefined =>
  (lang === 'vi' ? o.description_vi ?? o.description_en : o.description_en ?? o.description_vi) ?? undefined;

function columnItem(c: Column, lang: Lang): CompletionItem {
  const info = describe(c, lang);
  return { label: c.name, type: 'property', detail: c.type, ...(info ? { info } : {}) };
}

/** Tables with their columns, as lang-sql's `schema` option takes them ({table: {self, children}}). */
export function schemaNamespace(schema: SchemaResponse, lang: Lang): Record<string, TableNamespace> {
  const out: Record<string, TableNamespace> = {};
  for (const t of schema.tables) {
    const info = describe(t, lang);
    out[t.name] = {
      // Tables first: at the start of a word the reader is more often naming a table.
      self: { label: t.name, type: 'type', boost: 1, ...(info ? { info } : {}) },
      children: t.columns.map((c) => columnItem(c, lang)),
    };
  }
  return out;
}

/** Every column name once; the detail lists the tables that have it ("resolution_stats, hotspot_stats"). */
export function columnItems(schema: SchemaResponse, lang: Lang): CompletionItem[] {
  const byName = new Map<string, { first: Column; tables: string[] }>();
  for (const t of schema.tables) {
    for (const c of t.columns) {
      const e = byName.get(c.name);
      if (e) e.tables.push(t.name);
      else byName.set(c.name, { first: c, tables: [t.name] });
    }
  }
  return [...byName.values()].map(({ first, tables }) => {
    const info = describe(first, lang);
    const shown = tables.length > 3 ? `${tables.slice(0, 3).join(', ')} +${tables.length - 3}` : tables.join(', ');
    return { label: first.name, type: 'property' as const, detail: shown, boost: -1, ...(info ? { info } : {}) };
  });
}

/** Whether a name must be quoted to be used in SQL ("Tên cột", select, 2024). */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const RESERVED = new Set(['select', 'from', 'where', 'group', 'order', 'by', 'limit', 'table', 'as', 'and', 'or', 'not', 'null', 'join', 'on', 'union', 'all', 'case', 'when', 'then', 'else', 'end', 'in', 'is', 'having', 'with', 'default', 'user', 'desc', 'asc']);
