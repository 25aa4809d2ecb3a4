import { describe, expect, it } from 'vitest';
import { GRAINS, HOTSPOT_GRAINS, KIND_GROUPS, type MetaResponse } from '../../dashboard/api-contract.ts';
import {
  apiRange, changeGrain, defaultRange, defaultState, fitToPage, latestPeriod, NAV_PAGES, pageGrains, parseUrl, periodsOf, SQL_URL_MAX,
  sqlFitsUrl, toUrl, type Notice, type Page, type ViewState,
} from '../../dashboard/src/lib/url-state.ts';
import { TOPICS } from '../../pipeline/schema/vocabulary.ts';
import { META_DEMO } from './fixtures/meta-demo.ts';

const ORIGIN = 'http://127.0.0.1:5173';
const parse = (pathAndQuery: string, meta: MetaResponse = META_DEMO) => parseUrl(new URL(ORIGIN + pathAndQuery), meta);
const params = (notices: Notice[]) => notices.map((n) => n.param);

/** The demo as it looked on 20/11/2024: Q4/2024 and November under way, not complete. */
const AS_OF_PARTIAL = '2024-11-20';
const META_PARTIAL: MetaResponse = {
  ...META_DEMO,
  as_of: AS_OF_PARTIAL,
  periods: META_DEMO.periods.filter((p) => p.start <= AS_OF_PARTIAL).map((p) => ({ ...p, is_complete: p.end <= AS_OF_PARTIAL })),
};

const DEFAULT: ViewState = {
  page: 'overview', district: null, grain: 'quarter', from: '2023-10-01', to: '2024-10-01', units: [],
  kindGroup: 'complaint_denunciation', topic: null, lang: 'vi', campaign: null,
};

/** A small seeded generator (mulberry32), so failures repeat. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomState(r: () => number, meta: MetaResponse): ViewState {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const page: Page = pick([...NAV_PAGES, 'district'] as const);
  const grain = pick(pageGrains(page));
  const periods = periodsOf(meta, grain);
  const i = Math.floor(r() * periods.length);
  const j = i + Math.floor(r() * (periods.length - i));
  const codes = meta.districts.map((d) => d.code);
  return {
    page,
    district: page === 'district' ? pick(codes) : null,
    grain,
    from: periods[i].start,
    to: periods[j].start,
    units: r() < 0.4 ? [] : codes.filter(() => r() < 0.3),
    kindGroup: pick(KIND_GROUPS),
    topic: r() < 0.5 ? null : pick(TOPICS).code,
    lang: r() < 0.5 ? 'vi' : 'en',
    campaign: r() < 0.6 ? null : pick(meta.campaigns).id,
  };
}

describe('defaults', () => {
  it('opens the overview by quarter: the latest complete quarter and the four before it', () => {
    expect(defaultState(META_DEMO)).toEqual(DEFAULT);
    expect(parse('/')).toEqual({ state: DEFAULT, notices: [] });
  });

  it('never takes a period that is still under way', () => {
    expect(latestPeriod(META_PARTIAL, 'quarter')!.start).toBe('2024-07-01');
    expect(defaultRange(META_PARTIAL, 'quarter')).toEqual({ from: '2023-07-01', to: '2024-07-01' });
    expect(defaultRange(META_PARTIAL, 'month')).toEqual({ from: '2023-10-01', to: '2024-10-01' });
    expect(defaultRange(META_DEMO, 'year')).toEqual({ from: '2020-01-01', to: '2024-01-01' });
    expect(defaultRange(META_DEMO, 'report_q')).toEqual({ from: '2023-09-15', to: '2024-09-15' });
  });

  it('falls back to the latest period when none is complete, and to empty when there is none', () => {
    const fresh: MetaResponse = { ...META_DEMO, periods: META_DEMO.periods.filter((p) => p.grain !== 'year' || p.start === '2024-01-01').map((p) => ({ ...p, is_complete: p.grain === 'year' ? false : p.is_complete })) };
    expect(defaultRange(fresh, 'year')).toEqual({ from: '2024-01-01', to: '2024-01-01' });
    const empty: MetaResponse = { ...META_DEMO, periods: [] };
    const { state, notices } = parse('/?tu=2024-01-01', empty);
    expect(state.from).toBe('');
    expect(state.to).toBe('');
    expect(params(notices)).toEqual(['tu']);
    expect(toUrl(state)).toBe('/');
  });
});

describe('toUrl', () => {
  it('leaves out parameters at their default but always writes the period', () => {
    expect(toUrl(DEFAULT)).toBe('/?tu=2023-10-01&den=2024-10-01');
    expect(toUrl({ ...DEFAULT, page: 'petitions' })).toBe('/don-thu?tu=2023-10-01&den=2024-10-01');
    expect(toUrl({ ...DEFAULT, page: 'hotspots' })).toBe('/diem-nong?tu=2023-10-01&den=2024-10-01');
    expect(toUrl({ ...DEFAULT, page: 'campaigns', campaign: 'dan_van_kheo' })).toBe('/phong-trao?tu=2023-10-01&den=2024-10-01&phong-trao=dan_van_kheo');
    expect(toUrl({ ...DEFAULT, page: 'district', district: '524' })).toBe('/huyen/524?tu=2023-10-01&den=2024-10-01');
  });

  it('writes every filter in a fixed order, with readable commas', () => {
    const s: ViewState = {
      ...DEFAULT, grain: 'month', from: '2024-01-01', to: '2024-06-01', units: ['522', '524'], kindGroup: 'feedback',
      topic: 'land', lang: 'en', campaign: 'ntm_dtvm',
    };
    expect(toUrl(s)).toBe('/?ky=month&tu=2024-01-01&den=2024-06-01&huyen=522,524&loai=feedback&linh-vuc=land&phong-trao=ntm_dtvm&lang=en');
  });
});

describe('round trip', () => {
  it('parse(toUrl(s)) gives s back, without notices, for 500 generated states', () => {
    const r = rng(20241231);
    for (let k = 0; k < 500; k++) {
      const s = randomState(r, META_DEMO);
      const url = toUrl(s);
      const back = parse(url);
      expect(back.notices, url).toEqual([]);
      expect(back.state, url).toEqual(s);
    }
  });

  it('holds for every single filter on its own', () => {
    const variants: Partial<ViewState>[] = [
      ...NAV_PAGES.map((page) => ({ page })),
      ...META_DEMO.districts.map((d) => ({ page: 'district' as const, district: d.code })),
      ...GRAINS.map((grain) => ({ grain, ...defaultRange(META_DEMO, grain) })),
      ...META_DEMO.districts.map((d) => ({ units: [d.code] })),
      { units: META_DEMO.districts.map((d) => d.code) },
      ...KIND_GROUPS.map((kindGroup) => ({ kindGroup })),
      ...TOPICS.map((t) => ({ topic: t.code })),
      { lang: 'en' as const },
      ...META_DEMO.campaigns.map((c) => ({ campaign: c.id })),
      { from: '2020-01-01', to: '2020-01-01' },
    ];
    for (const v of variants) {
      // As the app navigates: each page with a grain it shows (campaigns: years).
      const s = fitToPage({ ...DEFAULT, ...v }, META_DEMO);
      expect(parse(toUrl(s))).toEqual({ state: s, notices: [] });
    }
  });

  it('holds on the partial meta too', () => {
    const r = rng(7);
    for (let k = 0; k < 100; k++) {
      const s = randomState(r, META_PARTIAL);
      expect(parse(toUrl(s), META_PARTIAL)).toEqual({ state: s, notices: [] });
    }
  });
});

describe('odd and invalid URLs', () => {
  it('accepts trailing and doubled slashes and percent-encoded paths', () => {
    expect(parse('/don-thu/').state.page).toBe('petitions');
    expect(parse('//diem-nong//').state.page).toBe('hotspots');
    expect(parse('/Phong-Trao').state.page).toBe('campaigns');
    expect(parse('/%64on-thu').state.page).toBe('petitions');
    expect(parse('/huyen/524/')).toMatchObject({ state: { page: 'district', district: '524' }, notices: [] });
    expect(parse('/huyen/52%34')).toMatchObject({ state: { page: 'district', district: '524' }, notices: [] });
    expect(parse('/index.html')).toEqual({ state: DEFAULT, notices: [] });
  });

  it('opens the overview with a notice for a district page without a code', () => {
    const { state, notices } = parse('/huyen/');
    expect(state).toEqual(DEFAULT);
    expect(params(notices)).toEqual(['path']);
    expect(notices[0].message_vi).toContain('thiếu mã huyện');
    expect(notices[0].message_en).toContain('no district code');
  });

  it('opens the overview with a notice for an unknown district', () => {
    const { state, notices } = parse('/huyen/999?ky=month');
    expect(state.page).toBe('overview');
    expect(state.district).toBeNull();
    expect(state.grain).toBe('month');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ param: 'path', value: '999' });
    expect(notices[0].message_vi).toContain('“999”');
    expect(parse('/huyen/524/extra').notices[0].value).toBe('524/extra');
  });

  it('opens the overview with a notice for an unknown page', () => {
    const { state, notices } = parse('/bao-cao?ky=year');
    expect(state.page).toBe('overview');
    expect(state.grain).toBe('year');
    expect(notices).toMatchObject([{ param: 'path', value: '/bao-cao' }]);
  });

  it('survives a path that cannot be decoded', () => {
    const { state, notices } = parse('/%E0%A4%A');
    expect(state).toEqual(DEFAULT);
    expect(params(notices)).toEqual(['path']);
  });

  it('replaces an unknown grain by the quarter', () => {
    const { state, notices } = parse('/?ky=decade');
    expect(state).toEqual(DEFAULT);
    expect(notices).toMatchObject([{ param: 'ky', value: 'decade' }]);
    expect(notices[0].message_vi).toBe('Không có loại kỳ “decade”; đang dùng Quý.');
    expect(parse('/?ky=MONTH')).toMatchObject({ state: { grain: 'month' }, notices: [] });
  });

  it('replaces a period outside the data by the default one', () => {
    const { state, notices } = parse('/?tu=2031-01-01');
    expect(state).toEqual(DEFAULT);
    expect(notices).toMatchObject([{ param: 'tu', value: '2031-01-01' }]);
    expect(notices[0].message_vi).toContain('01/01/2031');
    const before = parse('/?tu=1999-01-01&den=2024-10-01');
    expect(before.state).toMatchObject({ from: '2023-10-01', to: '2024-10-01' });
    expect(params(before.notices)).toEqual(['tu']);
  });

  it('replaces what is not a date, and names the expected form', () => {
    for (const bad of ['abc', '2024-13-01', '2024-02-30', '01/10/2024', '2024-1-1']) {
      const { state, notices } = parse(`/?tu=${encodeURIComponent(bad)}`);
      expect(state, bad).toEqual(DEFAULT);
      expect(notices, bad).toHaveLength(1);
      expect(notices[0].message_vi, bad).toContain('YYYY-MM-DD');
    }
  });

  it('moves a date inside a period to the start of that period, with a notice', () => {
    const { state, notices } = parse('/?ky=month&tu=2024-11-15&den=2024-12-01');
    expect(state).toMatchObject({ grain: 'month', from: '2024-11-01', to: '2024-12-01' });
    expect(notices).toMatchObject([{ param: 'tu', value: '2024-11-15' }]);
    expect(notices[0].message_vi).toContain('Tháng 11/2024');
    // A month start under the quarter grain lands in its quarter.
    expect(parse('/?tu=2024-02-01&den=2024-10-01').state.from).toBe('2024-01-01');
  });

  it('swaps a range given backwards', () => {
    const { state, notices } = parse('/?tu=2024-10-01&den=2023-10-01');
    expect(state).toMatchObject({ from: '2023-10-01', to: '2024-10-01' });
    expect(params(notices)).toEqual(['tu,den']);
  });

  it('completes a range given by one end', () => {
    expect(parse('/?den=2022-04-01')).toEqual({ state: { ...DEFAULT, from: '2021-04-01', to: '2022-04-01' }, notices: [] });
    expect(parse('/?den=2020-04-01').state.from).toBe('2020-01-01');
    expect(parse('/?tu=2022-04-01')).toEqual({ state: { ...DEFAULT, from: '2022-04-01', to: '2024-10-01' }, notices: [] });
    // A start in the quarter under way: the range is that quarter alone.
    expect(parse('/?tu=2024-10-01', META_PARTIAL).state).toMatchObject({ from: '2024-10-01', to: '2024-10-01' });
  });

  it('treats empty values as absent, silently', () => {
    expect(parse('/?ky=&tu=&den=&huyen=&loai=&linh-vuc=&lang=&phong-trao=')).toEqual({ state: DEFAULT, notices: [] });
    expect(parse('/?huyen=,,')).toEqual({ state: DEFAULT, notices: [] });
    expect(parse('/?ky=%20%20')).toEqual({ state: DEFAULT, notices: [] });
  });

  it('uses the first of repeated values, with a notice only when they differ', () => {
    const { state, notices } = parse('/?ky=month&ky=year');
    expect(state.grain).toBe('month');
    expect(notices).toMatchObject([{ param: 'ky', value: 'month, year' }]);
    expect(parse('/?ky=month&ky=month').notices).toEqual([]);
    // Districts add up across repeats.
    expect(parse('/?huyen=524&huyen=522')).toEqual({ state: { ...DEFAULT, units: ['522', '524'] }, notices: [] });
  });

  it('keeps known districts, drops unknown ones with one notice, and orders them as meta does', () => {
    const { state, notices } = parse('/?huyen=536,999,abc,522,536');
    expect(state.units).toEqual(['522', '536']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ param: 'huyen', value: '999,abc' });
    expect(parse('/?huyen=522%2C524').state.units).toEqual(['522', '524']);
    expect(parse('/?huyen=51').notices).toHaveLength(1);
  });

  it('reads a topic given by its Vietnamese or English name, percent-encoded or not', () => {
    expect(parse(`/?linh-vuc=${encodeURIComponent('Đất đai')}`)).toEqual({ state: { ...DEFAULT, topic: 'land' }, notices: [] });
    expect(parse('/?linh-vuc=%C4%90%E1%BA%A5t%20%C4%91ai').state.topic).toBe('land');
    // The same words in decomposed Unicode (as some keyboards type them).
    expect(parse(`/?linh-vuc=${encodeURIComponent('Đất đai'.normalize('NFD'))}`).state.topic).toBe('land');
    expect(parse(`/?linh-vuc=${encodeURIComponent('giải phóng mặt bằng')}`).state.topic).toBe('compensation');
    expect(parse('/?linh-vuc=Environment').state.topic).toBe('environment');
    expect(parse('/?linh-vuc=land+').state.topic).toBe('land');
  });

  it('drops an unknown topic with a notice', () => {
    const { state, notices } = parse(`/?linh-vuc=${encodeURIComponent('Giáo dục')}`);
    expect(state.topic).toBeNull();
    expect(notices).toMatchObject([{ param: 'linh-vuc', value: 'Giáo dục' }]);
  });

  it('checks language, kind group and campaign', () => {
    expect(parse('/?lang=EN')).toEqual({ state: { ...DEFAULT, lang: 'en' }, notices: [] });
    expect(parse('/?lang=fr')).toMatchObject({ state: { lang: 'vi' }, notices: [{ param: 'lang', value: 'fr' }] });
    expect(parse('/?loai=feedback').state.kindGroup).toBe('feedback');
    expect(parse('/?loai=khieu-nai')).toMatchObject({ state: { kindGroup: 'complaint_denunciation' }, notices: [{ param: 'loai' }] });
    expect(parse('/phong-trao?phong-trao=dan_van_kheo').state.campaign).toBe('dan_van_kheo');
    expect(parse('/phong-trao?phong-trao=xyz')).toMatchObject({ state: { page: 'campaigns', campaign: null }, notices: [{ param: 'phong-trao' }] });
  });

  it('gives the campaigns page years only, with a notice only when the URL asked for another grain', () => {
    expect(pageGrains('campaigns')).toEqual(['year']);
    const plain = parse('/phong-trao');
    expect(plain.state.grain).toBe('year');
    expect(plain.notices).toEqual([]);
    const q = parse('/phong-trao?ky=quarter&tu=2024-07-01&den=2024-10-01');
    expect(q.state).toMatchObject({ grain: 'year', from: '2024-01-01', to: '2024-01-01' });
    expect(q.notices).toMatchObject([{ param: 'ky', value: 'quarter' }]);
    expect(q.notices[0].message_vi).toContain('chỉ xem theo năm');
  });

  it('gives the hot-spot page a grain it has', () => {
    const q = parse('/diem-nong?ky=report_q&tu=2023-09-15&den=2024-09-15');
    // Reporting Q4 runs 15/9–14/12: its first day lies in Q3, its last in Q4.
    expect(q.state).toMatchObject({ page: 'hotspots', grain: 'quarter', from: '2023-07-01', to: '2024-10-01' });
    expect(params(q.notices)).toEqual(['ky']);
    const y = parse('/diem-nong?ky=report_6m');
    expect(y.state).toMatchObject({ grain: 'year', ...defaultRange(META_DEMO, 'year') });
    expect(HOTSPOT_GRAINS).toContain(y.state.grain);
    expect(parse('/diem-nong?ky=month').notices).toEqual([]);
  });

  it('turns garbage into a defined state with readable notices', () => {
    const long = 'x'.repeat(500);
    const urls = [
      '/?ky=%00%ff%3Cscript%3E', `/?tu=${long}`, '/?huyen=%F0%9F%92%A9', '/?lang=%E0%A4%A', '/??&&==&ky',
      '/?tu=2024-10-01&tu=2023-10-01&den=garbage', '/huyen/%2F%2F', '/%20/', `/${long}`, '/?loai[]=a&ky[0]=b',
    ];
    for (const u of urls) {
      const { state, notices } = parse(u);
      expect(NAV_PAGES.includes(state.page as never) || state.page === 'district', u).toBe(true);
      expect(GRAINS, u).toContain(state.grain);
      expect(state.from <= state.to, u).toBe(true);
      expect(periodsOf(META_DEMO, state.grain).some((p) => p.start === state.from), u).toBe(true);
      for (const n of notices) {
        expect(n.message_vi.length, u).toBeGreaterThan(0);
        expect(n.message_en.length, u).toBeGreaterThan(0);
        expect(n.value.length, u).toBeLessThanOrEqual(61);
      }
      // Whatever came in, what goes out parses cleanly.
      expect(parse(toUrl(state))).toEqual({ state, notices: [] });
    }
    expect(parse(`/?tu=${long}`).notices[0].value).toBe(`${'x'.repeat(60)}…`);
  });
});

describe('apiRange', () => {
  it('sends the first day of the first period and the last day of the last one', () => {
    expect(apiRange(DEFAULT, META_DEMO)).toEqual({ from: '2023-10-01', to: '2024-12-31' });
    expect(apiRange({ ...DEFAULT, grain: 'report_q', from: '2023-12-15', to: '2024-03-15' }, META_DEMO)).toEqual({ from: '2023-12-15', to: '2024-06-14' });
    expect(apiRange({ ...DEFAULT, grain: 'month', from: '2024-02-01', to: '2024-02-01' }, META_DEMO)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

describe('changeGrain', () => {
  it('keeps the time in view when the grain changes', () => {
    expect(changeGrain(DEFAULT, 'month', META_DEMO)).toMatchObject({ grain: 'month', from: '2023-10-01', to: '2024-12-01' });
    expect(changeGrain(DEFAULT, 'year', META_DEMO)).toMatchObject({ grain: 'year', from: '2023-01-01', to: '2024-01-01' });
    expect(changeGrain(DEFAULT, 'report_q', META_DEMO)).toMatchObject({ grain: 'report_q', from: '2023-09-15', to: '2024-09-15' });
    const months = { ...DEFAULT, grain: 'month' as const, from: '2024-02-01', to: '2024-05-01' };
    expect(changeGrain(months, 'quarter', META_DEMO)).toMatchObject({ from: '2024-01-01', to: '2024-04-01' });
  });

  it('does not move a complete range into a period still under way', () => {
    const s = { ...DEFAULT, from: '2023-07-01', to: '2024-07-01' };
    expect(changeGrain(s, 'year', META_PARTIAL)).toMatchObject({ from: '2023-01-01', to: '2023-01-01' });
  });

  it('always yields periods of the new grain, as a valid URL', () => {
    const r = rng(99);
    for (let k = 0; k < 200; k++) {
      const s = randomState(r, META_DEMO);
      const g = GRAINS[Math.floor(r() * GRAINS.length)];
      const c = fitToPage(changeGrain({ ...s, page: 'overview', district: null }, g, META_DEMO), META_DEMO);
      expect(c.grain).toBe(g);
      expect(c.from <= c.to).toBe(true);
      expect(parse(toUrl(c))).toEqual({ state: c, notices: [] });
    }
  });
});

describe('the SQL workbench page', () => {
  const WB: ViewState = { ...DEFAULT, page: 'workbench' };

  it('lives at /truy-van and writes the query last, percent-encoded', () => {
    expect(NAV_PAGES).toContain('workbench');
    expect(toUrl(WB)).toBe('/truy-van?tu=2023-10-01&den=2024-10-01');
    expect(toUrl({ ...WB, sql: 'SELECT 1' })).toBe('/truy-van?tu=2023-10-01&den=2024-10-01&sql=SELECT%201');
    expect(toUrl({ ...WB, lang: 'en', sql: 'SELECT 1' })).toBe('/truy-van?tu=2023-10-01&den=2024-10-01&lang=en&sql=SELECT%201');
    // Other pages never carry a query, even one left in the state.
    expect(toUrl({ ...DEFAULT, sql: 'SELECT 1' })).toBe('/?tu=2023-10-01&den=2024-10-01');
    expect(parse('/truy-van')).toEqual({ state: WB, notices: [] });
    expect(parse('/TRUY-VAN/').state.page).toBe('workbench');
  });

  it('round-trips queries with Vietnamese, new lines, quotes and URL characters', () => {
    const queries = [
      "SELECT name FROM admin_units WHERE name = 'Huyện Bình Sơn'",
      'SELECT 1 + 2 AS "a&b", 50 % 7 AS pct -- #comment?\nLIMIT 1',
      'SELECT *\nFROM resolution_stats\r\nWHERE grain = \'year\'\n  AND x = \'a=b&c=d#e\'',
      '  SELECT 1  '.trim(),
      'WITH t AS (SELECT 1) SELECT * FROM t; /* 😀 ∑ ố */',
    ];
    for (const sql of queries) {
      const s = { ...WB, sql };
      expect(parse(toUrl(s)), sql).toEqual({ state: s, notices: [] });
    }
    const r = rng(5);
    const alphabet = "abcxyz ĐđốữẠ0123456789 ,.;:'\"()*+-/=<>!?&#%[]{}|\\`~^_@$\n\t";
    for (let k = 0; k < 200; k++) {
      const len = 1 + Math.floor(r() * 120);
      let sql = '';
      for (let i = 0; i < len; i++) sql += alphabet[Math.floor(r() * alphabet.length)];
      sql = sql.trim();
      if (!sql) continue;
      const s = { ...randomState(r, META_DEMO), page: 'workbench' as const, district: null, sql };
      const back = parse(toUrl(s));
      expect(back.notices, JSON.stringify(sql)).toEqual([]);
      expect(back.state, JSON.stringify(sql)).toEqual(s);
    }
  });

  it('ignores a blank query silently and trims the ends', () => {
    expect(parse('/truy-van?sql=%20%0A%20')).toEqual({ state: WB, notices: [] });
    expect(parse('/truy-van?sql=').notices).toEqual([]);
    expect(parse('/truy-van?sql=%0ASELECT%201%20%0A').state.sql).toBe('SELECT 1');
  });

  it('drops a query on another page, with a notice', () => {
    for (const u of ['/?sql=SELECT%201', '/don-thu?sql=x', '/huyen/524?sql=SELECT%202']) {
      const { state, notices } = parse(u);
      expect(state.sql, u).toBeUndefined();
      expect(params(notices), u).toEqual(['sql']);
      expect(notices[0].message_vi).toContain('Truy vấn');
      expect(parse(toUrl(state))).toEqual({ state, notices: [] });
    }
  });

  it('uses the first of several different queries, with a notice; identical repeats are silent', () => {
    const two = parse('/truy-van?sql=SELECT%201&sql=SELECT%202');
    expect(two.state.sql).toBe('SELECT 1');
    expect(params(two.notices)).toEqual(['sql']);
    const same = parse('/truy-van?sql=SELECT%201&sql=SELECT%201');
    expect(same).toEqual({ state: { ...WB, sql: 'SELECT 1' }, notices: [] });
  });

  it('keeps a query too long for a link out of the URL, and drops one that arrives in a URL anyway', () => {
    const long = `SELECT '${'ố'.repeat(2000)}'`;
    expect(sqlFitsUrl(long)).toBe(false);
    expect(sqlFitsUrl('SELECT 1')).toBe(true);
    expect(toUrl({ ...WB, sql: long })).toBe(toUrl(WB));
    const { state, notices } = parse(`/truy-van?sql=${encodeURIComponent(long)}`);
    expect(state.sql).toBeUndefined();
    expect(params(notices)).toEqual(['sql']);
    expect(notices[0].value.length).toBeLessThanOrEqual(61);
    // Exactly at the limit still fits.
    const edge = 'x'.repeat(SQL_URL_MAX);
    expect(parse(toUrl({ ...WB, sql: edge })).state.sql).toBe(edge);
  });

  it('survives broken encodings and odd parameters on the workbench page', () => {
    const urls = ['/truy-van?sql=%E0%A4%A', '/truy-van?sql=%00%ff', '/truy-van?sql[]=x&sql[0]=y', '/truy-van?&&sql&=', '/truy-van?sql=SELECT%201&ky=nope&lang=xx'];
    for (const u of urls) {
      const { state, notices } = parse(u);
      expect(state.page, u).toBe('workbench');
      for (const n of notices) expect(n.message_en.length, u).toBeGreaterThan(0);
      expect(parse(toUrl(state)), u).toEqual({ state, notices: [] });
    }
    expect(parse('/truy-van?sql=SELECT%201&ky=nope&lang=xx').state).toMatchObject({ sql: 'SELECT 1', grain: 'quarter', lang: 'vi' });
    expect(parse('/truy-van/them').state.page).toBe('overview');
  });
});
