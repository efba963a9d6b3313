/**
 * The rules of agency information that need no database: unit kinds and their names in
 * both languages, how a typed line, phone, e-mail or map link is cleaned and checked, and
 * the tree rules (no cycle, a sane depth). The service applies them; tests pin them.
 */
import { InvalidInputError } from '../../platform/errors.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { sanitizeBody } from '../articles/sanitize-body.js';

export const UNIT_KINDS = ['ban_giam_doc', 'van_phong', 'phong_chuyen_mon', 'don_vi_truc_thuoc', 'khac'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export function isUnitKind(value: unknown): value is UnitKind {
  return typeof value === 'string' && (UNIT_KINDS as readonly string[]).includes(value);
}

/** What each kind is called, singular (a unit's label) and as a group heading. */
export const UNIT_KIND_LABELS: Record<'vi' | 'en', Record<UnitKind, { one: string; group: string }>> = {
  vi: {
    ban_giam_doc: { one: 'Ban Giám đốc', group: 'Ban Giám đốc' },
    van_phong: { one: 'Văn phòng, Thanh tra', group: 'Văn phòng, Thanh tra' },
    phong_chuyen_mon: { one: 'Phòng chuyên môn', group: 'Các phòng chuyên môn, nghiệp vụ' },
    don_vi_truc_thuoc: { one: 'Đơn vị trực thuộc', group: 'Các đơn vị trực thuộc' },
    khac: { one: 'Đơn vị khác', group: 'Các đơn vị khác' },
  },
  en: {
    ban_giam_doc: { one: 'Board of Directors', group: 'Board of Directors' },
    van_phong: { one: 'Office, Inspectorate', group: 'Office and Inspectorate' },
    phong_chuyen_mon: { one: 'Specialised division', group: 'Specialised divisions' },
    don_vi_truc_thuoc: { one: 'Affiliated unit', group: 'Affiliated units' },
    khac: { one: 'Other unit', group: 'Other units' },
  },
};

export const PUBLICATIONS = ['draft', 'published', 'unpublished'] as const;
export type Publication = (typeof PUBLICATIONS)[number];
export const PUBLICATION_LABELS: Record<Publication, string> = { draft: 'Bản nháp', published: 'Đã xuất bản', unpublished: 'Đã gỡ xuống' };

export const AGENCY_LIMITS = {
  name: 200,
  slug: 120,
  line: 300,
  phone: 40,
  email: 254,
  url: 2_000,
  fields: 1_000,
  richText: 200_000,
  position: 10_000,
  /** Levels below a root: Sở → Trung tâm → Phòng → Tổ → … A deeper tree is a mistake. */
  depth: 5,
} as const;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const tooLong = (label: string, max: number) => `${label} không được dài quá ${max} ký tự.`;

/**
 * One line of text as staff typed it: NFC, control and bidi characters dropped, spaces
 * folded. Anything not text (an array from a repeated field, an object or a number from
 * JSON: a phone number would have lost its leading 0) is refused.
 * @throws INVALID_INPUT on `field`.
 */
export function cleanLine(value: unknown, input: { field: string; label: string; max: number }): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidInputError(`${input.label} phải là một đoạn chữ.`, { field: input.field });
  const text = toNfc(value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim());
  if (text.length > input.max) throw new InvalidInputError(tooLong(input.label, input.max), { field: input.field });
  return text;
}

/** Several lines (fields in charge): each line cleaned, empty lines dropped. */
export function cleanLines(value: unknown, input: { field: string; label: string; max: number }): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidInputError(`${input.label} phải là một đoạn chữ.`, { field: input.field });
  const text = value
    .split(/\r\n|\r|\n/)
    .map((line) => cleanLine(line, { ...input, max: Number.MAX_SAFE_INTEGER }))
    .filter(Boolean)
    .join('\n');
  if (text.length > input.max) throw new InvalidInputError(tooLong(input.label, input.max), { field: input.field });
  return text;
}

/** Rich text (functions and tasks, the overview): sanitised like an article body. */
export function cleanRichText(value: unknown, input: { field: string; label: string }): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidInputError(`${input.label} phải là một đoạn chữ.`, { field: input.field });
  if (value.length > AGENCY_LIMITS.richText) throw new InvalidInputError(`${input.label} quá dài (tối đa khoảng ${AGENCY_LIMITS.richText / 1000} nghìn ký tự).`, { field: input.field });
  // NUL and other control characters are not text (PostgreSQL refuses NUL in a text column).
  const html = sanitizeBody(toNfc(value.replace(CONTROL, '')));
  // An editor leaves "<p></p>" behind when everything is deleted: that is no text.
  return html.replace(/<p>(?:\s|<br\s*\/?>)*<\/p>/g, '').trim() === '' ? '' : html;
}

/** Digits, spaces, dots, dashes, brackets, a leading + and "máy lẻ"/ext: "0260 3862 000", "(0260) 386.2000 - máy lẻ 12". */
const PHONE = /^\+?[0-9 ().-]{6,}(?:\s*(?:-|,)?\s*(?:máy lẻ|ext\.?|mẻ|số lẻ)\s*[0-9]{1,6})?$/i;

/** @throws INVALID_INPUT on `field` for anything that is not a phone number. */
export function cleanPhone(value: unknown, field = 'phone', label = 'Số điện thoại'): string {
  const text = cleanLine(value, { field, label, max: AGENCY_LIMITS.phone });
  if (text && (!PHONE.test(text) || (text.match(/[0-9]/g) ?? []).length < 6)) {
    throw new InvalidInputError(`${label} không hợp lệ: chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang và ngoặc, ví dụ 0260 3862 000.`, { field });
  }
  return text;
}

/** A mailbox as official addresses are written (no quoted parts, no comments, one @). */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** @throws INVALID_INPUT on `field` for anything that is not an e-mail address. */
export function cleanEmail(value: unknown, field = 'email'): string {
  const text = cleanLine(value, { field, label: 'Thư điện tử', max: AGENCY_LIMITS.email }).toLowerCase();
  if (text && (!EMAIL.test(text) || text.includes('..'))) throw new InvalidInputError('Địa chỉ thư điện tử không hợp lệ, ví dụ vanphong@kontum.gov.vn.', { field });
  return text;
}

/**
 * A map link: https only (a javascript: or http: link on a government page is refused),
 * with a host and no credentials; returned in its normalised spelling.
 * @throws INVALID_INPUT on `field`.
 */
export function cleanMapUrl(value: unknown, field = 'mapUrl'): string {
  const text = cleanLine(value, { field, label: 'Liên kết bản đồ', max: AGENCY_LIMITS.url });
  if (!text) return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidInputError('Liên kết bản đồ không hợp lệ: hãy dán cả địa chỉ, bắt đầu bằng https://', { field });
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password || /\s/.test(text)) {
    throw new InvalidInputError('Liên kết bản đồ phải là địa chỉ https:// (ví dụ https://www.openstreetmap.org/…).', { field });
  }
  return url.toString();
}

/** An order number (thứ tự): a whole number, 0 when empty. @throws INVALID_INPUT on `field`. */
export function cleanOrder(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d{1,6}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || Math.abs(number) > AGENCY_LIMITS.position) throw new InvalidInputError(`Thứ tự phải là một số nguyên từ 0 đến ${AGENCY_LIMITS.position}.`, { field });
  return number;
}

/** A yes/no from a checkbox ('1', 'on', 'true') or JSON. */
export function isChecked(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'on' || value === 'true';
}

/**
 * Whether making `parentId` the parent of `unitId` keeps the tree a tree of sane depth.
 * `parentOf` gives each unit's parent as stored. Returns the reason it does not, or null.
 */
export function treeProblem(input: { unitId: string | null; parentId: string; parentOf: (id: string) => string | null | undefined; depthBelow: number }): 'self' | 'cycle' | 'depth' | null {
  if (input.unitId !== null && input.parentId === input.unitId) return 'self';
  let depth = 1;
  let current: string | null | undefined = input.parentId;
  const seen = new Set<string>();
  while (current) {
    if (current === input.unitId) return 'cycle';
    if (seen.has(current)) return 'cycle'; // a cycle already stored: never follow it forever
    seen.add(current);
    current = input.parentOf(current);
    if (current) depth++;
  }
  return depth + input.depthBelow > AGENCY_LIMITS.depth ? 'depth' : null;
}

export const TREE_MESSAGES = {
  self: 'Một đơn vị không thể trực thuộc chính nó.',
  cycle: 'Không thể chọn đơn vị cấp trên này: nó đang (trực tiếp hay gián tiếp) trực thuộc đơn vị đang sửa.',
  depth: `Cơ cấu tổ chức có tối đa ${AGENCY_LIMITS.depth + 1} cấp: hãy chọn đơn vị cấp trên ở cấp cao hơn.`,
} as const;

/** A tree node: anything with an id and a parent id, ordered by position then name. */
export interface TreeItem {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
}

export type TreeNode<T extends TreeItem> = T & { children: TreeNode<T>[] };

/**
 * Builds the tree of the given items. An item whose parent is not among them (a draft
 * parent the public may not see) hangs from its nearest listed ancestor, found through
 * `parentOf` (every unit as stored), or becomes a root.
 */
export function buildTree<T extends TreeItem>(items: T[], parentOf: (id: string) => string | null | undefined = () => null): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>(items.map((item) => [item.id, { ...item, children: [] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    let parent = node.parentId;
    const seen = new Set<string>([node.id]);
    while (parent && !nodes.has(parent) && !seen.has(parent)) {
      seen.add(parent);
      parent = parentOf(parent) ?? null;
    }
    const home = parent && parent !== node.id && !isDescendant(nodes, parent, node.id) ? nodes.get(parent) : undefined;
    (home ? home.children : roots).push(node);
  }
  const order = (a: TreeItem, b: TreeItem) => a.position - b.position || a.name.localeCompare(b.name, 'vi');
  const sort = (list: TreeNode<T>[]) => {
    list.sort(order);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Whether `id` sits (as stored) below `ancestorId`: guards buildTree against a stored cycle. */
function isDescendant<T extends TreeItem>(nodes: Map<string, TreeNode<T>>, id: string, ancestorId: string): boolean {
  let current = nodes.get(id)?.parentId ?? null;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === ancestorId) return true;
    seen.add(current);
    current = nodes.get(current)?.parentId ?? null;
  }
  return false;
}
