import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientIpResolver } from './client-ip.js';

const TRUST_SETTINGS: (false | string[])[] = [false, ['127.0.0.1'], ['10.0.0.0/8', '::1'], ['loopback'], ['loopback', '203.0.113.0/24']];
const PEERS = ['127.0.0.1', '10.1.2.3', '203.0.113.9', '198.51.100.7'];
const FORWARDED = [undefined, '198.51.100.1', '1.1.1.1, 198.51.100.1', '198.51.100.1, 10.0.0.2', 'spoofed, 203.0.113.5, 127.0.0.1', 'not-an-ip'];

describe('clientIpResolver', () => {
  it.each(TRUST_SETTINGS.map((trust) => [JSON.stringify(trust), trust] as const))('gives the address Fastify gives as request.ip with TRUST_PROXY %s', async (_, trust) => {
    const app = Fastify({ trustProxy: trust });
    const resolve = clientIpResolver(trust);
    app.get('/', async (request) => ({ fastify: request.ip, ours: resolve(request.raw) }));
    let forwardedCount = 0;
    for (const remoteAddress of PEERS) {
      for (const forwarded of FORWARDED) {
        const response = await app.inject({ url: '/', remoteAddress, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } });
        const { fastify, ours } = response.json() as { fastify: string; ours: string };
        expect(ours, `${remoteAddress} ← ${forwarded}`).toBe(fastify);
        if (ours !== remoteAddress) forwardedCount++;
      }
    }
    await app.close();
    // The cases include some where the forwarded address is believed, unless no proxy is trusted.
    expect(forwardedCount > 0).toBe(trust !== false);
  });

  it('never believes X-Forwarded-For from a peer that is not a trusted proxy', () => {
    const resolve = clientIpResolver(['127.0.0.1']);
    const request = { socket: { remoteAddress: '198.51.100.7' }, headers: { 'x-forwarded-for': '1.2.3.4' } };
    expect(resolve(request as never)).toBe('198.51.100.7');
    expect(resolve({ ...request, socket: { remoteAddress: '127.0.0.1' } } as never)).toBe('1.2.3.4');
    expect(clientIpResolver(false)({ ...request, socket: { remoteAddress: '127.0.0.1' } } as never)).toBe('127.0.0.1');
  });
});
