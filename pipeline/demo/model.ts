// The simulation behind the demo petitions: how many arrive where and when, what they are about,
// how long they take, and the three planted patterns (PATTERNS.md). Every number that shapes the
// data is a named constant here, so the documentation and the manifest can quote it.
import type { Channel, Outcome, PetitionKind, Status, Topic } from '../schema/vocabulary.ts';
import { day, daysInMonth, quarterOf, weekday, yearOf, type Day } from './calendar.ts';
import { inSentence, population, YEARS, type Commune, type District } from './districts.ts';
import { makePerson, type Person } from './people.ts';
import type { Rng } from './random.ts';

export const START: Day = day(2020, 1, 1);
/** Every file shows the state of its cases on this day. */
export const AS_OF: Day = day(2024, 12, 31);
export const AS_OF_ISO = '2024-12-31';

/** Petitions per 10,000 inhabitants per year before the district's volume factor. */
export const RATE_PER_10K = 40;

/** Monthly weights (Jan … Dec): more before Tết (Dec–Jan) and after the harvests (May–Jun, Sep). */
export const SEASONALITY = [1.15, 0.85, 1.0, 0.95, 1.1, 1.1, 1.0, 0.9, 1.05, 0.95, 0.95, 1.2];
const SEASON_MEAN = SEASONALITY.reduce((a, b) => a + b, 0) / 12;

/** Sd of the log of a district's yearly volume multiplier: stationary noise. */
export const YEAR_NOISE_SD = 0.04;

export const KIND_MIX: readonly (readonly [PetitionKind, number])[] = [
  ['feedback', 0.67],
  ['complaint', 0.22],
  ['denunciation', 0.11],
];

type TopicMix = readonly (readonly [Topic, number])[];

export const TOPIC_MIX: Record<PetitionKind, TopicMix> = {
  complaint: [['land', 0.42], ['compensation', 0.3], ['housing', 0.05], ['social_policy', 0.08], ['administration', 0.07], ['official_conduct', 0.04], ['environment', 0.02], ['other', 0.02]],
  denunciation: [['land', 0.38], ['compensation', 0.3], ['corruption', 0.1], ['official_conduct', 0.12], ['party_mass_org', 0.02], ['environment', 0.03], ['judicial', 0.02], ['other', 0.03]],
  feedback: [['land', 0.14], ['compensation', 0.06], ['administration', 0.2], ['social_policy', 0.2], ['environment', 0.12], ['housing', 0.06], ['official_conduct', 0.05], ['judicial', 0.03], ['party_mass_org', 0.02], ['other', 0.12]],
};

/** Bình Sơn hosts a large industrial and economic zone: compensation is a bigger share there throughout. */
export const BINH_SON_TOPIC_MIX: Record<PetitionKind, TopicMix> = {
  complaint: [['land', 0.35], ['compensation', 0.4], ['housing', 0.04], ['social_policy', 0.07], ['administration', 0.06], ['official_conduct', 0.04], ['environment', 0.02], ['other', 0.02]],
  denunciation: [['land', 0.33], ['compensation', 0.4], ['corruption', 0.08], ['official_conduct', 0.1], ['party_mass_org', 0.02], ['environment', 0.03], ['judicial', 0.02], ['other', 0.02]],
  feedback: [['land', 0.13], ['compensation', 0.12], ['administration', 0.18], ['social_policy', 0.18], ['environment', 0.13], ['housing', 0.05], ['official_conduct', 0.05], ['judicial', 0.03], ['party_mass_org', 0.02], ['other', 0.11]],
};

export const CHANNEL_MIX: readonly (readonly [Channel, number])[] = [
  ['reception', 28], ['mail', 34], ['transferred', 12], ['online', 9], ['hotline', 3], ['voter_meeting', 6],
  ['dialogue', 2], ['front_mass_org', 4], ['press', 1], ['other', 1],
];

/** Share of each kind that belongs to the receiving body; the rest is transferred or archived. */
export const IN_JURISDICTION: Record<PetitionKind, number> = { complaint: 0.88, denunciation: 0.85, feedback: 0.875 };
export const TRANSFERRED_SHARE_OF_OUT = 0.7;
export const CROWD_PROBABILITY = 0.03;
export const REPEAT_PROBABILITY: Record<PetitionKind, number> = { complaint: 0.1, denunciation: 0.08, feedback: 0.07 };
export const OVER_LEVEL_PROBABILITY = 0.05;
export const ROUND_2_PROBABILITY = 0.15;
export const COMPLEX_PROBABILITY = 0.12;
export const EXTENSIONS_MIX: readonly (readonly [number, number])[] = [[0, 0.82], [1, 0.14], [2, 0.04]];
export const WITHDRAWN_PROBABILITY: Record<PetitionKind, number> = { complaint: 0.035, denunciation: 0.02, feedback: 0 };
/** Complaints and denunciations that drag on 200–1,200 days past their deadline (kéo dài); some are still open. */
export const PROLONGED_PROBABILITY = 0.008;
export const OUTCOME_MIX: readonly (readonly [Outcome, number])[] = [['upheld', 0.2], ['partly_upheld', 0.28], ['rejected', 0.52]];
/** Probability that a case is closed by its legal deadline. */
export const ON_TIME_PROBABILITY: Record<PetitionKind, number> = { complaint: 0.88, denunciation: 0.88, feedback: 0.82 };
/** Repeat petitioners who write again and again: one per this many inhabitants, at least two a district. */
export const CHRONIC_PER_INHABITANTS = 25_000;
export const CHRONIC_PROBABILITY = 0.012;

export const PLANTED = {
  binh_son_hotspot: {
    district_code: '524',
    description:
      'Emerging hot spot: petitions about compensation for site clearance in Bình Sơn rise quarter over quarter through 2023–2024, with many crowd, repeat and over-level petitions.',
    topic: 'compensation' as Topic,
    baseline_years: [2020, 2022],
    /** Expected compensation petitions per quarter relative to the 2020–2022 expectation. */
    quarter_multipliers: {
      '2023-Q1': 1.35, '2023-Q2': 1.5, '2023-Q3': 1.65, '2023-Q4': 1.8,
      '2024-Q1': 2.0, '2024-Q2': 2.3, '2024-Q3': 2.6, '2024-Q4': 3.0,
    } as Record<string, number>,
    /** For each extra compensation petition, this many extra land petitions on average. */
    land_extra_ratio: 0.25,
    extra_kind_mix: { complaint: 0.5, denunciation: 0.1, feedback: 0.4 } as Record<PetitionKind, number>,
    extra_crowd_probability: 0.35,
    extra_crowd_signers: [5, 40] as [number, number],
    extra_repeat_probability: 0.3,
    extra_over_level_probability: 0.15,
    extra_complex_probability: 0.3,
    communes: ['Xã Bình Thuận', 'Xã Bình Trị', 'Xã Bình Đông', 'Xã Bình Hải'],
    /**
     * The economic zone reaches into neighbouring Sơn Tịnh, which gets this share of Bình Sơn's extra
     * petitions: a cluster of neighbours, as a spatial hot spot (Gi*) is, not one district alone.
     */
    spillover: { district_code: '527', share: 0.5 },
  },
  tu_nghia_on_time: {
    district_code: '528',
    description:
      'On-time decline: complaints and denunciations in Tư Nghĩa resolved on time fall from ~88% (2020–2023) to ~57% in 2024.',
    kinds: ['complaint', 'denunciation'] as PetitionKind[],
    on_time_probability_before: 0.88,
    on_time_probability_2024: 0.57,
    applies_to: 'cases whose legal due date falls in 2024',
  },
  nghia_hanh_dan_van_kheo: {
    district_code: '532',
    description: 'Rising "Dân vận khéo" participation in Nghĩa Hành: participants / target population climbs every year.',
    participation_rate: { 2020: 0.35, 2021: 0.45, 2022: 0.55, 2023: 0.65, 2024: 0.75 } as Record<number, number>,
    participation_noise: 0.01,
    other_districts: 'each keeps its own level drawn in [0.50, 0.62], moved by at most ±0.03 a year',
  },
} as const;

export interface RawValue {
  text?: string;
  day?: Day;
  num?: number;
}

/** Field overrides of a deliberately bad row: what the file shows instead of the true value (null = blank). */
export type RawField = 'petition_id' | 'received_date' | 'accepted_date' | 'resolved_date' | 'district' | 'commune' | 'signers' | 'status' | 'outcome';

export interface Petition {
  /** Generation order: a stable tie-break. */
  seq: number;
  id: string;
  received: Day;
  kind: PetitionKind;
  topic: Topic;
  district: District;
  commune: Commune | null;
  channel: Channel;
  signers: number;
  isCrowd: boolean;
  isRepeat: boolean;
  isOverLevel: boolean;
  round: 1 | 2 | null;
  accepted: Day | null;
  isComplex: boolean;
  extensions: number;
  status: Status;
  resolved: Day | null;
  outcome: Outcome | null;
  agency: string;
  person: Person;
  content: string;
  inJurisdiction: boolean;
  /** Legal due date (DOMAIN §4), for in-jurisdiction cases; the ground truth the metrics must reproduce. */
  due: Day | null;
  planted: 'binh_son_hotspot' | null;
  raw?: Partial<Record<RawField, RawValue | null>>;
}

/** Legal resolution period in days (DOMAIN §4). */
export function deadlineDays(kind: PetitionKind, round: 1 | 2 | null, complex: boolean, remote: boolean, extensions: number): number {
  if (kind === 'complaint') {
    if (round === 2) return complex ? (remote ? 70 : 60) : remote ? 60 : 45;
    return complex ? (remote ? 60 : 45) : remote ? 45 : 30;
  }
  if (kind === 'denunciation') return 30 + 30 * Math.min(2, extensions);
  return 15;
}

export function onTimeProbability(kind: PetitionKind, district: District, dueYear: number): number {
  const tn = PLANTED.tu_nghia_on_time;
  if (district.code === tn.district_code && tn.kinds.includes(kind) && dueYear === 2024) return tn.on_time_probability_2024;
  return ON_TIME_PROBABILITY[kind];
}

const CONTENT: Record<Topic, readonly string[]> = {
  land: ['việc cấp giấy chứng nhận quyền sử dụng đất', 'tranh chấp ranh giới thửa đất với hộ liền kề', 'việc thu hồi đất nông nghiệp', 'việc lấn chiếm đất công tại {commune}', 'việc đo đạc, chỉnh lý biến động đất đai'],
  compensation: ['mức bồi thường, hỗ trợ khi thu hồi đất thực hiện dự án', 'việc bố trí đất tái định cư', 'đơn giá bồi thường cây cối, hoa màu', 'việc chậm chi trả tiền bồi thường giải phóng mặt bằng', 'việc áp giá bồi thường đất ở'],
  housing: ['việc xây dựng nhà ở trái phép của hộ liền kề', 'việc cấp giấy phép xây dựng nhà ở', 'việc hỗ trợ sửa chữa nhà ở sau bão lũ'],
  social_policy: ['việc bình xét hộ nghèo, cận nghèo', 'chế độ chính sách đối với người có công', 'việc chi trả trợ cấp bảo trợ xã hội', 'việc giải quyết chế độ bảo hiểm xã hội'],
  environment: ['ô nhiễm môi trường từ cơ sở chăn nuôi tại {commune}', 'khói bụi, tiếng ồn từ nhà máy', 'việc khai thác cát trái phép trên sông', 'việc thu gom rác thải sinh hoạt'],
  administration: ['việc chậm giải quyết thủ tục hành chính', 'việc chứng thực, đăng ký hộ tịch', 'việc đầu tư sửa chữa đường giao thông nông thôn tại {commune}', 'việc đầu tư kênh mương nội đồng'],
  official_conduct: ['thái độ, tác phong của cán bộ {commune}', 'việc cán bộ gây phiền hà khi giải quyết hồ sơ'],
  corruption: ['sai phạm trong quản lý, sử dụng ngân sách tại {commune}', 'việc thu, chi sai quy định các khoản đóng góp của nhân dân'],
  judicial: ['việc thi hành án dân sự', 'việc giải quyết vụ án dân sự kéo dài'],
  party_mass_org: ['việc kết nạp đảng viên', 'hoạt động của chi hội tại thôn'],
  other: ['tình hình an ninh trật tự tại địa phương', 'việc cung cấp điện, nước sinh hoạt'],
};

const HOTSPOT_CONTENT = [
  'mức bồi thường, hỗ trợ khi thu hồi đất thực hiện dự án mở rộng khu công nghiệp',
  'việc bố trí tái định cư cho các hộ bị thu hồi đất tại {commune}',
  'đơn giá bồi thường đất ở, đất vườn khi giải phóng mặt bằng dự án khu công nghiệp',
  'việc chậm chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng',
];

export interface DistrictState {
  district: District;
  communeWeights: (readonly [Commune, number])[];
  hotCommunes: Commune[];
  chronic: Person[];
  /** Recent petitioners, so a repeat petition can come from someone who wrote before. */
  history: Person[];
}

export interface ModelContext {
  states: Map<string, DistrictState>;
  seq: number;
}

export function newContext(districts: readonly District[], rng: Rng): ModelContext {
  const states = new Map<string, DistrictState>();
  for (const d of districts) {
    const r = rng.fork(`district-setup/${d.code}`);
    const communeWeights = d.communes.map((c) => [c, Math.exp(r.normal(0, 0.5))] as const);
    const hotCommunes = d.communes.filter((c) => (PLANTED.binh_son_hotspot.communes as readonly string[]).includes(c.name));
    const chronicCount = Math.max(2, Math.round(population(d, 2020) / CHRONIC_PER_INHABITANTS));
    const chronic: Person[] = [];
    for (let i = 0; i < chronicCount; i++) chronic.push(makePerson(r, d, pickCommune(r, communeWeights), [1945, 1975]));
    states.set(d.code, { district: d, communeWeights, hotCommunes, chronic, history: [] });
  }
  const hot = states.get(PLANTED.binh_son_hotspot.district_code);
  if (hot && hot.hotCommunes.length !== PLANTED.binh_son_hotspot.communes.length) {
    throw new Error('hot spot communes missing from the GSO list');
  }
  return { states, seq: 0 };
}

function pickCommune(rng: Rng, weights: readonly (readonly [Commune, number])[]): Commune | null {
  return weights.length ? rng.weighted(weights) : null;
}

export interface DrawOptions {
  kind?: PetitionKind;
  topic?: Topic;
  inJurisdiction?: boolean;
  /** Force the case to close within its deadline (used for the bad rows, whose other fields must be valid). */
  onTime?: boolean;
  hotspot?: boolean;
}

/** One petition received on `received` in district `state`, with its whole history up to AS_OF. */
export function drawPetition(rng: Rng, ctx: ModelContext, state: DistrictState, received: Day, opts: DrawOptions = {}): Petition {
  const d = state.district;
  const hs = PLANTED.binh_son_hotspot;
  const hotspot = opts.hotspot === true;
  const kind: PetitionKind = opts.kind ?? (hotspot ? rng.weighted(Object.entries(hs.extra_kind_mix) as [PetitionKind, number][]) : rng.weighted(KIND_MIX));
  const topicMix = d.code === hs.district_code ? BINH_SON_TOPIC_MIX : TOPIC_MIX;
  const topic: Topic = opts.topic ?? rng.weighted(topicMix[kind]);
  const commune = hotspot && state.hotCommunes.length ? rng.pick(state.hotCommunes) : pickCommune(rng, state.communeWeights);

  const crowd = rng.bool(hotspot ? hs.extra_crowd_probability : CROWD_PROBABILITY);
  const signers = crowd
    ? hotspot
      ? rng.int(hs.extra_crowd_signers[0], hs.extra_crowd_signers[1])
      : Math.min(40, 5 + Math.floor(rng.exponential(5)))
    : rng.bool(0.88)
      ? 1
      : rng.int(2, 4);
  const channel: Channel = crowd && rng.bool(0.6) ? 'reception' : rng.weighted(CHANNEL_MIX);
  const isRepeat = rng.bool(hotspot ? hs.extra_repeat_probability : REPEAT_PROBABILITY[kind]);
  const isOverLevel = rng.bool(hotspot ? hs.extra_over_level_probability : OVER_LEVEL_PROBABILITY);
  const round: 1 | 2 | null = kind === 'complaint' ? (rng.bool(ROUND_2_PROBABILITY) ? 2 : 1) : null;
  const isComplex = kind === 'complaint' && rng.bool(hotspot ? hs.extra_complex_probability : COMPLEX_PROBABILITY);
  const extensions = kind === 'denunciation' ? rng.weighted(EXTENSIONS_MIX) : 0;
  const inJurisdiction = opts.inJurisdiction ?? rng.bool(IN_JURISDICTION[kind]);

  // Who writes: a repeat case usually comes from someone who wrote before.
  let person: Person;
  if (isRepeat && state.history.length > 0 && rng.bool(0.75)) person = rng.pick(state.history);
  else if (rng.bool(isRepeat ? 0.6 : CHRONIC_PROBABILITY)) person = rng.pick(state.chronic);
  else person = makePerson(rng, d, commune);
  state.history.push(person);
  if (state.history.length > 300) state.history.shift();

  let status: Status;
  let accepted: Day | null = null;
  let resolved: Day | null = null;
  let outcome: Outcome | null = null;
  let due: Day | null = null;

  if (!inJurisdiction) {
    status = rng.bool(TRANSFERRED_SHARE_OF_OUT) ? 'transferred' : 'archived';
  } else {
    if (kind !== 'feedback') accepted = received + rng.int(1, 10);
    if (accepted !== null && accepted > AS_OF) {
      accepted = null;
      status = 'received';
    } else {
      const clock = accepted ?? received;
      const n = deadlineDays(kind, round, isComplex, d.remote, extensions);
      due = clock + n;
      let days: number;
      let withdrawn = false;
      if (opts.onTime) days = rng.int(Math.max(2, Math.round(n * 0.3)), n);
      else if (rng.bool(WITHDRAWN_PROBABILITY[kind])) {
        withdrawn = true;
        days = rng.int(3, n);
      } else if (kind !== 'feedback' && rng.bool(PROLONGED_PROBABILITY)) days = rng.int(n + 200, n + 1200);
      else if (rng.bool(onTimeProbability(kind, d, yearOf(due)))) {
        days = n - Math.floor(Math.abs(rng.normal(0, 0.35 * n)));
        days = Math.max(Math.max(2, Math.round(0.15 * n)), Math.min(n, days));
      } else days = n + 1 + Math.min(300, Math.floor(rng.exponential(0.5 * n)));
      const end = clock + days;
      if (end > AS_OF) {
        status = kind === 'feedback' && received > AS_OF - 7 ? 'received' : 'in_progress';
      } else {
        status = withdrawn ? 'withdrawn' : 'resolved';
        resolved = end;
        if (!withdrawn && kind !== 'feedback') outcome = rng.weighted(OUTCOME_MIX);
      }
    }
  }

  const p: Petition = {
    seq: ctx.seq++,
    id: '',
    received,
    kind,
    topic,
    district: d,
    commune,
    channel,
    signers,
    isCrowd: signers >= 5,
    isRepeat,
    isOverLevel,
    round,
    accepted,
    isComplex,
    extensions,
    status,
    resolved,
    outcome,
    agency: '',
    person,
    content: '',
    inJurisdiction,
    due,
    planted: hotspot ? 'binh_son_hotspot' : null,
  };
  p.agency = agencyFor(rng, p);
  p.content = contentFor(rng, p);
  return p;
}

function agencyFor(rng: Rng, p: Petition): string {
  const dist = inSentence(p.district.name);
  const comm = p.commune ? inSentence(p.commune.name) : null;
  if (p.status === 'archived') return 'Ban Tiếp công dân tỉnh Quảng Ngãi';
  if (p.status === 'transferred') {
    if (p.topic === 'judicial') return `Tòa án nhân dân ${dist}`;
    if (p.topic === 'land' || p.topic === 'compensation' || p.topic === 'environment') return 'Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi';
    if (p.topic === 'social_policy') return 'Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi';
    return `UBND ${dist}`;
  }
  if (p.kind === 'complaint') {
    if (p.round === 2) return rng.bool(0.45) ? 'Chủ tịch UBND tỉnh Quảng Ngãi' : `Chủ tịch UBND ${dist}`;
    return comm && rng.bool(0.35) ? `Chủ tịch UBND ${comm}` : `Chủ tịch UBND ${dist}`;
  }
  if (p.kind === 'denunciation') {
    if (p.topic === 'official_conduct' || p.topic === 'corruption') return rng.bool(0.5) ? `Thanh tra ${dist}` : `Chủ tịch UBND ${dist}`;
    return `Chủ tịch UBND ${dist}`;
  }
  if (p.topic === 'land' || p.topic === 'environment') return `Phòng Tài nguyên và Môi trường ${dist}`;
  if (p.topic === 'social_policy') return `Phòng Lao động - Thương binh và Xã hội ${dist}`;
  return comm && rng.bool(0.5) ? `UBND ${comm}` : `UBND ${dist}`;
}

function contentFor(rng: Rng, p: Petition): string {
  const where = p.commune ? inSentence(p.commune.name) : inSentence(p.district.name);
  const object = rng.pick(p.planted ? HOTSPOT_CONTENT : CONTENT[p.topic]).replace('{commune}', where);
  if (p.kind === 'complaint') return `Khiếu nại ${object}`;
  if (p.kind === 'denunciation') return object.startsWith('việc ') ? `Tố cáo sai phạm trong ${object}` : `Tố cáo ${object}`;
  return `${rng.bool(0.5) ? 'Kiến nghị' : 'Phản ánh'} ${object}`;
}

/** A working day is far likelier than a weekend for a letter to be registered. */
function drawDayInMonth(rng: Rng, year: number, month: number): Day {
  const first = day(year, month, 1);
  const items: [Day, number][] = [];
  for (let i = 0; i < daysInMonth(year, month); i++) {
    const wd = weekday(first + i);
    items.push([first + i, wd === 0 ? 0.05 : wd === 6 ? 0.15 : 1]);
  }
  return rng.weighted(items);
}

/** Expected petitions a year in a district before noise and planted extras. */
export function expectedAnnual(d: District, year: number): number {
  return (population(d, year) / 10_000) * RATE_PER_10K * d.volumeFactor;
}

/** The 2020–2022 expectation of Bình Sơn's compensation petitions per quarter: the hot spot's baseline. */
export function hotspotBaselinePerQuarter(d: District): number {
  let share = 0;
  for (const [kind, w] of KIND_MIX) {
    const comp = BINH_SON_TOPIC_MIX[kind].find(([t]) => t === 'compensation')?.[1] ?? 0;
    share += w * comp;
  }
  const annual = (expectedAnnual(d, 2020) + expectedAnnual(d, 2021) + expectedAnnual(d, 2022)) / 3;
  return (annual * share) / 4;
}

/** All good petitions of the province, 2020–2024, in received order. */
export function simulatePetitions(districts: readonly District[], rng: Rng, ctx: ModelContext): Petition[] {
  const all: Petition[] = [];
  const hs = PLANTED.binh_son_hotspot;
  for (const d of districts) {
    const r = rng.fork(`petitions/${d.code}`);
    const state = ctx.states.get(d.code)!;
    const hotDistrict = districts.find((x) => x.code === hs.district_code)!;
    const hotBase = d.code === hs.district_code ? hotspotBaselinePerQuarter(d)
      : d.code === hs.spillover.district_code ? hotspotBaselinePerQuarter(hotDistrict) * hs.spillover.share : 0;
    for (const year of YEARS) {
      const yearFactor = Math.exp(r.normal(0, YEAR_NOISE_SD));
      const annual = expectedAnnual(d, year) * yearFactor;
      for (let month = 1; month <= 12; month++) {
        const lambda = (annual / 12) * (SEASONALITY[month - 1] / SEASON_MEAN);
        const draws: { received: Day; hotspot: boolean; topic?: Topic }[] = [];
        const n = r.poisson(lambda);
        for (let i = 0; i < n; i++) draws.push({ received: drawDayInMonth(r, year, month), hotspot: false });
        const mult = hs.quarter_multipliers[`${year}-Q${quarterOf(day(year, month, 1))}`];
        if (hotBase > 0 && mult !== undefined) {
          const extraComp = r.poisson((hotBase * (mult - 1)) / 3);
          const extraLand = r.poisson((hotBase * (mult - 1) * hs.land_extra_ratio) / 3);
          for (let i = 0; i < extraComp; i++) draws.push({ received: drawDayInMonth(r, year, month), hotspot: true, topic: 'compensation' });
          for (let i = 0; i < extraLand; i++) draws.push({ received: drawDayInMonth(r, year, month), hotspot: true, topic: 'land' });
        }
        draws.sort((a, b) => a.received - b.received);
        for (const dr of draws) {
          all.push(drawPetition(r, ctx, state, dr.received, dr.hotspot ? { hotspot: true, topic: dr.topic } : {}));
        }
      }
    }
  }
  all.sort((a, b) => a.received - b.received || a.seq - b.seq);
  return all;
}
