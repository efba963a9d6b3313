import { describe, expect, it } from 'vitest';
import { parseOrigin } from './origin.js';

describe('parseOrigin', () => {
  it.each([
    ['https://sldtbxh.kontum.gov.vn', 'https://sldtbxh.kontum.gov.vn'],
    ['https://SLDTBXH.KonTum.gov.vn/', 'https://sldtbxh.kontum.gov.vn'],
    ['  http://localhost:3000  ', 'http://localhost:3000'],
    ['https://example.gov.vn:443', 'https://example.gov.vn'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['https://sở.gov.vn', 'https://xn--s-lym.gov.vn'],
  ])('keeps %j as %j', (raw, origin) => {
    expect(parseOrigin(raw)).toBe(origin);
  });

  it.each(['', 'sldtbxh.kontum.gov.vn', 'ftp://example.gov.vn', 'javascript:alert(1)', 'https://example.gov.vn/tin-tuc', 'https://example.gov.vn?x=1', 'https://example.gov.vn#top', 'https://user:pass@example.gov.vn', '//example.gov.vn', 'https://', 'https://exa mple.gov.vn', 'https://example.gov.vn\r\nSet-Cookie: a=1', 'data:text/html,hi'])(
    'refuses %j',
    (raw) => {
      expect(parseOrigin(raw)).toBeUndefined();
    },
  );
});
