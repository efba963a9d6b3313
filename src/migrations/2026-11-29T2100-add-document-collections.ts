import crypto from 'node:crypto';
import type { Kysely } from 'kysely';

/*
 * Collections of the legal documents registry: each type (loại văn bản) belongs to one —
 * legal, plan (kế hoạch, chương trình), statistics (báo cáo thống kê) or budget (công
 * khai ngân sách) — and each collection but legal has a public list of its own. Sites
 * that already have their lists keep them: types named as the collections' own ("Kế
 * hoạch", "Báo cáo thống kê", …) join their collection, and those the new collections
 * need are added at the end, so their pages are not empty of choices.
 */
const ADDED_TYPES = [
  { name: 'Chương trình', slug: 'chuong-trinh', collection: 'plan' },
  { name: 'Báo cáo thống kê', slug: 'bao-cao-thong-ke', collection: 'statistics' },
  { name: 'Công khai ngân sách', slug: 'cong-khai-ngan-sach', collection: 'budget' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('document_types').addColumn('collection', 'text', (c) => c.notNull().defaultTo('legal')).execute();
  await db.updateTable('document_types').set({ collection: 'plan' }).where('slug', 'in', ['ke-hoach', 'chuong-trinh']).execute();
  for (const type of ADDED_TYPES) await db.updateTable('document_types').set({ collection: type.collection }).where('slug', '=', type.slug).execute();
  const sites = await db.selectFrom('document_types').select('site_id').select((eb) => eb.fn.max('position').as('last')).groupBy('site_id').execute();
  const now = new Date().toISOString();
  for (const site of sites) {
    const taken = new Set((await db.selectFrom('document_types').select('slug').where('site_id', '=', site.site_id).execute()).map((row) => row.slug as string));
    let position = Number(site.last ?? 0);
    for (const type of ADDED_TYPES.filter((t) => !taken.has(t.slug))) {
      position += 1;
      await db.insertInto('document_types').values({ id: crypto.randomUUID(), site_id: site.site_id, name: type.name, slug: type.slug, position, collection: type.collection, created_at: now }).execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  // The added types stay (documents may use them); only the grouping goes.
  await db.schema.alterTable('document_types').dropColumn('collection').execute();
}
