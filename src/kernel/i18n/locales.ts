/**
 * The interface languages: the six official languages of the United Nations. Each has its writing
 * direction, its name in itself (for the switcher) and the Intl locale its numbers and dates use:
 * Latin digits by default (`-u-nu-latn`), Arabic-Indic digits on request (`ar-u-nu-arab`).
 */
export const UI_LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export const LOCALE_TABLE: Readonly<Record<UiLocale, { dir: 'ltr' | 'rtl'; autonym: string }>> = {
  ar: { dir: 'rtl', autonym: 'العربية' },
  zh: { dir: 'ltr', autonym: '中文' },
  en: { dir: 'ltr', autonym: 'English' },
  fr: { dir: 'ltr', autonym: 'Français' },
  ru: { dir: 'ltr', autonym: 'Русский' },
  es: { dir: 'ltr', autonym: 'Español' },
};

/** Numbering systems a reader may ask for (`/ar-u-nu-arab/…`, `Accept-Language: ar-u-nu-arab`). */
export const DIGITS = ['latn', 'arab'] as const;
export type Digits = (typeof DIGITS)[number];

export const isUiLocale = (s: string): s is UiLocale => (UI_LOCALES as readonly string[]).includes(s);

/**
 * A URL's language segment: `fr`, `ar`, or `ar-u-nu-arab` (BCP 47 with the numbering-system extension).
 * Null when the segment is not one of ours.
 */
export function parseLocaleSegment(segment: string): { locale: UiLocale; digits: Digits } | null {
  const m = /^([a-z]{2})(?:-u-nu-(latn|arab))?$/.exec(segment);
  if (!m || !isUiLocale(m[1]!)) return null;
  return { locale: m[1], digits: (m[2] as Digits | undefined) ?? 'latn' };
}

/** The URL segment for a language and numbering system (`ar`, `ar-u-nu-arab`). */
export const localeSegment = (locale: UiLocale, digits: Digits): string =>
  digits === 'latn' ? locale : `${locale}-u-nu-${digits}`;

/**
 * The best of the six languages for an Accept-Language header (RFC 9110 §12.5.4: q-values, then
 * order), with the digits it asks for; null when it names none of them.
 */
export function negotiate(header: string | undefined): { locale: UiLocale; digits: Digits } | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    const primary = r.tag.split('-')[0]!;
    if (isUiLocale(primary)) return { locale: primary, digits: /-u-(?:.*-)?nu-arab\b/.test(r.tag) ? 'arab' : 'latn' };
  }
  return null;
}
