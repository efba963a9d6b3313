/**
 * The agency's public pages inside the site's layout, in Vietnamese and in English:
 * /co-quan, /co-cau-to-chuc, /co-cau-to-chuc/<slug>, /lanh-dao, /lien-he (and /en/…).
 * Each is cached like any page (the delivery renders it once per content version). The
 * English pages show what staff entered in English and the Vietnamese text, marked
 * lang="vi", where they entered none.
 */
import type { ComponentChildren } from 'preact';
import { languagePrefix, type Language } from '../../platform/i18n/languages.js';
import { formatDate } from '../../platform/i18n/vi.js';
import { inlineMediaIds, listLatestPerGroup } from '../articles/index.js';
import { findMediaMap, presentImage, type Media } from '../media/index.js';
import { expandInlineImages } from '../public-site/public-site.present.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { breadcrumbJsonLd } from '../public-site/structured-data.js';
import { uiStrings } from '../public-site/ui-strings.js';
import { UNIT_KINDS, UNIT_KIND_LABELS, type TreeNode } from './agency-rules.js';
import { contactsByUnit, findPublicUnit, leadersOf, loadPublicAgency, type PublicAgency, type PublicOfficial, type PublicUnit } from './agency.public.js';
import { AGENCY_PATHS } from './agency.search.js';
import { agencyStrings } from './agency.strings.js';
import { ChartPage, ContactPage, LeadersPage, OverviewPage, UnitPage, type ChartNodeView, type ChartRootView, type ContactFactsView, type PageFrameView, type PersonView, type Text } from './views.js';

export type AgencyPage = 'overview' | 'chart' | 'leaders' | 'contact';

function languageOf(ctx: PageContext): Language {
  return ctx.language ?? 'vi';
}

/** A page's path in a language: '/lanh-dao' or '/en/lanh-dao'. */
export function pathIn(path: string, language: Language): string {
  return `${languagePrefix(language)}${path}`;
}

/** English where staff wrote it, else the Vietnamese marked as such; Vietnamese pages take the Vietnamese. */
function pick(language: Language, vi: string, en: string): Text {
  if (language === 'vi') return { text: vi };
  return en ? { text: en } : { text: vi, lang: 'vi' };
}

function pickOrNull(language: Language, vi: string, en: string): Text | null {
  return vi || en ? pick(language, vi, en) : null;
}

/** Rich text with its library images as responsive pictures (the stored text holds only their ids). */
function richText(text: Text | null, media: Map<string, Media>): Text | null {
  return text && { ...text, text: expandInlineImages(text.text, media) };
}

const imagesOf = (...texts: (Text | null)[]) => texts.flatMap((t) => (t ? inlineMediaIds(t.text) : []));

async function frameAround(ctx: PageContext, extraMedia: string[] = []) {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId), ...extraMedia]);
  return { frame, latest, media };
}

function pageFrame(ctx: PageContext, crumbs: { label: string; url: string }[], updatedAt?: string | null): PageFrameView {
  const language = languageOf(ctx);
  return { t: agencyStrings(language), ui: uiStrings(language), homeUrl: language === 'vi' ? '/' : languagePrefix(language), crumbs, updated: updatedAt ? { date: formatDate(updatedAt), iso: updatedAt } : undefined };
}

function personView(language: Language, official: PublicOfficial, media: Map<string, Media>): PersonView {
  const photo = official.photoMediaId ? media.get(official.photoMediaId) : undefined;
  const t = agencyStrings(language);
  return {
    anchor: official.anchor,
    name: official.fullName,
    position: pick(language, official.positionTitle, official.positionEn),
    unit: official.unit && { label: pick(language, official.unit.name, official.unit.nameEn), url: pathIn(official.unit.url, language) },
    fields: language === 'en' && official.fieldsInChargeEn.length ? official.fieldsInChargeEn.map((text) => ({ text })) : official.fieldsInCharge.map((text) => (language === 'en' ? { text, lang: 'vi' as const } : { text })),
    phone: official.phone,
    email: official.email,
    photo: photo && photo.kind === 'image' ? presentImage(photo, t.photoOf(official.fullName), 320) : null,
  };
}

function contactFacts(ctx: PageContext, agency: PublicAgency): ContactFactsView {
  const language = languageOf(ctx);
  const hours = language === 'en' && agency.profile.officeHoursEn ? agency.profile.officeHoursEn : agency.profile.officeHours;
  const hoursLang = language === 'en' && !agency.profile.officeHoursEn ? 'vi' : undefined;
  return {
    address: pickOrNull(language, ctx.site.address, agency.profile.addressEn),
    phone: ctx.site.phone,
    fax: ctx.site.fax,
    email: ctx.site.email,
    officeHours: hours ? hours.split('\n').map((text) => ({ text, lang: hoursLang })) : [],
    mapUrl: agency.profile.mapUrl,
  };
}

/** The four pages' titles in this language, for crumbs and "see also". */
function pageLinks(ctx: PageContext): Record<AgencyPage, { label: string; url: string }> {
  const language = languageOf(ctx);
  const t = agencyStrings(language);
  return {
    overview: { label: t.overview, url: pathIn(AGENCY_PATHS.overview, language) },
    chart: { label: t.orgChart, url: pathIn(AGENCY_PATHS.chart, language) },
    leaders: { label: t.leaders, url: pathIn(AGENCY_PATHS.leaders, language) },
    contact: { label: t.contact, url: pathIn(AGENCY_PATHS.contact, language) },
  };
}

/**
 * schema.org: the agency as a GovernmentOrganization with what these pages know beyond the
 * home page's (fax, map, its units, its leaders).
 */
function organizationJsonLd(ctx: PageContext, agency: PublicAgency, input: { isWithUnits?: boolean; isWithLeaders?: boolean } = {}): object {
  const language = languageOf(ctx);
  const site = ctx.site;
  const leaders = input.isWithLeaders ? leadersOf(agency) : [];
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOrganization',
    name: siteNameOf(ctx).text,
    url: `${site.origin}${pathIn(AGENCY_PATHS.overview, language)}`,
    ...(site.address ? { address: pick(language, site.address, agency.profile.addressEn).text } : {}),
    ...(site.phone ? { telephone: site.phone } : {}),
    ...(site.fax ? { faxNumber: site.fax } : {}),
    ...(site.email ? { email: site.email } : {}),
    ...(agency.profile.mapUrl ? { hasMap: agency.profile.mapUrl } : {}),
    ...(input.isWithUnits && agency.units.length ? { department: agency.units.map((u) => ({ '@type': 'GovernmentOrganization', name: pick(language, u.name, u.nameEn).text, url: `${site.origin}${pathIn(u.url, language)}` })) } : {}),
    ...(leaders.length ? { employee: leaders.map((p) => ({ '@type': 'Person', name: p.fullName, jobTitle: pick(language, p.positionTitle, p.positionEn).text, ...(p.email ? { email: p.email } : {}), ...(p.phone ? { telephone: p.phone } : {}) })) } : {}),
  };
}

async function render(
  ctx: PageContext,
  input: { title: string; description: string; path: string; crumbs: { label: string; url: string }[]; jsonLd?: object[]; media?: string[]; modifiedAt?: string | null; content: (media: Map<string, Media>) => ComponentChildren },
): Promise<RenderedPage> {
  const { frame, latest, media } = await frameAround(ctx, input.media);
  const language = languageOf(ctx);
  const home = { label: uiStrings(language).home, url: language === 'vi' ? '/' : languagePrefix(language) };
  const layout = layoutModel(ctx, frame, latest, media, {
    title: input.title,
    description: input.description,
    path: pathIn(input.path, languageOf(ctx)),
    canonicalPath: pathIn(input.path, languageOf(ctx)),
    alternatePaths: { vi: input.path, en: pathIn(input.path, 'en') },
    meta: { type: 'website', jsonLd: [breadcrumbJsonLd(ctx.site, input.crumbs, undefined, home), ...(input.jsonLd ?? [])], ...(input.modifiedAt ? { modifiedAt: input.modifiedAt } : {}) },
  });
  return { kind: 'page', html: renderDocument(layout, input.content(media)) };
}

const siteNameOf = (ctx: PageContext): Text => pick(languageOf(ctx), ctx.site.name, ctx.site.englishName);

export async function renderOverviewPage(ctx: PageContext): Promise<RenderedPage> {
  const language = languageOf(ctx);
  const t = agencyStrings(language);
  const agency = await loadPublicAgency(ctx.db, ctx.site.id);
  const links = pageLinks(ctx);
  const model = {
    frame: pageFrame(ctx, [links.overview], agency.updatedAt),
    siteName: siteNameOf(ctx),
    governingBody: ctx.site.governingBody ? (language === 'vi' ? { text: ctx.site.governingBody } : { text: ctx.site.governingBody, lang: 'vi' as const }) : null,
    overviewHtml: pickOrNull(language, agency.profile.overviewHtml, agency.profile.overviewEnHtml),
    functionsHtml: pickOrNull(language, agency.profile.functionsHtml, agency.profile.functionsEnHtml),
    facts: contactFacts(ctx, agency),
    links: [links.chart, links.leaders, links.contact],
  };
  const images = imagesOf(model.overviewHtml, model.functionsHtml);
  return render(ctx, { title: t.overview, description: t.overviewDescription(siteNameOf(ctx).text), path: AGENCY_PATHS.overview, crumbs: model.frame.crumbs, jsonLd: [organizationJsonLd(ctx, agency, { isWithUnits: true })], media: images, modifiedAt: agency.updatedAt, content: (media) => <OverviewPage model={{ ...model, overviewHtml: richText(model.overviewHtml, media), functionsHtml: richText(model.functionsHtml, media) }} /> });
}

function chartNode(language: Language, node: TreeNode<PublicUnit>): ChartNodeView {
  return { name: pick(language, node.name, node.nameEn), url: pathIn(node.url, language), kind: node.kind, children: node.children.map((child) => chartNode(language, child)) };
}

/** A root with its units in columns by kind (in the kinds' order), as agencies draw their charts. */
function chartRoot(language: Language, root: TreeNode<PublicUnit>): ChartRootView {
  const columns = UNIT_KINDS.map((kind) => ({ label: UNIT_KIND_LABELS[language][kind].group, nodes: root.children.filter((c) => c.kind === kind).map((c) => chartNode(language, c)) })).filter((c) => c.nodes.length > 0);
  return { ...chartNode(language, root), columns };
}

export async function renderChartPage(ctx: PageContext): Promise<RenderedPage> {
  const language = languageOf(ctx);
  const t = agencyStrings(language);
  const agency = await loadPublicAgency(ctx.db, ctx.site.id);
  const links = pageLinks(ctx);
  const byKind = UNIT_KINDS.map((kind) => ({
    label: UNIT_KIND_LABELS[language][kind].group,
    units: agency.units
      .filter((u) => u.kind === kind)
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'vi'))
      .map((u) => ({ label: pick(language, u.name, u.nameEn), url: pathIn(u.url, language), phone: u.phone })),
  })).filter((g) => g.units.length > 0);
  const model = { frame: pageFrame(ctx, [links.chart], agency.updatedAt), roots: agency.tree.map((root) => chartRoot(language, root)), byKind };
  return render(ctx, { title: t.orgChart, description: t.orgChartDescription(siteNameOf(ctx).text), path: AGENCY_PATHS.chart, crumbs: model.frame.crumbs, jsonLd: [organizationJsonLd(ctx, agency, { isWithUnits: true })], modifiedAt: agency.updatedAt, content: () => <ChartPage model={model} /> });
}

/** @throws NOT_FOUND for a slug that is not a published unit of the site. */
export async function renderUnitPage(ctx: PageContext, slug: string): Promise<RenderedPage> {
  const language = languageOf(ctx);
  const t = agencyStrings(language);
  const agency = await loadPublicAgency(ctx.db, ctx.site.id);
  const { unit, parent, people } = findPublicUnit(agency, slug);
  const links = pageLinks(ctx);
  const name = pick(language, unit.name, unit.nameEn);
  const crumbs = [links.chart, { label: name.text, url: pathIn(unit.url, language) }];
  const functionsHtml = pickOrNull(language, unit.functionsHtml, unit.functionsEnHtml);
  return render(ctx, {
    title: name.text,
    crumbs,
    description: `${name.text}: ${t.unitFunctions.toLowerCase()}, ${t.people.toLowerCase()}, ${t.unitContacts.toLowerCase()}. ${siteNameOf(ctx).text}`,
    path: unit.url,
    media: [...people.flatMap((p) => (p.photoMediaId ? [p.photoMediaId] : [])), ...imagesOf(functionsHtml)],
    modifiedAt: unit.updatedAt,
    content: (media) => (
      <UnitPage
        model={{
          frame: pageFrame(ctx, crumbs, unit.updatedAt),
          name,
          kindLabel: UNIT_KIND_LABELS[language][unit.kind].one,
          parent: parent && { label: pick(language, parent.name, parent.nameEn), url: pathIn(parent.url, language) },
          functionsHtml: richText(functionsHtml, media),
          people: people.map((p) => personView(language, p, media)),
          children: unit.children.map((c) => ({ label: pick(language, c.name, c.nameEn), url: pathIn(c.url, language) })),
          phone: unit.phone,
          email: unit.email,
        }}
      />
    ),
  });
}

export async function renderLeadersPage(ctx: PageContext): Promise<RenderedPage> {
  const language = languageOf(ctx);
  const t = agencyStrings(language);
  const agency = await loadPublicAgency(ctx.db, ctx.site.id);
  const leaders = leadersOf(agency);
  const links = pageLinks(ctx);
  return render(ctx, {
    title: t.leaders,
    description: t.leadersDescription(siteNameOf(ctx).text),
    path: AGENCY_PATHS.leaders,
    crumbs: [links.leaders],
    jsonLd: [organizationJsonLd(ctx, agency, { isWithLeaders: true })],
    media: leaders.flatMap((p) => (p.photoMediaId ? [p.photoMediaId] : [])),
    modifiedAt: agency.updatedAt,
    content: (media) => <LeadersPage model={{ frame: pageFrame(ctx, [links.leaders], agency.updatedAt), leaders: leaders.map((p) => personView(language, p, media)) }} />,
  });
}

export async function renderContactPage(ctx: PageContext): Promise<RenderedPage> {
  const language = languageOf(ctx);
  const t = agencyStrings(language);
  const agency = await loadPublicAgency(ctx.db, ctx.site.id);
  const links = pageLinks(ctx);
  const groups = contactsByUnit(agency).map((group) => ({
    unit: group.unit && { label: pick(language, group.unit.name, group.unit.nameEn), url: pathIn(group.unit.url, language) },
    people: group.people.map((p) => personView(language, p, new Map())),
  }));
  const units = agency.units
    .filter((u) => u.phone || u.email)
    .sort((a, b) => UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind) || a.position - b.position || a.name.localeCompare(b.name, 'vi'))
    .map((u) => ({ label: pick(language, u.name, u.nameEn), url: pathIn(u.url, language), phone: u.phone, email: u.email }));
  const model = { frame: pageFrame(ctx, [links.contact], agency.updatedAt), siteName: siteNameOf(ctx), facts: contactFacts(ctx, agency), groups, units };
  return render(ctx, { title: t.contact, description: t.contactDescription(siteNameOf(ctx).text), path: AGENCY_PATHS.contact, crumbs: model.frame.crumbs, jsonLd: [organizationJsonLd(ctx, agency)], modifiedAt: agency.updatedAt, content: () => <ContactPage model={model} /> });
}
