/**
 * Sites: the agency whose portal answers a request. The Host header picks it; hosts no
 * site claims get the installation's default site (so localhost and a bare IP work).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError, NotFoundError } from '../../platform/errors.js';
import { parseOrigin } from '../../platform/http/origin.js';
import { DEFAULT_LANGUAGE, formatLanguages, parseLanguages, type Language } from '../../platform/i18n/languages.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { changeSiteContent } from './content-version.js';
import { countSites, findAllSites, findSiteById, insertSite, updateSiteOrigin, type SiteRow } from './sites.repo.js';

export interface Site {
  id: string;
  parentId: string | null;
  host: string;
  /**
   * Where absolute links point (https://sldtbxh.kontum.gov.vn): the origin an operator
   * stored, else http://<host>. Never taken from a request.
   */
  origin: string;
  /** The origin as stored; '' when none was set. */
  storedOrigin: string;
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
  /** The languages of its public pages, Vietnamese first: ['vi'] or ['vi', 'en'] (English under /en/). */
  languages: Language[];
}

/** `localPort` completes the fallback origin of a site served as localhost (the demo). */
function siteRowToSite(row: SiteRow, localPort: number): Site {
  const isLocal = row.host === 'localhost' || row.host === '127.0.0.1';
  return {
    id: row.id,
    parentId: row.parent_id,
    host: row.host,
    origin: row.origin || `http://${row.host}${isLocal && localPort !== 80 ? `:${localPort}` : ''}`,
    storedOrigin: row.origin,
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
    languages: parseLanguages(row.languages),
  };
}

/** Lower case, without port or trailing dot: the form hosts are stored in. */
export function normalizeHost(host: string | undefined): string {
  return (host ?? '').trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/**
 * Sites change rarely and are needed on every request: kept in memory and reloaded.
 *
 * An unknown Host (a bare IP, a forged header, a scanner) gets the installation's default
 * site. That is safe because nothing from the Host header is ever rendered: pages carry
 * their site's stored origin.
 */
export class SiteDirectory {
  private byHost = new Map<string, Site>();
  private defaultSite: Site | undefined;
  private versions = new Map<string, string>();
  private contentVersions = new Map<string, number>();
  private readonly waiters = new Set<{ siteId: string; contentVersion: number; resolve: (isLoaded: boolean) => void }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { localPort: number } = { localPort: 3000 },
  ) {}

  /** Reads the sites again; returns the ids of those that changed since the last read. */
  async reload(): Promise<string[]> {
    const rows = await findAllSites(this.db);
    const sites = rows.map((row) => siteRowToSite(row, this.options.localPort));
    // A site changed when its settings (updated_at) or its content (content_version) did.
    const versionOf = (row: SiteRow) => `${row.updated_at} ${row.content_version}`;
    const changed = rows.filter((row) => this.versions.has(row.id) && this.versions.get(row.id) !== versionOf(row)).map((row) => row.id);
    this.versions = new Map(rows.map((row) => [row.id, versionOf(row)]));
    this.contentVersions = new Map(rows.map((row) => [row.id, Number(row.content_version)]));
    this.byHost = new Map(sites.map((site) => [site.host, site]));
    this.defaultSite = sites.find((site) => site.isDefault) ?? sites[0];
    for (const waiter of this.waiters) if (this.hasLoaded(waiter.siteId, waiter.contentVersion)) waiter.resolve(true);
    return changed;
  }

  private hasLoaded(siteId: string, contentVersion: number): boolean {
    return (this.contentVersions.get(siteId) ?? -1) >= contentVersion;
  }

  /**
   * Resolves once this directory has read the site at `contentVersion` or later (true),
   * or after `timeoutMs` (false). It never reads by itself: whoever reloads the directory
   * on a content change (the app, which also drops cached pages then) does; a settings
   * screen waits so that the page after its redirect shows what was just saved.
   */
  whenLoaded(siteId: string, contentVersion: number, timeoutMs = 2_000): Promise<boolean> {
    if (this.hasLoaded(siteId, contentVersion)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        siteId,
        contentVersion,
        resolve: (isLoaded: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(isLoaded);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      timer.unref();
      this.waiters.add(waiter);
    });
  }

  /** The site for a Host header, or undefined when the installation has no site yet. */
  resolve(host: string | undefined): Site | undefined {
    return (typeof host === 'string' && host.length <= MAX_HOST_LENGTH ? this.byHost.get(normalizeHost(host)) : undefined) ?? this.defaultSite;
  }

  list(): Site[] {
    return [...new Set(this.byHost.values())];
  }
}

/** DNS names stop at 253 characters; a longer Host is not worth normalising. */
const MAX_HOST_LENGTH = 300;

/**
 * Stores a site's canonical origin (operators: `cong site set-origin`).
 * @throws INVALID_INPUT for anything but scheme://host[:port]; NOT_FOUND for an unknown host.
 */
export async function setSiteOrigin(db: Kysely<Database>, input: { host?: string; origin: string }, now = new Date()): Promise<Site> {
  const origin = parseOrigin(input.origin);
  if (!origin) throw new InvalidInputError(`"${input.origin}" không phải địa chỉ gốc hợp lệ. Hãy nhập dạng https://ten-mien.gov.vn, không kèm đường dẫn.`, { field: 'origin' });
  const directory = new SiteDirectory(db);
  await directory.reload();
  const site = input.host === undefined ? directory.resolve(undefined) : directory.list().find((s) => s.host === normalizeHost(input.host));
  if (!site) throw new NotFoundError(input.host === undefined ? 'Cài đặt này chưa có trang nào.' : `Không có trang nào với tên miền "${input.host}".`, 'Xem danh sách bằng "npx cong site list".');
  // A content change too: every cached page prints the origin.
  await changeSiteContent(db, site.id, (trx) => updateSiteOrigin(trx, { id: site.id, origin, updatedAt: now.toISOString() }));
  return { ...site, origin, storedOrigin: origin };
}

/**
 * BASE_URL seeds the default site's origin when none is stored yet; once stored, the
 * stored one wins. Returns what happened, for the start-up log.
 */
export async function seedDefaultOrigin(db: Kysely<Database>, baseUrl: string | undefined): Promise<'seeded' | 'kept' | 'none'> {
  if (!baseUrl) return 'none';
  const directory = new SiteDirectory(db);
  await directory.reload();
  const site = directory.resolve(undefined);
  if (!site) return 'none';
  if (site.storedOrigin) return site.storedOrigin === baseUrl ? 'seeded' : 'kept';
  await setSiteOrigin(db, { host: site.host, origin: baseUrl });
  return 'seeded';
}

export interface NewSite {
  host: string;
  /** Canonical origin, e.g. https://sldtbxh.kontum.gov.vn (checked as setSiteOrigin does). */
  origin?: string;
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
  /** Default Vietnamese only; new installations and the demo get ['vi', 'en']. */
  languages?: Language[];
}

/** Creates a site; the first one of an installation becomes the default. */
export async function createSite(db: Kysely<Database>, input: NewSite, now = new Date()): Promise<string> {
  const origin = input.origin === undefined ? '' : parseOrigin(input.origin);
  if (origin === undefined) throw new InvalidInputError(`"${input.origin}" không phải địa chỉ gốc hợp lệ.`, { field: 'origin' });
  const id = crypto.randomUUID();
  const timestamp = now.toISOString();
  await insertSite(db, {
    id,
    parent_id: input.parentId ?? null,
    host: normalizeHost(input.host),
    origin,
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
    languages: formatLanguages(input.languages ?? [DEFAULT_LANGUAGE]),
    created_at: timestamp,
    updated_at: timestamp,
  });
  return id;
}

/** The languages of a site's public pages as stored (not as this instance last read them). */
export async function getSiteLanguages(db: Kysely<Database>, siteId: string): Promise<Language[]> {
  const row = await findSiteById(db, siteId);
  return parseLanguages(row?.languages);
}

export async function hasAnySite(db: Kysely<Database>): Promise<boolean> {
  return (await countSites(db)) > 0;
}
