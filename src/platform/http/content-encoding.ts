/**
 * Which encoding a client accepts for a page (RFC 9110 §12.5.3), by the jshttp negotiator
 * that Express uses: q-values, `*`, case and explicit refusals (`gzip;q=0, *`) are all
 * honoured. @fastify/accept-negotiator was tried first: it let `*` override `gzip;q=0` and
 * did not match `GZIP`.
 */
import Negotiator from 'negotiator';
import { LRUCache } from 'lru-cache';

const OFFERED = ['gzip', 'identity'];
/** Browsers send a handful of distinct headers; the bound keeps a flood of made-up ones harmless. */
const decisions = new LRUCache<string, boolean>({ max: 256 });
const MAX_CACHED_HEADER_LENGTH = 256;

/** negotiator 1.x's encoding(); its published types predate the `preferred` option. */
type EncodingNegotiator = { encoding(available: string[], options: { preferred: string[] }): string | undefined };

function negotiateGzip(header: string): boolean {
  // `preferred` breaks ties our way: "identity, gzip" gets gzip.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': header } }) as unknown as EncodingNegotiator;
  return negotiator.encoding(OFFERED, { preferred: OFFERED }) === 'gzip';
}

/**
 * True when the gzip form should be sent. A client that refuses both gzip and identity
 * still gets identity: a readable page beats a 406.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || header === '') return false;
  if (header.length > MAX_CACHED_HEADER_LENGTH) return negotiateGzip(header);
  let decision = decisions.get(header);
  if (decision === undefined) {
    decision = negotiateGzip(header);
    decisions.set(header, decision);
  }
  return decision;
}

/** How many decisions are remembered (tests check the bound). */
export function rememberedEncodingDecisions(): number {
  return decisions.size;
}
