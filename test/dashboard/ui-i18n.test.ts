import { describe, expect, it } from 'vitest';
import { GRAINS, KIND_GROUPS } from '../../dashboard/api-contract.ts';
import { codeLabel, giBandLabel, grainLabel, kindGroupLabel, MESSAGES, t } from '../../dashboard/src/lib/i18n.ts';
import { ENUMS, PETITION_KINDS, TOPICS, type EnumName } from '../../pipeline/schema/vocabulary.ts';
import { GI_BANDS } from '../../dashboard/src/lib/palette.ts';

describe('messages', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.vi).sort());
  });

  it('has no empty or untrimmed message', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(text, `${lang} ${key}`).toBe(text.trim());
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.vi) as (keyof typeof MESSAGES.vi)[]) {
      expect(vars(MESSAGES.en[key]), key).toEqual(vars(MESSAGES.vi[key]));
    }
  });

  it('names the pages and states as the users asked', () => {
    expect(['overview', 'petitions', 'hotspots', 'campaigns'].map((p) => t('vi', `page.${p}` as never)))
      .toEqual(['Tổng quan', 'Đơn thư', 'Điểm nóng', 'Phong trào']);
    expect(['overview', 'petitions', 'hotspots', 'campaigns'].map((p) => t('en', `page.${p}` as never)))
      .toEqual(['Overview', 'Petitions', 'Hot spots', 'Campaigns']);
    expect(t('vi', 'state.loading')).toBe('Đang tải…');
    expect(t('vi', 'state.empty')).toBe('Không có đơn thư trong kỳ này');
    expect(t('vi', 'state.error')).toBe('Không tải được dữ liệu — thử tải lại trang');
    expect(t('vi', 'data.simulated')).toBe('Dữ liệu mô phỏng');
    expect([t('vi', 'chart.export_png'), t('vi', 'chart.export_svg'), t('vi', 'chart.export_csv')]).toEqual(['Tải PNG', 'Tải SVG', 'Tải dữ liệu CSV']);
  });
});

describe('t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('vi', 'chart.source', { source: 'Thanh tra tỉnh', date: '31/12/2024' })).toBe('Nguồn: Thanh tra tỉnh; dữ liệu đến ngày 31/12/2024');
    expect(t('en', 'chart.source', { source: 'Provincial Inspectorate', date: '31 Dec 2024' })).toBe('Source: Provincial Inspectorate; data up to 31 Dec 2024');
    expect(t('vi', 'kpi.denominator', { num: 41, den: 52, unit: 'vụ' })).toBe('41/52 vụ');
    expect(t('vi', 'chart.source', { source: 'X' })).toBe('Nguồn: X; dữ liệu đến ngày {date}');
    expect(t('vi', 'state.retry', { unused: 1 })).toBe('Thử lại');
  });
});

describe('labels of coded values come from the vocabulary', () => {
  it('codeLabel returns the vocabulary label for every code of every enum', () => {
    for (const name of Object.keys(ENUMS) as EnumName[]) {
      for (const def of ENUMS[name]) {
        expect(codeLabel('vi', name, def.code)).toBe(def.vi);
        expect(codeLabel('en', name, def.code)).toBe(def.en);
      }
    }
    expect(codeLabel('vi', 'topic', 'land')).toBe(TOPICS.find((d) => d.code === 'land')!.vi);
    expect(codeLabel('vi', 'topic', 'no_such_code')).toBe('no_such_code');
  });

  it('kind groups: single kinds from the vocabulary, the groups from the messages', () => {
    const kindVi = Object.fromEntries(PETITION_KINDS.map((k) => [k.code, k.vi]));
    expect(KIND_GROUPS.map((g) => kindGroupLabel('vi', g))).toEqual([
      'Khiếu nại, tố cáo', kindVi.complaint, kindVi.denunciation, kindVi.feedback, 'Tất cả',
    ]);
    expect(kindGroupLabel('vi', 'feedback')).toBe('Kiến nghị, phản ánh');
    expect(new Set(KIND_GROUPS.map((g) => kindGroupLabel('en', g))).size).toBe(KIND_GROUPS.length);
  });

  it('names every grain and Gi* band in both languages, all distinct', () => {
    expect(GRAINS.map((g) => grainLabel('vi', g))).toEqual(['Tháng', 'Quý', 'Năm', 'Kỳ báo cáo quý', '6 tháng', '9 tháng', 'Năm (kỳ báo cáo)']);
    expect(new Set(GRAINS.map((g) => grainLabel('en', g))).size).toBe(GRAINS.length);
    const bands = GI_BANDS.map((b) => b.code);
    expect(new Set(bands.map((b) => giBandLabel('vi', b))).size).toBe(bands.length);
    expect(new Set(bands.map((b) => giBandLabel('en', b))).size).toBe(bands.length);
  });
});
