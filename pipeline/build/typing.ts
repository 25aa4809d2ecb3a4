// Typed values for staged text. Each DISTINCT text of a column is parsed once in JavaScript by the
// same parsers `inspect` uses, the answers go back to DuckDB as a small lookup table, and a join
// types a million rows. A date column of five years has under two thousand distinct texts.
import { appendRows, ident, type Db } from '../db/duckdb.ts';
import type { SourceColumn } from '../schema/columns.ts';
import { parserFor } from '../schema/values.ts';

export type SqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';

export function sqlTypeOf(col: SourceColumn): SqlType | 'DATE' {
  switch (col.type) {
    case 'date': return 'DATE';
    case 'int': return 'INTEGER';
    case 'number': return 'DOUBLE';
    case 'bool': return 'BOOLEAN';
    default: return 'VARCHAR';
  }
}

/**
 * Creates temp table `map_<column>(raw, value, err)` for the distinct values of `table.column`.
 * `err` is the parser's clerk-readable message, NULL when the text parsed.
 */
export async function parseDistinct(db: Db, table: string, col: SourceColumn, mapName = `map_${col.name}`): Promise<string> {
  const distinct = await db.all<{ v: string }>(`SELECT DISTINCT ${ident(col.name)} AS v FROM ${table} WHERE ${ident(col.name)} IS NOT NULL`);
  const parse = parserFor(col);
  const type = sqlTypeOf(col);
  const rows = distinct.map(({ v }) => {
    const r = parse(v);
    if (!r.ok) return [v, null, r.message];
    const value = r.value;
    return [v, value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : value, null];
  });
  // Dates travel as ISO text and are cast in SQL: the appender's date type wants day numbers.
  const carrier = type === 'DATE' ? 'VARCHAR' : type;
  await appendRows(db, mapName, [{ name: 'raw', type: 'VARCHAR' }, { name: 'value', type: carrier }, { name: 'err', type: 'VARCHAR' }], rows);
  if (type === 'DATE') {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(mapName)} AS SELECT raw, value::DATE AS value, err FROM ${ident(mapName)}`);
  }
  return mapName;
}
