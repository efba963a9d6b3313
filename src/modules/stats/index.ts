export { StatsRecorder, type PageRequest, type Reader } from './stats.service.js';
export { isBot, VISIT_GAP_MS } from './visitors.js';
