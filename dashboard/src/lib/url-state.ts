// All dashboard state lives in the URL, so a copied link opens the same view and a refresh keeps
// it. parseUrl() turns any URL into a valid ViewState plus notices for what it had to change (never
// a blank page); toUrl() writes a state back, leaving out the parameters at their defaults.
//
//   paths   /  /don-thu  /diem-nong  /phong-trao  /truy-van  /huyen/<code>
//   query   ky (grain)  tu, den (first and last period, by start date)  huyen (district codes,
//           comma-separated)  loai (kind group)  linh-vuc (topic code)  phong-trao (campaign id)  lang
//           sql (the workbench's query text, on /truy-van only)
//
// The period range is always written, even when it equals today's default: the default moves
// when new data arrives, and a link sent to a colleague must keep showing the period it showed.
import { GRAINS, HOTSPOT_GRAINS, KIND_GROUPS, type MetaResponse } from '../../api-contract.ts';
import { TOPICS } from '../../../pipeline/schema/vocabulary.ts';
import { fmtDate } from './format.ts';
import { grainLabel, kindGroupLabel, type Lang } from './i18n.ts';

export type Grain = (typeof GRAINS)[number];
export type KindGroup = (typeof KIND_GROUPS)[number];
export type Page = 'overview' | 'petitions' | 'hotspots' | 'campaigns' | 'workbench' | 'district';
export type Period = MetaResponse['periods'][number];

export interface ViewState {
  page: Page;
  /** The district whose page is open (page 'district'), else null. */
  district: string | null;
  grain: Grain;
  /** Start date (YYYY-MM-DD) of the first period in view; '' when the grain has no periods. */
  from: string;
  /** Start date of the last period in view; '' when the grain has no periods. */
  to: string;
  /** District filter, in meta.districts order; empty = the whole province. */
  units: string[];
  kindGroup: KindGroup;
  topic: string | null;
  lang: Lang;
  campaign: string | null;
  /**
   * The query in the SQL workbench (page 'workbench' only; absent when there is none). The filters
   * stay in the workbench's URL too, so going back to a chart page keeps them.
   */
  sql?: string;
}

/** Something in the URL that could not be used as written, and what is shown instead. */
export interface Notice {
  param: string;
  value: string;
  message_vi: string;
  message_en: string;
}

export const NAV_PAGES = ['overview', 'petitions', 'hotspots', 'campaigns', 'workbench'] as const;
export type NavPage = (typeof NAV_PAGES)[number];
export const PAGE_PATHS: Record<NavPage, string> = {
  overview: '/', petitions: '/don-thu', hotspots: '/diem-nong', campaigns: '/phong-trao', workbench: '/truy-van',
};
const DISTRICT_SEGMENT = 'huyen';

export const PARAMS = {
  grain: 'ky', from: 'tu', to: 'den', units: 'huyen', kindGroup: 'loai', topic: 'linh-vuc', campaign: 'phong-trao', lang: 'lang',
  sql: 'sql',
} as const;

/**
 * The longest query the URL carries, percent-encoded: the server refuses request headers over
 * 16 KB, so a longer query stays in the editor (and the history) but out of the link.
 */
export const SQL_URL_MAX = 8000;

/** Whether a query is short enough to be written into the URL. */
export function sqlFitsUrl(sql: string): boolean {
  return encodeURIComponent(sql).length <= SQL_URL_MAX;
}

export const DEFAULT_GRAIN: Grain = 'quarter';
export const DEFAULT_KIND_GROUP: KindGroup = 'complaint_denunciation';
export const DEFAULT_LANG: Lang = 'vi';
/**
 * How many periods before the last one the default range starts: a year back for months and
 * quarters (so the same period last year is in view), five periods for the yearly grains.
 */
export const DEFAULT_SPAN: Record<Grain, number> = {
  month: 12, quarter: 4, year: 4, report_q: 4, report_6m: 4, report_9m: 4, report_year: 4,
};

const byMeta = new WeakMap<MetaResponse, Map<string, Period[]>>();

/** The periods of one grain, oldest first. */
export function periodsOf(meta: MetaResponse, grain: Grain): Period[] {
  let m = byMeta.get(meta);
  if (!m) {
    m = new Map();
    for (const p of meta.periods) {
      const list = m.get(p.grain) ?? [];
      list.push(p);
      m.set(p.grain, list);
    }
    for (const list of m.values()) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    byMeta.set(meta, m);
  }
  return m.get(grain) ?? [];
}

export function findPeriod(meta: MetaResponse, grain: Grain, start: string): Period | undefined {
  return periodsOf(meta, grain).find((p) => p.start === start);
}

/** The period of the grain whose [start, end] holds the date. */
export function periodContaining(meta: MetaResponse, grain: Grain, date: string): Period | undefined {
  return periodsOf(meta, grain).find((p) => p.start <= date && date <= p.end);
}

/** The latest complete period of the grain, or the latest of all when none is complete yet. */
export function latestPeriod(meta: MetaResponse, grain: Grain): Period | undefined {
  const list = periodsOf(meta, grain);
  for (let i = list.length - 1; i >= 0; i--) if (list[i].is_complete) return list[i];
  return list[list.length - 1];
}

/** The period `n` steps before (negative: after) the one starting at `start`, clamped to the list. */
export function shiftPeriod(meta: MetaResponse, grain: Grain, start: string, n: number): Period | undefined {
  const list = periodsOf(meta, grain);
  const i = list.findIndex((p) => p.start === start);
  if (i < 0) return undefined;
  return list[Math.max(0, Math.min(list.length - 1, i - n))];
}

export function defaultRange(meta: MetaResponse, grain: Grain): { from: string; to: string } {
  const last = latestPeriod(meta, grain);
  if (!last) return { from: '', to: '' };
  return { from: shiftPeriod(meta, grain, last.start, DEFAULT_SPAN[grain])!.start, to: last.start };
}

export function defaultState(meta: MetaResponse): ViewState {
  return {
    page: 'overview', district: null, grain: DEFAULT_GRAIN, ...defaultRange(meta, DEFAULT_GRAIN), units: [],
    kindGroup: DEFAULT_KIND_GROUP, topic: null, lang: DEFAULT_LANG, campaign: null,
  };
}

/**
 * The dates to send to the API for the range in view: the first period's first day and the last
 * period's LAST day (the URL's `den` is the last period's start; the API filters on period ends).
 */
export function apiRange(state: ViewState, meta: MetaResponse): { from: string; to: string } {
  const first = findPeriod(meta, state.grain, state.from);
  const last = findPeriod(meta, state.grain, state.to);
  return { from: first?.start ?? state.from, to: last?.end ?? state.to };
}

/** The last period of the grain starting on or before the date (else the first period). */
function snap(meta: MetaResponse, grain: Grain, date: string): Period | undefined {
  const list = periodsOf(meta, grain);
  let found: Period | undefined;
  for (const p of list) if (p.start <= date) found = p;
  return found ?? list[0];
}

/**
 * The same state at another grain, keeping the time in view: the new range runs from the period
 * holding the old first day to the period holding the old last day.
 */
export function changeGrain(state: ViewState, grain: Grain, meta: MetaResponse): ViewState {
  if (grain === state.grain) return state;
  const oldFrom = findPeriod(meta, state.grain, state.from);
  const oldTo = findPeriod(meta, state.grain, state.to);
  if (!oldFrom || !oldTo) return { ...state, grain, ...defaultRange(meta, grain) };
  const from = snap(meta, grain, oldFrom.start);
  let to = snap(meta, grain, oldTo.end);
  if (!from || !to) return { ...state, grain, ...defaultRange(meta, grain) };
  // Do not move the range into a period that has only begun, unless it was already there.
  const latest = latestPeriod(meta, grain)!;
  if (to.start > latest.start && oldTo.is_complete) to = latest;
  return from.start <= to.start ? { ...state, grain, from: from.start, to: to.start } : { ...state, grain, from: to.start, to: from.start };
}

/** The grains a page can show: the hot-spot statistics exist for months, quarters and years only. */
/** Campaign results are reported once a year: the campaigns page offers years only. */
const CAMPAIGN_GRAINS: readonly Grain[] = ['year'];

export function pageGrains(page: Page): readonly Grain[] {
  return page === 'hotspots' ? HOTSPOT_GRAINS : page === 'campaigns' ? CAMPAIGN_GRAINS : GRAINS;
}

const NEAREST_GRAIN: Record<Grain, Grain> = {
  month: 'month', quarter: 'quarter', year: 'year', report_q: 'quarter', report_6m: 'year', report_9m: 'year', report_year: 'year',
};

/** The state with a grain its page can show (a reporting quarter becomes a quarter, and so on). */
export function fitToPage(state: ViewState, meta: MetaResponse): ViewState {
  const allowed = pageGrains(state.page);
  if (allowed.includes(state.grain)) return state;
  const g = allowed.includes(NEAREST_GRAIN[state.grain]) ? NEAREST_GRAIN[state.grain] : allowed[0];
  return changeGrain(state, g, meta);
}

export function pathOf(page: Page, district: string | null): string {
  if (page === 'district') return district ? `/${DISTRICT_SEGMENT}/${encodeURIComponent(district)}` : '/';
  return PAGE_PATHS[page];
}

/** The URL (path and query) of a state; parameters at their default are left out. */
export function toUrl(state: ViewState): string {
  const q: string[] = [];
  const add = (name: string, value: string) => q.push(`${name}=${encodeURIComponent(value)}`);
  if (state.grain !== DEFAULT_GRAIN) add(PARAMS.grain, state.grain);
  if (state.from) add(PARAMS.from, state.from);
  if (state.to) add(PARAMS.to, state.to);
  // Commas stay readable: the codes themselves never contain one.
  if (state.units.length) q.push(`${PARAMS.units}=${state.units.map(encodeURIComponent).join(',')}`);
  if (state.kindGroup !== DEFAULT_KIND_GROUP) add(PARAMS.kindGroup, state.kindGroup);
  if (state.topic) add(PARAMS.topic, state.topic);
  if (state.campaign) add(PARAMS.campaign, state.campaign);
  if (state.lang !== DEFAULT_LANG) add(PARAMS.lang, state.lang);
  // The query last: the filters stay readable at the front of a long link.
  if (state.page === 'workbench' && state.sql && sqlFitsUrl(state.sql)) add(PARAMS.sql, state.sql);
  const path = pathOf(state.page, state.district);
  return q.length ? `${path}?${q.join('&')}` : path;
}

export function sameState(a: ViewState, b: ViewState): boolean {
  return toUrl(a) === toUrl(b);
}

// ---- parsing ------------------------------------------------------------------------------

const MAX_SHOWN = 60;

function shown(value: string): string {
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
}

function notice(param: string, value: string, vi: string, en: string): Notice {
  return { param, value: shown(value), message_vi: vi, message_en: en };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function fold(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/** A topic code from its code, or from a label or alias of the vocabulary ("Đất đai" → land). */
function topicCode(value: string): string | null {
  const v = fold(value);
  for (const d of TOPICS) {
    if (d.code === v || fold(d.vi) === v || fold(d.en) === v || d.aliases.some((a) => fold(a) === v)) return d.code;
  }
  return null;
}

interface PathResult {
  page: Page;
  district: string | null;
  notices: Notice[];
}

function parsePath(pathname: string, meta: MetaResponse): PathResult {
  const overview = (n: Notice): PathResult => ({ page: 'overview', district: null, notices: [n] });
  const raw = pathname.split('/').filter((s) => s !== '');
  const segs = raw.map(safeDecode);
  if (segs.some((s) => s === null)) {
    return overview(notice('path', pathname, `Đường dẫn “${shown(pathname)}” không đọc được; đang mở trang Tổng quan.`,
      `The address “${shown(pathname)}” cannot be read; showing the Overview.`));
  }
  const s = (segs as string[]).map((x) => x.trim()).filter((x) => x !== '');
  const first = s[0]?.toLowerCase();
  if (s.length === 0 || (s.length === 1 && first === 'index.html')) return { page: 'overview', district: null, notices: [] };
  if (first === DISTRICT_SEGMENT) {
    const code = s[1];
    if (code === undefined) {
      return overview(notice('path', pathname, 'Đường dẫn thiếu mã huyện; đang mở trang Tổng quan.',
        'The address has no district code; showing the Overview.'));
    }
    if (s.length === 2 && meta.districts.some((d) => d.code === code)) return { page: 'district', district: code, notices: [] };
    const shownCode = s.slice(1).join('/');
    return overview(notice('path', shownCode, `Không có huyện mã “${shown(shownCode)}” trong dữ liệu; đang mở trang Tổng quan.`,
      `There is no district with code “${shown(shownCode)}” in the data; showing the Overview.`));
  }
  if (s.length === 1) {
    const page = NAV_PAGES.find((p) => PAGE_PATHS[p] === `/${first}`);
    if (page) return { page, district: null, notices: [] };
  }
  const p = `/${s.join('/')}`;
  return overview(notice('path', p, `Không có trang “${shown(p)}”; đang mở trang Tổng quan.`, `There is no page “${shown(p)}”; showing the Overview.`));
}

/** Turns any URL into a valid state, with a notice for every parameter that could not be used. */
export function parseUrl(url: URL, meta: MetaResponse): { state: ViewState; notices: Notice[] } {
  const notices: Notice[] = [];
  const { page, district, notices: pathNotices } = parsePath(url.pathname, meta);
  notices.push(...pathNotices);
  const sp = url.searchParams;

  /** The first non-empty value of a parameter; a differing repeat gets a notice. */
  const one = (name: string): string | undefined => {
    const values = sp.getAll(name).map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) return undefined;
    const distinct = [...new Set(values)];
    if (distinct.length > 1) {
      notices.push(notice(name, distinct.join(', '), `Tham số “${name}” có nhiều giá trị; đang dùng giá trị đầu tiên “${shown(distinct[0])}”.`,
        `The parameter “${name}” has several values; using the first, “${shown(distinct[0])}”.`));
    }
    return distinct[0];
  };

  // Language first: nothing else depends on it.
  let lang: Lang = DEFAULT_LANG;
  const langRaw = one(PARAMS.lang);
  if (langRaw !== undefined) {
    const l = langRaw.toLowerCase();
    if (l === 'vi' || l === 'en') lang = l;
    else notices.push(notice(PARAMS.lang, langRaw, `Không có ngôn ngữ “${shown(langRaw)}”; đang dùng tiếng Việt.`, `There is no language “${shown(langRaw)}”; using Vietnamese.`));
  }

  let grain: Grain = DEFAULT_GRAIN;
  const grainRaw = one(PARAMS.grain);
  if (grainRaw !== undefined) {
    const g = grainRaw.toLowerCase();
    if ((GRAINS as readonly string[]).includes(g)) grain = g as Grain;
    else {
      notices.push(notice(PARAMS.grain, grainRaw, `Không có loại kỳ “${shown(grainRaw)}”; đang dùng ${grainLabel('vi', DEFAULT_GRAIN)}.`,
        `There is no period type “${shown(grainRaw)}”; using ${grainLabel('en', DEFAULT_GRAIN).toLowerCase()}.`));
    }
  }

  const fromRaw = one(PARAMS.from);
  const toRaw = one(PARAMS.to);
  const { from, to } = parseRange(meta, grain, fromRaw, toRaw, notices);

  const known = new Set(meta.districts.map((d) => d.code));
  const asked = sp.getAll(PARAMS.units).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const unknownUnits = [...new Set(asked.filter((c) => !known.has(c)))];
  if (unknownUnits.length) {
    const list = unknownUnits.map(shown).join(', ');
    notices.push(notice(PARAMS.units, unknownUnits.join(','), `Không có huyện mã ${list} trong dữ liệu; đã bỏ qua.`, `No district with code ${list} in the data; ignored.`));
  }
  const chosen = new Set(asked);
  const units = meta.districts.map((d) => d.code).filter((c) => chosen.has(c));

  let kindGroup: KindGroup = DEFAULT_KIND_GROUP;
  const kindRaw = one(PARAMS.kindGroup);
  if (kindRaw !== undefined) {
    const k = kindRaw.toLowerCase();
    if ((KIND_GROUPS as readonly string[]).includes(k)) kindGroup = k as KindGroup;
    else {
      notices.push(notice(PARAMS.kindGroup, kindRaw, `Không có loại đơn “${shown(kindRaw)}”; đang dùng ${kindGroupLabel('vi', DEFAULT_KIND_GROUP)}.`,
        `There is no petition kind “${shown(kindRaw)}”; using ${kindGroupLabel('en', DEFAULT_KIND_GROUP).toLowerCase()}.`));
    }
  }

  let topic: string | null = null;
  const topicRaw = one(PARAMS.topic);
  if (topicRaw !== undefined) {
    topic = topicCode(topicRaw);
    if (topic === null) {
      notices.push(notice(PARAMS.topic, topicRaw, `Không có lĩnh vực “${shown(topicRaw)}”; đang hiển thị tất cả lĩnh vực.`,
        `There is no topic “${shown(topicRaw)}”; showing all topics.`));
    }
  }

  let campaign: string | null = null;
  const campaignRaw = one(PARAMS.campaign);
  if (campaignRaw !== undefined) {
    if (meta.campaigns.some((c) => c.id === campaignRaw)) campaign = campaignRaw;
    else {
      notices.push(notice(PARAMS.campaign, campaignRaw, `Không có phong trào “${shown(campaignRaw)}” trong dữ liệu; đang hiển thị tất cả phong trào.`,
        `There is no campaign “${shown(campaignRaw)}” in the data; showing all campaigns.`));
    }
  }

  let sql: string | undefined;
  const sqlValues = sp.getAll(PARAMS.sql).filter((v) => v.trim() !== '');
  if (sqlValues.length && page !== 'workbench') {
    notices.push(notice(PARAMS.sql, sqlValues[0], 'Câu lệnh SQL chỉ dùng ở trang Truy vấn; đã bỏ qua.',
      'A SQL query belongs on the SQL workbench page only; ignored.'));
  } else if (sqlValues.length) {
    const distinct = [...new Set(sqlValues.map((v) => v.trim()))];
    if (distinct.length > 1) {
      notices.push(notice(PARAMS.sql, distinct.join(' | '), 'Đường dẫn có nhiều câu lệnh SQL; đang dùng câu lệnh đầu tiên.',
        'The address has several SQL queries; using the first.'));
    }
    if (sqlFitsUrl(distinct[0])) sql = distinct[0];
    else {
      notices.push(notice(PARAMS.sql, distinct[0], 'Câu lệnh SQL trong đường dẫn quá dài; đã bỏ qua.',
        'The SQL query in the address is too long; ignored.'));
    }
  }

  let state: ViewState = { page, district, grain, from, to, units, kindGroup, topic, lang, campaign };
  if (sql !== undefined) state.sql = sql;
  let fitted = fitToPage(state, meta);
  // No range asked for: the new grain's own default, not the old default converted.
  if (fitted !== state && fromRaw === undefined && toRaw === undefined) fitted = { ...fitted, ...defaultRange(meta, fitted.grain) };
  if (fitted !== state) {
    // Said only when the URL asked for the grain: a page's own default needs no notice.
    if (grainRaw !== undefined) {
      const list = (l: Lang) => pageGrains(page).map((g) => grainLabel(l, g).toLowerCase()).join(', ');
      notices.push(notice(PARAMS.grain, grain, `Trang này chỉ xem theo ${list('vi')}; đang dùng ${grainLabel('vi', fitted.grain)}.`,
        `This page shows ${list('en')} only; using ${grainLabel('en', fitted.grain).toLowerCase()}.`));
    }
    state = fitted;
  }
  return { state, notices };
}

function parseRange(meta: MetaResponse, grain: Grain, fromRaw: string | undefined, toRaw: string | undefined, notices: Notice[]): { from: string; to: string } {
  const def = defaultRange(meta, grain);
  const gl = (l: Lang) => grainLabel(l, grain).toLowerCase();

  /** A period start from the parameter: exact, or the period holding the date (with a notice). */
  const read = (param: string, raw: string | undefined): Period | undefined => {
    if (raw === undefined) return undefined;
    const exact = findPeriod(meta, grain, raw);
    if (exact) return exact;
    if (!isIsoDate(raw)) {
      notices.push(notice(param, raw, `“${shown(raw)}” không phải ngày hợp lệ (dạng YYYY-MM-DD); đang dùng kỳ mặc định.`,
        `“${shown(raw)}” is not a valid date (YYYY-MM-DD); using the default period.`));
      return undefined;
    }
    const holder = periodContaining(meta, grain, raw);
    if (holder) {
      notices.push(notice(param, raw, `Ngày ${fmtDate(raw, 'vi')} không phải ngày đầu kỳ; đã chuyển về ${holder.label_vi}.`,
        `${fmtDate(raw, 'en')} is not the first day of a period; moved to ${holder.label_en}.`));
      return holder;
    }
    notices.push(notice(param, raw, `Không có số liệu ${gl('vi')} bắt đầu ngày ${fmtDate(raw, 'vi')}; đang dùng kỳ mặc định.`,
      `There is no ${gl('en')} starting ${fmtDate(raw, 'en')} in the data; using the default period.`));
    return undefined;
  };

  const f = read(PARAMS.from, fromRaw);
  const t = read(PARAMS.to, toRaw);
  if (!def.to) return def;
  if (!f && !t) return def;
  if (f && !t) return { from: f.start, to: f.start > def.to ? f.start : def.to };
  if (!f && t) return { from: shiftPeriod(meta, grain, t.start, DEFAULT_SPAN[grain])!.start, to: t.start };
  if (f!.start > t!.start) {
    notices.push(notice(`${PARAMS.from},${PARAMS.to}`, `${fromRaw},${toRaw}`, 'Kỳ bắt đầu nằm sau kỳ kết thúc; đã đổi chỗ hai kỳ.',
      'The first period came after the last one; the two have been swapped.'));
    return { from: t!.start, to: f!.start };
  }
  return { from: f!.start, to: t!.start };
}
