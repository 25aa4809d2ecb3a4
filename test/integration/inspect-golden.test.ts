// Golden test: `danvan inspect --format json` on the demo's report workbook. A changed output is
// written beside the golden file (…actual.json) for review; UPDATE_GOLDEN=1 replaces the golden file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli.ts';

const GOLDEN = join(process.cwd(), 'test/golden/inspect-bao-cao-don-thu-2023.json');

describe('inspect --format json', () => {
  it('matches the golden output for the 2023 report workbook', async () => {
    let out = '';
    const code = await main(['inspect', 'data/demo/bao-cao-don-thu-2023.xlsx', '--format', 'json'], (s) => (out += s));
    expect(code).toBe(0);
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, out + '\n');
    const golden = readFileSync(GOLDEN, 'utf8').trimEnd();
    if (out !== golden) writeFileSync(GOLDEN.replace('.json', '.actual.json'), out + '\n');
    expect(JSON.parse(out)).toEqual(JSON.parse(golden));
    expect(out).toBe(golden);
  });

  it('shows the layout an analyst needs to debug an import', async () => {
    const r = JSON.parse(readFileSync(GOLDEN, 'utf8'));
    expect(r.sheets.map((s: { sheet: string }) => s.sheet)).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    const q1 = r.sheets[0];
    expect(q1.dataset).toBe('petitions');
    expect(q1.header_rows).toEqual({ first: 7, last: 8 });
    expect(q1.columns.find((c: { flag_value: string }) => c.flag_value === 'complaint').header).toBe('Phân loại đơn › Khiếu nại');
    expect(q1.preview[0].section).toMatch(/Huyện Bình Sơn/);
    const skipped = Object.values(q1.rows.skipped as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(q1.rows.data + skipped).toBe(q1.rows.source);
    expect(JSON.stringify(r)).not.toMatch(/051\d{9}|"0[39]\d{8}"/); // ID numbers and phones never shown
  });
});
