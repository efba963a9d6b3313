/**
 * The day's secret of reader keys: made on the first rating of a day (Vietnam time), used
 * by every instance that day, and deleted the next day, so yesterday's keys can no longer
 * be recomputed from an address.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';

/** Today's secret, made if there is none yet; older days' secrets are deleted on the way. */
export async function secretOfDay(db: Kysely<Database>, day: string): Promise<string> {
  const found = await db.selectFrom('rating_secrets').select('secret').where('day', '=', day).executeTakeFirst();
  if (found) return found.secret;
  await db.deleteFrom('rating_secrets').where('day', '<', day).execute();
  // Two instances may make today's secret at once: the first insert wins, both read it back.
  await db
    .insertInto('rating_secrets')
    .values({ day, secret: crypto.randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
  const row = await db.selectFrom('rating_secrets').select('secret').where('day', '=', day).executeTakeFirstOrThrow();
  return row.secret;
}
