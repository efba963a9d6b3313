import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { operatorScope } from '../accounts/index.js';
import { sanitizeBody } from '../articles/sanitize-body.js';
import { createSite } from '../sites/index.js';
import { extractCitationKeys, linkCitations, linkCitationsInHtml } from './citation-linker.js';
import { ensureDefaultLists, listDocumentListItems } from './document-lists.js';
import type { CitationTarget } from './legal-documents.public.js';
import { createLegalDocument, markDocumentReplaced } from './legal-documents.service.js';

const decree: CitationTarget = { url: '/van-ban/75-2021-nd-cp', status: 'in_force', title: 'Nghị định 75/2021/NĐ-CP: Quy định mức hưởng trợ cấp' };
const circular: CitationTarget = { url: '/van-ban/26-2020-tt-bldtbxh', status: 'replaced', title: 'Thông tư 26/2020/TT-BLĐTBXH: Hướng dẫn' };
const known = new Map([
  ['75/2021/nd-cp', decree],
  ['26/2020/tt-bldtbxh', circular],
]);
const link = (html: string) => linkCitations(html, known);
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('the citation linker', () => {
  it('links a citation with its type and "số", showing the status in the class and title', () => {
    expect(link('<p>Theo Nghị định số 75/2021/NĐ-CP của Chính phủ.</p>')).toBe(
      '<p>Theo <a href="/van-ban/75-2021-nd-cp" class="citation citation--in-force" title="Nghị định 75/2021/NĐ-CP: Quy định mức hưởng trợ cấp (Còn hiệu lực)">Nghị định số 75/2021/NĐ-CP</a> của Chính phủ.</p>',
    );
  });

  it('marks a replaced document visibly', () => {
    expect(link('<p>Thông tư 26/2020/TT-BLĐTBXH hướng dẫn.</p>')).toBe(
      '<p><a href="/van-ban/26-2020-tt-bldtbxh" class="citation citation--replaced" title="Thông tư 26/2020/TT-BLĐTBXH: Hướng dẫn (Đã bị thay thế)">Thông tư 26/2020/TT-BLĐTBXH <span class="citation__status">(đã bị thay thế)</span></a> hướng dẫn.</p>',
    );
  });

  it('recognises the many ways a number is written', () => {
    const spellings = [
      ['Nghị định số 75/2021/NĐ-CP', 'Nghị định số 75/2021/NĐ-CP'],
      ['nghị định số 75/2021/nđ-cp', 'nghị định số 75/2021/nđ-cp'],
      ['NGHỊ ĐỊNH SỐ 75/2021/NĐ-CP', 'NGHỊ ĐỊNH SỐ 75/2021/NĐ-CP'],
      ['Nghị định 75/2021/ND-CP', 'Nghị định 75/2021/ND-CP'],
      ['Nghị\u00a0định số\u00a075/2021/NĐ-CP', 'Nghị\u00a0định số\u00a075/2021/NĐ-CP'],
      ['Nghị định số: 75/2021/NĐ-CP', 'Nghị định số: 75/2021/NĐ-CP'],
      ['75 / 2021 / NĐ - CP', '75 / 2021 / NĐ - CP'],
      ['75/2021/NĐ–CP', '75/2021/NĐ–CP'],
      ['(75/2021/NĐ-CP)', '75/2021/NĐ-CP'],
      ['số 75/2021/NĐ-CP.', '75/2021/NĐ-CP'],
      ['Nghị định 75/2021/NĐ-CP - Quy định mức hưởng', 'Nghị định 75/2021/NĐ-CP'],
      ['Nghị định số 75/2021/NĐ-CP'.normalize('NFD'), 'Nghị định số 75/2021/NĐ-CP'],
      ['Nghị định số 75/2021/N&#272;-CP', 'Nghị định số 75/2021/NĐ-CP'],
    ];
    for (const [written, linked] of spellings) {
      const html = link(`<p>${written}</p>`);
      expect(html, written).toContain(`title="Nghị định 75/2021/NĐ-CP: Quy định mức hưởng trợ cấp (Còn hiệu lực)">${linked}</a>`);
    }
    expect(link('<p>Xem 75/2021/NĐ-CP và 26/2020/TT-BLĐTBXH.</p>').match(/<a /g)).toHaveLength(2);
  });

  it('leaves alone numbers it does not know, dates, fractions and longer numbers', () => {
    for (const html of ['<p>Nghị định 76/2021/NĐ-CP</p>', '<p>Ngày 20/11/2021</p>', '<p>1/2 số hộ</p>', '<p>175/2021/NĐ-CP</p>', '<p>75/2021/NĐ-CPX</p>', '<p>A75/2021/NĐ-CP</p>']) {
      expect(link(html)).toBe(html);
    }
  });

  it('never links inside an existing link, an attribute or a script-like element', () => {
    const html = '<p><a href="/x">Nghị định 75/2021/NĐ-CP</a> <img alt="75/2021/NĐ-CP" data-media-id="x"></p><p title="75/2021/NĐ-CP">ok</p><script>75/2021/NĐ-CP</script><style>/* 75/2021/NĐ-CP */</style><!-- 75/2021/NĐ-CP -->';
    expect(link(html)).toBe(html);
    expect(link('<p><a href="/x"><strong>75/2021/NĐ-CP</strong></a> rồi 75/2021/NĐ-CP</p>')).toBe(
      '<p><a href="/x"><strong>75/2021/NĐ-CP</strong></a> rồi <a href="/van-ban/75-2021-nd-cp" class="citation citation--in-force" title="Nghị định 75/2021/NĐ-CP: Quy định mức hưởng trợ cấp (Còn hiệu lực)">75/2021/NĐ-CP</a></p>',
    );
  });

  it('keeps every other byte and escapes what it rewrites', () => {
    const html = '<p>A &amp; B &lt;script&gt; theo 75/2021/NĐ-CP &quot;x&quot;</p><table><tr><td colspan="2">khác</td></tr></table>';
    const linked = link(html);
    expect(linked.startsWith('<p>A &amp; B &lt;script&gt; theo <a href="/van-ban/75-2021-nd-cp"')).toBe(true);
    expect(linked.endsWith('</a> &quot;x&quot;</p><table><tr><td colspan="2">khác</td></tr></table>')).toBe(true);
    const hostile: CitationTarget = { url: '/van-ban/x" onclick="alert(1)', status: 'expired', title: '"><script>alert(1)</script>' };
    const out = linkCitations('<p>75/2021/NĐ-CP</p>', new Map([['75/2021/nd-cp', hostile]]));
    expect(out).not.toContain('<script');
    expect(out).not.toContain('onclick="');
    const external = linkCitations('<p>75/2021/NĐ-CP</p>', new Map([['75/2021/nd-cp', { ...decree, url: '//evil.example/x' }]]));
    expect(external).toBe('<p>75/2021/NĐ-CP</p>');
  });

  it('keeps hostile bodies safe: the sanitiser finds no link it must change', () => {
    const bodies = [
      '<p><a href="javascript:alert(1)">75/2021/NĐ-CP</a> 75/2021/NĐ-CP</p>',
      '<p>75/2021/NĐ-CP<img src=x onerror=alert(1)></p>',
      '<p>&lt;img src=x onerror=alert(1)&gt; 75/2021/NĐ-CP</p>',
      '<p title="a > 75/2021/NĐ-CP">x</p><svg><a href="/y">75/2021/NĐ-CP</a></svg>',
      '<p>75/2021/NĐ-CP</p></a><a href="/z">26/2020/TT-BLĐTBXH</p>',
    ];
    for (const raw of bodies) {
      const body = sanitizeBody(raw);
      const linked = link(body);
      expect(hrefs(sanitizeBody(linked)), raw).toEqual(hrefs(linked));
      for (const href of hrefs(linked)) expect(href).toMatch(/^\/(?![/\\])/);
      expect(linked).not.toMatch(/<(script|img[^>]*onerror|svg)/i);
    }
  });

  it('never throws, never adds markup outside text, on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('<p>75/2021/NĐ-CP</p>', '<a href="/x">26/2020/TT-BLĐTBXH</a>'), fc.string().map((s) => `<p>${s} 75/2021/NĐ-CP ${s}</p>`)), (html) => {
        const linked = link(html);
        const ours = /<a href="\/van-ban\/[^"<>]*" class="citation citation--[a-z-]+" title="[^"<>]*">|<span class="citation__status">\([^<>]*\)<\/span><\/a>|<\/a>/g;
        const added = linked.match(ours)?.length ?? 0;
        const before = html.match(ours)?.length ?? 0;
        // Every "<" of the output is one of the input's or one of the links added.
        expect(linked.split('<').length - (added - before) * 2).toBeLessThanOrEqual(html.split('<').length);
        expect(linkCitations(html, new Map())).toBe(html);
        expect(() => extractCitationKeys(html)).not.toThrow();
      }),
    );
  });

  it('reads every candidate number of a body, for one lookup', () => {
    expect(extractCitationKeys('<p>Nghị định 75/2021/NĐ-CP - Quy định; <a href="/x">1/2020/QĐ</a> và Thông tư 26/2020/TT-BLĐTBXH</p>').sort()).toEqual(['26/2020/tt', '26/2020/tt-bldtbxh', '75/2021/nd', '75/2021/nd-cp', '75/2021/nd-cp-quy'].sort());
  });
});

describe.each(ENGINES)('citations linked from the registry on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const now = new Date('2026-11-29T03:00:00Z');
  beforeAll(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    siteId = await createSite(db, { host: 'sld.example.vn', name: 'Sở' });
    otherSiteId = await createSite(db, { host: 'khac.example.vn', name: 'Sở khác' });
    for (const site of [siteId, otherSiteId]) await ensureDefaultLists(db, { siteId: site, now });
  });
  afterAll(async () => testDb.destroy());

  it('links published documents of the site only, with their current status', async () => {
    const db = testDb.db.kysely;
    const typeOf = async (site: string) => (await listDocumentListItems(db, { siteId: site, list: 'type' })).find((t) => t.name === 'Nghị định')!.id;
    const scope = operatorScope(siteId, now);
    const base = { typeId: await typeOf(siteId), issuer: 'Chính phủ', summary: 'Quy định mức hưởng' };
    const old = await createLegalDocument(db, scope, { ...base, number: '31/2013/NĐ-CP', issuedOn: '2013-04-09', isPublishing: true });
    const current = await createLegalDocument(db, scope, { ...base, number: '75/2021/NĐ-CP', issuedOn: '2021-07-24', isPublishing: true });
    await createLegalDocument(db, scope, { ...base, number: '76/2021/NĐ-CP', issuedOn: '2021-07-24' });
    await createLegalDocument(db, operatorScope(otherSiteId, now), { ...base, typeId: await typeOf(otherSiteId), number: '77/2021/NĐ-CP', issuedOn: '2021-07-24', isPublishing: true });
    await markDocumentReplaced(db, scope, { documentId: old.id, replacedById: current.id });

    const html = sanitizeBody('<p>Nghị định 31/2013/NĐ-CP đã được thay bằng Nghị định số 75/2021/ND-CP; xem thêm 76/2021/NĐ-CP và 77/2021/NĐ-CP.</p>');
    const linked = await linkCitationsInHtml(db, { siteId, html, now: new Date('2026-11-29T04:00:00Z') });
    expect(hrefs(linked)).toEqual(['/van-ban/31-2013-nd-cp', '/van-ban/75-2021-nd-cp']);
    expect(linked).toContain('class="citation citation--replaced"');
    expect(linked).toContain('<span class="citation__status">(đã bị thay thế)</span>');
    expect(linked).toContain('xem thêm 76/2021/NĐ-CP và 77/2021/NĐ-CP.');
    // On the document's own page it does not link to itself.
    expect(hrefs(await linkCitationsInHtml(db, { siteId, html, excludeUrls: ['/van-ban/75-2021-nd-cp'] }))).toEqual(['/van-ban/31-2013-nd-cp']);
    expect(await linkCitationsInHtml(db, { siteId, html: '<p>Không có số nào.</p>' })).toBe('<p>Không có số nào.</p>');
    // A number without a year is linked while it names one document, never guessed between two.
    const plan = { ...base, typeId: (await listDocumentListItems(db, { siteId, list: 'type' })).find((t) => t.name === 'Kế hoạch')!.id, number: '15/KH-UBND', isPublishing: true };
    await createLegalDocument(db, scope, { ...plan, issuedOn: '2024-02-01' });
    const citing = '<p>Thực hiện Kế hoạch số 15/KH-UBND của UBND tỉnh.</p>';
    expect(hrefs(await linkCitationsInHtml(db, { siteId, html: citing }))).toEqual(['/van-ban/15-kh-ubnd-2024']);
    await createLegalDocument(db, scope, { ...plan, issuedOn: '2025-02-01' });
    expect(await linkCitationsInHtml(db, { siteId, html: citing })).toBe(citing);
  });
});
