/**
 * The signed token every public form carries, and the checks a submission passes before a
 * module stores anything. The token is this site's and this form's, dated, single-use, and
 * holds the challenge's answer as a keyed hash: it is also the public forms' CSRF defence.
 *
 *   token = base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload part))
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { createChallenge, parseChallengeAnswer } from './challenge.js';
import { FormBusyError, formRefused } from './public-forms.errors.js';
import './public-forms.table.js';

/** A token older than this is refused (the citizen gets a fresh form and keeps what they typed). */
export const TOKEN_LIFETIME_MS = 2 * 60 * 60_000;
/** A person needs at least this long to fill any form; a script posts at once. */
export const MIN_FILL_MS = 3_000;
/** An identical submission within this window is a duplicate. */
export const DUPLICATE_WINDOW_MS = 24 * 60 * 60_000;
/**
 * Submissions of one form a site accepts per hour, whoever sends them: above it a flood from
 * many addresses is refused (429) rather than burying the staff inbox. Counted from the
 * fingerprints, so only for submissions that carry one.
 */
export const SITE_HOURLY_CAP = 300;
/** Instances' clocks may differ a little: a token "issued" this far in the future is still fine. */
const CLOCK_SKEW_MS = 60_000;
const MAX_TOKEN_LENGTH = 2_000;
const SECRET_ID = 'form-token';
const FORM_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

interface TokenPayload {
  v: 1;
  /** site id */
  s: string;
  /** form name */
  f: string;
  /** issued at, ms since epoch */
  t: number;
  /** nonce: the token's identity for single use */
  n: string;
  /** HMAC of the nonce and the expected answer: checkable here, unreadable to the client */
  a: string;
}

// The secret never changes once stored: one read per database handle is enough.
const secrets = new WeakMap<Kysely<Database>, Promise<Buffer>>();

/**
 * The installation's signing secret: created by whichever instance asks first. Concurrent
 * first uses both insert; the loser's row is ignored and both then read the winner's.
 */
async function formSecret(db: Kysely<Database>, now: Date): Promise<Buffer> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      const read = () => db.selectFrom('form_secrets').select('secret').where('id', '=', SECRET_ID).executeTakeFirst();
      let row = await read();
      if (!row) {
        await db
          .insertInto('form_secrets')
          .values({ id: SECRET_ID, secret: crypto.randomBytes(32).toString('base64url'), created_at: now.toISOString() })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        row = await read();
      }
      if (!row) throw new Error('public-forms: the signing secret could not be stored');
      return Buffer.from(row.secret, 'base64url');
    })();
    // A failure (database down) must not be remembered: the next request tries again.
    secret.catch(() => secrets.delete(db));
    // Transactions are short-lived handles: caching them would only grow the map's weak keys.
    if (!db.isTransaction) secrets.set(db, secret);
  }
  return secret;
}

function hmac(secret: Buffer, text: string): string {
  return crypto.createHmac('sha256', secret).update(text).digest('base64url');
}

function answerHash(secret: Buffer, nonce: string, answer: number): string {
  return hmac(secret, `answer:${nonce}:${answer}`);
}

function checkFormName(form: string): void {
  // A programming error, not a citizen's: the form name comes from the calling module.
  if (!FORM_NAME.test(form)) throw new Error(`public-forms: bad form name ${JSON.stringify(form)}`);
}

/** A new token and challenge for one rendering of a form. Render a fresh one each time the form is shown. */
export async function issueFormToken(db: Kysely<Database>, input: { siteId: string; form: string; now: Date }): Promise<{ token: string; challenge: { question: string } }> {
  checkFormName(input.form);
  const secret = await formSecret(db, input.now);
  const challenge = createChallenge();
  const nonce = crypto.randomBytes(16).toString('base64url');
  const payload: TokenPayload = { v: 1, s: input.siteId, f: input.form, t: input.now.getTime(), n: nonce, a: answerHash(secret, nonce, Number(challenge.answer)) };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { token: `${body}.${hmac(secret, `token:${body}`)}`, challenge: { question: challenge.question } };
}

function readToken(secret: Buffer, token: unknown): TokenPayload | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(hmac(secret, `token:${body}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenPayload>;
    const isValid = payload.v === 1 && typeof payload.s === 'string' && typeof payload.f === 'string' && Number.isSafeInteger(payload.t) && typeof payload.n === 'string' && typeof payload.a === 'string';
    return isValid ? (payload as TokenPayload) : undefined;
  } catch {
    return undefined;
  }
}

export interface FormSubmission {
  siteId: string;
  form: string;
  now: Date;
  /** The hidden token field as posted (anything: it is checked). */
  token: unknown;
  /** The challenge field as posted. */
  answer: unknown;
  /** The honeypot field as posted: people leave it empty. */
  honeypot: unknown;
  /** contentFingerprint(...) of what was sent, to refuse the same content twice in 24 hours. */
  fingerprint?: string;
  /** Accepted submissions of this form per site and hour before FormBusyError (default SITE_HOURLY_CAP). */
  hourlyCap?: number;
}

/**
 * Checks a public form's submission before anything is stored. Call it after the module's
 * own field checks (a refused field must not spend the token or record the fingerprint)
 * and, ideally, with the transaction that stores the submission: a rollback then undoes both.
 *
 * Returns 'drop' for a filled honeypot: store nothing, show the usual "received" page.
 * @throws FormRefusedError (INVALID_INPUT, field 'token' | 'challenge' | 'content'):
 *   token-invalid (forged, other site, other form), token-expired (over 2 hours), too-fast
 *   (under 3 seconds; the token stays usable), token-used, challenge-wrong (the token is spent:
 *   show a fresh form), duplicate (same fingerprint accepted within 24 hours).
 * @throws FormBusyError (RATE_LIMITED, 429) when the site took `hourlyCap` submissions of the form in the last hour.
 */
export async function checkFormSubmission(db: Kysely<Database>, input: FormSubmission): Promise<'accepted' | 'drop'> {
  // First, and silently: a bot learns nothing from a "received" page.
  if (typeof input.honeypot !== 'string' ? input.honeypot !== undefined && input.honeypot !== null : input.honeypot.trim() !== '') return 'drop';
  const secret = await formSecret(db, input.now);
  const payload = readToken(secret, input.token);
  if (!payload || payload.s !== input.siteId || payload.f !== input.form) throw formRefused('token-invalid');
  const age = input.now.getTime() - payload.t;
  if (age < -CLOCK_SKEW_MS) throw formRefused('token-invalid');
  if (age > TOKEN_LIFETIME_MS) throw formRefused('token-expired');
  if (age < MIN_FILL_MS) throw formRefused('too-fast');
  if (input.fingerprint !== undefined) await checkSiteLoad(db, { siteId: input.siteId, form: input.form, now: input.now, cap: input.hourlyCap ?? SITE_HOURLY_CAP });
  // Spent before the answer is judged: one token, one guess. (Inside the caller's transaction
  // a refusal rolls this back; the route's rate limit bounds guesses either way, and a bot
  // could as well fetch a new token per guess.) The insert is the check: of two concurrent
  // posts of one token, one inserts.
  const spent = await db
    .insertInto('form_used_tokens')
    .values({ nonce: payload.n, site_id: payload.s, form: payload.f, expires_at: new Date(payload.t + TOKEN_LIFETIME_MS).toISOString() })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .executeTakeFirst();
  if (Number(spent.numInsertedOrUpdatedRows ?? 0) === 0) throw formRefused('token-used');
  const answer = parseChallengeAnswer(input.answer);
  const given = Buffer.from(answer === undefined ? '' : answerHash(secret, payload.n, answer));
  const expected = Buffer.from(payload.a);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw formRefused('challenge-wrong');
  if (input.fingerprint !== undefined) await recordFingerprint(db, { siteId: input.siteId, form: input.form, fingerprint: input.fingerprint, now: input.now });
  // No scheduler needed: about one accepted submission in 50 clears what has expired.
  if (crypto.randomInt(50) === 0) await sweepFormRecords(db, input.now);
  return 'accepted';
}

async function checkSiteLoad(db: Kysely<Database>, input: { siteId: string; form: string; now: Date; cap: number }): Promise<void> {
  const since = new Date(input.now.getTime() - 60 * 60_000).toISOString();
  const { n } = await db
    .selectFrom('form_fingerprints')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('site_id', '=', input.siteId)
    .where('form', '=', input.form)
    .where('accepted_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(n) >= input.cap) throw new FormBusyError();
}

/**
 * Records an accepted fingerprint, refusing one accepted within the window. One statement:
 * the row is inserted, or refreshed only when older than the window; nothing written = duplicate.
 */
async function recordFingerprint(db: Kysely<Database>, input: { siteId: string; form: string; fingerprint: string; now: Date }): Promise<void> {
  const acceptedAt = input.now.toISOString();
  const windowStart = new Date(input.now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  const written = await db
    .insertInto('form_fingerprints')
    .values({ site_id: input.siteId, form: input.form, fingerprint: input.fingerprint.slice(0, 128), accepted_at: acceptedAt })
    .onConflict((oc) =>
      oc
        .columns(['site_id', 'form', 'fingerprint'])
        .doUpdateSet({ accepted_at: acceptedAt })
        .where('form_fingerprints.accepted_at', '<=', windowStart),
    )
    .executeTakeFirst();
  if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) throw formRefused('duplicate');
}

/** Deletes spent tokens past their expiry and fingerprints past the duplicate window (a daily job). */
export async function sweepFormRecords(db: Kysely<Database>, now: Date): Promise<{ tokens: number; fingerprints: number }> {
  const tokens = await db.deleteFrom('form_used_tokens').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  const fingerprints = await db
    .deleteFrom('form_fingerprints')
    .where('accepted_at', '<', new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString())
    .executeTakeFirst();
  return { tokens: Number(tokens.numDeletedRows), fingerprints: Number(fingerprints.numDeletedRows) };
}
