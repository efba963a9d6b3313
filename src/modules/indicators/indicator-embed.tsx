/**
 * Indicators inside articles. An article's body carries a marker, a paragraph holding
 * only `[chi-tieu:<slug>]`; on the public page it becomes the indicator's block (its
 * chart, a small table and a link to its page). Only published indicators are embedded:
 * a marker naming anything else stays as the text it is.
 */
import type { Kysely } from 'kysely';
import { renderToString } from 'preact-render-to-string';
import type { Database } from '../../platform/db/database.js';
import { indicatorCharts } from './indicator-chart.js';
import { findPublishedIndicators, type PublicIndicator } from './indicators.public.js';
import { valueRowView } from './indicators.present.js';
import { IndicatorBlock } from './views.js';

/** Rows a block shows: the newest periods; the page has the rest. */
export const BLOCK_ROWS = 8;
/** Blocks per article: a body full of markers must not cost a query each. */
const MAX_BLOCKS = 20;

/** The marker staff write for an indicator: `[chi-tieu:giai-quyet-viec-lam]`. */
export function indicatorMarker(slug: string): string {
  return `[chi-tieu:${slug}]`;
}

// A paragraph holding only the marker (spaces and &nbsp; around it allowed), as the editor saves it.
const MARKER_PARAGRAPH = /<p(?:\s[^>]*)?>(?:\s|&nbsp;)*\[chi-tieu:([a-z0-9]+(?:-[a-z0-9]+)*)\](?:\s|&nbsp;)*<\/p>/g;

/** The slugs an HTML body's markers name, in order, each once. */
export function markedIndicatorSlugs(html: string): string[] {
  return [...new Set([...html.matchAll(MARKER_PARAGRAPH)].map((m) => m[1]!))].filter((slug) => slug.length <= 200);
}

/**
 * An indicator's block as HTML: the chart of its whole area by period (or, for an
 * indicator by district without two periods of the whole area, by district for the
 * newest period), the table of the same rows as its accessible
 * alternative, and a link to its page. `id` must be unique on the page.
 */
export function renderIndicatorBlock(indicator: PublicIndicator, options: { id: string }): string {
  const id = options.id.replace(/[^A-Za-z0-9-]/g, '') || 'chi-tieu';
  const whole = indicator.values.filter((v) => v.district === '');
  const newestPeriod = indicator.values.filter((v) => v.district !== '').at(-1)?.period;
  // A story over time when there is one; else, for an indicator by district, its newest period's districts.
  const isByDistrict = newestPeriod !== undefined && whole.length < 2;
  const rows = isByDistrict ? indicator.values.filter((v) => v.district !== '' && v.period === newestPeriod) : whole.slice(-BLOCK_ROWS);
  const [chart] = indicatorCharts({ ...indicator, values: rows }, { idPrefix: `${id}-bieu-do`, tableId: `${id}-bang` });
  return renderToString(<IndicatorBlock id={id} name={indicator.name} url={indicator.url} unit={indicator.unit} chart={chart} rows={rows.map(valueRowView)} />);
}

/**
 * Replaces each marker paragraph naming a published indicator of the site with its block.
 * Unknown, draft or unpublished indicators leave their marker as it is.
 */
export async function embedIndicators(db: Kysely<Database>, input: { siteId: string; html: string; now: Date }): Promise<string> {
  const slugs = markedIndicatorSlugs(input.html).slice(0, MAX_BLOCKS);
  if (!slugs.length) return input.html;
  const found = await findPublishedIndicators(db, { siteId: input.siteId, slugs, now: input.now });
  if (!found.size) return input.html;
  let count = 0;
  return input.html.replace(MARKER_PARAGRAPH, (paragraph, slug: string) => {
    const indicator: PublicIndicator | undefined = found.get(slug);
    if (!indicator) return paragraph;
    count += 1;
    return renderIndicatorBlock(indicator, { id: `chi-tieu-${slug}-${count}` });
  });
}
