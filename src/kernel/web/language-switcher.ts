/**
 * The language switcher on every page and the `hreflang` alternates in its head. Plain links (no
 * script): each goes to the same page and query in another of the six languages. English links to
 * `/en/…` (no Accept-Language redirect there); the alternates name the unprefixed URL as English and
 * x-default. On Arabic pages a second link switches between Latin and Arabic-Indic digits.
 */
import type { Translator } from '../i18n/i18n.ts';
import { LOCALE_TABLE, localeSegment, UI_LOCALES, type UiLocale } from '../i18n/locales.ts';
import { html, type SafeHtml } from './html.ts';

const at = (segment: string, path: string) => `/${segment}${path === '/' ? '' : path}`;

/** The page's path and query without the language prefix (`/` when unknown). */
const pathOf = (t: Translator) => (t.path && t.path.startsWith('/') ? t.path : '/');

export function languageSwitcher(t: Translator): SafeHtml {
  const path = pathOf(t);
  const arabic = (t.intl ?? '').includes('-u-nu-arab');
  const links = UI_LOCALES.map((l) => {
    const current = l === t.locale ? html` aria-current="page"` : '';
    return html`<a hreflang="${l}" href="${at(l, path)}" lang="${l}"${current}>${LOCALE_TABLE[l].autonym}</a>`;
  });
  const digits =
    t.locale === 'ar'
      ? html` <a hreflang="ar" href="${at(localeSegment('ar', arabic ? 'latn' : 'arab'), path)}" class="digits">${t.t(
          arabic ? 'kernel.lang.digits.latn' : 'kernel.lang.digits.arab',
        )}</a>`
      : '';
  return html`<nav class="langs" aria-label="${t.t('kernel.lang.switcher')}">${links}${digits}</nav>`;
}

/** `<link rel="alternate" hreflang>` for each language, and x-default (the unprefixed English URL). */
export function hreflangLinks(t: Translator, origin = ''): SafeHtml {
  const path = pathOf(t);
  const href = (l: UiLocale) => `${origin}${l === 'en' ? path : at(l, path)}`;
  return html`${UI_LOCALES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${href(l)}">`)}<link
 rel="alternate" hreflang="x-default" href="${origin}${path}">`;
}
