// Fake petitioners: realistic-looking Vietnamese names, 12-digit CCCD numbers of Quảng Ngãi
// (province code 051), mobile numbers and addresses. None belongs to a real person: every digit
// after the fixed prefixes is random.
import type { Rng } from './random.ts';
import { inSentence, type Commune, type District } from './districts.ts';

export interface Person {
  name: string;
  cccd: string;
  phone: string;
  address: string;
}

// Shares of the commonest family names in Central Vietnam (Huỳnh and Võ are frequent there).
const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 5.5], ['Võ', 5.5], ['Phan', 4.5],
  ['Trương', 2.2], ['Bùi', 2], ['Đặng', 2], ['Đỗ', 1.6], ['Ngô', 1.6], ['Hồ', 1.6], ['Dương', 1.2],
  ['Đinh', 1.2], ['Đoàn', 1], ['Mai', 0.7], ['Cao', 0.6], ['Lưu', 0.4], ['Châu', 0.4], ['Tạ', 0.3], ['Lâm', 0.3],
];

// In the mountain districts many Hrê, Cor and Ca Dong families carry Đinh, Phạm or Hồ.
const FAMILY_MOUNTAIN: readonly (readonly [string, number])[] = [
  ['Đinh', 30], ['Phạm', 14], ['Hồ', 8], ['Nguyễn', 14], ['Trần', 5], ['Lê', 5], ['Võ', 4], ['Huỳnh', 3], ['Bùi', 3], ['Đoàn', 2],
];

const MIDDLE_MALE: readonly (readonly [string, number])[] = [
  ['Văn', 40], ['Tấn', 6], ['Minh', 6], ['Quốc', 5], ['Hữu', 5], ['Công', 5], ['Đức', 5], ['Thanh', 5],
  ['Ngọc', 4], ['Xuân', 4], ['Quang', 4], ['Trọng', 3], ['Đình', 3], ['Như', 2],
];
const MIDDLE_FEMALE: readonly (readonly [string, number])[] = [
  ['Thị', 60], ['Ngọc', 6], ['Thu', 5], ['Kim', 5], ['Thanh', 5], ['Mỹ', 4], ['Hồng', 4], ['Bích', 3], ['Thúy', 3], ['Diệu', 2],
];
const GIVEN_MALE = [
  'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Hải', 'Nam', 'Sơn', 'Thành', 'Tâm', 'Phúc', 'Lộc', 'Tài', 'Trung', 'Hòa',
  'Bình', 'Cường', 'Long', 'Quang', 'Hiếu', 'Khánh', 'Vinh', 'Thắng', 'Tú', 'Đông', 'Hậu', 'Toàn', 'Khoa',
  'Thọ', 'Phương', 'Tân', 'Lực', 'Sáu', 'Bảy', 'Chín', 'Mười', 'Hoàng', 'Nhân', 'Nghĩa', 'Thuận', 'Tuệ',
];
const GIVEN_FEMALE = [
  'Lan', 'Hoa', 'Hương', 'Mai', 'Hạnh', 'Hằng', 'Thủy', 'Nga', 'Linh', 'Trang', 'Thảo', 'Yến', 'Nhung',
  'Loan', 'Hòa', 'Hiền', 'Phượng', 'Oanh', 'Dung', 'Xuân', 'Tuyết', 'Cúc', 'Liên', 'Ngọc', 'Lệ', 'Sương',
  'Thoa', 'Huệ', 'Diệp', 'Vân', 'Tám', 'Bé', 'Nguyệt', 'Thúy',
];

// Lý Sơn has no communes; its villages are named by compass points.
const LY_SON_VILLAGES = ['Thôn Đông', 'Thôn Tây', 'Thôn Trung', 'Thôn Bắc', 'Thôn Nam', 'Thôn Đông Hải', 'Thôn Tây An Hải'];

export function makePerson(rng: Rng, district: District, commune: Commune | null, birthYearRange: [number, number] = [1940, 1998]): Person {
  const male = rng.bool(0.62);
  const family = rng.weighted(district.remote && district.code !== '536' ? FAMILY_MOUNTAIN : FAMILY);
  const middle = rng.weighted(male ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
  const birthYear = rng.int(birthYearRange[0], birthYearRange[1]);
  // CCCD: province code, then century and sex (0 man / 1 woman born 1900–1999; 2 / 3 from 2000),
  // two digits of the birth year, six random digits.
  const centurySex = (birthYear >= 2000 ? 2 : 0) + (male ? 0 : 1);
  const cccd = `051${centurySex}${String(birthYear % 100).padStart(2, '0')}${rng.digits(6)}`;
  const phone = `09${rng.digits(8)}`;
  return { name: `${family} ${middle} ${given}`, cccd, phone, address: makeAddress(rng, district, commune) };
}

export function makeAddress(rng: Rng, district: District, commune: Commune | null): string {
  if (!commune) return `${rng.pick(LY_SON_VILLAGES)}, ${inSentence(district.name)}`;
  const place = commune.prefix === 'Xã' ? `Thôn ${rng.int(1, 9)}` : `Tổ dân phố ${rng.int(1, 12)}`;
  const communePart = inSentence(commune.name);
  return `${place}, ${communePart}, ${inSentence(district.name)}`;
}
