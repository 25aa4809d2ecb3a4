// The demo province: Quảng Ngãi's 13 district-level units in 2020–2024 (DOMAIN §8) with the
// magnitudes the generator draws from. Commune names come from the real GSO list in shared/fixtures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DistrictType = 'city' | 'town' | 'district';

export interface Commune {
  code: string;
  /** Official full name, "Xã Bình Châu". */
  name: string;
  /** Without the type prefix, "Bình Châu". */
  core: string;
  prefix: 'Xã' | 'Phường' | 'Thị trấn';
}

export interface District {
  code: string;
  name: string;
  core: string;
  type: DistrictType;
  /** Population at the start of 2020 (simulated, scaled so the province totals ~1.23–1.25 million). */
  pop2020: number;
  /** Yearly growth rate. */
  growth: number;
  /** People per household in 2020. */
  householdSize: number;
  /** Vùng sâu, vùng xa, hải đảo: legal deadlines +15 days (DOMAIN §4). */
  remote: boolean;
  /** Petitions per capita relative to the province (towns write more, the mountains less). */
  volumeFactor: number;
  communes: Commune[];
}

interface DistrictSeed extends Omit<District, 'communes'> {}

// Magnitudes from the 2019 census rounded, scaled by ~0.94 so the 13 districts sum to the
// province's ~1.23 million of 2020 rather than the larger rounded figures they were given as.
const SEEDS: readonly DistrictSeed[] = [
  { code: '522', name: 'Thành phố Quảng Ngãi', core: 'Quảng Ngãi', type: 'city', pop2020: 248_000, growth: 0.007, householdSize: 3.45, remote: false, volumeFactor: 1.1 },
  { code: '524', name: 'Huyện Bình Sơn', core: 'Bình Sơn', type: 'district', pop2020: 168_500, growth: 0.0015, householdSize: 3.6, remote: false, volumeFactor: 1.0 },
  { code: '525', name: 'Huyện Trà Bồng', core: 'Trà Bồng', type: 'district', pop2020: 56_000, growth: 0.005, householdSize: 3.9, remote: true, volumeFactor: 0.85 },
  { code: '527', name: 'Huyện Sơn Tịnh', core: 'Sơn Tịnh', type: 'district', pop2020: 88_500, growth: 0.0015, householdSize: 3.6, remote: false, volumeFactor: 1.0 },
  { code: '528', name: 'Huyện Tư Nghĩa', core: 'Tư Nghĩa', type: 'district', pop2020: 151_000, growth: 0.0015, householdSize: 3.6, remote: false, volumeFactor: 1.0 },
  { code: '529', name: 'Huyện Sơn Hà', core: 'Sơn Hà', type: 'district', pop2020: 70_000, growth: 0.005, householdSize: 3.9, remote: true, volumeFactor: 0.85 },
  { code: '530', name: 'Huyện Sơn Tây', core: 'Sơn Tây', type: 'district', pop2020: 19_000, growth: 0.005, householdSize: 3.95, remote: true, volumeFactor: 0.85 },
  { code: '531', name: 'Huyện Minh Long', core: 'Minh Long', type: 'district', pop2020: 17_000, growth: 0.005, householdSize: 3.9, remote: true, volumeFactor: 0.85 },
  { code: '532', name: 'Huyện Nghĩa Hành', core: 'Nghĩa Hành', type: 'district', pop2020: 84_000, growth: 0.0015, householdSize: 3.6, remote: false, volumeFactor: 1.0 },
  { code: '533', name: 'Huyện Mộ Đức', core: 'Mộ Đức', type: 'district', pop2020: 121_500, growth: 0.0015, householdSize: 3.6, remote: false, volumeFactor: 1.0 },
  { code: '534', name: 'Thị xã Đức Phổ', core: 'Đức Phổ', type: 'town', pop2020: 135_500, growth: 0.0015, householdSize: 3.6, remote: false, volumeFactor: 1.0 },
  { code: '535', name: 'Huyện Ba Tơ', core: 'Ba Tơ', type: 'district', pop2020: 51_500, growth: 0.005, householdSize: 3.9, remote: true, volumeFactor: 0.85 },
  { code: '536', name: 'Huyện Lý Sơn', core: 'Lý Sơn', type: 'district', pop2020: 21_000, growth: 0.002, householdSize: 3.7, remote: true, volumeFactor: 0.9 },
];

export const YEARS = [2020, 2021, 2022, 2023, 2024] as const;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GSO_UNITS_CSV = path.resolve(REPO_ROOT, '../shared/fixtures/gazetteer/quang-ngai-gso-units.csv');

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const PREFIXES: readonly Commune['prefix'][] = ['Thị trấn', 'Phường', 'Xã'];

function communePrefix(name: string): Commune['prefix'] {
  // The GSO list has "Thị Trấn Châu Ổ": compare the prefix without case.
  const found = PREFIXES.find((p) => name.toLowerCase().startsWith(`${p.toLowerCase()} `));
  if (!found) throw new Error(`unexpected commune name in the GSO list: ${name}`);
  return found;
}

/** The 13 districts with their communes (Lý Sơn has none: it has had no commune level since 2020). */
export function loadDistricts(gsoCsv = GSO_UNITS_CSV): District[] {
  const text = readFileSync(gsoCsv, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0]);
  const iDistrict = header.indexOf('Mã QH');
  const iName = header.indexOf('Phường Xã');
  const iCode = header.indexOf('Mã PX');
  if (iDistrict < 0 || iName < 0 || iCode < 0) throw new Error(`${gsoCsv}: not a GSO units list`);
  const byDistrict = new Map<string, Commune[]>();
  for (const line of lines.slice(1)) {
    const cells = splitCsvLine(line);
    const raw = cells[iName].normalize('NFC').replace(/\s+/g, ' ').trim();
    const prefix = communePrefix(raw);
    const core = raw.slice(prefix.length + 1);
    const list = byDistrict.get(cells[iDistrict]) ?? [];
    list.push({ code: cells[iCode], name: `${prefix} ${core}`, core, prefix });
    byDistrict.set(cells[iDistrict], list);
  }
  return SEEDS.map((s) => ({
    ...s,
    communes: (byDistrict.get(s.code) ?? []).sort((a, b) => a.code.localeCompare(b.code)),
  }));
}

export function population(d: District, year: number): number {
  return Math.round((d.pop2020 * Math.pow(1 + d.growth, year - 2020)) / 10) * 10;
}

export function households(d: District, year: number): number {
  return Math.round(population(d, year) / (d.householdSize - 0.01 * (year - 2020)));
}

/** "huyện Bình Sơn", "thành phố Quảng Ngãi": the name inside a sentence or an agency's name. */
export function inSentence(fullName: string): string {
  let s = sentenceCache.get(fullName);
  if (s === undefined) {
    s = toSentence(fullName);
    sentenceCache.set(fullName, s);
  }
  return s;
}

const sentenceCache = new Map<string, string>();

function toSentence(fullName: string): string {
  const [first, ...rest] = fullName.split(' ');
  if (first === 'Thành' || first === 'Thị') {
    const [second, ...tail] = rest;
    return `${first.toLowerCase()} ${second} ${tail.join(' ')}`;
  }
  return `${first.toLowerCase()} ${rest.join(' ')}`;
}
