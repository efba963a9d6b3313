import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The reader's address for requests answered before Fastify sees them, computed as
 * Fastify computes request.ip from the same TRUST_PROXY value: the socket's peer, or,
 * when that peer is one of the trusted proxies, the nearest untrusted address in
 * X-Forwarded-For (walking from the right, so a client cannot name itself).
 */
export function clientIpResolver(trustedProxies: false | readonly string[]): (request: IncomingMessage) => string {
  if (trustedProxies === false || trustedProxies.length === 0) return (request) => request.socket.remoteAddress ?? '';
  // Compiled once: proxy-addr would otherwise parse the list again on every request.
  const isTrusted = proxyAddr.compile([...trustedProxies]);
  return (request) => proxyAddr(request, isTrusted);
}
