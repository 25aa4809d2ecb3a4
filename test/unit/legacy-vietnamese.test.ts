import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  convertLegacyColumn,
  decodeTcvn3,
  decodeVni,
  detectLegacyEncoding,
  encodeTcvn3,
  encodeVni,
  isVietnameseSyllable,
} from '../../pipeline/text/legacy-vietnamese.ts';
import { matchKey } from '../../pipeline/text/normalise.ts';

const PLACES = [
  'Thành phố Quảng Ngãi',
  'Huyện Bình Sơn',
  'Huyện Trà Bồng',
  'Huyện Sơn Tịnh',
  'Huyện Tư Nghĩa',
  'Huyện Sơn Hà',
  'Huyện Sơn Tây',
  'Huyện Minh Long',
  'Huyện Nghĩa Hành',
  'Huyện Mộ Đức',
  'Thị xã Đức Phổ',
  'Huyện Ba Tơ',
  'Huyện Lý Sơn',
];
const LABELS = [
  'Khiếu nại',
  'Tố cáo',
  'Kiến nghị',
  'phản ánh',
  'Kiến nghị, phản ánh',
  'Đất đai',
  'Đang giải quyết',
  'Đã giải quyết',
  'Rút đơn',
  'Chuyển đơn',
  'Lưu đơn',
  'Bồi thường, hỗ trợ, tái định cư',
  'Tranh chấp đất đai',
  'Môi trường',
  'Người dân',
  'Ủy ban nhân dân xã Bình Thuận',
  'Ngày 05 tháng 3 năm 2024',
  'Trả lời bằng văn bản',
  'Nguyễn Thị Thuỷ',
];
const SAMPLES = [...PLACES, ...LABELS];
const decodedWithCp1252 = (s: string) => iconv.decode(Buffer.from(s, 'latin1'), 'tcvn');

describe('TCVN3', () => {
  it('decodes the DOMAIN example', () => {
    expect(decodeTcvn3('HuyÖn B×nh S¬n')).toBe('Huyện Bình Sơn');
  });

  it.each(SAMPLES)('round-trips %s', (text) => {
    const encoded = encodeTcvn3(text);
    expect(encoded).not.toBe(text);
    expect(decodeTcvn3(encoded)).toBe(text.normalize('NFC').replace('Ủ', 'ủ'));
  });

  it('encodes to the bytes iconv-lite’s TCVN codec reads (an independent table)', () => {
    for (const text of SAMPLES.filter((t) => !t.includes('Ủ'))) {
      const encoded = encodeTcvn3(text);
      expect([...encoded].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
      expect(decodedWithCp1252(encoded)).toBe(text);
    }
  });

  it('writes toned capitals with their lowercase code, documented, and the key still matches', () => {
    expect(decodeTcvn3(encodeTcvn3('Ủy ban'))).toBe('ủy ban');
    expect(matchKey(decodeTcvn3(encodeTcvn3('Ủy ban')))).toBe(matchKey('Ủy ban'));
    expect(encodeTcvn3('Đ Ă Â Ê Ô Ơ Ư')).toBe('§ ¡ ¢ £ ¤ ¥ ¦');
  });

  it('maps Windows-1252 characters (bytes 0x80–0x9F) back to their byte', () => {
    // 0x9E holds Ủ in the full TCVN3 table; Excel shows that byte as "ž".
    expect(decodeTcvn3('žy ban')).toBe('Ủy ban');
    expect(decodeTcvn3('\u009ey ban')).toBe('Ủy ban');
  });

  it('keeps Windows punctuation (“ ” – …) that .VnTime text is full of, outside words', () => {
    expect(decodeTcvn3('KhiÕu n¹i – tè c¸o')).toBe('Khiếu nại – tố cáo');
    expect(decodeTcvn3('“KhiÕu n¹i” v.v…')).toBe('“Khiếu nại” v.v…');
    // Inside a word it can only be a capital of the full table.
    expect(decodeTcvn3('T‘NH')).toBe('TỊNH');
    const column = ['“KhiÕu n¹i”', 'Tè c¸o – KiÕn nghÞ', '§Êt ®ai…'];
    expect(convertLegacyColumn(column)).toEqual({
      encoding: 'tcvn3',
      values: ['“Khiếu nại”', 'Tố cáo – Kiến nghị', 'Đất đai…'],
    });
  });

  it('reads .VnTimeH (capitals font) cells as capitals when their plain letters are capitals', () => {
    expect(decodeTcvn3('HUYÖN B×NH S¥N')).toBe('HUYỆN BÌNH SƠN');
    expect(decodeTcvn3('UBND HUYÖN')).toBe('UBND HUYỆN');
    // A lone capital is an ordinary name, not a capitals font.
    expect(decodeTcvn3('Hå')).toBe('Hồ');
  });

  it('leaves genuine Unicode characters alone', () => {
    expect(decodeTcvn3('Sơn ★')).toBe('Sơn ★');
  });
});

describe('VNI', () => {
  it('matches published VNI text', () => {
    // README example of the vietnamese-conversion package (duydev/vietnamese-conversion).
    expect(encodeVni('Xin chào các bạn')).toBe('Xin chaøo caùc baïn');
    expect(decodeVni('Xin chaøo caùc baïn')).toBe('Xin chào các bạn');
    expect(decodeVni('Huyeän Bình Sôn')).toBe('Huyện Bình Sơn');
    expect(encodeVni('Đường')).toBe('Ñöôøng');
  });

  it.each(SAMPLES)('round-trips %s', (text) => {
    const encoded = encodeVni(text);
    expect(encoded).not.toBe(text);
    expect(decodeVni(encoded)).toBe(text.normalize('NFC'));
  });

  it('round-trips capitals and every vowel', () => {
    const all = 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI; Ở ƯỚC ỪA ỴÊ; ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ ư ứ ừ ử ữ ự ì í ỉ ĩ ị ỳ ý ỷ ỹ ỵ đ';
    expect(decodeVni(encodeVni(all))).toBe(all);
    expect(decodeVni(encodeVni(all.toUpperCase()))).toBe(all.toUpperCase());
  });
});

describe('isVietnameseSyllable', () => {
  it.each(['người', 'nghiêng', 'khuỷu', 'quốc', 'giữa', 'xoong', 'thuở', 'hoặc', 'khuya', 'Đường', 'ạ'])(
    'accepts %s',
    (w) => expect(isVietnameseSyllable(w)).toBe(true),
  );
  it.each(['müller', 'mỹller', 'schọfer', 'ẫvờque', 'huyeọn', 'bính́', 'straße', 'ǹg'])('rejects %s', (w) =>
    expect(isVietnameseSyllable(w)).toBe(false),
  );
});

describe('detectLegacyEncoding', () => {
  const withNoise = (cells: string[]) => ['', ...cells.slice(0, 5), '12', 'KN', ' ', ...cells.slice(5), '2024'];

  it('recognises TCVN3 and VNI columns', () => {
    expect(detectLegacyEncoding(SAMPLES.map(encodeTcvn3))).toBe('tcvn3');
    expect(detectLegacyEncoding(SAMPLES.map(encodeVni))).toBe('vni');
    expect(detectLegacyEncoding(withNoise(PLACES.map(encodeTcvn3)))).toBe('tcvn3');
    expect(detectLegacyEncoding(withNoise(LABELS.map(encodeVni)))).toBe('vni');
    expect(detectLegacyEncoding(['HuyÖn B×nh S¬n'])).toBe('tcvn3');
  });

  it('recognises a legacy column under a Unicode header', () => {
    expect(detectLegacyEncoding(['Địa bàn', ...PLACES.map(encodeTcvn3)])).toBe('tcvn3');
  });

  it.each([
    ['Unicode Vietnamese', SAMPLES],
    ['Unicode Vietnamese, NFD', SAMPLES.map((s) => s.normalize('NFD'))],
    ['Vietnamese with only Latin-1 letters', ['Hòa', 'Bình', 'Tây Hà', 'Hà', 'Bình Hòa', 'Phú Yên']],
    ['Vietnamese with symbols', ['“Hòa” – Bình', '5 × 3', '25°C', '½ số hộ', 'Bình Hòa']],
    ['ASCII', ['Binh Son', 'KN', 'TC', 'Quang Ngai', 'n/a']],
    ['numbers', ['1', '2.345', '12,5', '01/02/2024']],
    ['empty', ['', '  ', '']],
    ['no cells', []],
    ['German', ['Müller', 'Schäfer', 'Größe', 'Straße', 'Köln', 'Tür', 'Bär', 'Jürgen Öztürk']],
    ['French', ['Évêque', 'Café', 'Hélène', 'Noël', 'Garçon', 'où', 'à la', 'François Lefèvre']],
    [
      'Latin-1 names',
      ['José Álvarez', 'Björn Andersson', 'Søren Kierkegaard', 'García López', 'Håkon Lindberg', 'Zoë Robinson'],
    ],
  ])('is null for %s', (_name, cells) => {
    expect(detectLegacyEncoding(cells)).toBeNull();
  });

  it('is null when Unicode cells outnumber the legacy-looking ones', () => {
    expect(detectLegacyEncoding([...SAMPLES, encodeTcvn3('Huyện Bình Sơn')])).toBeNull();
  });
});

describe('convertLegacyColumn', () => {
  it('decodes a TCVN3 column to NFC and keeps Unicode and empty cells', () => {
    const column = ['Địa bàn'.normalize('NFD'), '', ...PLACES.map(encodeTcvn3)];
    const out = convertLegacyColumn(column);
    expect(out.encoding).toBe('tcvn3');
    expect(out.values).toEqual(['Địa bàn', '', ...PLACES]);
    expect(out.values.every((v) => v === v.normalize('NFC'))).toBe(true);
  });

  it('decodes a VNI column', () => {
    const out = convertLegacyColumn(LABELS.map(encodeVni));
    expect(out).toEqual({ encoding: 'vni', values: LABELS });
  });

  it('returns other columns unchanged, in NFC', () => {
    const nfd = SAMPLES.map((s) => s.normalize('NFD'));
    expect(convertLegacyColumn(nfd)).toEqual({ encoding: null, values: SAMPLES });
    const german = ['Müller', 'Köln'];
    expect(convertLegacyColumn(german)).toEqual({ encoding: null, values: german });
  });
});
