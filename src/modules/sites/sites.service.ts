/**
 * Sites: the agency whose portal answers a request. The Host header picks it; hosts no
 * site claims get the installation's default site (so localhost and a bare IP work).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { countSites, findAllSites, insertSite, type SiteRow } from './sites.repo.js';

export interface Site {
  id: string;
  parentId: string | null;
  host: string;
  isDefault: boolean;
  name: string;
  governingBody: string;
  englishName: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  responsiblePerson: string;
  licence: string;
  logoMediaId: string | null;
  /** Visits as of when the site was loaded; live numbers come from the stats module. */
  visitCount: number;
}

function siteRowToSite(row: SiteRow): Site {
  return {
    id: row.id,
    parentId: row.parent_id,
    host: row.host,
    isDefault: row.is_default === 1,
    name: row.name,
    governingBody: row.governing_body,
    englishName: row.english_name,
    address: row.address,
    phone: row.phone,
    fax: row.fax,
    email: row.email,
    responsiblePerson: row.responsible_person,
    licence: row.licence,
    logoMediaId: row.logo_media_id,
    visitCount: Number(row.visit_count),
  };
}

/** Lower case, without port or trailing dot: the form hosts are stored in. */
export function normalizeHost(host: string | undefined): string {
  return (host ?? '').trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** Sites change rarely and are needed on every request: kept in memory, reloaded on change. */
export class SiteDirectory {
  private byHost = new Map<string, Site>();
  private defaultSite: Site | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  async reload(): Promise<void> {
    const sites = (await findAllSites(this.db)).map(siteRowToSite);
    this.byHost = new Map(sites.map((site) => [site.host, site]));
    this.defaultSite = sites.find((site) => site.isDefault) ?? sites[0];
  }

  /** The site for a Host header, or undefined when the installation has no site yet. */
  resolve(host: string | undefined): Site | undefined {
    return this.byHost.get(normalizeHost(host)) ?? this.defaultSite;
  }
}

export interface NewSite {
  host: string;
  name: string;
  governingBody?: string;
  englishName?: string;
  address?: string;
  phone?: string;
  fax?: string;
  email?: string;
  responsiblePerson?: string;
  licence?: string;
  parentId?: string;
  visitCount?: number;
}

/** Creates a site; the first one of an installation becomes the default. */
export async function createSite(db: Kysely<Database>, input: NewSite, now = new Date()): Promise<string> {
  const id = crypto.randomUUID();
  const timestamp = now.toISOString();
  await insertSite(db, {
    id,
    parent_id: input.parentId ?? null,
    host: normalizeHost(input.host),
    is_default: (await countSites(db)) === 0 ? 1 : 0,
    name: toNfc(input.name),
    governing_body: toNfc(input.governingBody ?? ''),
    english_name: input.englishName ?? '',
    address: toNfc(input.address ?? ''),
    phone: input.phone ?? '',
    fax: input.fax ?? '',
    email: input.email ?? '',
    responsible_person: toNfc(input.responsiblePerson ?? ''),
    licence: toNfc(input.licence ?? ''),
    logo_media_id: null,
    visit_count: input.visitCount ?? 0,
    created_at: timestamp,
    updated_at: timestamp,
  });
  return id;
}

export async function hasAnySite(db: Kysely<Database>): Promise<boolean> {
  return (await countSites(db)) > 0;
}
