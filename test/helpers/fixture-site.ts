/**
 * A small but complete site built through the real services: a category tree, a menu,
 * banners, sidebar blocks and articles, one of them shaped like the seed page.
 */
import sharp from 'sharp';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/database.js';
import { addMember, operatorScope } from '../../src/modules/accounts/index.js';
import { createArticle } from '../../src/modules/articles/index.js';
import { createCategory } from '../../src/modules/categories/index.js';
import { importImage, type Media } from '../../src/modules/media/index.js';
import { addBanner, addMenuItem, addSidebarBlock } from '../../src/modules/navigation/index.js';
import { createSite, type NewSite } from '../../src/modules/sites/index.js';

export const SEED_TITLE = 'Hội nghị triển khai nhiệm vụ công tác lao động, người có công và xã hội năm 2022';
export const SEED_SLUG = 'hoi-nghi-trien-khai-nhiem-vu-cong-tac-lao-dong-nguoi-co-cong-va-xa-hoi-nam-2022';
/** Articles in "Thông báo" besides the seed-like one: enough for three list pages. */
export const ANNOUNCEMENT_COUNT = 24;

/** The agency of the fixture site (the bench builds the same one). */
export const FIXTURE_AGENCY: NewSite = {
  host: 'localhost',
  name: 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum',
  governingBody: 'Ủy ban nhân dân tỉnh Kon Tum',
  address: '123 Trần Hưng Đạo, TP. Kon Tum',
  phone: '0260 3862 000',
  fax: '0260 3862 001',
  email: 'sldtbxh@kontum.gov.vn',
  responsiblePerson: 'Giám đốc Sở',
  visitCount: 69534,
};

async function testImage(db: Kysely<Database>, mediaDir: string, siteId: string, alt: string, color: string): Promise<Media> {
  const bytes = await sharp({ create: { width: 800, height: 533, channels: 3, background: color } }).jpeg().toBuffer();
  return importImage(db, mediaDir, { siteId, bytes, alt, caption: alt });
}

export async function buildFixtureSite(db: Kysely<Database>, mediaDir: string) {
  const siteId = await createSite(db, FIXTURE_AGENCY);
  const { userId: poster } = await addMember(db, operatorScope(siteId), { email: 'tin@kontum.gov.vn', displayName: 'SLĐTBXH Kon Tum', role: 'editor' });

  const intro = await createCategory(db, { siteId, name: 'Giới thiệu', position: 0 });
  const office = await createCategory(db, { siteId, name: 'Văn phòng Sở', parent: intro, position: 0 });
  const news = await createCategory(db, { siteId, name: 'Tin tức', position: 1 });
  const announcements = await createCategory(db, { siteId, name: 'Thông báo', parent: news, position: 0, isOnHome: true });
  const activities = await createCategory(db, { siteId, name: 'Tin hoạt động', parent: news, position: 1, isOnHome: true });

  const introMenu = await addMenuItem(db, { siteId, label: 'Giới thiệu', url: '/gioi-thieu', position: 1 });
  await addMenuItem(db, { siteId, label: 'Trang chủ', url: '/', position: 0 });
  await addMenuItem(db, { siteId, label: 'Văn phòng Sở', url: '/gioi-thieu/van-phong-so', parentId: introMenu, position: 0 });
  const newsMenu = await addMenuItem(db, { siteId, label: 'Tin tức', url: '/tin-tuc', position: 2 });
  await addMenuItem(db, { siteId, label: 'Thông báo', url: '/tin-tuc/thong-bao', parentId: newsMenu, position: 0 });
  await addMenuItem(db, { siteId, label: 'Tin hoạt động', url: '/tin-tuc/tin-hoat-dong', parentId: newsMenu, position: 1 });

  const speech = await testImage(db, mediaDir, siteId, 'Giám đốc Sở phát biểu chỉ đạo tại Hội nghị', '#8a2b2b');
  const photos = await Promise.all(['#2b5b8a', '#2b8a4a', '#8a7b2b'].map((color, i) => testImage(db, mediaDir, siteId, `Đại biểu dự Hội nghị, ảnh ${i + 1}`, color)));
  const seed = await createArticle(db, {
    siteId,
    categoryId: announcements.id,
    title: SEED_TITLE,
    lead: 'Sáng 13/01/2022, Sở tổng kết năm 2021 và triển khai nhiệm vụ năm 2022.',
    bodyHtml: `<p>Năm 2021 toàn ngành giải quyết việc làm cho 6.518/5.700 người, đạt 114,35% kế hoạch.</p><figure><img data-media-id="${speech.id}" alt="Giám đốc Sở phát biểu"><figcaption>Đ/c Giám đốc Sở phát biểu chỉ đạo tại Hội nghị</figcaption></figure><p>Tỷ lệ lao động qua đào tạo đạt 55,7%.</p>`,
    byline: 'Tin và ảnh: Lê Thương',
    galleryTitle: 'Một số hình ảnh tại Hội nghị',
    gallery: photos.map((p, i) => ({ mediaId: p.id, caption: `Toàn cảnh Hội nghị, ảnh ${i + 1}` })),
    coverMediaId: speech.id,
    postedBy: poster,
    status: 'published',
    isFeatured: true,
    publishedAt: new Date('2022-01-16T01:30:00Z'),
    viewCount: 2577,
  });

  for (let i = 1; i <= ANNOUNCEMENT_COUNT; i++) {
    await createArticle(db, {
      siteId,
      categoryId: announcements.id,
      title: `Thông báo số ${i} về tuyển dụng lao động`,
      lead: `Nội dung thông báo số ${i}.`,
      bodyHtml: `<p>Thông báo số ${i}.</p>`,
      postedBy: poster,
      status: 'published',
      publishedAt: new Date(Date.UTC(2021, 5, i)),
    });
  }
  await createArticle(db, { siteId, categoryId: activities.id, title: 'Thăm và tặng quà gia đình chính sách', lead: 'Nhân dịp Tết.', bodyHtml: '<p>Đoàn đã thăm.</p>', postedBy: poster, status: 'published', publishedAt: new Date('2022-01-20T02:00:00Z'), isFeatured: true });
  await createArticle(db, { siteId, categoryId: office.id, title: 'Giới thiệu Văn phòng Sở', lead: 'Chức năng, nhiệm vụ.', bodyHtml: '<p>Văn phòng Sở tham mưu.</p>', postedBy: poster, status: 'published', publishedAt: new Date('2021-03-01T02:00:00Z') });
  await createArticle(db, { siteId, categoryId: announcements.id, title: 'Bản nháp chưa duyệt', bodyHtml: '<p>Nháp</p>', status: 'draft' });
  await createArticle(db, { siteId, categoryId: announcements.id, title: 'Bài hẹn giờ đăng năm sau', bodyHtml: '<p>Sau</p>', status: 'published', publishedAt: new Date(Date.now() + 365 * 86400_000) });

  const headerBanner = await testImage(db, mediaDir, siteId, 'Banner đầu trang', '#0b4f9c');
  const serviceBanner = await testImage(db, mediaDir, siteId, 'Dịch vụ công', '#c8102e');
  const expiredBanner = await testImage(db, mediaDir, siteId, 'Banner đã hết hạn', '#333333');
  await addBanner(db, { siteId, position: 'header', title: 'Banner1', mediaId: headerBanner.id, linkUrl: '/', sortOrder: 0 });
  await addBanner(db, { siteId, position: 'sidebar', title: 'Dịch vụ công trực tuyến', mediaId: serviceBanner.id, linkUrl: 'https://dichvucong.gov.vn', sortOrder: 1 });
  await addBanner(db, { siteId, position: 'sidebar', title: 'Banner đã hết hạn', mediaId: expiredBanner.id, linkUrl: '/', sortOrder: 2, showUntil: new Date('2020-01-01T00:00:00Z') });
  await addSidebarBlock(db, { siteId, kind: 'latest_in_category', title: 'Thông báo', categoryId: announcements.id, itemLimit: 5, position: 0 });
  await addSidebarBlock(db, { siteId, kind: 'links', title: 'Thông tin chung', links: [{ label: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' }], position: 1 });

  return { siteId, seedSlug: seed.slug, categories: { intro, office, news, announcements, activities } };
}
