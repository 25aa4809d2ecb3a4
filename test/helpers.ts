// Shared test helpers: temp folders, a build with test defaults, and table fingerprints.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build, type BuildOptions } from '../pipeline/build/build.ts';
import { openDb } from '../pipeline/db/duckdb.ts';

export const FIXTURES = resolve(process.cwd(), '../shared/fixtures');
export const AS_OF = '2024-12-31';

export function tempDir(prefix = 'danvan-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export function testBuild(dir: string, opts: Partial<BuildOptions> & { sources: string[] }) {
  return build({ db: join(dir, 'out.duckdb'), asOf: AS_OF, secretPath: join(dir, 'secret'), stageDir: join(dir, 'stage'), ...opts });
}

export async function queryAll<T = Record<string, unknown>>(dbPath: string, sql: string): Promise<T[]> {
  const db = await openDb(dbPath, { access_mode: 'READ_ONLY' });
  try {
    return await db.all<T>(sql);
  } finally {
    db.close();
  }
}

/** A fingerprint of a table's full content, order-independent. */
export async function tableDigest(dbPath: string, table: string): Promise<string> {
  const [r] = await queryAll<{ d: string }>(dbPath, `SELECT md5(coalesce(string_agg(t::VARCHAR, '\n' ORDER BY t::VARCHAR), '')) AS d FROM ${table} t`);
  return r.d;
}

export const CANONICAL_TABLES = ['admin_units', 'admin_adjacency', 'population', 'petitions', 'campaigns', 'campaign_results', 'rejected_rows'];
