/**
 * Roles on a site and what each may do. The matrix is the one place permissions are
 * decided: services ask `requirePermission`, routes never check roles themselves, and a
 * missing entry means no (default deny). docs/permissions.md shows it as a table.
 */
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-scope.js';

export const ROLES = ['admin', 'chief_editor', 'editor', 'author'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  chief_editor: 'Trưởng ban biên tập',
  editor: 'Biên tập viên',
  author: 'Cộng tác viên',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const PERMISSIONS = [
  /** Open the staff area of the site at all. */
  'staff.enter',
  'article.create',
  /** Edit one's own article while it is a draft or returned. */
  'article.edit_own',
  /** Edit any article of the site, whatever its state. */
  'article.edit_any',
  'article.submit',
  'article.return',
  'article.publish',
  'article.unpublish',
  'article.archive',
  /** Restore an older revision as the working copy. */
  'article.restore',
  /** Legal documents registry: create, edit, attach files, relate, mark as replaced, import drafts. */
  'document.edit',
  /** Publish and unpublish legal documents (also when importing); manage the type and field lists. */
  'document.publish',
  /** Indicators (chỉ tiêu): create, edit, enter targets and results of those not yet public. */
  'indicator.edit',
  /** Publish and unpublish indicators; change those the public sees. */
  'indicator.publish',
  /** Agency information: units, leaders and contact officials, the agency profile (drafts). */
  'agency.edit',
  /** Publish and unpublish agency information; change what the public sees. */
  'agency.publish',
  /** Public services (thủ tục hành chính): create, edit, import drafts. */
  'procedure.edit',
  /** Publish and unpublish procedures (also when importing); manage their fields list. */
  'procedure.publish',
  /** The leaders' work schedule: enter and edit entries not yet public. */
  'schedule.edit',
  /** Publish the schedule and change published entries. */
  'schedule.publish',
  /** Projects and procurement notices: create, edit, attach files. */
  'project.edit',
  /** Publish and unpublish projects and notices; change those the public sees. */
  'project.publish',
  /** Citizens' questions: see the inbox (without contact details), draft answers to questions assigned to one. */
  'question.answer',
  /** Assign questions, publish questions and answers, reject with a reason; see the asker's contact details. */
  'question.publish',
  /** Export or delete a citizen's personal data on request; set how long it is kept. */
  'personal_data.manage',
  /** Draft consultations: prepare drafts, read and export comments, write the summary of how they were taken in. */
  'consultation.edit',
  /** Open, publish and close consultations; publish the summary (tiếp thu, giải trình). */
  'consultation.publish',
  /** Access to information: handle citizens' requests (see the requester's contact details), keep the list of information made public. */
  'information_request.handle',
  /** Readers' satisfaction ratings: results per page and category. */
  'rating.read',
  /** The site's list of public holidays (working-day deadlines). */
  'holiday.manage',
  'media.upload',
  'media.edit',
  'media.delete',
  /** Categories, menus, banners, sidebar blocks. */
  'site.structure',
  /** Name, logo, contacts, footer, person responsible, canonical origin. */
  'site.settings',
  'site.members',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const AUTHOR: Permission[] = ['staff.enter', 'article.create', 'article.edit_own', 'article.submit', 'media.upload'];
const EDITOR: Permission[] = [...AUTHOR, 'article.edit_any', 'article.return', 'media.edit', 'document.edit', 'indicator.edit', 'agency.edit', 'procedure.edit', 'schedule.edit', 'project.edit', 'question.answer', 'rating.read', 'consultation.edit'];
const CHIEF_EDITOR: Permission[] = [...EDITOR, 'article.publish', 'article.unpublish', 'article.archive', 'article.restore', 'media.delete', 'document.publish', 'indicator.publish', 'agency.publish', 'procedure.publish', 'schedule.publish', 'project.publish', 'question.publish', 'holiday.manage', 'consultation.publish', 'information_request.handle'];
const ADMIN: Permission[] = [...CHIEF_EDITOR, 'site.structure', 'site.settings', 'site.members', 'audit.read', 'personal_data.manage'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  author: new Set(AUTHOR),
  editor: new Set(EDITOR),
  chief_editor: new Set(CHIEF_EDITOR),
  admin: new Set(ADMIN),
};

/** Super-admins (operators) may do everything on every site. */
export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  if (actor.isSuperAdmin) return true;
  return isRole(actor.role) && ROLE_PERMISSIONS[actor.role].has(permission);
}

/**
 * @throws UNAUTHENTICATED without an actor.
 * @throws FORBIDDEN when the actor's role on this site lacks the permission.
 */
export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!hasPermission(actor, permission)) throw new ForbiddenError();
}
