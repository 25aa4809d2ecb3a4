// The gazetteer: administrative units of one installation and the rules that turn the names and codes
// found in source files into unit codes. A name is never guessed: when it fits no unit, or several,
// the caller gets the candidates to show the clerk (DOMAIN §2).
import { asciiKey, matchKey } from '../text/normalise.ts';
import {
  UNIT_TYPE_LABEL,
  cleanUnitText,
  missingDiacriticsOnly,
  parseUnitName,
  parseUnitNameAlternatives,
  type ParsedUnitName,
  type UnitType,
} from './unit-names.ts';

export type { UnitType } from './unit-names.ts';

export interface AdminUnit {
  unit_code: string;
  name: string;
  short_name: string;
  unit_type: UnitType;
  level: 1 | 2 | 3;
  parent_code: string | null;
  /** First day the unit exists ('YYYY-MM-DD'), null = since before the data. Inclusive. */
  valid_from: string | null;
  /** Last day the unit exists ('YYYY-MM-DD'), null = still exists. Inclusive. */
  valid_to: string | null;
  is_remote: boolean;
}

export type ResolveResult =
  | { ok: true; code: string; how: 'code' | 'exact' | 'no_diacritics' }
  | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: AdminUnit[] };

export interface ResolveOptions {
  level?: 1 | 2 | 3;
  /** Only units below this unit (its children, or deeper descendants). */
  parentCode?: string;
  /** Only units valid on this day ('YYYY-MM-DD'). */
  onDate?: string;
}

/** Width of GSO codes per level (Decision 124/2004/QĐ-TTg). */
export const CODE_WIDTH: Readonly<Record<1 | 2 | 3, number>> = { 1: 2, 2: 3, 3: 5 };

const MAX_NEAR = 3;

interface Hit {
  unit: AdminUnit;
  /** Type the clerk wrote in front of the name, used only to choose between equal names. */
  writtenType: UnitType | null;
}

/** Is `day` inside the unit's validity (both ends inclusive)? ISO dates compare as text. */
export function isValidOn(unit: AdminUnit, day: string): boolean {
  if (unit.valid_from && day < unit.valid_from) return false;
  if (unit.valid_to && day > unit.valid_to) return false;
  return true;
}

/** Edit distance (insert, delete, substitute), for "gần giống" suggestions. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/**
 * Core names a unit answers to: its short name and its full name without its own prefix (they
 * usually agree; a numbered ward "Phường 1" answers to "1" as well).
 */
function coreNamesOf(unit: AdminUnit): string[] {
  const cores = new Set<string>();
  if (unit.short_name.trim()) cores.add(cleanUnitText(unit.short_name));
  const label = UNIT_TYPE_LABEL[unit.unit_type];
  const name = cleanUnitText(unit.name);
  if (matchKey(name).startsWith(matchKey(label) + ' ')) {
    cores.add(parseUnitName(name).core);
  } else if (name) {
    cores.add(name);
  }
  for (const c of [...cores]) {
    const p = parseUnitName(c);
    if (p.number !== null) cores.add(p.core);
  }
  return [...cores].filter((c) => c !== '');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

export class Gazetteer {
  readonly #byCode = new Map<string, AdminUnit>();
  readonly #children = new Map<string, AdminUnit[]>();
  readonly #exact = new Map<string, AdminUnit[]>();
  readonly #ascii = new Map<string, AdminUnit[]>();
  readonly #keys = new Map<AdminUnit, string[]>();
  readonly #all: AdminUnit[];

  constructor(units: readonly AdminUnit[]) {
    this.#all = [...units];
    for (const u of units) {
      if (this.#byCode.has(u.unit_code)) {
        throw new Error(`Mã đơn vị hành chính ${u.unit_code} bị trùng / duplicate unit code ${u.unit_code}`);
      }
      this.#byCode.set(u.unit_code, u);
      if (u.parent_code !== null) push(this.#children, u.parent_code, u);
      const keys = coreNamesOf(u).map((c) => matchKey(c));
      this.#keys.set(u, keys);
      for (const k of keys) {
        push(this.#exact, k, u);
        push(this.#ascii, asciiKey(k), u);
      }
    }
  }

  /** All units, or those of one level, in the order given. */
  units(level?: 1 | 2 | 3): AdminUnit[] {
    return level === undefined ? [...this.#all] : this.#all.filter((u) => u.level === level);
  }

  get(code: string): AdminUnit | undefined {
    return this.#byCode.get(code);
  }

  /** Direct children of a unit (districts of a province, communes of a district). */
  children(code: string): AdminUnit[] {
    return [...(this.#children.get(code) ?? [])];
  }

  /** Is `unit` strictly below `ancestor`? */
  isBelow(unit: AdminUnit, ancestor: string): boolean {
    let parent = unit.parent_code;
    for (let guard = 0; parent !== null && guard < 10; guard++) {
      if (parent === ancestor) return true;
      parent = this.#byCode.get(parent)?.parent_code ?? null;
    }
    return false;
  }

  #inScope(u: AdminUnit, opts: ResolveOptions): boolean {
    if (opts.level !== undefined && u.level !== opts.level) return false;
    if (opts.parentCode !== undefined && !this.isBelow(u, opts.parentCode)) return false;
    if (opts.onDate !== undefined && !isValidOn(u, opts.onDate)) return false;
    return true;
  }

  /**
   * Units a digits-only text may be the code of. Spreadsheets turn codes into numbers, so "1" may be
   * province "01" and "4" commune "00004"; "524.0" and "0524" are read as 524. The validity date is
   * ignored: a code never changes meaning, moving closed units to their successors is the crosswalk's job.
   */
  #byCodeText(text: string, opts: ResolveOptions): AdminUnit[] {
    const m = /^(\d+)(?:\.0+)?$/.exec(text);
    if (!m) return [];
    const digits = m[1];
    const bare = digits.replace(/^0+/, '') || '0';
    const tries = new Set<string>([digits]);
    for (const width of Object.values(CODE_WIDTH)) {
      if (bare.length <= width) tries.add(bare.padStart(width, '0'));
    }
    const found: AdminUnit[] = [];
    for (const code of tries) {
      const u = this.#byCode.get(code);
      if (u && this.#inScope(u, { ...opts, onDate: undefined }) && !found.includes(u)) found.push(u);
    }
    return found;
  }

  #byName(alternatives: ParsedUnitName[], opts: ResolveOptions): ResolveResult {
    const exact: Hit[] = [];
    const loose: Hit[] = [];
    for (const alt of alternatives) {
      const key = matchKey(alt.core);
      if (!key) continue;
      for (const unit of this.#exact.get(key) ?? []) {
        if (this.#inScope(unit, opts)) exact.push({ unit, writtenType: alt.type });
      }
      for (const unit of this.#ascii.get(asciiKey(key)) ?? []) {
        if (!this.#inScope(unit, opts)) continue;
        // Only missing marks are forgiven; a different mark ("Dùng" for "Dõng") is another name.
        if ((this.#keys.get(unit) ?? []).some((k) => missingDiacriticsOnly(key, k))) {
          loose.push({ unit, writtenType: alt.type });
        }
      }
    }
    if (exact.length > 0) return decide(exact, 'exact');
    if (loose.length > 0) return decide(loose, 'no_diacritics');
    return { ok: false, reason: 'unknown', candidates: this.#near(alternatives, opts) };
  }

  /** Up to three units in scope whose names are closest to what was written, closest first. */
  #near(alternatives: ParsedUnitName[], opts: ResolveOptions): AdminUnit[] {
    const inputs = alternatives.map((a) => asciiKey(a.core)).filter((k) => k !== '');
    if (inputs.length === 0) return [];
    const scored: Array<{ unit: AdminUnit; d: number }> = [];
    for (const unit of this.#all) {
      if (!this.#inScope(unit, opts)) continue;
      let best = Infinity;
      for (const k of this.#keys.get(unit) ?? []) {
        for (const input of inputs) {
          const d = editDistance(input, asciiKey(k));
          // Beyond about a third of the name the "suggestion" would be noise.
          if (d <= Math.max(2, Math.ceil(Array.from(input).length / 3))) best = Math.min(best, d);
        }
      }
      if (best < Infinity) scored.push({ unit, d: best });
    }
    scored.sort((a, b) => a.d - b.d || a.unit.name.localeCompare(b.unit.name, 'vi'));
    return scored.slice(0, MAX_NEAR).map((s) => s.unit);
  }

  /**
   * The unit a text names: a GSO code, or a name matched per DOMAIN §2 (type prefix and its
   * abbreviations, case, spaces and line breaks, NFC/NFD, old/new tone placement; missing diacritics
   * only when exactly one unit in scope fits). A prefix that contradicts the unit type ("Thị xã Bình
   * Sơn" for "Huyện Bình Sơn") is accepted when the name alone is unique — clerks often write the old
   * or a wrong type; the written type only serves to choose between equal names ("TT Ba To").
   */
  resolve(raw: string, opts: ResolveOptions = {}): ResolveResult {
    const text = cleanUnitText(raw);
    if (!text) return { ok: false, reason: 'unknown', candidates: [] };
    const byCode = this.#byCodeText(text, opts);
    const byName = this.#byName(parseUnitNameAlternatives(text), opts);
    if (byCode.length === 0) return byName;
    if (byCode.length === 1) {
      const [unit] = byCode;
      // A bare number may also be a numbered ward ("5" = "Phường 5"): if that is another unit, ask.
      if (byName.ok && byName.code !== unit.unit_code) {
        return { ok: false, reason: 'ambiguous', candidates: [unit, this.#byCode.get(byName.code)!] };
      }
      return { ok: true, code: unit.unit_code, how: 'code' };
    }
    return { ok: false, reason: 'ambiguous', candidates: byCode };
  }

  /**
   * Clerk-readable reason a name was not resolved, e.g. "Không rõ huyện 'Binh Sn' — gần giống: Bình
   * Sơn" or "Tên xã 'Đông Khê' không rõ ràng — có thể là: Xã Đông Khê (mã 16387), Xã Đông Khê (mã
   * 16408)". Empty for a resolved name.
   */
  describeFailure(raw: string, res: ResolveResult, levelWord: 'tỉnh' | 'huyện' | 'xã'): string {
    if (res.ok) return '';
    const shown = cleanUnitText(raw);
    if (res.reason === 'ambiguous') {
      const names = res.candidates.map((u) => this.#describeUnit(u, res.candidates));
      return `Tên ${levelWord} '${shown}' không rõ ràng — có thể là: ${names.join(', ')}`;
    }
    if (res.candidates.length === 0) {
      return `Không rõ ${levelWord} '${shown}' — không có tên nào gần giống`;
    }
    const names = [...new Set(res.candidates.map((u) => u.short_name || u.name))];
    return `Không rõ ${levelWord} '${shown}' — gần giống: ${names.join(', ')}`;
  }

  /** Full name, with code and parent when needed to tell candidates apart. */
  #describeUnit(u: AdminUnit, all: AdminUnit[]): string {
    const parents = new Set(all.map((c) => c.parent_code));
    const parent = u.parent_code !== null ? this.#byCode.get(u.parent_code) : undefined;
    const extra = [`mã ${u.unit_code}`];
    if (parents.size > 1 && parent) extra.push(parent.name);
    return `${u.name} (${extra.join(', ')})`;
  }
}

/** One unit → ok; several → the written type may pick one; otherwise ambiguous. */
function decide(hits: Hit[], how: 'exact' | 'no_diacritics'): ResolveResult {
  const units = [...new Set(hits.map((h) => h.unit))];
  if (units.length === 1) return { ok: true, code: units[0].unit_code, how };
  const typed = [
    ...new Set(hits.filter((h) => h.writtenType !== null && h.writtenType === h.unit.unit_type).map((h) => h.unit)),
  ];
  if (typed.length === 1) return { ok: true, code: typed[0].unit_code, how };
  return { ok: false, reason: 'ambiguous', candidates: units };
}
