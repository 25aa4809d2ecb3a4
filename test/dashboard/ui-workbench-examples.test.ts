// Every example query of the workbench runs against the demo database through the real server
// and the workbench's own client (POST /api/sql, Arrow back), returns rows, and reads only metric
// tables the schema lists (never `petitions`). Also the client's other calls against that server:
// schema, export with its file name, a refused query's code, cancelling a running query.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { WORKBENCH_EXAMPLES, exampleTitle } from '../../dashboard/src/lib/workbench/examples.ts';
import { defaultChart } from '../../dashboard/src/lib/workbench/chart-choice.ts';
import { kindOfArrowType } from '../../dashboard/src/lib/workbench/columns.ts';
import { cancelQuery, exportQuery, fetchSchema, newQueryId, runQuery, SqlRequestError } from '../../dashboard/src/lib/workbench/sql-client.ts';
import { tempDir, testBuild } from '../helpers.ts';

/** Table names after FROM or JOIN (the examples use plain names; CTEs are not used). */
function tablesOf(sql: string): string[] {
  const noComments = sql.replace(/--[^\n]*/g, '');
  return [...noComments.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1].toLowerCase());
}

describe('workbench examples and client on the demo database', () => {
  const { dir, cleanup } = tempDir('danvan-wb-');
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    const { db } = await testBuild(dir, { sources: ['data/demo'] });
    server = await createServer({ db, port: 0, host: '127.0.0.1', distDir: join(dir, 'no-dist'), log: () => {} });
    base = server.url;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  it('has distinct ids and titles in both languages', () => {
    expect(WORKBENCH_EXAMPLES.length).toBeGreaterThanOrEqual(5);
    expect(new Set(WORKBENCH_EXAMPLES.map((e) => e.id)).size).toBe(WORKBENCH_EXAMPLES.length);
    for (const e of WORKBENCH_EXAMPLES) {
      expect(e.id).toMatch(/^[a-z0-9_]+$/);
      expect(exampleTitle(e, 'vi')).not.toBe(exampleTitle(e, 'en'));
      expect(e.sql).toBe(e.sql.trim());
    }
  });

  it('reads only tables the schema lists, never the petitions table', async () => {
    const schema = await fetchSchema({ base });
    const known = new Set(schema.tables.map((t) => t.name));
    for (const name of ['resolution_stats', 'hotspot_stats', 'overdue_age', 'campaign_stats', 'petition_counts', 'admin_units']) expect(known.has(name), name).toBe(true);
    for (const e of WORKBENCH_EXAMPLES) {
      const tables = tablesOf(e.sql);
      expect(tables.length, e.id).toBeGreaterThan(0);
      for (const t of tables) {
        expect(known.has(t), `${e.id}: ${t}`).toBe(true);
        expect(t, e.id).not.toBe('petitions');
      }
    }
  });

  for (const e of WORKBENCH_EXAMPLES) {
    it(`example “${e.id}” runs and returns rows a quick chart can draw`, async () => {
      const r = await runQuery(e.sql, newQueryId(), { base });
      expect(r.rows, e.id).toBeGreaterThan(0);
      expect(r.table.numRows).toBe(r.rows);
      expect(r.truncated).toBe(false);
      expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
      const columns = r.table.schema.fields.map((f) => ({ name: f.name, kind: kindOfArrowType(f.type as never) }));
      expect(defaultChart(columns), e.id).not.toBeNull();
    }, 30_000);
  }

  it('the example by district lists the 13 districts with Vietnamese names', async () => {
    const e = WORKBENCH_EXAMPLES.find((x) => x.id === 'resolution_by_district')!;
    const r = await runQuery(e.sql, newQueryId(), { base });
    const names = r.table.getChild('district')!.toArray() as string[];
    expect(names).toHaveLength(13);
    expect(names).toContain('Huyện Bình Sơn');
  });

  it('exports with the server\'s file name and reports a refused query with its code', async () => {
    const csv = await exportQuery("SELECT name FROM admin_units WHERE unit_code = '524'", 'csv', { base });
    expect(csv.filename).toMatch(/^danvan-[\w-]+\.csv$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.blob.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Huyện Bình Sơn');

    const refused = await runQuery("SELECT * FROM read_csv('/etc/passwd')", newQueryId(), { base }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SqlRequestError);
    const err = refused as SqlRequestError;
    expect(err.code).toBe('refused');
    expect(err.status).toBe(400);
    expect(err.text('vi')).not.toBe(err.text('en'));
    expect(await cancelQuery('no-such-query', { base })).toBe(false);
  });

  it('cancels a running query: the request ends as cancelled and the server stays usable', async () => {
    const id = newQueryId();
    const running = runQuery('SELECT count(*) FROM range(10000000000)', id, { base }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 400));
    expect(await cancelQuery(id, { base })).toBe(true);
    const out = await running;
    expect(out).toBeInstanceOf(SqlRequestError);
    expect((out as SqlRequestError).code).toBe('cancelled');
    const next = await runQuery('SELECT 1 AS x', newQueryId(), { base });
    expect(next.rows).toBe(1);
  }, 30_000);
});
