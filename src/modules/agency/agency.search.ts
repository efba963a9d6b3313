/**
 * Agency information as search records (type 'agency', Vietnamese only): each published
 * unit (its name and functions) and each published leader or contact official (name,
 * position, unit). A citizen typing "phong viec lam" or a leader's name finds the page.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { htmlToPlainText } from '../articles/index.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';

export const AGENCY_SEARCH_TYPE = 'agency';
export const AGENCY_PATHS = { overview: '/co-quan', chart: '/co-cau-to-chuc', leaders: '/lanh-dao', contact: '/lien-he' } as const;

export const unitPath = (slug: string) => `${AGENCY_PATHS.chart}/${slug}`;
/** The anchor of an official on the leaders' page: stable (from the id), never their name. */
export const officialAnchor = (id: string) => `can-bo-${id.slice(0, 8)}`;

interface UnitSearchRow {
  id: string;
  site_id: string;
  name: string;
  slug: string;
  functions_html: string;
  phone: string;
  email: string;
  published_at: string | null;
}

interface OfficialSearchRow {
  id: string;
  site_id: string;
  full_name: string;
  position_title: string;
  fields_in_charge: string;
  is_leader: number;
  published_at: string | null;
  unit_name: string | null;
  unit_slug: string | null;
  unit_publication: string | null;
}

export function unitSearchRecord(row: UnitSearchRow): SearchRecord {
  const contacts = [row.phone && `Điện thoại: ${row.phone}`, row.email && `Thư điện tử: ${row.email}`].filter(Boolean);
  return { siteId: row.site_id, type: AGENCY_SEARCH_TYPE, id: row.id, title: row.name, text: [htmlToPlainText(row.functions_html), ...contacts].filter(Boolean).join('\n'), url: unitPath(row.slug), publishedAt: row.published_at ?? '', categoryId: null, language: 'vi' };
}

/** A leader's record opens the leaders' page at them; a contact official's, their unit (or the contact page). */
export function officialSearchRecord(row: OfficialSearchRow): SearchRecord {
  const unit = row.unit_publication === 'published' ? row.unit_name : null;
  const url = row.is_leader === 1 ? `${AGENCY_PATHS.leaders}#${officialAnchor(row.id)}` : unit && row.unit_slug ? unitPath(row.unit_slug) : AGENCY_PATHS.contact;
  return {
    siteId: row.site_id,
    type: AGENCY_SEARCH_TYPE,
    id: row.id,
    title: [row.full_name, row.position_title].filter(Boolean).join(', '),
    text: [unit, row.fields_in_charge && `Lĩnh vực phụ trách: ${row.fields_in_charge.replace(/\n/g, '; ')}`].filter(Boolean).join('\n'),
    url,
    publishedAt: row.published_at ?? '',
    categoryId: null,
    language: 'vi',
  };
}

function publishedUnits(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('agency_units')
    .select(['id', 'site_id', 'name', 'slug', 'functions_html', 'phone', 'email', 'published_at'])
    .where('site_id', '=', siteId)
    .where('publication', '=', 'published')
    .where('published_at', 'is not', null);
}

/** Published officials the issue makes searchable: leaders and contact officials. */
function publishedOfficials(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('agency_officials as o')
    .leftJoin('agency_units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.site_id', 'o.full_name', 'o.position_title', 'o.fields_in_charge', 'o.is_leader', 'o.published_at', 'u.name as unit_name', 'u.slug as unit_slug', 'u.publication as unit_publication'])
    .where('o.site_id', '=', siteId)
    .where('o.publication', '=', 'published')
    .where('o.published_at', 'is not', null)
    .where((eb) => eb.or([eb('o.is_leader', '=', 1), eb('o.is_contact_point', '=', 1)]));
}

export const agencySearchSource: SearchSource = {
  type: AGENCY_SEARCH_TYPE,
  label: 'Cơ quan',

  async countRecords(db, siteId) {
    const units = await publishedUnits(db, siteId).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const officials = await publishedOfficials(db, siteId).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(units.n) + Number(officials.n);
  },

  async *listRecords(db, siteId) {
    for await (const rows of pagesById((after, limit) => publishedUnits(db, siteId).where('id', '>', after).orderBy('id').limit(limit).execute())) {
      for (const row of rows) yield unitSearchRecord(row);
    }
    for await (const rows of pagesById((after, limit) => publishedOfficials(db, siteId).where('o.id', '>', after).orderBy('o.id').limit(limit).execute())) {
      for (const row of rows) yield officialSearchRecord(row);
    }
  },
};

/** Brings the index in line with a unit as it now is, and with the officials whose record names it. */
export async function syncUnitSearch(db: Kysely<Database>, input: { siteId: string; unitId: string }): Promise<void> {
  const row = await publishedUnits(db, input.siteId).where('id', '=', input.unitId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, unitSearchRecord(row));
  else await removeSearchRecord(db, { siteId: input.siteId, type: AGENCY_SEARCH_TYPE, id: input.unitId });
  const officials = await db.selectFrom('agency_officials').select('id').where('site_id', '=', input.siteId).where('unit_id', '=', input.unitId).execute();
  for (const official of officials) await syncOfficialSearch(db, { siteId: input.siteId, officialId: official.id });
}

/** Brings the index in line with an official as they now are: a record when published and a leader or contact official. */
export async function syncOfficialSearch(db: Kysely<Database>, input: { siteId: string; officialId: string }): Promise<void> {
  const row = await publishedOfficials(db, input.siteId).where('o.id', '=', input.officialId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, officialSearchRecord(row));
  else await removeSearchRecord(db, { siteId: input.siteId, type: AGENCY_SEARCH_TYPE, id: input.officialId });
}
