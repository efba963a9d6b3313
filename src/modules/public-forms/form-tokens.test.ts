import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { openPostgres, openSqlite, type Db } from '../../platform/db/kysely.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { createSite } from '../sites/index.js';
import { checkFormSubmission, issueFormToken, sweepFormRecords, type FormSubmission } from './form-tokens.js';
import { contentFingerprint } from './citizen-text.js';
import { FormBusyError, FormRefusedError, type FormRefusal } from './public-forms.errors.js';

const T0 = new Date('2026-11-30T02:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

/** The answer a person would give, read back from the question's words. */
function solve(question: string): string {
  const words = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
  const [, a, b] = /^(\S+) cộng (\S+) bằng mấy\?/.exec(question.toLowerCase())!;
  return String(words.indexOf(a!) + words.indexOf(b!));
}

async function refusalOf(promise: Promise<unknown>): Promise<FormRefusal> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FormRefusedError);
    const refused = error as FormRefusedError;
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.status).toBe(400);
    expect(refused.message).toBeTruthy();
    return refused.reason;
  }
  throw new Error('expected the submission to be refused');
}

describe.each(ENGINES)('public form tokens on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const db = () => testDb.db.kysely;

  async function issue(form = 'question', now = T0) {
    const issued = await issueFormToken(db(), { siteId, form, now });
    return { ...issued, answer: solve(issued.challenge.question) };
  }
  const submit = (input: Partial<FormSubmission> & { token: unknown }) =>
    checkFormSubmission(db(), { siteId, form: 'question', now: later(10_000), answer: '', honeypot: '', ...input });

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'localhost', name: 'Sở Lao động' });
    otherSiteId = await createSite(db(), { host: 'huyen.localhost', name: 'UBND huyện' });
  });
  afterAll(async () => testDb.destroy());

  it('accepts a token once, with the right answer, and refuses it the second time', async () => {
    const { token, answer, challenge } = await issue();
    expect(challenge.question).toMatch(/bằng mấy\? \(ghi bằng số\)$/);
    // The answer is not readable from the token.
    expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toContain(`"${answer}"`);
    expect(await submit({ token, answer })).toBe('accepted');
    expect(await refusalOf(submit({ token, answer }))).toBe('token-used');
  });

  it('accepts the answer written in words, with or without diacritics', async () => {
    const words = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai', 'mười ba', 'mười bốn', 'mười lăm', 'mười sáu', 'mười bảy', 'mười tám'];
    for (const fold of [false, true]) {
      const { token, answer } = await issue();
      const spoken = words[Number(answer)]!;
      const written = fold ? spoken.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase() : spoken;
      expect(await submit({ token, answer: written })).toBe('accepted');
    }
  });

  it('refuses forged, altered, other site’s and other form’s tokens', async () => {
    const { token, answer } = await issue();
    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const reSigned = (changes: object) => `${Buffer.from(JSON.stringify({ ...payload, ...changes })).toString('base64url')}.${signature}`;
    const forgedKey = crypto.createHmac('sha256', 'guessed secret').update(`token:${body}`).digest('base64url');
    for (const bad of [reSigned({ t: payload.t - 5_000 }), reSigned({ s: otherSiteId }), `${body}.${forgedKey}`, `${body}.`, `${body}.${signature}.x`, body, '', 'x'.repeat(5_000), undefined, null, 42, [token], { token }, `${body}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`]) {
      expect(await refusalOf(submit({ token: bad, answer })), JSON.stringify(bad)?.slice(0, 40)).toBe('token-invalid');
    }
    expect(await refusalOf(checkFormSubmission(db(), { siteId: otherSiteId, form: 'question', now: later(10_000), token, answer, honeypot: '' }))).toBe('token-invalid');
    expect(await refusalOf(submit({ token, answer, form: 'information-request' }))).toBe('token-invalid');
    // None of those spent it.
    expect(await submit({ token, answer })).toBe('accepted');
  });

  it('refuses an expired token and a form sent too fast, which may be sent again after a moment', async () => {
    const old = await issue();
    expect(await refusalOf(submit({ token: old.token, answer: old.answer, now: later(2 * 60 * 60_000 + 1) }))).toBe('token-expired');
    const fresh = await issue();
    expect(await refusalOf(submit({ token: fresh.token, answer: fresh.answer, now: later(1_000) }))).toBe('too-fast');
    expect(await refusalOf(submit({ token: fresh.token, answer: fresh.answer, now: later(-10 * 60_000) }))).toBe('token-invalid');
    expect(await submit({ token: fresh.token, answer: fresh.answer, now: later(3_000) })).toBe('accepted');
  });

  it('refuses a wrong answer and spends the token, so answers cannot be tried one after another', async () => {
    const { token, answer } = await issue();
    const wrong = String((Number(answer) % 18) + 1);
    for (const bad of [wrong]) expect(await refusalOf(submit({ token, answer: bad }))).toBe('challenge-wrong');
    expect(await refusalOf(submit({ token, answer }))).toBe('token-used');
    for (const bad of ['', 'không biết', undefined, ['7'], '<script>alert(1)</script>', 'x'.repeat(10_000)]) {
      const next = await issue();
      expect(await refusalOf(submit({ token: next.token, answer: bad }))).toBe('challenge-wrong');
    }
  });

  it('drops a filled honeypot silently, whatever else is wrong', async () => {
    const { token, answer } = await issue();
    expect(await submit({ token, answer, honeypot: 'http://spam.example' })).toBe('drop');
    expect(await submit({ token: 'forged', answer: '', honeypot: 'x' })).toBe('drop');
    expect(await submit({ token, answer, honeypot: ['', 'x'] })).toBe('drop');
    // A dropped post did not spend the token.
    expect(await submit({ token, answer, honeypot: '  ' })).toBe('accepted');
  });

  it('refuses the same content within 24 hours on the same site and form, and accepts it again after', async () => {
    const fingerprint = contentFingerprint('Chế độ thai sản', 'Tôi muốn hỏi về chế độ thai sản.');
    const again = contentFingerprint('che do thai san', 'toi muon hoi  ve che do thai san.');
    const first = await issue();
    expect(await submit({ ...first, fingerprint })).toBe('accepted');
    const second = await issue('question', later(23 * 60 * 60_000 - 10_000));
    const refused = submit({ ...second, fingerprint: again, now: later(23 * 60 * 60_000) });
    expect(await refusalOf(refused)).toBe('duplicate');
    const otherForm = await issue('consultation-comment');
    expect(await submit({ ...otherForm, form: 'consultation-comment', fingerprint })).toBe('accepted');
    const otherSite = await issueFormToken(db(), { siteId: otherSiteId, form: 'question', now: T0 });
    expect(await checkFormSubmission(db(), { siteId: otherSiteId, form: 'question', now: later(10_000), token: otherSite.token, answer: solve(otherSite.challenge.question), honeypot: '', fingerprint })).toBe('accepted');
    const nextDay = await issue('question', later(25 * 60 * 60_000));
    expect(await submit({ ...nextDay, fingerprint, now: later(25 * 60 * 60_000 + 10_000) })).toBe('accepted');
  });

  it('refuses a flood from many addresses once the site took its hourly share of a form, with a 429', async () => {
    const cap = 3;
    const at = later(40 * 60 * 60_000);
    for (let i = 0; i < cap; i += 1) {
      const issued = await issue('information-request', at);
      expect(await submit({ ...issued, form: 'information-request', now: later(40 * 60 * 60_000 + 5_000), fingerprint: contentFingerprint(`yêu cầu ${i}`), hourlyCap: cap })).toBe('accepted');
    }
    const issued = await issue('information-request', at);
    const busy = submit({ ...issued, form: 'information-request', now: later(40 * 60 * 60_000 + 5_000), fingerprint: contentFingerprint('một yêu cầu nữa'), hourlyCap: cap });
    await expect(busy).rejects.toBeInstanceOf(FormBusyError);
    await expect(busy).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    // The token was not spent: an hour later the same form goes through.
    expect(await submit({ ...issued, form: 'information-request', now: later(41 * 60 * 60_000 + 10_000), fingerprint: contentFingerprint('một yêu cầu nữa'), hourlyCap: cap })).toBe('accepted');
  });

  it('lets only one of two simultaneous posts of one token through', async () => {
    const { token, answer } = await issue();
    const results = await Promise.allSettled([submit({ token, answer }), submit({ token, answer }), submit({ token, answer })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('sweeps spent tokens and fingerprints once they can no longer matter', async () => {
    const { token, answer } = await issue();
    await submit({ token, answer, fingerprint: contentFingerprint('quét dọn') });
    const swept = await sweepFormRecords(db(), later(3 * 60 * 60_000));
    expect(swept.tokens).toBeGreaterThan(0);
    const left = await db().selectFrom('form_used_tokens').select('expires_at').execute();
    expect(left.every((row) => row.expires_at >= later(3 * 60 * 60_000).toISOString())).toBe(true);
    await sweepFormRecords(db(), later(80 * 60 * 60_000));
    expect(await db().selectFrom('form_used_tokens').select('nonce').execute()).toHaveLength(0);
    expect(await db().selectFrom('form_fingerprints').select('fingerprint').execute()).toHaveLength(0);
  });

  it('signs with one secret for the whole installation: two instances starting together on one database agree on it', async () => {
    const fresh = await createTestDb(engine);
    let second: Db;
    if (engine === 'sqlite') {
      second = openSqlite(path.join(fresh.dataDir, 'cong.sqlite'));
    } else {
      const { name } = (await fresh.db.kysely.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow()) as { name: string };
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      second = openPostgres(url.toString(), undefined, 2, () => {});
    }
    try {
      const site = await createSite(fresh.db.kysely, { host: 'localhost', name: 'Sở Lao động' });
      // Both instances' first requests at once: each may try to create the secret.
      const [fromFirst, fromSecond] = await Promise.all([
        issueFormToken(fresh.db.kysely, { siteId: site, form: 'question', now: T0 }),
        issueFormToken(second.kysely, { siteId: site, form: 'question', now: T0 }),
      ]);
      const check = (handle: Db, issued: typeof fromFirst) => checkFormSubmission(handle.kysely, { siteId: site, form: 'question', now: later(10_000), token: issued.token, answer: solve(issued.challenge.question), honeypot: '' });
      expect(await check(second, fromFirst)).toBe('accepted');
      expect(await check(fresh.db, fromSecond)).toBe('accepted');
      expect(await refusalOf(check(fresh.db, fromFirst))).toBe('token-used');
      expect(await fresh.db.kysely.selectFrom('form_secrets').select('id').execute()).toHaveLength(1);
    } finally {
      await second.close();
      await fresh.destroy();
    }
  });

  it('works inside the caller’s transaction: the refusal rolls back with it, the acceptance commits with it', async () => {
    const { token, answer } = await issue();
    await expect(inTransaction(db(), async (trx) => {
      expect(await checkFormSubmission(trx, { siteId, form: 'question', now: later(10_000), token, answer, honeypot: '', fingerprint: contentFingerprint('trong giao dịch') })).toBe('accepted');
      throw new Error('storing failed');
    })).rejects.toThrow('storing failed');
    // Nothing was kept: the citizen may send the same form again.
    expect(await inTransaction(db(), (trx) => checkFormSubmission(trx, { siteId, form: 'question', now: later(10_000), token, answer, honeypot: '', fingerprint: contentFingerprint('trong giao dịch') }))).toBe('accepted');
    expect(await refusalOf(submit({ token, answer }))).toBe('token-used');
  });
});
