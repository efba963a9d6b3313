/**
 * The site's own details as its admin edits them (name, contacts, footer, logo, canonical
 * origin): behind the role matrix (site.settings), checked, in the audit log. Every public
 * page prints them, so a change raises the content version like any content change.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';
import { parseOrigin } from '../../platform/http/origin.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { formatLanguages, isLanguage, parseLanguages, type Language } from '../../platform/i18n/languages.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { getMedia } from '../media/index.js';
import { changeSiteContent } from './content-version.js';
import { findSiteById, updateSiteSettingsRow, type SiteRow, type SiteSettingsUpdate } from './sites.repo.js';

/** What the settings screen shows and saves. */
export interface SiteSettings {
  /** The host that selects the site (changed by operators only). */
  host: string;
  name: string;
  governingBody: string;
  englishName: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  responsiblePerson: string;
  /** The footer note: licence number, who issued it. */
  licence: string;
  logoMediaId: string | null;
  /** The canonical origin as stored; '' when none is set (links then use http://<host>). */
  origin: string;
  /** The languages of the public pages: Vietnamese always, English (/en/) when turned on. */
  languages: Language[];
}

/** `languages` absent keeps the stored ones; Vietnamese is always added. */
export type SiteSettingsInput = Omit<SiteSettings, 'host' | 'logoMediaId' | 'languages'> & { logoMediaId: string | null; languages?: string[] };

/** Longest value of each field, in characters. */
export const SITE_SETTINGS_LIMITS = {
  name: 200,
  governingBody: 200,
  englishName: 200,
  address: 300,
  phone: 50,
  fax: 50,
  email: 254,
  responsiblePerson: 200,
  licence: 1_000,
  origin: 200,
} as const;

const LABELS: Record<keyof typeof SITE_SETTINGS_LIMITS, string> = {
  name: 'Tên trang',
  governingBody: 'Cơ quan chủ quản',
  englishName: 'Tên tiếng Anh',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  fax: 'Số fax',
  email: 'Email',
  responsiblePerson: 'Người chịu trách nhiệm',
  licence: 'Giấy phép, ghi chú chân trang',
  origin: 'Địa chỉ gốc',
};

// Control characters, and the bidirectional overrides that make text read other than it is stored.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** A plain address: something@domain.tld, no spaces, no quotes or angle brackets. */
const EMAIL = /^[^\s@"<>(),;:\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** Digits, spaces and what separates them in Vietnamese numbers: 0260 3862 000, (0260) 3.862.000, +84 260 3862000. */
const PHONE = /^[0-9+().\-/ ,;]*[0-9][0-9+().\-/ ,;]*$/;

function cleanLine(raw: unknown, field: keyof typeof SITE_SETTINGS_LIMITS, isRequired = false): string {
  const label = LABELS[field];
  const text = toNfc(String(raw ?? '').replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim());
  if (!text && isRequired) throw new InvalidInputError(`${label} không được để trống.`, { field });
  if (text.length > SITE_SETTINGS_LIMITS[field]) throw new InvalidInputError(`${label} không được dài quá ${SITE_SETTINGS_LIMITS[field]} ký tự.`, { field });
  if (FORBIDDEN_CHARACTERS.test(text)) throw new InvalidInputError(`${label} có ký tự điều khiển không hợp lệ.`, { field, help: 'Hãy gõ lại thay vì dán từ tài liệu khác.' });
  return text;
}

function siteRowToSettings(row: SiteRow): SiteSettings {
  return {
    host: row.host,
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
    origin: row.origin,
    languages: parseLanguages(row.languages),
  };
}

async function requireSite(db: Kysely<Database>, siteId: string): Promise<SiteRow> {
  const row = await findSiteById(db, siteId);
  if (!row) throw new NotFoundError('Không tìm thấy trang.');
  return row;
}

/** The settings as stored (not as this instance last read them). @throws FORBIDDEN without site.settings. */
export async function getSiteSettings(db: Kysely<Database>, scope: RequestScope): Promise<SiteSettings> {
  requirePermission(scope.actor, 'site.settings');
  return siteRowToSettings(await requireSite(db, scope.siteId));
}

async function checkLogo(db: Kysely<Database>, siteId: string, raw: string | null): Promise<string | null> {
  const id = (raw ?? '').trim();
  if (!id) return null;
  const help = 'Hãy tải ảnh lên ở mục Thư viện tệp rồi chọn lại, hoặc để trống.';
  try {
    const media = await getMedia(db, { siteId, mediaId: id });
    if (media.kind !== 'image') throw new InvalidInputError('Tệp được chọn làm logo không phải ảnh.', { field: 'logoMediaId', help });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new InvalidInputError('Ảnh logo được chọn không có trong thư viện của trang này.', { field: 'logoMediaId', help });
    throw error;
  }
  return id;
}

/** The stored list of languages; a code Cổng does not know is refused, not dropped. */
function checkLanguages(raw: string[]): string {
  const unknown = raw.find((code) => !isLanguage(code));
  if (unknown !== undefined) throw new InvalidInputError('Ngôn ngữ được chọn không hợp lệ.', { field: 'languages' });
  return formatLanguages(raw as Language[]);
}

/** Checks every field; the first problem is thrown with its field. */
async function cleanSettings(db: Kysely<Database>, siteId: string, input: SiteSettingsInput): Promise<SiteSettingsUpdate> {
  const email = cleanLine(input.email, 'email');
  if (email && !EMAIL.test(email)) throw new InvalidInputError('Email không đúng dạng, ví dụ: vanphong@soldtbxh.kontum.gov.vn.', { field: 'email' });
  const phone = cleanLine(input.phone, 'phone');
  if (phone && !PHONE.test(phone)) throw new InvalidInputError('Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . - /.', { field: 'phone' });
  const fax = cleanLine(input.fax, 'fax');
  if (fax && !PHONE.test(fax)) throw new InvalidInputError('Số fax chỉ gồm chữ số, dấu cách và các dấu + ( ) . - /.', { field: 'fax' });
  const rawOrigin = cleanLine(input.origin, 'origin');
  const origin = rawOrigin ? parseOrigin(rawOrigin) : '';
  if (origin === undefined) throw new InvalidInputError(`"${rawOrigin}" không phải địa chỉ gốc hợp lệ. Hãy nhập dạng https://ten-mien.gov.vn, không kèm đường dẫn.`, { field: 'origin', help: 'Để trống nếu chưa có tên miền chính thức.' });
  return {
    name: cleanLine(input.name, 'name', true),
    governing_body: cleanLine(input.governingBody, 'governingBody'),
    english_name: cleanLine(input.englishName, 'englishName'),
    address: cleanLine(input.address, 'address'),
    phone,
    fax,
    email,
    responsible_person: cleanLine(input.responsiblePerson, 'responsiblePerson'),
    licence: cleanLine(input.licence, 'licence'),
    logo_media_id: await checkLogo(db, siteId, input.logoMediaId),
    origin,
    ...(input.languages === undefined ? {} : { languages: checkLanguages(input.languages) }),
  };
}

const FIELD_NAMES: Record<keyof SiteSettingsUpdate, keyof SiteSettings> = {
  name: 'name',
  governing_body: 'governingBody',
  english_name: 'englishName',
  address: 'address',
  phone: 'phone',
  fax: 'fax',
  email: 'email',
  responsible_person: 'responsiblePerson',
  licence: 'licence',
  logo_media_id: 'logoMediaId',
  origin: 'origin',
  languages: 'languages',
};

/**
 * Saves the site's details. Returns them with the site's content version after the save,
 * which SiteDirectory.whenLoaded can wait for.
 * @throws FORBIDDEN without site.settings; INVALID_INPUT with the field (too long, control
 *   characters, an e-mail or phone of the wrong shape, a logo not an image of this site,
 *   an origin that is not scheme://host[:port]).
 */
export async function updateSiteSettings(db: Kysely<Database>, scope: RequestScope, input: SiteSettingsInput): Promise<{ settings: SiteSettings; contentVersion: number }> {
  requirePermission(scope.actor, 'site.settings');
  const update = await cleanSettings(db, scope.siteId, input);
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const before = await requireSite(trx, scope.siteId);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [column, field] of Object.entries(FIELD_NAMES) as [keyof SiteSettingsUpdate, keyof SiteSettings][]) {
      if (update[column] !== undefined && before[column] !== update[column]) changed[field] = { from: before[column], to: update[column] };
    }
    await updateSiteSettingsRow(trx, { id: scope.siteId, settings: update, updatedAt: scope.now.toISOString() });
    await recordAudit(trx, scope, { action: 'site.settings_updated', targetType: 'site', targetId: scope.siteId, detail: { changed } });
  });
  const after = await requireSite(db, scope.siteId);
  return { settings: siteRowToSettings(after), contentVersion: Number(after.content_version) };
}
