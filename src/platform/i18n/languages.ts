/**
 * The languages a site's public pages can be in. Vietnamese is the site's own language
 * and always on, at the root of the URL space; every other language lives under its own
 * prefix (/en/…), as Nghị định 42/2022 asks for key information in English.
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'vi';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A stored comma list ('vi,en') as languages, Vietnamese always first, unknown codes dropped. */
export function parseLanguages(stored: string | null | undefined): Language[] {
  const listed = new Set((stored ?? '').split(',').map((code) => code.trim()).filter(isLanguage));
  return LANGUAGES.filter((code) => code === DEFAULT_LANGUAGE || listed.has(code));
}

/** The stored form of a list of languages: 'vi' or 'vi,en'. */
export function formatLanguages(languages: readonly Language[]): string {
  return parseLanguages(languages.join(',')).join(',');
}

/** Where a language's pages start: '' for Vietnamese (the root), '/en' for English. */
export function languagePrefix(language: Language): string {
  return language === DEFAULT_LANGUAGE ? '' : `/${language}`;
}

/** The home page of a language: '/' or '/en' (one spelling; /en/ redirects there like any trailing slash). */
export function languageHome(language: Language): string {
  return languagePrefix(language) || '/';
}

/** BCP 47 tags and Open Graph locales. */
export const OG_LOCALES: Record<Language, string> = { vi: 'vi_VN', en: 'en_US' };
