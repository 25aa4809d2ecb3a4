// Preparing CSV files for DuckDB: blank lines kept as records, big files streamed, encodings converted.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlankLineFiller, fillBlankLines, prepareCsv } from '../../pipeline/sources/csv-file.ts';
import { encodeWindows1258 } from '../../pipeline/sources/decode-text.ts';
import { sniffDelimiter } from '../../pipeline/sources/csv-text.ts';
import { tempDir } from '../helpers.ts';

describe('blank lines', () => {
  it('fills blank lines outside quotes, for LF and CRLF', () => {
    expect(fillBlankLines('a,b\n\nc,d\n', ',')).toBe('a,b\n,\nc,d\n');
    expect(fillBlankLines('a;b\r\n\r\nc;d\r\n', ';')).toBe('a;b\r\n;\r\nc;d\r\n');
    expect(fillBlankLines('\na,b\n', ',')).toBe(',\na,b\n');
    expect(fillBlankLines('a,"x\n\ny"\n\nb\n', ',')).toBe('a,"x\n\ny"\n,\nb\n');
  });

  it('gives the same result fed in pieces', () => {
    const text = 'h1,h2\n\n"q\n\n",1\r\n\r\nx,2\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const f = new BlankLineFiller(',');
      expect(f.push(text.slice(0, cut)) + f.push(text.slice(cut))).toBe(fillBlankLines(text, ','));
    }
  });
});

describe('prepareCsv', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('streams a large Windows-1258 file to UTF-8 NFC with its blank lines kept', async () => {
    const line = 'Mã hồ sơ;Huyện;Trạng thái\n';
    const body = Array.from({ length: 300_000 }, (_, i) => `A-${i};Huyện Bình Sơn;Đã giải quyết\n${i % 1000 === 0 ? '\n' : ''}`).join('');
    const path = join(dir, 'big-1258.csv');
    writeFileSync(path, encodeWindows1258(line + body));
    const p = await prepareCsv(path, 'big-1258.csv', sniffDelimiter);
    try {
      expect(p.encoding).toBe('windows-1258');
      expect(p.delimiter).toBe(';');
      expect(p.path).not.toBe(path);
      const out = readFileSync(p.path, 'utf8');
      expect(out.startsWith('Mã hồ sơ;Huyện;Trạng thái\nA-0;Huyện Bình Sơn;Đã giải quyết\n;\n')).toBe(true);
      expect(out).toBe(out.normalize('NFC'));
      expect(out.split('\n').length).toBe((line + body).split('\n').length);
    } finally {
      p.cleanup();
    }
  });

  it('hands a large clean UTF-8 file to DuckDB as it is', async () => {
    const path = join(dir, 'big-utf8.csv');
    writeFileSync(path, 'Số đơn,Huyện\n' + 'X-1,Huyện Bình Sơn\n'.repeat(4_000_000));
    const p = await prepareCsv(path, 'big-utf8.csv', sniffDelimiter);
    expect(p.path).toBe(path);
    expect(p.encoding).toBe('utf-8');
    p.cleanup();
  });
});
