import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, lit } from '../../pipeline/db/duckdb.ts';
import { hmacJs, hmacSql, loadOrCreateSecret, NFC_STABLE_RANGES, petitionerMessage, petitionerMessageSql } from '../../pipeline/privacy/petitioner-key.ts';
import { tempDir } from '../helpers.ts';

describe('petitioner key', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('creates a secret once and reuses it', () => {
    const a = loadOrCreateSecret(join(dir, 'sub', 'secret'));
    const b = loadOrCreateSecret(join(dir, 'sub', 'secret'));
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(32);
  });

  it('computes in SQL exactly the HMAC-SHA-256 Node computes', async () => {
    const secret = loadOrCreateSecret(join(dir, 'secret'));
    const db = await openDb();
    try {
      const cases: [string | null, string | null][] = [
        ['Nguyễn Văn Hùng', '051088001234'], ['  NGUYỄN   VĂN HÙNG ', '051-088-001-234'],
        ['Nguye\u0302\u0303n Va\u0306n Hu\u0300ng', '051088001234'], ['Trần Thị Mai', null], [null, '051190004321'], [null, null],
        ['Lê\tVăn\nAn', '0511 9000 4321'], ['Phạm  Thị Lan', ''], ['Ho\u0300ng A\u0300nh', '0'], ['Đặng\u00a0Văn Tú', '051x'],
        ['\u212bngström', null], ['Hoàng Ａnh', '０５１'], ['Trịnh Văn Bình', '051088001234'],
      ];
      for (const [name, id] of cases) {
        const [row] = await db.all<{ k: string | null }>(`SELECT ${hmacSql(secret, petitionerMessageSql(lit(name), lit(id)))} AS k`);
        const msg = petitionerMessage(name, id);
        expect(row.k).toBe(msg === null ? null : hmacJs(secret, msg));
      }
      // Case, spacing, NFD and punctuation in the ID do not split one person into two.
      const keys = await db.all<{ k: string }>(`SELECT DISTINCT ${hmacSql(secret, petitionerMessageSql('n', 'i'))} AS k FROM (VALUES
        ('Nguyễn Văn Hùng', '051088001234'), ('  NGUYỄN   VĂN HÙNG ', '051-088-001-234'), ('Nguye\u0302\u0303n Va\u0306n Hu\u0300ng', '051088001234')) t(n, i)`);
      expect(keys.length).toBe(1);
    } finally {
      db.close();
    }
  });

  it('skips normalising only text that normalising would not change', () => {
    // Every code point of the fast path is its own NFC and never composes with a neighbour
    // (no combining class, no canonical decomposition that differs): so is any string of them.
    const letters = NFC_STABLE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));
    for (const ch of letters) {
      expect(ch.normalize('NFC')).toBe(ch);
      expect(('a' + ch).normalize('NFC')).toBe('a' + ch);
      expect((ch + 'a').normalize('NFC')).toBe(ch + 'a');
    }
    // Combining marks outside the ranges do change: they take the slow path.
    expect('e\u0302'.normalize('NFC')).not.toBe('e\u0302');
  });
});
