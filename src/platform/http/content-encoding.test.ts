import { describe, expect, it } from 'vitest';
import { acceptsGzip, rememberedEncodingDecisions } from './content-encoding.js';

describe('acceptsGzip', () => {
  it('remembers a bounded number of decisions under a flood of distinct headers', () => {
    for (let i = 0; i < 20_000; i++) acceptsGzip(`gzip;q=0.${i % 10}, x-made-up-${i}`);
    expect(rememberedEncodingDecisions()).toBeLessThanOrEqual(256);
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
  });

  it('reads headers sent twice (joined by Node) and ignores arrays and absence', () => {
    expect(acceptsGzip('identity, gzip;q=0')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip(['gzip'])).toBe(false);
  });
});
