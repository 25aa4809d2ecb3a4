// File names of downloads from Content-Disposition: RFC 6266/5987 forms, and names that must not
// choose a folder or break a file system.
import { describe, expect, it } from 'vitest';
import { fallbackFilename, filenameFromDisposition } from '../../dashboard/src/lib/workbench/download-name.ts';

const F = 'fallback.csv';

describe('filenameFromDisposition', () => {
  it('reads the contract form and its variants', () => {
    expect(filenameFromDisposition('attachment; filename="danvan-2024-12-31.csv"', F)).toBe('danvan-2024-12-31.csv');
    expect(filenameFromDisposition('attachment; filename=danvan-2024-12-31.xlsx', F)).toBe('danvan-2024-12-31.xlsx');
    expect(filenameFromDisposition('Attachment;FILENAME = "a b.parquet"', F)).toBe('a b.parquet');
    expect(filenameFromDisposition('attachment; filename="with \\"quotes\\".csv"', F)).toBe('with _quotes_.csv');
    expect(filenameFromDisposition('attachment; filename="semi;colon.csv"; size=10', F)).toBe('semi;colon.csv');
  });

  it('prefers the UTF-8 filename* form (Vietnamese names)', () => {
    const h = `attachment; filename="bao-cao.csv"; filename*=UTF-8''${encodeURIComponent('báo cáo Bình Sơn.csv')}`;
    expect(filenameFromDisposition(h, F)).toBe('báo cáo Bình Sơn.csv');
    expect(filenameFromDisposition("attachment; filename*=iso-8859-1'en'%E9t%E9.csv", F)).toBe('été.csv');
    // A broken filename* falls back to filename.
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A; filename=\"ok.csv\"", F)).toBe('ok.csv');
  });

  it('never lets the header choose a folder or an unsafe name', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', F)).toBe('passwd');
    expect(filenameFromDisposition('attachment; filename="C:\\\\Windows\\\\evil.exe"', F)).toBe('evil.exe');
    expect(filenameFromDisposition('attachment; filename="a<b>c|d?.csv"', F)).toBe('a_b_c_d_.csv');
    expect(filenameFromDisposition('attachment; filename=".hidden"', F)).toBe('hidden');
    expect(filenameFromDisposition('attachment; filename="   "', F)).toBe(F);
    expect(filenameFromDisposition('attachment; filename="../"', F)).toBe(F);
  });

  it('falls back when there is no header or no name', () => {
    expect(filenameFromDisposition(null, F)).toBe(F);
    expect(filenameFromDisposition('', F)).toBe(F);
    expect(filenameFromDisposition('attachment', F)).toBe(F);
    expect(filenameFromDisposition('inline; size=3', F)).toBe(F);
  });

  it('names a download without a header after the day and the format', () => {
    expect(fallbackFilename('xlsx', new Date('2024-12-31T10:00:00Z'))).toBe('danvan-2024-12-31.xlsx');
  });
});
