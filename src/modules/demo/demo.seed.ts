/**
 * Installs the demo agency on the first start of an empty database, so a newcomer sees a
 * full portal after `npm start`. Pictures are drawn locally; nothing is downloaded.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { installDemoDocuments } from './demo-documents.js';
import { seedDemoIndicators } from '../indicators/index.js';
import { seedDemoAgency } from '../agency/index.js';
import { seedDemoPublicServices } from '../public-services/index.js';
import { seedDemoWorkSchedule } from '../work-schedule/index.js';
import { seedDemoProjects } from '../projects/index.js';
import { seedDemoConsultations } from '../consultations/index.js';
import { seedDemoQuestions } from '../questions/index.js';
import { seedDemoInformationAccess } from '../information-access/index.js';
import { seedDemoRatings } from '../ratings/index.js';
import { addMember, operatorScope } from '../accounts/index.js';
import { createArticle } from '../articles/index.js';
import { createCategory, type Category } from '../categories/index.js';
import { importImage } from '../media/index.js';
import { addBanner, addMenuItem, addSidebarBlock } from '../navigation/index.js';
import { createSite } from '../sites/index.js';
import { demoSite } from './demo-content.js';
import type { DemoImage, DemoSite } from './demo-content.types.js';
import { renderDemoBanner, renderDemoImage } from './demo-images.js';

const IMAGE_PLACEHOLDER = /\{\{image:(\d+)\}\}/g;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Writes the demo agency through the real services. Give it a transaction (the first
 * start does, through installFirstSiteOnce) so that a failure midway leaves no rows; the
 * pictures it has already written under mediaDir then stay, unused.
 */
export async function installDemoSite(db: Kysely<Database>, mediaDir: string, log: (message: string) => void = () => {}, site: DemoSite = demoSite): Promise<string> {
  const started = Date.now();
  log(`Đang cài dữ liệu mẫu: ${site.name}…`);
  const siteId = await createSite(db, {
    host: 'localhost',
    name: site.name,
    governingBody: site.governingBody,
    englishName: site.englishName,
    address: site.address,
    phone: site.phone,
    fax: site.fax,
    email: site.email,
    responsiblePerson: site.responsiblePerson,
    licence: site.licence,
    visitCount: site.visitCount,
    languages: site.languages,
  });

  // The posting account has no password: it signs the demo articles, nobody logs in as it.
  const { userId: postedBy } = await addMember(db, operatorScope(siteId), { email: site.postingAccount.email, displayName: site.postingAccount.displayName, role: 'editor' });

  const categories = new Map<string, Category>();
  for (const [position, category] of site.categories.entries()) {
    const parent = category.parent ? categories.get(category.parent) : undefined;
    categories.set(category.slug, await createCategory(db, { siteId, name: category.name, nameEn: category.nameEn, slug: category.slug, parent, description: category.description, position, isOnHome: category.isOnHome }));
  }

  for (const [position, item] of site.menu.entries()) {
    const parentId = await addMenuItem(db, { siteId, label: item.label, url: item.url, position });
    for (const [childPosition, child] of (item.children ?? []).entries()) {
      await addMenuItem(db, { siteId, label: child.label, url: child.url, parentId, position: childPosition });
    }
  }

  const importDemoImage = async (image: DemoImage) => importImage(db, mediaDir, { siteId, bytes: await renderDemoImage(image), alt: image.alt, caption: image.caption });

  // Vietnamese articles by title, for the English ones that translate them (listed after them).
  const vietnameseIds = new Map<string, string>();
  for (const article of site.articles) {
    const category = categories.get(article.category);
    if (!category) throw new Error(`demo article "${article.title}" names unknown category ${article.category}`);
    const translationOf = article.translationOf === undefined ? null : vietnameseIds.get(article.translationOf);
    if (translationOf === undefined) throw new Error(`demo article "${article.title}" translates an unknown article "${article.translationOf}"`);
    const inline = await Promise.all(article.inlineImages.map(importDemoImage));
    const gallery = await Promise.all(article.gallery.map(importDemoImage));
    const body = article.body.replace(IMAGE_PLACEHOLDER, (_, index: string) => {
      const media = inline[Number(index)];
      const source = article.inlineImages[Number(index)];
      if (!media || !source) return '';
      return `<figure><img data-media-id="${media.id}" alt="${escapeAttribute(source.alt)}"><figcaption>${escapeText(source.caption)}</figcaption></figure>`;
    });
    const created = await createArticle(db, {
      siteId,
      categoryId: category.id,
      title: article.title,
      lead: article.lead,
      bodyHtml: body,
      byline: article.byline,
      galleryTitle: article.galleryTitle,
      gallery: gallery.map((media, i) => ({ mediaId: media.id, caption: article.gallery[i]!.caption })),
      coverMediaId: (inline[0] ?? gallery[0])?.id ?? null,
      postedBy,
      status: 'published',
      isFeatured: article.isFeatured,
      publishedAt: new Date(article.publishedAt),
      viewCount: article.views,
      language: article.language ?? 'vi',
      translationOf,
    });
    if ((article.language ?? 'vi') === 'vi') vietnameseIds.set(article.title, created.id);
  }

  for (const [order, banner] of site.banners.entries()) {
    const media = await importImage(db, mediaDir, { siteId, bytes: await renderDemoBanner(banner.image), alt: banner.title });
    await addBanner(db, { siteId, position: banner.position, title: banner.title, mediaId: media.id, linkUrl: banner.url, sortOrder: order });
  }

  const announcements = categories.get('thong-bao');
  if (announcements) await addSidebarBlock(db, { siteId, kind: 'latest_in_category', title: 'Thông báo', categoryId: announcements.id, itemLimit: 5, position: 0 });
  await addSidebarBlock(db, { siteId, kind: 'links', title: 'Thông tin chung', links: site.generalLinks, position: 1 });

  const documents = await installDemoDocuments(db, siteId, mediaDir);
  const now = new Date();
  const indicators = await seedDemoIndicators(db, siteId, now);
  const agencyItems = await seedDemoAgency(db, { siteId, mediaDir, now });
  const procedures = await seedDemoPublicServices(db, { siteId, mediaDir, now });
  const scheduleItems = await seedDemoWorkSchedule(db, { siteId, mediaDir, now });
  const projects = await seedDemoProjects(db, { siteId, mediaDir, now });
  await seedDemoConsultations(db, { siteId, mediaDir, now });
  await seedDemoInformationAccess(db, { siteId, mediaDir, now });
  await seedDemoQuestions(db, { siteId, mediaDir, now });
  await seedDemoRatings(db, { siteId, mediaDir, now });

  log(`Đã cài dữ liệu mẫu: ${site.articles.length} bài viết, ${documents} văn bản, ${indicators.length} chỉ tiêu, ${agencyItems} mục thông tin cơ quan, ${procedures} thủ tục hành chính, ${scheduleItems} mục lịch công tác, ${projects} dự án và gói thầu trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`);
  return siteId;
}
