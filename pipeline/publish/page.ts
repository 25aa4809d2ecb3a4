// index.html of the annual summary: one page that opens from a folder or a USB stick with no
// network and no script — the font embedded as base64, the charts inline, a key-figures table for
// the province against the year before, notes on what each figure means (DOMAIN §4 and the
// database's data dictionary) and links to every chart's SVG, PNG and CSV.
import { fmtChange, fmtDate, fmtNumber, fmtPercent, fmtPoints, fmtSigned, rateDiff, relChange } from '../../dashboard/src/lib/format.ts';
import { t, type Lang } from '../../dashboard/src/lib/i18n.ts';
import { isoDay, isProvince, num, tr } from '../../dashboard/src/lib/charts/shared.ts';
import type { ChartOut } from './charts.ts';
import type { SummaryData } from './load.ts';
import type { Framed } from './render.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface KeyFigure { label: string; current: string; previous: string; diff: string }

type Kind = 'count' | 'rate' | 'days' | 'small';

export function keyFigures(data: SummaryData, lang: Lang): KeyFigure[] {
  const Y = data.year;
  const at = (group: string, y: number) => data.resolution.find((r) => r.kind_group === group && isProvince(r) && isoDay(r.period_start) === `${y}-01-01`);
  const flagged = (y: number) => {
    const rows = data.hotspots.filter((r) => isoDay(r.period_start) === `${y}-01-01`);
    return rows.length ? rows.filter((r) => r.is_flagged).length : null;
  };
  const camp = (id: string, y: number, key: 'models_recognised' | 'participation_rate' | 'households_rate') =>
    num(data.campaignStats.find((r) => r.campaign_id === id && isProvince(r) && isoDay(r.period_start) === `${y}-01-01`)?.[key]);
  const crowd = (y: number) => data.crowd.find((c) => c.year === y)?.crowd ?? null;
  const row = (label: string, kind: Kind, value: (y: number) => number | null): KeyFigure => {
    const cur = value(Y);
    const prev = value(Y - 1);
    const show = (v: number | null) => (kind === 'rate' ? fmtPercent(v, lang) : fmtNumber(v, lang, kind === 'days' ? 1 : 0));
    const diff = kind === 'rate' ? fmtPoints(rateDiff(cur, prev), lang)
      : kind === 'count' ? fmtChange(relChange(cur, prev), lang)
        : cur === null || prev === null ? '—' : fmtSigned(cur - prev, lang, kind === 'days' ? 1 : 0) + (kind === 'days' ? ` ${tr(lang, 'ngày', 'days')}` : '');
    return { label, current: show(cur), previous: show(prev), diff };
  };
  const cd = (k: string) => (y: number) => num(at('complaint_denunciation', y)?.[k as 'received']);
  const dvk = data.campaigns.find((c) => c.id === 'dan_van_kheo');
  const dvkName = dvk ? (/["“]([^"”]+)["”]/.exec(dvk.name)?.[1] ?? dvk.name) : null;
  const figures = [
    row(tr(lang, 'Đơn thư nhận (mọi loại)', 'Petitions received (all kinds)'), 'count', (y) => num(at('all', y)?.received)),
    row(tr(lang, 'Đơn khiếu nại, tố cáo nhận', 'Complaints and denunciations received'), 'count', cd('received')),
    row(tr(lang, 'Số vụ phải giải quyết', 'Caseload'), 'count', cd('caseload')),
    row(tr(lang, 'Số vụ đã giải quyết', 'Cases resolved'), 'count', cd('resolved')),
    row(t(lang, 'kpi.resolution_rate'), 'rate', cd('resolution_rate')),
    row(tr(lang, 'Tỷ lệ giải quyết đúng hạn', 'On-time rate'), 'rate', cd('on_time_rate')),
    row(tr(lang, 'Tồn cuối năm', 'Open at the end of the year'), 'count', cd('backlog_end')),
    row(tr(lang, 'Quá hạn cuối năm', 'Overdue at the end of the year'), 'count', cd('overdue_end')),
    row(tr(lang, 'Số ngày giải quyết (trung vị)', 'Days to resolve (median)'), 'days', cd('median_days_km')),
    row(t(lang, 'kpi.crowd'), 'count', crowd),
    row(tr(lang, 'Huyện được cảnh báo điểm nóng', 'Districts flagged as hot spots'), 'small', flagged),
  ];
  if (dvkName) {
    figures.push(
      row(tr(lang, `Mô hình “${dvkName}” được công nhận`, `“${dvkName}” models recognised`), 'count', (y) => camp('dan_van_kheo', y, 'models_recognised')),
      row(t(lang, 'kpi.participation', { name: `“${dvkName}”` }), 'rate', (y) => camp('dan_van_kheo', y, 'participation_rate')),
    );
  }
  return figures;
}

/** What the figures mean, in words a report writer can quote (DOMAIN §4). */
const NOTES: { vi: string; en: string }[] = [
  { vi: 'Năm là năm dương lịch, từ 01/01 đến 31/12 (không phải kỳ báo cáo thanh tra 15/12–14/12).', en: 'A year is the calendar year, 1 January to 31 December (not the inspection reporting year 15/12–14/12).' },
  { vi: 'Số đơn nhận tính mọi loại đơn và mọi thẩm quyền, theo ngày nhận. Các chỉ số giải quyết tính trên đơn khiếu nại, tố cáo thuộc thẩm quyền — chỉ tiêu chính thức.', en: 'Petitions received count every kind and jurisdiction, by date received. Resolution figures count complaints and denunciations within jurisdiction — the official headline.' },
  { vi: 'Số vụ phải giải quyết = vụ kỳ trước chuyển sang + vụ mới thụ lý trong năm; mốc tính là ngày thụ lý, nếu không có thì ngày nhận. Rút đơn được tính là đã giải quyết, như trong biểu mẫu chính thức.', en: 'Caseload = cases carried over + new cases of the year, counted from the acceptance date (else the date received). Withdrawals count as resolved, as in the official forms.' },
  { vi: 'Tỷ lệ giải quyết = đã giải quyết / phải giải quyết; tỷ lệ đúng hạn = giải quyết đúng hạn / đã giải quyết. Thời hạn theo Luật Khiếu nại 2011 (30–70 ngày tùy lần giải quyết, vụ phức tạp, vùng sâu vùng xa) và Luật Tố cáo 2018 (30 ngày, gia hạn tối đa 2 lần).', en: 'Resolution rate = resolved / caseload; on-time rate = resolved on time / resolved. Deadlines follow the Law on Complaints 2011 (30–70 days by round, complexity and remoteness) and the Law on Denunciations 2018 (30 days, at most two extensions).' },
  { vi: 'Số ngày giải quyết là trung vị Kaplan–Meier: các vụ chưa xong được tính đến cuối năm, nên không bị thấp hơn thực tế.', en: 'Days to resolve is the Kaplan–Meier median: open cases count up to the end of the year, so it is not biased low.' },
  { vi: '“—” nghĩa là không có vụ việc để tính (không phải 0%). Tỷ lệ tính trên dưới 10 vụ được đánh dấu * và vẽ nhạt: chưa đủ tin cậy.', en: '“—” means there were no cases to compute a rate from (not 0%). Rates over fewer than 10 cases are marked * and drawn lighter: uncertain.' },
  { vi: 'Chênh lệch: tỷ lệ tính bằng điểm phần trăm, số lượng tính bằng phần trăm thay đổi so với năm trước.', en: 'Differences: rates in percentage points, counts as a percent change on the year before.' },
  { vi: 'Điểm nóng: huyện có tín hiệu cao (đơn trên 10.000 dân, đông người, trùng, vượt cấp, quá hạn, tỷ lệ đất đai), cao bất thường so với chính huyện các năm trước (z Poisson ≥ 2), hoặc nằm trong cụm không gian Getis-Ord Gi* (ngưỡng 1,645 / 1,96 / 2,576 cho mức tin cậy 90% / 95% / 99%). Mỗi cảnh báo ghi rõ lý do; chỉ đếm số đơn, không có thông tin cá nhân.', en: 'Hot spots: districts with high signals (petitions per 10,000, crowd, repeat, over-level, overdue, share about land), unusually high against their own past (Poisson z ≥ 2), or inside a Getis-Ord Gi* spatial cluster (z 1.645 / 1.96 / 2.576 for 90% / 95% / 99%). Every flag names its reasons; only counts, no personal data.' },
  { vi: 'Phong trào: tỷ lệ tham gia = số người tham gia / số người thuộc đối tượng vận động; tỷ lệ hộ = hộ tham gia / tổng số hộ; tỷ lệ công nhận = mô hình được công nhận / mô hình đăng ký.', en: 'Campaigns: participation rate = people taking part / target population; household rate = households taking part / all households; recognition rate = models recognised / models registered.' },
];

/** Columns of the data dictionary the summary's figures come from. */
const DICTIONARY_COLUMNS: Record<string, string[]> = {
  resolution_stats: ['received', 'received_per_10k', 'caseload', 'resolved', 'resolution_rate', 'on_time_rate', 'backlog_end', 'overdue_end', 'median_days_km'],
  hotspot_stats: ['score', 'gi_star_z', 'gi_band', 'is_flagged', 'reasons_vi'],
  campaign_stats: ['participation_rate', 'households_rate', 'models_registered', 'models_recognised', 'recognition_rate'],
};

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:'Be Vietnam Pro',system-ui,sans-serif;color:#1b1f24;background:#fff;line-height:1.5;font-size:16px}
header,nav,main,footer{max-width:900px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
.kicker{margin:0;color:#4a5560;font-weight:700;text-transform:uppercase;letter-spacing:.04em;font-size:14px}
h1{font-size:28px;line-height:1.25;margin:.2em 0 .3em}
h2{font-size:22px;margin:1.6em 0 .5em;border-bottom:2px solid #d5dbe1;padding-bottom:.2em}
h3{font-size:18px;line-height:1.35;margin:0 0 .3em}
.meta{color:#4a5560;margin:.2em 0}
.simulated{display:inline-block;margin:.6em 0 0;padding:.3em .7em;border:2px solid #8a3300;color:#8a3300;font-weight:700;border-radius:4px}
nav ul{margin:.8em 0 0;padding:0;list-style:none}
nav li{margin:.15em 0}
a{color:#0b5cad}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;color:#4a5560;padding-bottom:.4em}
th,td{padding:.45em .6em;border-bottom:1px solid #d5dbe1;text-align:right}
th:first-child,td:first-child{text-align:left}
thead th{border-bottom:2px solid #1b1f24;vertical-align:bottom}
figure{margin:2em 0 2.4em;break-inside:avoid;page-break-inside:avoid}
.sub{margin:0 0 .6em;color:#33404c}
.chart svg{display:block;max-width:100%;height:auto}
.files{margin:.4em 0 0;color:#4a5560;font-size:14px}
dl.notes dt{font-weight:700;margin-top:.6em}
dl.notes dd{margin:0}
ul.notes li{margin:.35em 0}
code{font-size:.9em;background:#f1f3f5;padding:0 .25em;border-radius:3px}
footer{color:#4a5560;font-size:14px;padding-top:1em;padding-bottom:40px;border-top:1px solid #d5dbe1;margin-top:2em}
@media print{@page{size:A4;margin:15mm}header,nav,main,footer{max-width:none;padding:0}nav,.files{display:none}h2{break-after:avoid}}
`;

export interface PageChart { chart: ChartOut; framed: Framed; files: { svg: string; png: string; csv: string } }

export function renderPage(data: SummaryData, lang: Lang, charts: readonly PageChart[], fontCss: string): string {
  const Y = data.year;
  const asOf = fmtDate(data.asOf, lang);
  const title = tr(lang, `Tổng hợp công tác dân vận năm ${Y}`, `Mass mobilisation: annual summary ${Y}`);
  const figures = keyFigures(data, lang);
  const dict = new Map(data.dictionary.map((d) => [`${d.table_name}.${d.column_name}`, lang === 'vi' ? d.description_vi : d.description_en]));
  const tableNames: Record<string, { vi: string; en: string }> = {
    resolution_stats: { vi: 'Kết quả giải quyết', en: 'Resolution' },
    hotspot_stats: { vi: 'Điểm nóng', en: 'Hot spots' },
    campaign_stats: { vi: 'Phong trào', en: 'Campaigns' },
  };
  const out: string[] = [];
  out.push('<!DOCTYPE html>', `<html lang="${lang}">`, '<head>', '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from anywhere: fonts and styles are in this file, links only open local files.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    `<title>${esc(`${title} — ${data.province.name}`)}</title>`, `<style>${fontCss}${CSS}</style>`, '</head>', '<body>');
  out.push('<header>', `<p class="kicker">${esc(data.province.name)}</p>`, `<h1>${esc(title)}</h1>`,
    `<p class="meta">${esc(tr(lang, `Dữ liệu đến ngày ${asOf}${data.complete ? '' : ` — năm ${Y} chưa kết thúc, số liệu chưa đủ năm`}.`, `Data up to ${asOf}${data.complete ? '' : ` — ${Y} has not ended; the figures cover part of the year`}.`))}</p>`);
  if (data.simulated) out.push(`<p class="simulated">${esc(t(lang, 'data.simulated'))} — ${esc(t(lang, 'data.simulated_note'))}</p>`);
  out.push('</header>');
  out.push(`<nav aria-label="${esc(tr(lang, 'Mục lục', 'Contents'))}"><ul>`,
    `<li><a href="#so-lieu-chinh">${esc(tr(lang, 'Số liệu chính', 'Key figures'))}</a></li>`,
    ...charts.map((c, i) => `<li><a href="#bieu-do-${i + 1}">${i + 1}. ${esc(c.chart.text.title)}</a></li>`),
    `<li><a href="#dinh-nghia">${esc(tr(lang, 'Ghi chú về định nghĩa', 'Notes on definitions'))}</a></li>`, '</ul></nav>');
  out.push('<main>');
  out.push('<section id="so-lieu-chinh">', `<h2>${esc(tr(lang, 'Số liệu chính', 'Key figures'))}</h2>`, '<table>',
    `<caption>${esc(tr(lang, `${data.province.name}, năm ${Y} so với năm ${Y - 1}`, `${data.province.name}, ${Y} against ${Y - 1}`))}</caption>`,
    `<thead><tr><th scope="col">${esc(tr(lang, 'Chỉ số', 'Figure'))}</th><th scope="col">${Y}</th><th scope="col">${Y - 1}</th><th scope="col">${esc(tr(lang, 'Chênh lệch', 'Difference'))}</th></tr></thead>`,
    '<tbody>', ...figures.map((f) => `<tr><th scope="row">${esc(f.label)}</th><td>${esc(f.current)}</td><td>${esc(f.previous)}</td><td>${esc(f.diff)}</td></tr>`),
    '</tbody></table>', '</section>');
  out.push('<section id="bieu-do">', `<h2>${esc(tr(lang, 'Biểu đồ', 'Charts'))}</h2>`);
  charts.forEach((c, i) => {
    const id = `bieu-do-${i + 1}`;
    out.push(`<figure id="${id}" aria-labelledby="${id}-title">`, `<h3 id="${id}-title">${i + 1}. ${esc(c.chart.text.title)}</h3>`);
    if (c.chart.text.subtitle) out.push(`<p class="sub">${esc(c.chart.text.subtitle)}</p>`);
    // The drawing is named by its finding; its marks' own labels would only repeat the numbers.
    out.push(`<div class="chart" role="img" aria-label="${esc(c.chart.alt)}">${c.framed.inline.replace(/^<svg /, '<svg aria-hidden="true" ')}</div>`);
    out.push(`<p class="files">${esc(tr(lang, 'Tải về', 'Download'))}: <a href="${esc(c.files.png)}">PNG</a> · <a href="${esc(c.files.svg)}">SVG</a> · `
      + `<a href="${esc(c.files.csv)}">${esc(tr(lang, 'dữ liệu CSV', 'data (CSV)'))}</a></p>`, '</figure>');
  });
  out.push('</section>');
  out.push('<section id="dinh-nghia">', `<h2>${esc(tr(lang, 'Ghi chú về định nghĩa', 'Notes on definitions'))}</h2>`, '<ul class="notes">',
    ...NOTES.map((n) => `<li>${esc(n[lang])}</li>`), '</ul>',
    `<h3>${esc(tr(lang, 'Từ điển dữ liệu', 'Data dictionary'))}</h3>`, '<dl class="notes">');
  for (const [table, cols] of Object.entries(DICTIONARY_COLUMNS)) {
    for (const col of cols) {
      const d = dict.get(`${table}.${col}`);
      if (d) out.push(`<dt>${esc(tableNames[table][lang])}: <code>${esc(col)}</code></dt><dd>${esc(d)}</dd>`);
    }
  }
  out.push('</dl>', '</section>', '</main>');
  out.push('<footer>', `<p>${esc(tr(lang, `Lập bằng lệnh danvan publish; dữ liệu đến ngày ${asOf}.`, `Made with danvan publish; data up to ${asOf}.`))}`
    + `${data.simulated ? ` <strong>${esc(t(lang, 'data.simulated'))}.</strong>` : ''}</p>`, '</footer>', '</body>', '</html>', '');
  return out.join('\n');
}
