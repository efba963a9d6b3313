/**
 * Plans, statistics and indicators (chỉ tiêu): numbers and periods and their rules, the
 * staff use-cases, public reads, the SVG charts, open-data files, search records, the
 * block articles embed, and the demo's indicators. Other modules reach this one only
 * through this file; app.ts registers the public pages from indicators.routes.ts (as it
 * does the legal documents'), so this file pulls in no route.
 */
export { MAX_DECIMALS, MAX_INDICATOR_VALUE, formatIndicatorNumber, formatPercentOfPlan, formatWithUnit, parseVietnameseNumber, percentNumber, percentOfPlan, type ParsedNumber } from './indicator-numbers.js';
export { PERIOD_KINDS, PERIOD_KIND_LABELS, isPeriodKind, normalisePeriod, periodLabel, type PeriodKind } from './indicator-periods.js';
export { VALUE_LIMITS, checkIndicatorValues, compareValues, valueSentence, type IndicatorValue, type IndicatorValueInput } from './indicator-values.js';
export { IndicatorNotFoundError, IndicatorPublicationStepError, IndicatorSlugTakenError } from './indicators.errors.js';
export {
  INDICATOR_LIMITS,
  IndicatorNotReadyError,
  checkIndicatorFields,
  createIndicator,
  getIndicatorForEditing,
  listIndicatorRevisions,
  listIndicatorsForStaff,
  publishIndicator,
  replaceIndicatorValues,
  unpublishIndicator,
  updateIndicator,
  type IndicatorFields,
  type IndicatorForEditing,
  type IndicatorInput,
  type IndicatorRevisionSummary,
  type IndicatorSnapshot,
  type StaffIndicatorItem,
} from './indicators.service.js';
export {
  MAX_INDICATOR_PAGE_SIZE,
  WHOLE_AREA_LABEL,
  findPublishedIndicators,
  getPublishedIndicator,
  listPublishedIndicators,
  type IndicatorListFilter,
  type IndicatorListPage,
  type PublicIndicator,
  type PublicIndicatorSummary,
  type PublicIndicatorValue,
} from './indicators.public.js';
export { INDICATORS_PATH, INDICATOR_SEARCH_TYPE, indicatorSearchRecord, indicatorsSearchSource, syncIndicatorSearch } from './indicators.search.js';
export { axisTicks, indicatorCharts, renderIndicatorChart, type ChartGroup, type ChartInput, type IndicatorChart } from './indicator-chart.js';
export { CSV_COLUMNS, csvCell, indicatorCsv, indicatorJson } from './indicator-data.js';
export { embedIndicators, indicatorMarker, markedIndicatorSlugs, renderIndicatorBlock } from './indicator-embed.js';
export { DEMO_INDICATORS, seedDemoIndicators } from './indicators.demo.js';
