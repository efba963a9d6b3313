import type { Article, ArticleForEditing } from '../articles/index.js';
import type { Site } from '../sites/index.js';

/** Renders exactly the public article page for a working copy (public-site does it; app.ts wires it). */
export type PublicPreview = (input: { site: Site; staffName: string; article: Article }) => Promise<string>;

/** The public shape of what an editor is working on. */
export function previewArticleOf(editing: ArticleForEditing, now: Date): Article {
  const { fields } = editing;
  return {
    id: editing.id,
    categoryId: fields.categoryId,
    slug: fields.slug,
    title: fields.title,
    lead: fields.lead,
    coverMediaId: fields.coverMediaId,
    publishedAt: fields.publishedAt ?? now.toISOString(),
    isFeatured: fields.isFeatured,
    bodyHtml: fields.bodyHtml,
    galleryTitle: fields.galleryTitle,
    gallery: fields.gallery,
    byline: fields.byline,
    postedByName: editing.postedByName,
    viewCount: 0,
    updatedAt: editing.updatedAt,
    seoDescription: fields.seoDescription,
    tags: fields.tags,
    language: editing.language,
    translationOf: editing.translationOf,
  };
}
