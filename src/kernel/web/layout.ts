/** The page shell shared by every public page: head, skip link, header with search, footer. */
import { html, type SafeHtml } from './html.ts';

export interface PageMeta {
  title: string;
  description?: string;
  canonical?: string;
  /** Extra tags for <head> (JSON-LD, feeds, citation meta). */
  head?: SafeHtml;
  query?: string;
}

export const COVERAGE_NOTE =
  'Counts reflect the cases documented in this database; they are not representative of trafficking in any country.';

export function page(meta: PageMeta, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${meta.title} · Palermo</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">` : ''}
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/site.js" defer></script>
${meta.head ?? ''}
</head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">Palermo</a>
<form class="search" action="/search" method="get" role="search">
<label for="q" class="skip">Search cases</label>
<input id="q" type="search" name="q" value="${meta.query ?? ''}" placeholder="Search case law, e.g. &quot;debt bondage&quot; fishing">
<button type="submit">Search</button>
</form>
<nav aria-label="Site"><a href="/search">Browse</a><a href="/statistics">Statistics</a><a href="/about">About</a><a href="/api">API</a></nav>
</header>
<main id="main">
${body}
</main>
<footer class="site"><p>${COVERAGE_NOTE} Victims appear by initials or role only.</p>
<p><a href="/about">About the database</a> · <a href="/api/v1/docs">API documentation</a> · <a href="/login" rel="nofollow">Editors: sign in</a></p></footer>
</body></html>`.value;
}
