import { describe, expect, it } from 'vitest';
import { openDb } from '../../pipeline/db/duckdb.ts';
import { RowSpool } from '../../pipeline/db/row-spool.ts';

/** Spools `rows` into a real DuckDB and reads them back in order. */
async function roundTrip(rows: (string | number | null)[][], width: number) {
  const db = await openDb(':memory:');
  try {
    const columns = [{ name: 'n', type: 'INTEGER' as const }, ...Array.from({ length: width }, (_, i) => ({ name: `c${i}`, type: 'VARCHAR' as const }))];
    const spool = new RowSpool(columns);
    rows.forEach((row, n) => spool.row([n, ...row]));
    await spool.load(db, 'back');
    const back = await db.all<Record<string, unknown>>('SELECT * FROM back ORDER BY n');
    return back.map((r) => Array.from({ length: width }, (_, i) => r[`c${i}`] as string | null));
  } finally {
    db.close();
  }
}

describe('RowSpool', () => {
  it('brings every text back exactly: quotes, delimiters, line breaks, spaces, empty text and NULL', async () => {
    const rows: (string | null)[][] = [
      ['Nguyễn Văn A', 'Bồi thường, hỗ trợ, tái định cư', '  lề hai bên  '],
      ['có "ngoặc kép"', '""', 'dòng 1\ndòng 2\r\ndòng 3\rhết'],
      ['', null, ' '],
      ['=HYPERLINK("x")', ';\t|', '𠀀 chữ Nôm ngoài BMP'],
      [null, null, null],
    ];
    const back = await roundTrip(rows, 3);
    // An empty text is stored as "" and comes back as one; a missing cell is NULL.
    expect(back).toEqual(rows);
  });

  it('writes numbers as text and keeps row order across many buffer flushes, with a cell longer than the buffer', async () => {
    const long = 'ệ'.repeat(1_500_000); // 4.5 MB in UTF-8, more than the 4 MB buffer
    const rows: (string | number | null)[][] = Array.from({ length: 50_000 }, (_, i) => [`mã-${i}`, i % 7 === 0 ? null : i * 1.5]);
    rows[25_000] = [long, 'sau ô dài'];
    const back = await roundTrip(rows, 2);
    expect(back.length).toBe(50_000);
    expect(back[1]).toEqual(['mã-1', '1.5']);
    expect(back[7]).toEqual(['mã-7', null]);
    expect(back[25_000][0]?.length).toBe(long.length);
    expect(back[25_000][1]).toBe('sau ô dài');
    expect(back[49_999]).toEqual(['mã-49999', String(49_999 * 1.5)]);
  });

  it('leaves no file behind when discarded', async () => {
    const spool = new RowSpool([{ name: 'a', type: 'VARCHAR' }]);
    spool.row(['x']);
    const dir = (spool as unknown as { dir: string }).dir;
    spool.discard();
    const { existsSync } = await import('node:fs');
    expect(existsSync(dir)).toBe(false);
  });
});
