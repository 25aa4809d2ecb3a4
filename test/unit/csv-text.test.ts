import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRows, sniffDelimiter } from '../../pipeline/sources/csv-text.ts';

const CSV = path.resolve(process.cwd(), '../shared/fixtures/corpus/csv');

/** The corpus files used here are ASCII/UTF-8; decoding other encodings is decode-text's job. */
function text(name: string): string {
  return fs.readFileSync(path.join(CSV, name), 'utf8');
}

describe('sniffDelimiter on the corpus', () => {
  const obvious: [string, string][] = [
    ['auto__tab.csv', '\t'],
    ['auto__semicolon_quote.csv', ';'],
    ['comments__simple.csv', ';'],
    ['unescaped_quotes__unescaped_quote.csv', ';'],
    ['decimal_separators__decimal_separators.csv', ';'], // "1,1;1.1": commas are decimals here
    ['auto__pipe_delim_quote.csv', '|'],
    ['auto__backslash_escape.csv', '|'],
    ['auto__multi_column_string_r.csv', '|'], // CR-only line ends
    ['auto__multi_column_string_r_n.csv', '|'],
    ['real__web_page.csv', '|'],
    ['real__greek_utf8.csv', '|'],
    ['auto__rfc_conform_quote.csv', ','],
    ['auto__skip_row.csv', ','], // a notes line above the header
    ['auto__duplicate_header_columns.csv', ','],
    ['auto__time_date_timestamp_dd-mm-yyyy.csv', ','],
    ['comma_decimal_null.csv', ','],
    ['inconsistencies__inconsistent_columns_3.csv', ','],
    ['null__multiple_quoted_nulls.csv', ','],
    ['headers__empty_1.csv', ','],
    ['auto__utf8bom.csv', ','],
  ];
  for (const [file, delimiter] of obvious) {
    it(`${file} → ${JSON.stringify(delimiter)}`, () => {
      expect(sniffDelimiter(text(file))).toBe(delimiter);
    });
  }

  it('falls back to a comma for a single-column file', () => {
    expect(sniffDelimiter(text('blank_line.csv'))).toBe(',');
    expect(sniffDelimiter(text('thousands_separator__simple_quoted.csv'))).toBe(','); // "100,000.00" is quoted
  });

  it('ignores title lines without delimiters above a government table', () => {
    const csv = [
      'UBND TỈNH QUẢNG NGÃI',
      'DANH SÁCH ĐƠN THƯ, KIẾN NGHỊ NĂM 2024',
      '',
      'STT;Số hiệu đơn;Ngày nhận;Loại đơn;Huyện;Trạng thái',
      '1;A-01;05/03/2024;Khiếu nại;Bình Sơn;Đã giải quyết',
      '2;A-02;06/03/2024;Kiến nghị, phản ánh;Sơn Tịnh;Đang giải quyết',
    ].join('\r\n');
    expect(sniffDelimiter(csv)).toBe(';');
    const tsv = csv.replace(/;/g, '\t');
    expect(sniffDelimiter(tsv)).toBe('\t');
  });
});

describe('parseCsvRows', () => {
  it('reads quotes, doubled quotes and delimiters inside quotes', () => {
    expect(parseCsvRows(text('auto__rfc_conform_quote.csv'), ',')).toEqual([
      ['123', 'TEST2', 'one space'],
      ['345', 'TEST2', 'trailing_space, '],
      ['567', 'TEST2', 'no"space'],
    ]);
    expect(parseCsvRows(text('auto__semicolon_quote.csv'), ';')[2]).toEqual(['567', 'TEST10', 'te;xt3']);
    expect(parseCsvRows(text('auto__pipe_delim_quote.csv'), '|')[1]).toEqual(['345', 'TEST5', 'text2|']);
  });

  it('keeps newlines inside quoted fields (and CRLF inside them as written)', () => {
    const rows = parseCsvRows(fs.readFileSync(path.resolve(CSV, '../xlsx/expected_sheetjs_excel_csv/crlf_crlf.csv'), 'utf8'), ',');
    expect(rows).toEqual([
      ['Normal', 'abc\ndef'],
      ['Formula', 'abc\r\ndef'],
      ['Test', ''],
    ]);
    const odd = parseCsvRows(text('csv_quoted_newline_odd.csv'), ',');
    expect(odd[0]).toEqual(['content']);
    expect(odd[1][0]).toMatch(/^RT @Truffaut: .*#Concours\n/s);
    expect(odd[1][0]).toContain('\n\nPour jouer :\n');
  });

  it('splits lines on CRLF, LF and CR alike', () => {
    const lf = parseCsvRows('a,b\n1,2\n', ',');
    expect(parseCsvRows('a,b\r\n1,2\r\n', ',')).toEqual(lf);
    expect(parseCsvRows('a,b\r1,2\r', ',')).toEqual(lf);
    expect(lf).toEqual([['a', 'b'], ['1', '2']]);
    const r = parseCsvRows(text('auto__multi_column_string_r.csv'), '|');
    expect(r).toHaveLength(9);
    expect(r[8]).toEqual(['100000000', '15519', '785', 'p9']);
  });

  it('keeps stray quotes literally', () => {
    expect(parseCsvRows('1,5" màn hình,x\n2,ab"c"d,y', ',')).toEqual([
      ['1', '5" màn hình', 'x'],
      ['2', 'ab"c"d', 'y'],
    ]);
    const rows = parseCsvRows(text('unescaped_quotes__unescaped_quote.csv'), ';');
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual(['1', 'pedro "pdet" holanda']);
    expect(rows[2]).toEqual(['3', 'pedro "pdet" ho;landa']);
  });

  it('reads an unterminated quote as plain text instead of swallowing the file', () => {
    expect(parseCsvRows('a,"b\nc,d\n', ',')).toEqual([['a', '"b'], ['c', 'd']]);
  });

  it('drops padding between a closing quote and the delimiter', () => {
    expect(parseCsvRows('"Bình Sơn"  ,12\n', ',')).toEqual([['Bình Sơn', '12']]);
  });

  it('keeps blank lines and empty fields, strips a BOM and stops at maxRows', () => {
    expect(parseCsvRows('\uFEFFid,name\n\n1,\n', ',')).toEqual([['id', 'name'], [''], ['1', '']]);
    expect(parseCsvRows(text('auto__utf8bom.csv'), ',')[0]).toEqual(['id', 'name']);
    expect(parseCsvRows(text('blank_line.csv'), ',', 3)).toEqual([['col'], ['1'], ['2']]);
    expect(parseCsvRows('a,b,', ',')).toEqual([['a', 'b', '']]);
    expect(parseCsvRows('', ',')).toEqual([]);
  });

  it('reads a tab-separated "Unicode text" export with Vietnamese headers', () => {
    const tsv = 'Số hiệu đơn\tNgày nhận\tNội dung\r\nA-01\t05/03/2024\t"Tranh chấp ""đất"" vườn"\r\n';
    expect(parseCsvRows(tsv, '\t')).toEqual([
      ['Số hiệu đơn', 'Ngày nhận', 'Nội dung'],
      ['A-01', '05/03/2024', 'Tranh chấp "đất" vườn'],
    ]);
  });
});
