import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor'];
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the indicators staff screens on %s', (engine) => {
  let portal: TestPortal;
  const users = new Map<Role, { email: string; userId: string }>();

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    for (const role of ROLES) users.set(role, await addStaff(portal.testDb.db.kysely, portal.fixture.siteId, role));
  });
  afterAll(async () => portal.close());

  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    expect((await client.login(users.get(role)!.email)).statusCode).toBe(303);
    return client;
  };
  const valueRows = async (id: string) => portal.testDb.db.kysely.selectFrom('indicator_values').select(['period', 'district', 'target', 'result']).where('indicator_id', '=', id).orderBy('period').orderBy('district').execute();

  /** Creates an indicator through the form and returns its id. */
  const create = async (client: StaffClient, fields: Record<string, string>) => {
    await client.get('/admin/chi-tieu/moi');
    const created = await client.post('/admin/chi-tieu', fields);
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    return /\/admin\/chi-tieu\/([0-9a-f-]{36})\?tb=ct-da-tao$/.exec(created.headers.location as string)![1]!;
  };

  it('shows the nav item and screens to editors, and refuses authors', async () => {
    const editor = await clientFor('editor');
    const home = await editor.get('/admin/chi-tieu');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/admin/chi-tieu"');
    const author = await clientFor('author');
    expect((await author.get('/admin')).body).not.toContain('href="/admin/chi-tieu"');
    for (const url of ['/admin/chi-tieu', '/admin/chi-tieu/moi']) expect((await author.get(url)).statusCode, url).toBe(403);
    expect((await author.post('/admin/chi-tieu', { name: 'X', unit: 'người', periodKind: 'year' })).statusCode).toBe(403);
  });

  it('lets an editor create an indicator and enter its table in Vietnamese numbers; the chief editor publishes it', async () => {
    const editor = await clientFor('editor');
    const id = await create(editor, { name: 'Số lao động được tạo việc làm mới', unit: 'người', periodKind: 'year', description: 'Theo báo cáo của các huyện', slug: '' });
    const form = await editor.get(`/admin/chi-tieu/${id}?tb=ct-da-tao`);
    expect(form.body).toContain('Đã tạo chỉ tiêu (bản nháp).');
    // Rows with an empty one between them: the empty row is no row.
    const saved = await editor.post(`/admin/chi-tieu/${id}/so-lieu`, {
      period: ['2021', '', '2022', '2021'],
      district: ['', '', '', 'Đăk Hà'],
      target: ['5.700', '', '6.000', '800'],
      result: ['6.518', '', '', '812'],
      note: ['', '', 'Ước thực hiện', ''],
    });
    expect(saved.headers.location).toBe(`/admin/chi-tieu/${id}?tb=ct-da-luu-so-lieu`);
    expect(await valueRows(id)).toEqual([
      { period: '2021', district: '', target: 5700, result: 6518 },
      { period: '2021', district: 'Đăk Hà', target: 800, result: 812 },
      { period: '2022', district: '', target: 6000, result: null },
    ]);
    const page = main((await editor.get(`/admin/chi-tieu/${id}`)).body);
    expect(page).toContain('value="6.518"');
    expect(page).toContain('114,35%');
    expect(page).not.toContain('/xuat-ban');
    expect((await editor.post(`/admin/chi-tieu/${id}/xuat-ban`)).statusCode).toBe(403);
    expect((await portal.app.inject({ url: '/chi-tieu/so-lao-dong-duoc-tao-viec-lam-moi' })).statusCode).toBe(404);

    // Each save is a revision: the creation, then the table.
    const revisions = await portal.testDb.db.kysely.selectFrom('indicator_revisions').select(['number', 'snapshot']).where('indicator_id', '=', id).orderBy('number').execute();
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(JSON.parse(revisions[1]!.snapshot).values).toHaveLength(3);
    expect(page).toContain('3 dòng số liệu, kỳ mới nhất Năm 2022');

    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/chi-tieu/${id}`);
    expect((await chief.post(`/admin/chi-tieu/${id}/xuat-ban`)).headers.location).toBe(`/admin/chi-tieu/${id}?tb=ct-da-xuat-ban`);
    const publicPage = await portal.app.inject({ url: '/chi-tieu/so-lao-dong-duoc-tao-viec-lam-moi' });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('114,35%');

    // Published: the editor sees it read-only and cannot change it.
    const readOnly = main((await editor.get(`/admin/chi-tieu/${id}`)).body);
    expect(readOnly).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
    expect((await editor.post(`/admin/chi-tieu/${id}/so-lieu`, { period: ['2021'], target: ['1'], result: ['1'], district: [''], note: [''] })).statusCode).toBe(403);
    expect((await chief.post(`/admin/chi-tieu/${id}/go-xuong`)).headers.location).toBe(`/admin/chi-tieu/${id}?tb=ct-da-go`);
    expect((await portal.app.inject({ url: '/chi-tieu/so-lao-dong-duoc-tao-viec-lam-moi' })).statusCode).not.toBe(200);
  });

  it('shows a wrong cell beside it, in the row the staff member typed, and keeps the table as typed', async () => {
    const editor = await clientFor('editor');
    const id = await create(editor, { name: 'Tỷ lệ lao động qua đào tạo', unit: '%', periodKind: 'quarter' });
    const cases: { rows: Record<string, string[]>; message: RegExp; cell: string }[] = [
      { rows: { period: ['Quý 1/2022', '', 'năm ngoái'], district: ['', '', ''], target: ['55', '', '56'], result: ['55,7', '', ''], note: ['', '', ''] }, message: /Dòng 3: kỳ &quot;năm ngoái&quot; không phải một quý/, cell: 'so-lieu-2-period' },
      { rows: { period: ['2022-Q1', '', 'Quý I/2022'], district: ['', '', ''], target: ['55', '', '56'], result: ['', '', ''], note: ['', '', ''] }, message: /Dòng 3 lặp lại dòng 1/, cell: 'so-lieu-2-period' },
      { rows: { period: ['2022-Q1'], district: [''], target: ['năm lăm'], result: [''], note: [''] }, message: /Dòng 1: kế hoạch &quot;năm lăm&quot; không phải là một số/, cell: 'so-lieu-0-target' },
      { rows: { period: ['2022-Q1'], district: [''], target: ['-5'], result: [''], note: [''] }, message: /không được là số âm/, cell: 'so-lieu-0-target' },
      { rows: { period: ['2022-Q1'], district: ['x'.repeat(101)], target: ['5'], result: [''], note: [''] }, message: /tên địa bàn không được dài quá 100 ký tự/, cell: 'so-lieu-0-district' },
    ];
    for (const { rows, message, cell } of cases) {
      const answer = await editor.post(`/admin/chi-tieu/${id}/so-lieu`, rows);
      expect(answer.statusCode, String(message)).toBe(400);
      const body = main(answer.body);
      expect(body, body.slice(0, 3000)).toMatch(message);
      expect(body).toContain(`id="${cell}"`);
      expect(body).toMatch(new RegExp(`id="${cell}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${cell}"`));
      expect(body).toContain(`value="${rows.period![0]}"`);
    }
    expect(await valueRows(id)).toEqual([]);
    // Control characters and markup are text, never markup, in the form that comes back.
    const hostile = await editor.post(`/admin/chi-tieu/${id}/so-lieu`, { period: ['<script>alert(1)</script>'], district: ['\u0000\u202e'], target: ['1'], result: [''], note: [''] });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    // The fields form: a refusal stays beside its field.
    const noName = await editor.post(`/admin/chi-tieu/${id}`, { name: '', unit: '%', periodKind: 'quarter' });
    expect(noName.statusCode).toBe(400);
    expect(main(noName.body)).toContain('Tên chỉ tiêu không được để trống.');
    const badKind = await editor.post('/admin/chi-tieu', { name: 'Chỉ tiêu lạ', unit: 'hộ', periodKind: 'tháng' });
    expect(badKind.statusCode).toBe(400);
    expect(main(badKind.body)).toContain('Hãy chọn kỳ số liệu');
  });

  it('refuses a post without the CSRF token and answers 404 for an unknown indicator', async () => {
    const editor = await clientFor('editor');
    const id = await create(editor, { name: 'Số hộ thoát nghèo', unit: 'hộ', periodKind: 'year' });
    expect((await editor.post(`/admin/chi-tieu/${id}/so-lieu`, { period: ['2021'], target: ['1'], result: ['1'], district: [''], note: [''] }, { csrf: null })).statusCode).toBe(403);
    expect(await valueRows(id)).toEqual([]);
    expect((await editor.get('/admin/chi-tieu/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await editor.get('/admin/chi-tieu/khong-co')).statusCode).toBe(404);
  });
});
