/**
 * Collections of the registry: besides legal documents, Nghị định 42/2022 asks a portal
 * to publish plans and programmes, statistics reports and the budget disclosure (công
 * khai ngân sách) as documents of their own, each listed on a page of its own. A type
 * (loại văn bản) belongs to one collection; /van-ban lists them all, and each other
 * collection's page lists the documents of its types. Detail pages stay /van-ban/<slug>,
 * so citations and old links keep working when a type changes collection.
 */
export const DOCUMENT_COLLECTIONS = ['legal', 'plan', 'statistics', 'budget'] as const;
export type DocumentCollection = (typeof DOCUMENT_COLLECTIONS)[number];

export interface CollectionPage {
  /** The public list's path. */
  path: string;
  title: string;
  /** What the list holds, for its meta description (the agency's name follows). */
  description: string;
  /** One document of it, lower case: "1 báo cáo". */
  noun: string;
}

export const COLLECTION_LABELS: Record<DocumentCollection, string> = {
  legal: 'Văn bản chỉ đạo, điều hành',
  plan: 'Kế hoạch, chương trình',
  statistics: 'Báo cáo thống kê',
  budget: 'Công khai ngân sách',
};

/** The collections with a list page of their own (legal documents are /van-ban itself). */
export const COLLECTION_PAGES: Record<Exclude<DocumentCollection, 'legal'>, CollectionPage> = {
  plan: { path: '/ke-hoach-chuong-trinh', title: 'Kế hoạch, chương trình', description: 'Kế hoạch, chương trình công tác và phát triển', noun: 'văn bản' },
  statistics: { path: '/bao-cao-thong-ke', title: 'Báo cáo thống kê', description: 'Báo cáo thống kê, số liệu định kỳ', noun: 'báo cáo' },
  budget: { path: '/cong-khai-ngan-sach', title: 'Công khai ngân sách', description: 'Dự toán, quyết toán và tình hình thực hiện ngân sách được công khai theo quy định', noun: 'văn bản' },
};

export function isDocumentCollection(value: unknown): value is DocumentCollection {
  return typeof value === 'string' && (DOCUMENT_COLLECTIONS as readonly string[]).includes(value);
}

/** The usual types of a new site, with their collection. */
export const DEFAULT_DOCUMENT_TYPES: readonly { name: string; collection: DocumentCollection }[] = [
  ...['Luật', 'Nghị định', 'Nghị quyết', 'Thông tư', 'Quyết định', 'Chỉ thị', 'Công văn', 'Thông báo', 'Hướng dẫn'].map((name) => ({ name, collection: 'legal' as const })),
  { name: 'Kế hoạch', collection: 'plan' },
  { name: 'Chương trình', collection: 'plan' },
  { name: 'Báo cáo thống kê', collection: 'statistics' },
  { name: 'Công khai ngân sách', collection: 'budget' },
];
