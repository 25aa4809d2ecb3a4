import { describe, expect, it } from 'vitest';
import { asciiKey, hasDiacritics, matchKey, nfc } from '../../pipeline/text/normalise.ts';

const nfd = (s: string) => s.normalize('NFD');

describe('nfc', () => {
  it('composes decomposed input', () => {
    const decomposed = nfd('Huyện Bình Sơn');
    expect(decomposed).not.toBe('Huyện Bình Sơn');
    expect(nfc(decomposed)).toBe('Huyện Bình Sơn'.normalize('NFC'));
  });
});

describe('matchKey', () => {
  it('gives NFC and NFD input the same key', () => {
    expect(matchKey(nfd('Thị xã Đức Phổ'))).toBe(matchKey('Thị xã Đức Phổ'));
    expect(matchKey(nfd('Nghĩa Hành'))).toBe(matchKey('Nghĩa Hành'));
  });

  it.each([
    ['Hoà', 'Hòa'],
    ['Thuỷ', 'Thủy'],
    ['Uỷ ban', 'Ủy ban'],
    ['khoẻ', 'khỏe'],
    ['Xã Hoà Bình', 'Xã Hòa Bình'],
    ['Phường Hoà Thuận Tây', 'Phường Hòa Thuận Tây'],
    ['Thuỵ', 'Thụy'],
    ['loà', 'lòa'],
    ['hoạ', 'họa'],
  ])('old tone placement %s = new placement %s', (oldStyle, newStyle) => {
    expect(matchKey(oldStyle)).toBe(matchKey(newStyle));
    expect(matchKey(nfd(oldStyle))).toBe(matchKey(newStyle));
    expect(matchKey(oldStyle)).toBe(matchKey(nfd(newStyle)));
  });

  it('keeps different tones and different vowels apart', () => {
    expect(matchKey('Hòa')).not.toBe(matchKey('Hóa'));
    expect(matchKey('Hòa')).not.toBe(matchKey('Hoa'));
    expect(matchKey('Sơn')).not.toBe(matchKey('Son'));
    expect(matchKey('Sơn')).not.toBe(matchKey('Sôn'));
    expect(matchKey('Đức')).not.toBe(matchKey('Dức'));
    expect(matchKey('Tân')).not.toBe(matchKey('Tăn'));
  });

  it('keeps each tone inside its own word', () => {
    expect(matchKey('Hoà Binh')).not.toBe(matchKey('Hoa Bình'));
    expect(matchKey('Hoà-Binh')).not.toBe(matchKey('Hoa-Bình'));
    expect(matchKey('Hoà-Bình')).toBe(matchKey('Hòa-Bình'));
  });

  it('collapses line breaks, tabs, repeated and non-breaking spaces, and trims', () => {
    const key = matchKey('Huyện Bình Sơn');
    expect(matchKey('  Huyện\nBình   Sơn \t')).toBe(key);
    expect(matchKey('Huyện\r\nBình\u00a0Sơn')).toBe(key);
    expect(matchKey('Huyện\tBình\u200b Sơn')).toBe(key);
    expect(key).not.toContain('  ');
  });

  it('lowercases, including capitals with diacritics and Đ', () => {
    expect(matchKey('HUYỆN BÌNH SƠN')).toBe(matchKey('Huyện Bình Sơn'));
    expect(matchKey('THỊ XÃ ĐỨC PHỔ')).toBe(matchKey('Thị xã Đức Phổ'));
    expect(matchKey('ỦY BAN NHÂN DÂN')).toBe(matchKey('Uỷ ban nhân dân'));
    expect(matchKey('ĐỨC')).toMatch(/^đ/);
    expect(matchKey('Đất đai')).not.toMatch(/^d/);
  });

  it('returns NFC, so keys can be compared with plain string equality in SQL too', () => {
    const key = matchKey(nfd('Huyện Mộ Đức'));
    expect(key).toBe(key.normalize('NFC'));
  });
});

describe('asciiKey', () => {
  it.each([
    ['Bình Sơn', 'binh son'],
    ['HUYỆN  BÌNH\nSƠN', 'huyen binh son'],
    ['Thị xã Đức Phổ', 'thi xa duc pho'],
    ['Thành phố Quảng Ngãi', 'thanh pho quang ngai'],
    ['Huyện Tư Nghĩa', 'huyen tu nghia'],
    ['Ủy ban', 'uy ban'],
    ['Uỷ ban', 'uy ban'],
    ['Đất đai', 'dat dai'],
  ])('%s → %s', (input, expected) => {
    expect(asciiKey(input)).toBe(expected);
    expect(asciiKey(nfd(input))).toBe(expected);
  });

  it('equals the key of the same name typed without diacritics', () => {
    expect(asciiKey('Huyện Nghĩa Hành')).toBe(asciiKey('Huyen Nghia Hanh'));
  });
});

describe('hasDiacritics', () => {
  it.each(['Bình', nfd('Bình'), 'Đ', 'đ', 'Hòa', 'Sơn', 'Tăng', 'ă'])('true for %s', (s) => {
    expect(hasDiacritics(s)).toBe(true);
  });
  it.each(['Binh Son', '', '123', 'TP. Quang Ngai', 'D'])('false for "%s"', (s) => {
    expect(hasDiacritics(s)).toBe(false);
  });
});
