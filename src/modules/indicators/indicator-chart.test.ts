import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { axisTicks, indicatorCharts, renderIndicatorChart, wrapLabel, type ChartInput } from './indicator-chart.js';

const jobs: ChartInput = {
  id: 'viec-lam',
  title: 'Biểu đồ cột: Giải quyết việc làm (người)',
  description: 'Năm 2021: kế hoạch 5.700 người, thực hiện 6.518 người, đạt 114,35% kế hoạch.',
  unit: 'người',
  tableId: 'bang-so-lieu',
  groups: [
    { label: 'Năm 2020', lines: ['2020'], target: 5600, result: 5236 },
    { label: 'Năm 2021', lines: ['2021'], target: 5700, result: 6518 },
    { label: 'Năm 2022', lines: ['2022'], target: 5800, result: null },
  ],
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: false, isArray: (name) => ['rect', 'text', 'g', 'line'].includes(name) });

function parse(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  return parser.parse(svg).svg;
}

/** Every text drawn, in order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe('the indicator chart', () => {
  it('is well-formed SVG, an image named by its title and described by its desc and the data table', () => {
    const svg = renderIndicatorChart(jobs);
    const root = parse(svg);
    expect(root).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-labelledby': 'viec-lam-tieu-de', 'aria-describedby': 'viec-lam-mo-ta bang-so-lieu' });
    expect(root.title).toMatchObject({ id: 'viec-lam-tieu-de', '#text': jobs.title });
    expect(root.desc).toMatchObject({ id: 'viec-lam-mo-ta', '#text': jobs.description });
    expect(svg).not.toMatch(/<script|style=|on\w+=/i);
    // Two bars for each complete period, one where the result is missing, plus the background and the legend.
    const bars = [...svg.matchAll(/<rect [^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => m[1]);
    expect(bars).toEqual(['Năm 2020, kế hoạch: 5.600 người', 'Năm 2020, thực hiện: 5.236 người', 'Năm 2021, kế hoạch: 5.700 người', 'Năm 2021, thực hiện: 6.518 người', 'Năm 2022, kế hoạch: 5.800 người']);
  });

  it('writes its axis and values the Vietnamese way', () => {
    const all = texts(renderIndicatorChart(jobs));
    expect(all).toEqual(expect.arrayContaining(['Đơn vị: người', 'Kế hoạch', 'Thực hiện', '0', '2.000', '4.000', '6.000', '8.000', '6.518', '5.236', '2020', '2021', '2022']));
    const rates = texts(renderIndicatorChart({ ...jobs, unit: '%', groups: [{ label: 'Năm 2021', target: 54, result: 55.7 }] }));
    expect(rates).toEqual(expect.arrayContaining(['55,7', '20', '40', '60', 'Đơn vị: %']));
  });

  it('escapes whatever text it is given', () => {
    const hostile = '<script>alert("x")</script> & \' "';
    const svg = renderIndicatorChart({ ...jobs, id: 'a"><script>', title: hostile, description: hostile, unit: hostile, tableId: 'b" onload="x', groups: [{ label: hostile, lines: [hostile], target: 1, result: 2 }] });
    const root = parse(svg);
    expect(svg).not.toContain('<script');
    expect(svg).not.toMatch(/\sonload=/);
    // The parser decodes the entities: the text reads back exactly as given.
    expect(root.title['#text']).toBe(hostile);
    expect(svg).toContain('<title id="ascript-tieu-de">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos; &quot;</title>');
    expect(root['aria-labelledby']).toBe('ascript-tieu-de');
    expect(root['aria-describedby']).toBe('ascript-mo-ta bonloadx');
  });

  it('draws nothing absurd for empty, zero or missing data', () => {
    const empty = renderIndicatorChart({ ...jobs, groups: [] });
    parse(empty);
    expect(texts(empty)).toContain('Chưa có số liệu');
    const zeros = renderIndicatorChart({ ...jobs, groups: [{ label: 'Năm 2021', target: 0, result: 0 }] });
    parse(zeros);
    expect(zeros).not.toMatch(/NaN|Infinity|undefined/);
    expect(texts(zeros)).toEqual(expect.arrayContaining(['0', '1']));
    const missing = renderIndicatorChart({ ...jobs, groups: [{ label: 'Năm 2021', target: null, result: null }] });
    parse(missing);
    expect(missing).not.toMatch(/NaN|Infinity|undefined/);
    expect([...missing.matchAll(/<rect /g)]).toHaveLength(3);
  });

  it('picks round axis steps and wraps long labels', () => {
    expect(axisTicks(6518)).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(axisTicks(55.7)).toEqual([0, 20, 40, 60]);
    expect(axisTicks(4.35)).toEqual([0, 2, 4, 6]);
    expect(axisTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(Number.NaN)).toEqual([0, 1]);
    expect(wrapLabel('Thành phố Kon Tum')).toEqual(['Thành phố', 'Kon Tum']);
    expect(wrapLabel('Huyện Tu Mơ Rông')).toEqual(['Huyện Tu Mơ', 'Rông']);
    expect(wrapLabel('một hai ba bốn năm sáu bảy tám chín mười', 8, 2)).toEqual(['một hai', 'ba bốn …']);
  });

  it('charts an indicator by period, and by district for the newest period with districts', () => {
    const row = (period: string, periodLabel: string, district: string, target: number | null, result: number | null) => ({ period, periodLabel, district, target, result });
    const charts = indicatorCharts(
      {
        name: 'Giải quyết việc làm',
        unit: 'người',
        values: [row('2020', 'Năm 2020', '', 5600, 5236), row('2021', 'Năm 2021', '', 5700, 6518), row('2021', 'Năm 2021', 'Huyện Đăk Hà', 600, 684), row('2021', 'Năm 2021', 'Thành phố Kon Tum', 1500, 1742)],
      },
      { idPrefix: 'chi-tieu', tableId: 'bang' },
    );
    expect(charts.map((c) => c.caption)).toEqual(['Giải quyết việc làm: kế hoạch và thực hiện theo kỳ', 'Giải quyết việc làm: kế hoạch và thực hiện theo địa bàn, năm 2021']);
    for (const chart of charts) parse(chart.svg);
    expect(charts[0]!.svg).toContain('Năm 2021: kế hoạch 5.700 người, thực hiện 6.518 người, đạt 114,35% kế hoạch.');
    expect(texts(charts[1]!.svg)).toEqual(expect.arrayContaining(['Huyện', 'Đăk Hà', 'Thành', 'phố Kon', 'Tum', '1.742']));
    const quarters = indicatorCharts({ name: 'Q', unit: '%', values: [row('2021-Q3', 'Quý III/2021', 'Huyện Đăk Hà', 1, 2)] }, { idPrefix: 'q' });
    expect(quarters.map((c) => c.caption)).toEqual(['Q: kế hoạch và thực hiện theo địa bàn, quý III/2021']);
    expect(indicatorCharts({ name: 'Trống', unit: 'hộ', values: [] }, { idPrefix: 't' })).toHaveLength(1);
    // One period of the whole area beside its districts: the districts' chart only.
    const lone = indicatorCharts({ name: 'L', unit: 'người', values: [row('2021', 'Năm 2021', '', 5700, 6518), row('2021', 'Năm 2021', 'Huyện Đăk Hà', 600, 684)] }, { idPrefix: 'l' });
    expect(lone.map((c) => c.caption)).toEqual(['L: kế hoạch và thực hiện theo địa bàn, năm 2021']);
  });
});
