/**
 * First path segments that belong to routes, not to content: a top-level category with
 * one of these slugs would shadow (or be shadowed by) the staff area, the APIs, files, or
 * a public section of a government module. The list includes the sections DESIGN.md's
 * contract names for modules still to come, so no agency builds a category there first.
 */
export const RESERVED_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  // platform and staff
  'admin',
  'api',
  'assets',
  'media',
  'healthz',
  // finding and sharing (rss.xml, sitemap.xml and robots.txt are files, never slugs)
  'tim-kiem',
  'en',
  'rss',
  'tu-khoa',
  'luu-tru',
  // government modules
  'van-ban',
  'hoi-dap',
  'du-thao',
  'tiep-can-thong-tin',
  'lich-cong-tac',
  'thu-tuc-hanh-chinh',
  'chi-tieu',
  'co-cau-to-chuc',
  'lien-he',
  // agency information (giới thiệu, lãnh đạo) and procurement, beyond the contract's list
  'co-quan',
  'lanh-dao',
  'du-an-dau-thau',
  // the registry's collections (legal-documents/document-collections.ts)
  'ke-hoach-chuong-trinh',
  'bao-cao-thong-ke',
  'cong-khai-ngan-sach',
  // readers' ratings of any page (ratings module)
  'danh-gia',
]);

export function isReservedPathSegment(slug: string): boolean {
  return RESERVED_PATH_SEGMENTS.has(slug);
}
