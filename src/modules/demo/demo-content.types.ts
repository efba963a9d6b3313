/**
 * Shape of the demo agency that `cong serve` installs on the first start of an empty
 * database. The data lives in demo-content.ts; demo.seed.ts turns it into rows.
 */

/** What a generated demo photo shows; demo-images.ts draws each kind locally. */
export type DemoScene =
  | 'conference' // a meeting hall: a red backdrop with a slogan, a head table, rows of delegates
  | 'speech' // one speaker at a lectern in front of a backdrop
  | 'handover' // people handing over gifts/certificates on a stage
  | 'classroom' // vocational training: students at workbenches/computers
  | 'visit' // officials visiting a family in front of a house
  | 'office' // the department's building with a flag
  | 'jobfair' // a job fair: booths, banners, job seekers
  | 'landscape'; // Central Highlands scenery (hills, rubber/coffee trees)

export interface DemoImage {
  scene: DemoScene;
  /** Text written on the backdrop/banner in the picture, if the scene has one (Vietnamese, upper case). */
  banner?: string;
  /** Alt text: what the picture shows, for screen readers. */
  alt: string;
  /** Caption shown under the picture. */
  caption: string;
  /** Seed that varies colours and layout so two pictures of one scene differ. */
  variant: number;
}

export interface DemoCategory {
  /** Slug of this level only, e.g. 'thong-bao'; the URL is the path of slugs from the root. */
  slug: string;
  name: string;
  /** Name on the English pages (/en/…); the Vietnamese name is shown when absent. */
  nameEn?: string;
  /** Slug of the parent category (top-level when absent). */
  parent?: string;
  description?: string;
  /** Shown as its own block of latest articles on the home page. */
  isOnHome?: boolean;
}

export interface DemoArticle {
  /** Slug of the category the article belongs to (a leaf or a top-level category). */
  category: string;
  title: string;
  /** One or two sentences shown under the title and in lists. */
  lead: string;
  /**
   * Body HTML: <p>, <h2>, <h3>, <ul>/<ol>/<li>, <strong>, <em>, <table> only.
   * A line `{{image:N}}` on its own (between blocks) places inlineImages[N] there as a
   * captioned figure.
   */
  body: string;
  inlineImages: DemoImage[];
  /** The "Một số hình ảnh…" photo section under the body, in order; may be empty. */
  gallery: DemoImage[];
  /** Heading of the photo section, e.g. "Một số hình ảnh tại Hội nghị". */
  galleryTitle?: string;
  /** Byline text shown at the end, e.g. "Tin và ảnh: Lê Thương". */
  byline: string;
  /** Publication time in Vietnam's time zone, ISO with offset, e.g. '2022-01-16T08:30:00+07:00'. */
  publishedAt: string;
  isFeatured?: boolean;
  /** View count the demo starts with. */
  views: number;
  /** 'en' for an article of the English pages; Vietnamese when absent. */
  language?: 'vi' | 'en';
  /** Title of the Vietnamese demo article this one translates. */
  translationOf?: string;
}

export interface DemoLink {
  label: string;
  url: string;
}

export interface DemoSite {
  name: string; // "Sở Lao động - Thương binh và Xã hội tỉnh …"
  governingBody: string; // "Ủy ban nhân dân tỉnh …"
  englishName: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  /** "Chịu trách nhiệm chính: …" line of the footer. */
  responsiblePerson: string;
  /** Licence line of the footer, e.g. "Giấy phép số … do Sở Thông tin và Truyền thông cấp". */
  licence: string;
  /** The account that posts the articles ("Đăng bởi"), e.g. "SLĐTBXH Kon Tum". */
  postingAccount: { email: string; displayName: string };
  visitCount: number;
  /** Languages of the public pages: Vietnamese, and English under /en/. */
  languages: ('vi' | 'en')[];
  categories: DemoCategory[];
  /** Main menu: top-level entries with optional children; url is a site path. */
  menu: { label: string; url: string; children?: { label: string; url: string }[] }[];
  /** Sidebar block "Thông tin chung": a list of links. */
  generalLinks: DemoLink[];
  /** Banners: header banner and sidebar banners (e.g. public services portal, a magazine). */
  banners: { position: 'header' | 'sidebar'; title: string; url: string; image: DemoBannerImage }[];
  articles: DemoArticle[];
}

/** A banner picture: drawn locally like the photos, but with text as the main element. */
export interface DemoBannerImage {
  kind: 'header' | 'service' | 'portrait' | 'magazine';
  /** Main text of the banner (Vietnamese). */
  text: string;
  /** Smaller second line. */
  subtext?: string;
  width: number;
  height: number;
}
