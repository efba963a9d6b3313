/**
 * Charts of indicators drawn as SVG on the server: no script, readable without
 * JavaScript, printable. Each chart is an image (`role="img"`) named by its <title>,
 * described by its <desc> and by the data table it stands beside (aria-describedby), which
 * stays the accessible alternative. Colours come as presentation attributes (the site's
 * Content-Security-Policy allows no inline style): plan bars are outlined, result bars
 * solid, in one dark blue (9:1 on white), so they read apart in black-and-white print
 * and for colour-blind readers too.
 */
import { formatIndicatorNumber, formatWithUnit } from './indicator-numbers.js';
import { periodAxisLines } from './indicator-periods.js';
import { valueSentence } from './indicator-values.js';

export interface ChartGroup {
  /** What the group is (a period, a district): said in the bars' tooltips. */
  label: string;
  /** The axis label in lines (["Quý III", "2021"]); `label` when absent. */
  lines?: string[];
  target: number | null;
  result: number | null;
}

export interface ChartInput {
  /** Prefix of the chart's element ids; letters, digits and '-' only (anything else is dropped). */
  id: string;
  title: string;
  description: string;
  unit: string;
  groups: ChartGroup[];
  /** The id of the table holding the same data. */
  tableId?: string;
}

const INK = '#1f4e79';
const TEXT = '#1a1a1a';
const GRID = '#c9d1d9';
const AXIS = '#4a4a4a';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

const GROUP_WIDTH = 60;
const BAR_WIDTH = 22;
const PLOT_HEIGHT = 220;
const TOP = 52;
const RIGHT = 16;
const LINE_HEIGHT = 14;
const MIN_WIDTH = 360;
/** Bars beyond which the values above them would crowd. */
const MAX_LABELLED_GROUPS = 16;

/** Text fit for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, '') || 'bieu-do';
}

/** Values shown with at most 2 decimals: a chart is read at a glance (the table keeps all). */
function round(value: number): number {
  return Number(value.toPrecision(12));
}

/** Axis ticks: 0 to a round top above `max`, in 4 or 5 round steps (1, 2, 2.5, 5 × 10ⁿ). */
export function axisTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10) * magnitude;
  const count = Math.max(1, Math.ceil(round(max / step)));
  return Array.from({ length: count + 1 }, (_, i) => round(i * step));
}

/** Splits a label into lines of about `width` characters at spaces, at most `max` lines. */
export function wrapLabel(text: string, width = 12, max = 3): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > max) return [...lines.slice(0, max - 1), `${lines.slice(max - 1).join(' ').slice(0, width - 1)}…`];
  return lines.length ? lines : [''];
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

/**
 * One chart: a plan bar (outlined) and a result bar (solid) per group, the y axis in the
 * indicator's unit with Vietnamese numbers, the value of each result above its bar.
 * Missing values draw no bar. No groups draws the frame with "Chưa có số liệu".
 */
export function renderIndicatorChart(input: ChartInput): string {
  const id = safeId(input.id);
  const groups = input.groups;
  const values = groups.flatMap((g) => [g.target, g.result]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  const ticks = axisTicks(Math.max(0, ...values));
  const top = ticks.at(-1)!;
  const tickLabels = ticks.map((t) => formatIndicatorNumber(t));
  const left = Math.max(48, Math.max(...tickLabels.map((l) => l.length)) * 7 + 16);
  const lineCount = Math.max(1, ...groups.map((g) => (g.lines ?? [g.label]).length));
  const bottom = 16 + lineCount * LINE_HEIGHT;
  const width = Math.max(MIN_WIDTH, 8 + (input.unit.length + 8) * 7 + 16 + 200, left + Math.max(1, groups.length) * GROUP_WIDTH + RIGHT);
  const height = TOP + PLOT_HEIGHT + bottom;
  const baseline = TOP + PLOT_HEIGHT;
  const y = (value: number) => baseline - (value / top) * PLOT_HEIGHT;
  const described = [`${id}-mo-ta`, input.tableId ? safeId(input.tableId) : ''].filter(Boolean).join(' ');

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart__svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-tieu-de" aria-describedby="${described}" focusable="false" font-family="${escapeXml(FONT)}" font-size="12">`,
  );
  parts.push(`<title id="${id}-tieu-de">${escapeXml(input.title)}</title>`);
  parts.push(`<desc id="${id}-mo-ta">${escapeXml(input.description)}</desc>`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  // Legend, and the unit above the y axis.
  const unitLabel = `Đơn vị: ${input.unit || '—'}`;
  const legend = Math.max(left, 8 + unitLabel.length * 7 + 16);
  parts.push(`<g fill="${TEXT}">`);
  parts.push(text(8, 20, unitLabel));
  parts.push(`<rect x="${legend}" y="10" width="14" height="12" fill="#ffffff" stroke="${INK}" stroke-width="2"/>`);
  parts.push(text(legend + 20, 20, 'Kế hoạch'));
  parts.push(`<rect x="${legend + 96}" y="10" width="14" height="12" fill="${INK}"/>`);
  parts.push(text(legend + 116, 20, 'Thực hiện'));
  parts.push('</g>');
  // Grid and y axis labels.
  parts.push(`<g stroke="${GRID}" stroke-width="1">`);
  for (const tick of ticks) parts.push(`<line x1="${left}" x2="${width - RIGHT}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}"/>`);
  parts.push('</g>');
  parts.push(`<g fill="${TEXT}" text-anchor="end">`);
  ticks.forEach((tick, i) => parts.push(text(left - 8, Number((y(tick) + 4).toFixed(1)), tickLabels[i]!)));
  parts.push('</g>');
  parts.push(`<line x1="${left}" x2="${left}" y1="${TOP - 6}" y2="${baseline}" stroke="${AXIS}" stroke-width="1"/>`);

  if (groups.length === 0) {
    parts.push(text(left + (width - left - RIGHT) / 2, TOP + PLOT_HEIGHT / 2, 'Chưa có số liệu', `text-anchor="middle" fill="${TEXT}" font-size="14"`));
  }
  const isLabelled = groups.length <= MAX_LABELLED_GROUPS;
  groups.forEach((group, index) => {
    const x0 = left + index * GROUP_WIDTH + (GROUP_WIDTH - 2 * BAR_WIDTH - 4) / 2;
    parts.push('<g>');
    const bar = (value: number | null, x: number, isResult: boolean) => {
      if (value === null || !Number.isFinite(value) || value < 0) return;
      const height = Math.max(value > 0 ? 1 : 0, baseline - y(value));
      const what = isResult ? 'thực hiện' : 'kế hoạch';
      const paint = isResult ? `fill="${INK}"` : `fill="#ffffff" stroke="${INK}" stroke-width="2"`;
      // An outlined bar of height 0 would vanish: it keeps its 2 px outline on the baseline.
      parts.push(`<rect x="${x}" y="${(baseline - height).toFixed(1)}" width="${BAR_WIDTH}" height="${height.toFixed(1)}" ${paint}><title>${escapeXml(`${group.label}, ${what}: ${formatWithUnit(value, input.unit)}`)}</title></rect>`);
      // The value sits above the taller bar of its group, so a taller plan bar never hides it.
      const tallest = Math.max(height, group.target !== null && group.target > 0 ? baseline - y(group.target) : 0);
      if (isResult && isLabelled) parts.push(text(x + BAR_WIDTH / 2, Number((baseline - tallest - 5).toFixed(1)), formatIndicatorNumber(round(Math.round(value * 100) / 100)), `text-anchor="middle" fill="${TEXT}" font-size="11"`));
    };
    bar(group.target, x0, false);
    bar(group.result, x0 + BAR_WIDTH + 4, true);
    const lines = group.lines ?? [group.label];
    const cx = left + index * GROUP_WIDTH + GROUP_WIDTH / 2;
    lines.forEach((line, i) => parts.push(text(cx, baseline + 16 + i * LINE_HEIGHT, line, `text-anchor="middle" fill="${TEXT}" font-size="11"`)));
    parts.push('</g>');
  });
  parts.push(`<line x1="${left}" x2="${width - RIGHT}" y1="${baseline}" y2="${baseline}" stroke="${AXIS}" stroke-width="1"/>`);
  parts.push('</svg>');
  return parts.join('');
}

/** What charts need of an indicator (a PublicIndicator fits). */
export interface ChartableIndicator {
  name: string;
  unit: string;
  values: { period: string; periodLabel: string; district: string; target: number | null; result: number | null }[];
}

export interface IndicatorChart {
  /** What the chart shows, as a heading above it. */
  caption: string;
  svg: string;
}

/** 'Quý III/2021' → 'quý III/2021' (the numeral stays). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Periods in a description: the newest ones; the table has all. */
const MAX_DESCRIBED = 12;

function describe(rows: ChartableIndicator['values'], unit: string): string {
  const newest = rows.slice(-MAX_DESCRIBED);
  const head = rows.length > newest.length ? `${rows.length - newest.length} kỳ trước không kể ở đây, xem bảng số liệu. ` : '';
  return rows.length ? `${head}${newest.map((r) => valueSentence(r, unit)).join('. ')}.` : 'Chưa có số liệu.';
}

/**
 * The charts of an indicator: plan and result per period for the whole area (when it has
 * two periods of it, or nothing else), and per district for the newest period with
 * district rows. Always at least one.
 */
export function indicatorCharts(indicator: ChartableIndicator, options: { idPrefix: string; tableId?: string }): IndicatorChart[] {
  const charts: IndicatorChart[] = [];
  const whole = indicator.values.filter((v) => v.district === '');
  const byDistrict = indicator.values.filter((v) => v.district !== '');
  const unit = indicator.unit ? ` (${indicator.unit})` : '';
  // One period of the whole area beside districts is a lone pair of bars: the table says it better.
  if (whole.length >= 2 || (whole.length > 0 && byDistrict.length === 0) || indicator.values.length === 0) {
    const caption = `${indicator.name}: kế hoạch và thực hiện theo kỳ`;
    charts.push({
      caption,
      svg: renderIndicatorChart({
        id: `${options.idPrefix}-theo-ky`,
        title: `Biểu đồ cột: ${indicator.name}${unit}, kế hoạch và thực hiện theo kỳ`,
        description: describe(whole, indicator.unit),
        unit: indicator.unit,
        tableId: options.tableId,
        groups: whole.map((v) => ({ label: v.periodLabel, lines: periodAxisLines(v.period), target: v.target, result: v.result })),
      }),
    });
  }
  const latest = byDistrict.at(-1)?.period;
  if (latest) {
    const rows = byDistrict.filter((v) => v.period === latest);
    const label = lowerFirst(rows[0]!.periodLabel);
    charts.push({
      caption: `${indicator.name}: kế hoạch và thực hiện theo địa bàn, ${label}`,
      svg: renderIndicatorChart({
        id: `${options.idPrefix}-theo-dia-ban`,
        title: `Biểu đồ cột: ${indicator.name}${unit} theo địa bàn, ${label}`,
        description: describe(rows, indicator.unit),
        unit: indicator.unit,
        tableId: options.tableId,
        groups: rows.map((v) => ({ label: v.district, lines: wrapLabel(v.district, 8), target: v.target, result: v.result })),
      }),
    });
  }
  return charts;
}
