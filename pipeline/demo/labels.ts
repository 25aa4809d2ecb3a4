// How clerks write the coded values and unit names. Every label comes from the vocabulary (its `vi`
// or one of its aliases, looked up and checked here), so a renamed label cannot drift from the demo.
import { ENUMS, INDICATORS, type EnumName } from '../schema/vocabulary.ts';
import type { Commune, District } from './districts.ts';
import type { Rng } from './random.ts';

export function vi(name: EnumName, code: string): string {
  const def = ENUMS[name].find((d) => d.code === code);
  if (!def) throw new Error(`no ${name} code ${code} in the vocabulary`);
  return def.vi;
}

/** An alias of a code exactly as the vocabulary spells it; throws if the vocabulary lost it. */
export function alias(name: EnumName, code: string, spelled: string): string {
  const def = ENUMS[name].find((d) => d.code === code);
  const found = def?.aliases.find((a) => a.toLowerCase() === spelled.toLowerCase());
  if (!found) throw new Error(`the vocabulary has no alias "${spelled}" for ${name}.${code}`);
  return found;
}

export function indicatorLabel(code: string, withUnit = false): string {
  const def = INDICATORS.find((d) => d.code === code);
  if (!def) throw new Error(`no indicator ${code}`);
  return withUnit ? `${def.vi} (${def.unit_vi})` : def.vi;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

type Variants = readonly (readonly [string, number])[];

const variantCache = new Map<string, Variants>();

function cached(key: string, make: () => Variants): Variants {
  let v = variantCache.get(key);
  if (!v) {
    v = make();
    variantCache.set(key, v);
  }
  return v;
}

/** The spellings a system export shows for each code, with their shares. */
function enumVariants(name: EnumName, code: string): Variants {
  return cached(`${name}:${code}`, () => {
    const label = vi(name, code);
    const a = (s: string) => alias(name, code, s);
    switch (`${name}:${code}`) {
      case 'kind:complaint':
        return [[label, 70], [a('KN'), 15], [label.toLowerCase(), 15]];
      case 'kind:denunciation':
        return [[label, 75], [a('TC'), 10], [label.toLowerCase(), 15]];
      case 'kind:feedback':
        return [[label, 60], [a('KNPA'), 20], [capitalise(a('kiến nghị - phản ánh')), 10], [label.toLowerCase(), 10]];
      case 'topic:compensation':
        return [[label, 80], [capitalise(a('bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng')), 10], [capitalise(a('giải phóng mặt bằng')), 10]];
      case 'topic:land':
        return [[label, 90], [capitalise(a('quản lý đất đai')), 10]];
      case 'topic:social_policy':
        return [[label, 85], [capitalise(a('chế độ chính sách')), 15]];
      case 'channel:reception':
        return [[label, 80], [capitalise(a('tiếp công dân')), 20]];
      case 'channel:mail':
        return [[label, 80], [capitalise(a('bưu điện')), 20]];
      case 'status:resolved':
        return [[label, 88], [capitalise(a('đã giải quyết xong')), 7], [capitalise(a('hoàn thành')), 5]];
      case 'status:transferred':
        return [[label, 80], [capitalise(a('chuyển đơn')), 20]];
      default:
        return [[label, 1]];
    }
  });
}

export function enumText(rng: Rng, name: EnumName, code: string): string {
  return rng.weighted(enumVariants(name, code));
}

/** Outcome as a clerk writes it, sometimes naming the kind ("Khiếu nại đúng"). */
export function outcomeText(rng: Rng, code: string, kind: string): string {
  const label = vi('outcome', code);
  if (!rng.bool(0.15)) return label;
  if (code === 'upheld') return capitalise(alias('outcome', code, kind === 'complaint' ? 'khiếu nại đúng' : 'tố cáo đúng'));
  if (code === 'rejected') return capitalise(alias('outcome', code, kind === 'complaint' ? 'khiếu nại sai' : 'tố cáo sai'));
  return capitalise(alias('outcome', code, 'đúng một phần'));
}

/** "Huyện Bình Sơn", "H. Bình Sơn", "TP Quảng Ngãi", "TX Đức Phổ", "huyện Bình Sơn". */
export function districtText(rng: Rng, d: District): string {
  const lower = d.name.charAt(0).toLowerCase() + d.name.slice(1);
  const variants: Variants =
    d.type === 'city'
      ? [[d.name, 50], [`TP ${d.core}`, 25], [`TP. ${d.core}`, 15], [`Tp ${d.core}`, 5], [lower, 5]]
      : d.type === 'town'
        ? [[d.name, 55], [`TX ${d.core}`, 30], [`TX. ${d.core}`, 10], [lower, 5]]
        : [[d.name, 55], [`H. ${d.core}`, 25], [lower, 15], [d.core, 5]];
  return rng.weighted(variants);
}

/** "Xã Bình Châu", "Bình Châu", "X. Bình Châu", "TT. Châu Ổ", "P. Trần Phú". */
export function communeText(rng: Rng, c: Commune, d: District): string {
  const abbreviation = c.prefix === 'Xã' ? 'X.' : c.prefix === 'Phường' ? 'P.' : 'TT.';
  const lower = c.name.charAt(0).toLowerCase() + c.name.slice(1);
  const variants = cached(`commune:${c.code}`, () => {
    // A bare core is only safe where no other commune of the district shares it without diacritics
    // (Ba Tơ has "Thị trấn Ba Tơ" and "Xã Ba Tô").
    const bareSafe = !d.communes.some((o) => o !== c && foldAscii(o.core) === foldAscii(c.core));
    return [[c.name, 65], [c.core, bareSafe ? 20 : 0], [lower, 8], [`${abbreviation} ${c.core}`, 7]] as const;
  });
  return rng.weighted(variants);
}

export function foldAscii(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
}

/**
 * Tone on the second vowel of a final "oa", "oe", "uy" ("Hoà", "Thuỷ"): the placement many
 * keyboards and older documents use; the gazetteer writes "Hòa", "Thủy".
 */
export function otherTonePlacement(s: string): string {
  return s
    .normalize('NFD')
    .replace(/([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .normalize('NFC');
}

export function hasOtherTonePlacement(s: string): boolean {
  return otherTonePlacement(s) !== s.normalize('NFC');
}
