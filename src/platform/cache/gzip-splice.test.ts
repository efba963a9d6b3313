import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SplicedGzip, combineCrc32 } from './gzip-splice.js';

describe('combineCrc32', () => {
  it('equals the CRC of the concatenation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const whole = zlib.crc32(Buffer.concat([a, b]));
        expect(combineCrc32(zlib.crc32(a), zlib.crc32(b), b.length)).toBe(whole);
      }),
    );
  });
});

describe('SplicedGzip', () => {
  it('produces gzip that inflates to the parts with the values between them', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 2000 }), { minLength: 1, maxLength: 5 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), (parts, rawValues) => {
        const values = parts.slice(1).map((_, i) => Buffer.from(rawValues[i] ?? ''));
        const gzip = new SplicedGzip(parts.map((p) => Buffer.from(p)));
        const expected = parts.map((p, i) => (i === 0 ? p : (rawValues[i - 1] ?? '') + p)).join('');
        expect(zlib.gunzipSync(gzip.assemble(values)).toString()).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('compresses a large repetitive page well', () => {
    const page = '<p>Hội nghị triển khai nhiệm vụ công tác lao động</p>'.repeat(1000);
    const gzip = new SplicedGzip([Buffer.from(page), Buffer.from(page)]);
    const body = gzip.assemble([Buffer.from('2.577')]);
    expect(body.length).toBeLessThan(page.length / 10);
    expect(zlib.gunzipSync(body).toString()).toBe(`${page}2.577${page}`);
  });
});
