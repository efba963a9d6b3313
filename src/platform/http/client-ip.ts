import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The reader's address for requests answered before Fastify sees them, computed as
 * Fastify computes request.ip: the socket's peer, or with TRUST_PROXY the client named
 * by X-Forwarded-For.
 */
export function clientIpResolver(isProxyTrusted: boolean): (request: IncomingMessage) => string {
  if (!isProxyTrusted) return (request) => request.socket.remoteAddress ?? '';
  const trustAll = () => true;
  return (request) => proxyAddr(request, trustAll);
}
