import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'content-disposition';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { docxOf, minimalPdf } from '../../../test/fixtures/media/build.js';
import { rawRequest } from '../../../test/helpers/raw-http.js';
import { registerErrorHandling } from '../../platform/http/error-handler.js';
import { createSite } from '../sites/index.js';
import { deleteMedia, registerMediaFiles, uploadMedia, type Media } from './index.js';

describe.each(ENGINES)('files under /media/ on %s', (engine) => {
  let testDb: TestDb;
  let app: FastifyInstance;
  let siteId: string;
  let mediaDir: string;
  let photo: Media;
  let plan: Media;
  let form: Media;
  const queries: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDb(engine, { onQuery: (sql) => queries.push(sql) });
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở Tư pháp' });
    mediaDir = path.join(testDb.dataDir, 'media');
    const upload = (bytes: Buffer, originalName: string) => uploadMedia(testDb.db.kysely, mediaDir, { siteId, uploadedBy: null, bytes, originalName });
    photo = await upload(await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c8102e' } }).jpeg().toBuffer(), 'Ảnh.jpg');
    plan = await upload(minimalPdf(), 'Kế hoạch số 12.pdf');
    form = await upload(await docxOf('Mẫu đơn'), 'Mẫu đơn "mới".docx');

    // A temporary folder a crash left two hours ago, and one of an upload in progress.
    fs.mkdirSync(path.join(mediaDir, '.upload-old'));
    fs.writeFileSync(path.join(mediaDir, '.upload-old', '320.jpg'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(mediaDir, '.upload-old'), twoHoursAgo, twoHoursAgo);
    fs.mkdirSync(path.join(mediaDir, '.upload-new'));
    fs.writeFileSync(path.join(mediaDir, '.upload-new', '320.jpg'), 'x');

    // In app.ts's order: the files first, the error handling last.
    app = Fastify({ logger: false });
    await registerMediaFiles(app, { db: testDb.db.kysely, mediaDir });
    registerErrorHandling(app, async (_request, reply, error) => {
      await reply.code(error.status).type('text/plain').send(error.code);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await testDb.destroy();
  });

  it('serves image variants with a year of immutable caching and no download name', async () => {
    const response = await app.inject(photo.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-disposition']).toBeUndefined();
  });

  it('offers documents under their original name: PDF inline, Office files as attachments', async () => {
    const pdf = await app.inject(plan.url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`inline; filename="Ke hoach so 12.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%2012.pdf`);
    expect(pdf.rawPayload.equals(minimalPdf())).toBe(true);

    const docx = await app.inject(form.url);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(parse(docx.headers['content-disposition'] as string)).toEqual({ type: 'attachment', parameters: { filename: 'Mẫu đơn "mới".docx' } });

    const part = await app.inject({ url: plan.url, headers: { range: 'bytes=0-7' } });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('%PDF-1.4');
    expect(part.headers['content-disposition']).toMatch(/^inline; /);
  });

  it('looks a document’s name up once, then remembers it', async () => {
    const fresh = await uploadMedia(testDb.db.kysely, mediaDir, { siteId, uploadedBy: null, bytes: minimalPdf('Quyet dinh'), originalName: 'Quyết định.pdf' });
    queries.length = 0;
    await app.inject(fresh.url);
    await app.inject(fresh.url);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/from "media" where "id" = /);
  });

  it.each([
    (m: Media) => m.url.replace('/media/', '/media//'),
    (m: Media) => m.url.toUpperCase(),
    (m: Media) => m.url.replace('.pdf', '.PDF'),
    (m: Media) => `${m.url}?download=1`,
    (m: Media) => m.url.replace('file.pdf', ''),
    (m: Media) => m.url.replace('file.pdf', 'file.docx'),
    () => '/media/.upload-new/320.jpg',
    () => '/media/',
  ])('answers 404 for another spelling or a missing file (%#)', async (spell) => {
    const response = await app.inject(spell(plan));
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('NOT_FOUND');
    expect(response.headers['content-disposition']).toBeUndefined();
  });

  it('answers 404 for dot segments and backslashes sent as they are', async () => {
    // inject() would resolve the dot segments itself: these go over a socket, byte for byte.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const id = plan.id;
    for (const target of [`/media/./${id}/file.pdf`, `/media/${id}/../${id}/file.pdf`, `/media/${id}%2ffile.pdf`, `/media\\${id}\\file.pdf`, `/media/${id}/./file.pdf`]) {
      const response = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(response.status, target).toBe(404);
      expect(response.headers['content-disposition'], target).toBeUndefined();
    }
    expect((await rawRequest(port, `GET ${plan.url} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)).status).toBe(200);
  });

  it('answers 404 for a deleted document, and for a file whose record is gone', async () => {
    const deleted = await uploadMedia(testDb.db.kysely, mediaDir, { siteId, uploadedBy: null, bytes: minimalPdf(), originalName: 'Cũ.pdf' });
    expect((await app.inject(deleted.url)).statusCode).toBe(200);
    await deleteMedia(testDb.db.kysely, mediaDir, { siteId, mediaId: deleted.id, isConfirmed: false });
    const gone = await app.inject(deleted.url);
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-disposition']).toBeUndefined();

    const orphan = await uploadMedia(testDb.db.kysely, mediaDir, { siteId, uploadedBy: null, bytes: minimalPdf(), originalName: 'Mồ côi.pdf' });
    await testDb.db.kysely.deleteFrom('media').where('id', '=', orphan.id).execute();
    expect((await app.inject(orphan.url)).statusCode).toBe(404);
  });

  it('removed the temporary folder a crash left, and kept the one in progress', () => {
    expect(fs.existsSync(path.join(mediaDir, '.upload-old'))).toBe(false);
    expect(fs.existsSync(path.join(mediaDir, '.upload-new'))).toBe(true);
  });
});
