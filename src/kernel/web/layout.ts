/** The page shell shared by every public page: head, skip link, header with search, footer. */
import type { Translator } from '../i18n/i18n.ts';
import { html, type SafeHtml } from './html.ts';
import { hreflangLinks, languageSwitcher } from './language-switcher.ts';

const originOf = (url: string | undefined) => (url && /^https?:\/\//.test(url) ? new URL(url).origin : '');

export interface PageMeta {
  title: string;
  description?: string;
  canonical?: string;
  /** Extra tags for <head> (JSON-LD, feeds, citation meta). */
  head?: SafeHtml;
  query?: string;
}

/** The note that counts are of documented cases, not of trafficking (shown in the footer and beside counts). */
export const coverageNote = (t: Translator): string => t.t('kernel.layout.coverageNote');

export function page(t: Translator, meta: PageMeta, body: SafeHtml): string {
  const htmlTag = html`<html lang="${t.locale}"${t.dir === 'rtl' ? html` dir="rtl"` : ''}>`;
  const viewport = html`<meta name="viewport" content="width=device-width,initial-scale=1">`;
  const nav = (href: string, key: string) => html`<a href="${href}">${t.t(`kernel.layout.nav.${key}`)}</a>`;
  const searchBox = html`<input id="q" type="search" dir="auto" name="q" value="${meta.query ?? ''}" placeholder="${t.t(
    'kernel.layout.searchPlaceholder',
  )}">`;
  const footerLinks = [
    html`<a href="/about">${t.t('kernel.layout.footer.about')}</a>`,
    html`<a href="/api/v1/docs">${t.t('kernel.layout.footer.apiDocs')}</a>`,
    html`<a href="/login" rel="nofollow">${t.t('kernel.layout.footer.signIn')}</a>`,
  ];
  return html`<!doctype html>
${htmlTag}<head><meta charset="utf-8">${viewport}
<title>${t.t('kernel.layout.title', { title: meta.title })}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">` : ''}
${hreflangLinks(t, originOf(meta.canonical))}
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/site.js" defer></script>
${meta.head ?? ''}
</head><body>
<a class="skip" href="#main">${t.t('kernel.layout.skip')}</a>
<header class="site">
${languageSwitcher(t)}
<a class="brand" href="/">${t.t('kernel.site.name')}</a>
<form class="search" action="/search" method="get" role="search">
<label for="q" class="skip">${t.t('kernel.layout.searchLabel')}</label>
${searchBox}
<button type="submit">${t.t('kernel.layout.searchButton')}</button>
</form>
<nav aria-label="${t.t('kernel.layout.navLabel')}">${nav('/search', 'browse')}${nav('/statistics', 'statistics')}${nav(
    '/about',
    'about',
  )}${nav('/api', 'api')}</nav>
</header>
<main id="main">
${body}
</main>
<footer class="site"><p>${coverageNote(t)} ${t.t('kernel.layout.privacyNote')}</p>
<p>${footerLinks[0]!} · ${footerLinks[1]!} · ${footerLinks[2]!}</p></footer>
</body></html>`.value;
}
