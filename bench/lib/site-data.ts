/**
 * The bench's data set: one agency site built with the real services (site, categories,
 * menu, images, banners, sidebar blocks, the seed-like article), plus many ordinary
 * articles inserted in batches inside one transaction. createArticle would take one
 * transaction (and one fsync with synchronous=FULL) per article, which is minutes for
 * 10,000; the rows written here have exactly the columns createArticle writes.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import type { Insertable } from 'kysely';
import { migrations } from '../../src/migrations/index.js';
import type { ArticlesTable } from '../../src/modules/articles/articles.table.js';
import { openDb, type Db } from '../../src/platform/db/kysely.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { slugify } from '../../src/platform/i18n/vi.js';
import { addMember, operatorScope } from '../../src/modules/accounts/index.js';
import { createArticle } from '../../src/modules/articles/index.js';
import { createCategory, type Category } from '../../src/modules/categories/index.js';
import { importImage, type Media } from '../../src/modules/media/index.js';
import { addBanner, addMenuItem, addSidebarBlock } from '../../src/modules/navigation/index.js';
import { createSite } from '../../src/modules/sites/index.js';
import { seedArticleBody } from './seed-body.js';
import { FIXTURE_AGENCY } from '../../test/helpers/fixture-site.js';

export const SEED_TITLE = 'Hội nghị triển khai nhiệm vụ công tác lao động, người có công và xã hội năm 2022';
export const SEED_VIEW_COUNT = 2577;
/** Rows per INSERT: 17 columns × 500 rows stays far below SQLite's bound-parameter limit. */
const BATCH_SIZE = 500;

export interface GeneratedSite {
  siteId: string;
  seedArticleId: string;
  /** URL paths of the pages the bench loads. */
  paths: { article: string; category: string; home: string; 'not-found': string };
  timings: { structureMs: number; bulkMs: number; totalMs: number };
}

type Categories = Record<'intro' | 'office' | 'news' | 'announcements' | 'activities' | 'documents' | 'directives' | 'employment' | 'meritorious' | 'socialProtection', Category>;

async function createCategories(db: Db, siteId: string): Promise<Categories> {
  const k = db.kysely;
  const intro = await createCategory(k, { siteId, name: 'Giới thiệu', position: 0 });
  const office = await createCategory(k, { siteId, name: 'Văn phòng Sở', parent: intro, position: 0 });
  const news = await createCategory(k, { siteId, name: 'Tin tức', position: 1 });
  const announcements = await createCategory(k, { siteId, name: 'Thông báo', parent: news, position: 0, isOnHome: true });
  const activities = await createCategory(k, { siteId, name: 'Tin hoạt động', parent: news, position: 1, isOnHome: true });
  // /van-ban belongs to the legal documents module (a reserved route word).
  const documents = await createCategory(k, { siteId, name: 'Chỉ đạo điều hành', position: 2 });
  const directives = await createCategory(k, { siteId, name: 'Văn bản chỉ đạo điều hành', parent: documents, position: 0, isOnHome: true });
  const employment = await createCategory(k, { siteId, name: 'Lao động - Việc làm', position: 3, isOnHome: true });
  const meritorious = await createCategory(k, { siteId, name: 'Người có công', position: 4, isOnHome: true });
  const socialProtection = await createCategory(k, { siteId, name: 'Bảo trợ xã hội', position: 5 });
  return { intro, office, news, announcements, activities, documents, directives, employment, meritorious, socialProtection };
}

async function createMenu(db: Db, siteId: string): Promise<void> {
  const k = db.kysely;
  await addMenuItem(k, { siteId, label: 'Trang chủ', url: '/', position: 0 });
  const intro = await addMenuItem(k, { siteId, label: 'Giới thiệu', url: '/gioi-thieu', position: 1 });
  await addMenuItem(k, { siteId, label: 'Văn phòng Sở', url: '/gioi-thieu/van-phong-so', parentId: intro, position: 0 });
  const news = await addMenuItem(k, { siteId, label: 'Tin tức', url: '/tin-tuc', position: 2 });
  await addMenuItem(k, { siteId, label: 'Thông báo', url: '/tin-tuc/thong-bao', parentId: news, position: 0 });
  await addMenuItem(k, { siteId, label: 'Tin hoạt động', url: '/tin-tuc/tin-hoat-dong', parentId: news, position: 1 });
  const documents = await addMenuItem(k, { siteId, label: 'Chỉ đạo điều hành', url: '/chi-dao-dieu-hanh', position: 3 });
  await addMenuItem(k, { siteId, label: 'Văn bản chỉ đạo điều hành', url: '/chi-dao-dieu-hanh/van-ban-chi-dao-dieu-hanh', parentId: documents, position: 0 });
  await addMenuItem(k, { siteId, label: 'Lao động - Việc làm', url: '/lao-dong-viec-lam', position: 4 });
  await addMenuItem(k, { siteId, label: 'Người có công', url: '/nguoi-co-cong', position: 5 });
  await addMenuItem(k, { siteId, label: 'Bảo trợ xã hội', url: '/bao-tro-xa-hoi', position: 6 });
}

/** A photo-sized JPEG drawn locally (nothing is downloaded), imported like an upload. */
async function importTestImage(db: Db, mediaDir: string, siteId: string, alt: string, color: string, width = 1280, height = 853): Promise<Media> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer();
  return importImage(db.kysely, mediaDir, { siteId, bytes, alt, caption: alt });
}

async function createSiteFrame(db: Db, mediaDir: string, siteId: string, categories: Categories): Promise<void> {
  const k = db.kysely;
  const header = await importTestImage(db, mediaDir, siteId, 'Banner đầu trang', '#0b4f9c', 1920, 300);
  const service = await importTestImage(db, mediaDir, siteId, 'Dịch vụ công trực tuyến', '#c8102e', 640, 200);
  const magazine = await importTestImage(db, mediaDir, siteId, 'Tạp chí Lao động và Xã hội', '#2b8a4a', 640, 200);
  await addBanner(k, { siteId, position: 'header', title: 'Banner1', mediaId: header.id, linkUrl: '/', sortOrder: 0 });
  await addBanner(k, { siteId, position: 'sidebar', title: 'Dịch vụ công trực tuyến', mediaId: service.id, linkUrl: 'https://dichvucong.gov.vn', sortOrder: 1 });
  await addBanner(k, { siteId, position: 'sidebar', title: 'Tạp chí Lao động và Xã hội', mediaId: magazine.id, linkUrl: 'https://laodongxahoi.net', sortOrder: 2 });
  await addSidebarBlock(k, { siteId, kind: 'latest_in_category', title: 'Thông báo', categoryId: categories.announcements.id, itemLimit: 5, position: 0 });
  await addSidebarBlock(k, { siteId, kind: 'latest_in_category', title: 'Văn bản mới', categoryId: categories.documents.id, itemLimit: 5, position: 1 });
  await addSidebarBlock(k, {
    siteId,
    kind: 'links',
    title: 'Thông tin chung',
    links: [
      { label: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' },
      { label: 'Bộ Lao động - Thương binh và Xã hội', url: 'https://molisa.gov.vn' },
      { label: 'Cổng thông tin điện tử tỉnh Kon Tum', url: 'https://kontum.gov.vn' },
    ],
    position: 2,
  });
}

/** The article shaped like the seed page, through createArticle (sanitised like an editor's). */
async function createSeedArticle(db: Db, input: { siteId: string; categoryId: string; speech: Media; photos: Media[]; postedBy: string; bodyBytes: number }): Promise<{ id: string; slug: string }> {
  return createArticle(db.kysely, {
    siteId: input.siteId,
    categoryId: input.categoryId,
    title: SEED_TITLE,
    lead: 'Sáng ngày 13/01/2022, Sở Lao động - Thương binh và Xã hội tổ chức Hội nghị tổng kết công tác năm 2021 và triển khai nhiệm vụ năm 2022.',
    bodyHtml: seedArticleBody({ targetBytes: input.bodyBytes, speechPhotoId: input.speech.id, sectionPhotoIds: input.photos.map((p) => p.id) }),
    byline: 'Tin và ảnh: Lê Thương',
    galleryTitle: 'Một số hình ảnh tại Hội nghị',
    gallery: input.photos.map((photo, i) => ({ mediaId: photo.id, caption: `Toàn cảnh Hội nghị, ảnh ${i + 1}` })),
    coverMediaId: input.speech.id,
    postedBy: input.postedBy,
    status: 'published',
    isFeatured: true,
    publishedAt: new Date('2022-01-16T01:30:00Z'),
    viewCount: SEED_VIEW_COUNT,
  });
}

const TOPICS = ['tuyển dụng viên chức', 'chi trả trợ cấp ưu đãi người có công', 'phiên giao dịch việc làm', 'hỗ trợ người lao động gặp khó khăn', 'đào tạo nghề cho lao động nông thôn', 'rà soát hộ nghèo, hộ cận nghèo', 'Tháng hành động vì trẻ em', 'an toàn, vệ sinh lao động', 'điều dưỡng người có công', 'bảo hiểm thất nghiệp'];
const PLACES = ['huyện Đắk Hà', 'huyện Ngọc Hồi', 'huyện Kon Plông', 'thành phố Kon Tum', 'huyện Sa Thầy', 'huyện Đắk Glei', 'huyện Tu Mơ Rông', 'huyện Ia H’Drai'];

function bulkTitle(category: Category, i: number): string {
  const topic = TOPICS[i % TOPICS.length]!;
  const place = PLACES[(i >> 3) % PLACES.length]!;
  switch (category.slug) {
    case 'thong-bao':
      return `Thông báo số ${i + 1}/TB-SLĐTBXH về ${topic}`;
    case 'van-ban-chi-dao-dieu-hanh':
      return `Công văn số ${1000 + i}/SLĐTBXH-VP về việc triển khai ${topic}`;
    default:
      return `${category.name}: triển khai ${topic} tại ${place} (đợt ${(i % 12) + 1})`;
  }
}

function bulkBody(title: string, i: number, photoId: string | null): string {
  const topic = TOPICS[(i + 3) % TOPICS.length]!;
  const paragraphs = [
    `<p>${title}. Thực hiện kế hoạch năm, Sở Lao động - Thương binh và Xã hội phối hợp với các địa phương triển khai nội dung về ${topic}, bảo đảm đúng đối tượng, công khai, minh bạch.</p>`,
    `<p>Kết quả, đã có ${100 + (i % 900)} lượt người được hỗ trợ, tư vấn với tổng kinh phí ${(i % 97) + 1},${i % 10} tỷ đồng; các đơn vị báo cáo kết quả về Sở trước ngày ${(i % 28) + 1}/${(i % 12) + 1} để tổng hợp.</p>`,
    `<p>Mọi thông tin chi tiết xin liên hệ Văn phòng Sở, số điện thoại 0260 3862 000, hoặc gửi câu hỏi qua chuyên mục Hỏi đáp trên Cổng thông tin điện tử.</p>`,
  ];
  if (photoId && i % 5 === 0) paragraphs.splice(1, 0, `<figure><img data-media-id="${photoId}" alt="Ảnh minh họa"><figcaption>Ảnh minh họa</figcaption></figure>`);
  return paragraphs.join('');
}

/** `count` published articles spread over the categories, one every ~4 hours back from now. */
function bulkRows(input: { siteId: string; categories: Category[]; covers: Media[]; postedBy: string; count: number; now: Date }): Insertable<ArticlesTable>[] {
  const timestamp = input.now.toISOString();
  return Array.from({ length: input.count }, (_, i) => {
    const category = input.categories[i % input.categories.length]!;
    const title = bulkTitle(category, i).normalize('NFC');
    const cover = i % 3 === 0 ? null : input.covers[i % input.covers.length]!.id;
    return {
      id: crypto.randomUUID(),
      site_id: input.siteId,
      category_id: category.id,
      // The index keeps slugs unique without createArticle's per-row lookup.
      slug: `${slugify(title, 100)}-${i + 1}`,
      title,
      lead: `Tóm tắt: ${title.toLowerCase()}.`.normalize('NFC'),
      body_html: bulkBody(title, i, cover).normalize('NFC'),
      gallery_title: '',
      byline: i % 4 === 0 ? 'Văn phòng Sở' : '',
      cover_media_id: cover,
      posted_by: input.postedBy,
      status: 'published',
      is_featured: i % 97 === 0 ? 1 : 0,
      published_at: new Date(input.now.getTime() - (i + 1) * 4 * 3600_000 - (i % 60) * 60_000).toISOString(),
      view_count: (i * 7919) % 5000,
      created_at: timestamp,
      updated_at: timestamp,
    };
  });
}

async function insertBulkArticles(db: Db, rows: Insertable<ArticlesTable>[]): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      await trx.insertInto('articles').values(rows.slice(start, start + BATCH_SIZE)).execute();
    }
  });
}

/** Builds the whole data set in `dataDir` (SQLite) and closes the database. */
export async function generateSite(input: { dataDir: string; mediaDir: string; articleCount: number; seedBodyBytes: number }): Promise<GeneratedSite> {
  const started = performance.now();
  const db = openDb({ databaseUrl: undefined, dataDir: input.dataDir });
  try {
    await migrateToLatest(db, migrations);
    const siteId = await createSite(db.kysely, FIXTURE_AGENCY);
    const { userId: postedBy } = await addMember(db.kysely, operatorScope(siteId), { email: 'tin@kontum.gov.vn', displayName: 'SLĐTBXH Kon Tum', role: 'editor' });

    const categories = await createCategories(db, siteId);
    await createMenu(db, siteId);
    await createSiteFrame(db, input.mediaDir, siteId, categories);
    const speech = await importTestImage(db, input.mediaDir, siteId, 'Giám đốc Sở phát biểu chỉ đạo tại Hội nghị', '#8a2b2b');
    const photos = await Promise.all(['#2b5b8a', '#2b8a4a', '#8a7b2b', '#5b2b8a'].map((color, i) => importTestImage(db, input.mediaDir, siteId, `Đại biểu dự Hội nghị, ảnh ${i + 1}`, color)));
    const seed = await createSeedArticle(db, { siteId, categoryId: categories.announcements.id, speech, photos, postedBy, bodyBytes: input.seedBodyBytes });
    const structureMs = performance.now() - started;

    const bulkStarted = performance.now();
    const leafCategories = [categories.announcements, categories.activities, categories.directives, categories.employment, categories.meritorious, categories.socialProtection, categories.office];
    await insertBulkArticles(db, bulkRows({ siteId, categories: leafCategories, covers: [speech, ...photos], postedBy, count: input.articleCount, now: new Date() }));
    const bulkMs = performance.now() - bulkStarted;

    return {
      siteId,
      seedArticleId: seed.id,
      paths: { article: `/${categories.announcements.path}/${seed.slug}`, category: `/${categories.news.path}`, home: '/', 'not-found': '/wp-login.php' },
      timings: { structureMs, bulkMs, totalMs: performance.now() - started },
    };
  } finally {
    await db.close();
  }
}
