import { describe, expect, it } from 'vitest';
import { loadDemoGazetteer } from '../../pipeline/gazetteer/demo-gazetteer.ts';
import { Gazetteer } from '../../pipeline/gazetteer/gazetteer.ts';
import { resolvePlace } from '../../pipeline/build/resolve-units.ts';

const gaz = new Gazetteer(loadDemoGazetteer().units);
const place = (district: string | null, more: Partial<{ commune: string; section: string; context: string }> = {}, allowProvince = false) =>
  resolvePlace(gaz, { district, commune: more.commune ?? null, section: more.section ?? null, context: more.context ?? null }, { allowProvince });

describe('resolvePlace', () => {
  it('tells the city from the province of the same name', () => {
    expect(place('Thành phố Quảng Ngãi', {}, true).district_code).toBe('522');
    expect(place('TP Quảng Ngãi', {}, true).district_code).toBe('522');
    expect(place('Tỉnh Quảng Ngãi', {}, true).district_code).toBe('51');
    expect(place('Toàn tỉnh', {}, true).district_code).toBe('51');
    expect(place('Tỉnh Quảng Ngãi').err_code).toBe('unknown_district'); // petitions need a district
  });

  it('takes the district from a section heading or the sheet, when the row has none', () => {
    expect(place(null, { section: 'II. Huyện Bình Sơn' }).district_code).toBe('524');
    expect(place(null, { context: 'Tư Nghĩa | DANH SÁCH ĐƠN THƯ' }).district_code).toBe('528');
    expect(place(null, { commune: 'Xã Bình Thạnh' }).district_code).toBe('524');
    expect(place(null).err_code).toBe('missing_required:district');
  });

  it('rejects unknown and ambiguous communes with candidates', () => {
    const r = place('Huyện Ba Tơ', { commune: 'Ba To' });
    expect(r.err_code).toBe('ambiguous_commune');
    expect(r.err).toContain('Thị trấn Ba Tơ');
    expect(place('Huyện Bình Sơn', { commune: 'Xã Không Có' }).err_code).toBe('unknown_commune');
  });
});
