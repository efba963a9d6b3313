import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from './canonical-path.js';
import { RESERVED_PATH_SEGMENTS, isReservedPathSegment } from './reserved-paths.js';

describe('reserved path segments', () => {
  it('are all slugs, or reserving them would guard nothing', () => {
    for (const word of RESERVED_PATH_SEGMENTS) expect(word).toMatch(SLUG_PATTERN);
  });

  it('hold the routes and every public section of DESIGN.md’s contract', () => {
    const contract = ['admin', 'api', 'healthz', 'tim-kiem', 'media', 'assets', 'en', 'van-ban', 'hoi-dap', 'du-thao', 'tiep-can-thong-tin', 'lich-cong-tac', 'thu-tuc-hanh-chinh', 'chi-tieu', 'co-cau-to-chuc', 'lien-he'];
    for (const word of contract) expect(isReservedPathSegment(word), word).toBe(true);
  });

  it('leave ordinary slugs and near misses free', () => {
    for (const slug of ['tin-tuc', 'gioi-thieu', 'admin-tin', 'van-ban-moi', 'rss-xml', 'Admin']) expect(isReservedPathSegment(slug), slug).toBe(false);
  });
});
