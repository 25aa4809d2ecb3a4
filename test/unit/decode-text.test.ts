import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  encodeWindows1258,
  UnsupportedEncodingError,
  type TextEncoding,
} from '../../pipeline/sources/decode-text.ts';
import { convertLegacyColumn, encodeTcvn3, encodeVni } from '../../pipeline/text/legacy-vietnamese.ts';

const CSV_DIR = path.resolve(process.cwd(), '../shared/fixtures/corpus/csv');
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(CSV_DIR, name)));

const VIETNAMESE_CSV = [
  'Họ và tên,Địa chỉ,Loại đơn,Nội dung,Kết quả',
  'Nguyễn Văn Ánh,"Huyện Bình Sơn, Quảng Ngãi",Khiếu nại,Bồi thường đất đai,Đang giải quyết',
  'Trần Thị Thuỷ,Thị xã Đức Phổ,Tố cáo,Ủy ban nhân dân xã chưa trả lời,Đã giải quyết',
  'Lê Văn Hoà,Huyện Tư Nghĩa,"Kiến nghị, phản ánh",Môi trường,Rút đơn',
  'Phạm Thị Ngọc,Thành phố Quảng Ngãi,Kiến nghị,Hỗ trợ tái định cư,Lưu đơn',
  '',
].join('\r\n');

describe('decodeText on the CSV corpus', () => {
  const files = fs.readdirSync(CSV_DIR).filter((f) => f.endsWith('.csv'));

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s decodes to NFC text, or is refused only when Shift-JIS', (file) => {
    const bytes = read(file);
    if (file === 'encodings__shift_jis.csv') {
      expect(() => decodeText(bytes, file)).toThrow(UnsupportedEncodingError);
      return;
    }
    const { text, encoding } = decodeText(bytes, file);
    expect(text).toBe(text.normalize('NFC'));
    expect(text).not.toContain('\ufffd');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252']).toContain(encoding);
  });

  it.each<[string, TextEncoding, string]>([
    ['auto__utf8bom.csv', 'utf-8-bom', 'id,name\r\n1,Mark'],
    ['encodings__utf16.csv', 'utf-16le', 'name,age\r\nJosé Álvarez,30\r\nMüller,25'],
    ['encodings__latin1.csv', 'windows-1252', 'name,age\r\nJosé Álvarez,30\r\nMüller,25'],
    ['real__greek_utf8.csv', 'utf-8', '1689|'],
  ])('%s is %s', (file, expected, start) => {
    const { text, encoding } = decodeText(read(file), file);
    expect(encoding).toBe(expected);
    expect(text.startsWith(start)).toBe(true);
  });

  it('reads the Latin-1 file as the same names as its UTF-16 twin', () => {
    const latin1 = decodeText(read('encodings__latin1.csv'), 'latin1').text;
    const utf16 = decodeText(read('encodings__utf16.csv'), 'utf16').text;
    expect(latin1).toContain('Søren Kierkegaard');
    expect(latin1).toContain('André Lefèvre');
    expect(utf16.startsWith(latin1)).toBe(true);
  });

  it('returns NFC for decomposed UTF-8 (the Greek file has "arde\\u0300ch")', () => {
    const { text } = decodeText(read('real__greek_utf8.csv'), 'greek');
    expect(text).toContain('21π');
    expect(text).toContain('ardèch');
    expect(text).not.toContain('e\u0300');
  });

  it('refuses Shift-JIS with a message naming the file, Vietnamese first', () => {
    let error: unknown;
    try {
      decodeText(read('encodings__shift_jis.csv'), 'nhan-su.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedEncodingError);
    expect(error).toBeInstanceOf(Error);
    const e = error as UnsupportedEncodingError;
    expect(e.fileName).toBe('nhan-su.csv');
    expect(e.message).toBe(
      'Tệp nhan-su.csv: không đọc được bảng mã của tệp (có thể là Shift-JIS/GBK…). ' +
        'Hãy lưu lại tệp dưới dạng CSV UTF-8. / File nhan-su.csv: unsupported text encoding; save it as CSV UTF-8.',
    );
  });
});

describe('decodeText on Vietnamese and other text', () => {
  it('says utf-8 for UTF-8 Vietnamese, and composes NFD input', () => {
    expect(decodeText(Buffer.from(VIETNAMESE_CSV, 'utf8'), 'a.csv')).toEqual({
      text: VIETNAMESE_CSV,
      encoding: 'utf-8',
    });
    expect(decodeText(Buffer.from(VIETNAMESE_CSV.normalize('NFD'), 'utf8'), 'a.csv').text).toBe(VIETNAMESE_CSV);
  });

  it('reads UTF-8 with BOM and UTF-16 with and without BOM', () => {
    const le = Buffer.from(VIETNAMESE_CSV, 'utf16le');
    const be = Buffer.from(le).swap16();
    const cases: [Uint8Array, TextEncoding][] = [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VIETNAMESE_CSV, 'utf8')]), 'utf-8-bom'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be'],
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ];
    for (const [bytes, encoding] of cases) {
      expect(decodeText(bytes, 'a.csv')).toEqual({ text: VIETNAMESE_CSV, encoding });
    }
  });

  it('round-trips Vietnamese through Windows-1258', () => {
    const bytes = encodeWindows1258(VIETNAMESE_CSV);
    // Tones are combining bytes after their vowel; ơ/ư/đ are single bytes.
    expect(bytes.includes(Buffer.from([0x79, 0xea, 0xf2, 0x6e]))).toBe(true); // "yê" + dot below + "n"
    expect(bytes.includes(Buffer.from([0x53, 0xf5, 0x6e]))).toBe(true); // "Sơn"
    expect(bytes.includes(0x3f)).toBe(false); // nothing became "?"
    expect(iconv.decode(bytes, 'windows1258').normalize('NFC')).toBe(VIETNAMESE_CSV);
    expect(decodeText(bytes, 'cp1258.csv')).toEqual({ text: VIETNAMESE_CSV, encoding: 'windows-1258' });
  });

  it('reads a Windows-1252 French/German/Italian sample as windows-1252, not 1258', () => {
    const text =
      'Nom;Ville;Note\r\nFrançois Müller;Köln;Ça coûte 5 € — très été\r\n' +
      'Città;perché così però;Où est la Straße?\r\nJoão;São Paulo;irmã\r\nÞór;Reykjavík;Señor Ibáñez\r\n';
    const bytes = iconv.encode(text, 'windows1252');
    expect(decodeText(bytes, 'fr.csv')).toEqual({ text, encoding: 'windows-1252' });
  });

  it.each<[string, string]>([
    ['gbk', '姓名,年龄\n张伟,30\n王芳,25\n李娜,28\n刘洋,35\n'],
    ['big5', '姓名,年齡\n張偉,30\n王芳,25\n李娜,28\n'],
    ['euc-kr', '이름,나이\n김민준,30\n이서연,25\n박지훈,28\n'],
    ['euc-jp', '名前,年齢\n山田太郎,30\n佐藤花子,25\n'],
  ])('refuses %s as well', (encoding, text) => {
    expect(() => decodeText(iconv.encode(text, encoding), `${encoding}.csv`)).toThrow(UnsupportedEncodingError);
  });

  it('reads legacy-font text saved as a code page, for the column converter to fix', () => {
    const names = ['Họ và tên', 'Nguyễn Văn Ánh', 'Trần Thị Thuỷ', 'Lê Văn Hoà', 'Phạm Thị Ngọc'];
    // The .VnTime font has no toned capitals: "Ánh" is typed and comes back as "ánh".
    const tcvn3Names = ['Họ và tên', 'Nguyễn Văn ánh', 'Trần Thị Thuỷ', 'Lê Văn Hoà', 'Phạm Thị Ngọc'];
    for (const [encode, legacy, expected] of [
      [encodeTcvn3, 'tcvn3', tcvn3Names],
      [encodeVni, 'vni', names],
    ] as const) {
      const bytes = iconv.encode(names.map(encode).join('\r\n'), 'windows1252');
      const { text, encoding } = decodeText(bytes, 'legacy.csv');
      expect(encoding).toBe('windows-1252');
      const converted = convertLegacyColumn(text.split('\r\n'));
      expect(converted.encoding).toBe(legacy);
      expect(converted.values).toEqual(expected);
    }
  });

  it('keeps a UTF-8 file with a few damaged bytes as UTF-8', () => {
    const good = Buffer.from(VIETNAMESE_CSV, 'utf8');
    const damaged = Buffer.concat([good.subarray(0, 40), Buffer.from([0xff]), good.subarray(40)]);
    const { text, encoding } = decodeText(damaged, 'a.csv');
    expect(encoding).toBe('utf-8');
    expect(text).toContain('Huyện Bình Sơn');
    expect(text.match(/\ufffd/g)).toHaveLength(1);
  });

  it('handles an empty file', () => {
    expect(decodeText(new Uint8Array(0), 'empty.csv')).toEqual({ text: '', encoding: 'utf-8' });
  });
});
