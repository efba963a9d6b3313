import { describe, expect, it } from 'vitest';
import { inlineMediaIds, sanitizeBody } from './sanitize-body.js';

const ID = '3f2b8c1e-1111-4a2b-9c3d-0123456789ab';

describe('sanitizeBody', () => {
  it('removes scripts, event handlers and javascript: links', () => {
    const dirty = `<p onclick="x()">Xin chào<script>alert(1)</script></p><a href="javascript:alert(1)">bấm</a><img src=x onerror=alert(1)><iframe src="//evil"></iframe>`;
    const clean = sanitizeBody(dirty);
    expect(clean).toBe('<p>Xin chào</p><a>bấm</a>');
  });

  it('keeps the formatting editors use', () => {
    const html = '<h2>Kết quả</h2><p><strong>6.518</strong> người, <em>đạt 114,35%</em></p><ul><li>một</li></ul><table><tbody><tr><td colspan="2">ô</td></tr></tbody></table>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('keeps inline images only as media references and marks external links', () => {
    const html = `<figure><img data-media-id="${ID}" alt="Hội nghị" src="http://evil/x.png"><figcaption>Chú thích</figcaption></figure><img data-media-id="not-an-id"><a href="https://dichvucong.gov.vn">DVC</a>`;
    const clean = sanitizeBody(html);
    expect(clean).toBe(`<figure><img data-media-id="${ID}" alt="Hội nghị" /><figcaption>Chú thích</figcaption></figure><a href="https://dichvucong.gov.vn" rel="noopener noreferrer">DVC</a>`);
    expect(inlineMediaIds(clean)).toEqual([ID]);
  });

  it('stores NFC text', () => {
    expect(sanitizeBody('<p>Hội nghị</p>'.normalize('NFD'))).toBe('<p>Hội nghị</p>');
  });
});
