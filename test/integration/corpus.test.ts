// Every spreadsheet and CSV written by other programs goes through the whole staging path
// (`danvan inspect`) without a crash: a table, a sheet skipped with its reason, or a clear error.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../pipeline/inspect.ts';
import { SourceReadError } from '../../pipeline/sources/grid.ts';
import { UnsupportedEncodingError } from '../../pipeline/sources/decode-text.ts';
import { FIXTURES } from '../helpers.ts';

const files = ['csv', 'xlsx'].flatMap((d) =>
  readdirSync(join(FIXTURES, 'corpus', d)).filter((f) => /\.(csv|xlsx|ods)$/.test(f) && !f.startsWith('EXPECTED')).map((f) => join(d, f)));

describe('corpus of files from other programs', () => {
  it('has files to read', () => expect(files.length).toBeGreaterThan(40));

  it.each(files)('%s is read or refused clearly', async (file) => {
    try {
      const r = await inspectFile(join(FIXTURES, 'corpus', file));
      expect(r.sheets.length).toBeGreaterThan(0);
      for (const s of r.sheets) {
        // Not a petition/campaign/population table: said in words, never a crash.
        if (!s.dataset) expect(s.skipped_because).toMatch(/Không tìm thấy bảng|hidden/);
        else expect(s.rows.source).toBeGreaterThanOrEqual(s.rows.data);
      }
    } catch (e) {
      expect(e instanceof SourceReadError || e instanceof UnsupportedEncodingError, String(e)).toBe(true);
      expect((e as Error).message).toContain(file.split('/')[1]);
      expect(file).toMatch(/shift_jis/);
    }
  });
});
