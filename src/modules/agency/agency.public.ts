/**
 * What the public may read of agency information: published units and officials only,
 * and the profile. An agency is small (tens of units and people), so every public page
 * and the API load the whole published agency in three queries and pick what they show.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { buildTree, isUnitKind, type TreeNode, type UnitKind } from './agency-rules.js';
import { AgencyUnitNotFoundError } from './agency.errors.js';
import { officialAnchor, unitPath } from './agency.search.js';
import { readAgencyProfile, type AgencyProfileFields } from './agency.service.js';

export interface PublicUnit {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  nameEn: string;
  slug: string;
  url: string;
  functionsHtml: string;
  functionsEnHtml: string;
  phone: string;
  email: string;
  position: number;
  updatedAt: string;
}

export interface PublicOfficial {
  id: string;
  /** The anchor of their entry on the leaders' and contact pages. */
  anchor: string;
  fullName: string;
  positionTitle: string;
  positionEn: string;
  /** Their unit when it is published; null otherwise. */
  unit: { id: string; name: string; nameEn: string; url: string } | null;
  phone: string;
  email: string;
  photoMediaId: string | null;
  fieldsInCharge: string[];
  fieldsInChargeEn: string[];
  isLeader: boolean;
  leaderOrder: number;
  isContactPoint: boolean;
}

export interface PublicAgency {
  profile: AgencyProfileFields;
  /** Published units as a tree: a unit under a draft parent hangs from its nearest published ancestor. */
  tree: TreeNode<PublicUnit>[];
  units: PublicUnit[];
  officials: PublicOfficial[];
  /** The newest change of what these pages show (for the pages' dates). */
  updatedAt: string | null;
}

const lines = (text: string) => text.split('\n').filter(Boolean);

export async function loadPublicAgency(db: Kysely<Database>, siteId: string): Promise<PublicAgency> {
  const [profile, unitRows, officialRows] = await Promise.all([
    readAgencyProfile(db, siteId),
    db.selectFrom('agency_units').selectAll().where('site_id', '=', siteId).execute(),
    db.selectFrom('agency_officials').selectAll().where('site_id', '=', siteId).where('publication', '=', 'published').execute(),
  ]);
  const parents = new Map(unitRows.map((row) => [row.id, row.parent_id]));
  const units: PublicUnit[] = unitRows
    .filter((row) => row.publication === 'published')
    .map((row) => ({
      id: row.id,
      parentId: row.parent_id,
      kind: isUnitKind(row.kind) ? row.kind : 'khac',
      name: row.name,
      nameEn: row.name_en,
      slug: row.slug,
      url: unitPath(row.slug),
      functionsHtml: row.functions_html,
      functionsEnHtml: row.functions_en_html,
      phone: row.phone,
      email: row.email,
      position: row.position,
      updatedAt: row.updated_at,
    }));
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const officials = officialRows
    .map((row): PublicOfficial => {
      const unit = row.unit_id ? byId.get(row.unit_id) : undefined;
      return {
        id: row.id,
        anchor: officialAnchor(row.id),
        fullName: row.full_name,
        positionTitle: row.position_title,
        positionEn: row.position_en,
        unit: unit ? { id: unit.id, name: unit.name, nameEn: unit.nameEn, url: unit.url } : null,
        phone: row.phone,
        email: row.email,
        photoMediaId: row.photo_media_id,
        fieldsInCharge: lines(row.fields_in_charge),
        fieldsInChargeEn: lines(row.fields_in_charge_en),
        isLeader: row.is_leader === 1,
        leaderOrder: row.leader_order,
        isContactPoint: row.is_contact_point === 1,
      };
    })
    .sort((a, b) => Number(b.isLeader) - Number(a.isLeader) || a.leaderOrder - b.leaderOrder || a.fullName.localeCompare(b.fullName, 'vi'));
  const times = [profile.updatedAt, ...units.map((u) => u.updatedAt), ...officialRows.map((o) => o.updated_at)].filter((t): t is string => Boolean(t));
  const { updatedAt: _, ...profileFields } = profile;
  return { profile: profileFields, tree: buildTree(units, (id) => parents.get(id)), units, officials, updatedAt: times.length ? times.sort().at(-1)! : null };
}

/** The leaders, in their order. */
export function leadersOf(agency: PublicAgency): PublicOfficial[] {
  return agency.officials.filter((o) => o.isLeader);
}

/** A unit by slug, with its place in the tree. @throws NOT_FOUND when no published unit has it. */
export function findPublicUnit(agency: PublicAgency, slug: string): { unit: TreeNode<PublicUnit>; parent: PublicUnit | null; people: PublicOfficial[] } {
  const find = (nodes: TreeNode<PublicUnit>[], parent: PublicUnit | null): { unit: TreeNode<PublicUnit>; parent: PublicUnit | null } | undefined => {
    for (const node of nodes) {
      if (node.slug === slug) return { unit: node, parent };
      const below = find(node.children, node);
      if (below) return below;
    }
    return undefined;
  };
  const found = find(agency.tree, null);
  if (!found) throw new AgencyUnitNotFoundError();
  const people = agency.officials.filter((o) => o.unit?.id === found.unit.id).sort((a, b) => Number(b.isLeader) - Number(a.isLeader) || a.leaderOrder - b.leaderOrder || a.fullName.localeCompare(b.fullName, 'vi'));
  return { ...found, people };
}

/** Contact officials grouped by their published unit (in the tree's order), those without one last. */
export function contactsByUnit(agency: PublicAgency): { unit: PublicUnit | null; people: PublicOfficial[] }[] {
  const contacts = agency.officials.filter((o) => o.isContactPoint);
  const order: PublicUnit[] = [];
  const walk = (nodes: TreeNode<PublicUnit>[]) => {
    for (const node of nodes) {
      order.push(node);
      walk(node.children);
    }
  };
  walk(agency.tree);
  const groups = order.map((unit) => ({ unit: unit as PublicUnit | null, people: contacts.filter((o) => o.unit?.id === unit.id) })).filter((g) => g.people.length > 0);
  const loose = contacts.filter((o) => o.unit === null);
  return loose.length ? [...groups, { unit: null, people: loose }] : groups;
}
