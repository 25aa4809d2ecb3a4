// What a clerk sees of a rejected row (rejected_rows.raw): its non-personal cells as the source wrote
// them, under the columns' Vietnamese names, as JSON. Built only for rejected rows, from the staged text.
import { lit } from '../db/duckdb.ts';
import { DATASET_COLUMNS, type DatasetName } from '../schema/columns.ts';

export function rawJsonSql(dataset: DatasetName, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  const cells = DATASET_COLUMNS[dataset]
    .filter((c) => !c.dropped && !c.personal)
    .map((c) => `{'k': ${lit(c.vi)}, 'v': ${prefix}"${c.name}"}`);
  return `to_json(map_from_entries(list_filter([${cells.join(', ')}], raw_cell -> raw_cell.v IS NOT NULL)))::VARCHAR`;
}
