/**
 * The language of a request, and its Translator as `req.t`.
 *
 * - A page's language is in its URL: `/fr/search?q=…`, `/ar/cases/…`, `/ar-u-nu-arab/…` (Arabic with
 *   Arabic-Indic digits). The prefix is taken off before routing (`rewriteLocaleUrl`, Fastify's
 *   rewriteUrl), so every route serves every language; the links of an HTML answer and a redirect's
 *   Location get the prefix back (`prefixLinks`), so the reader stays in the language.
 * - An unprefixed page is English, as it always was (links, bookmarks and tests keep working). A browser
 *   (`Accept: text/html`) whose Accept-Language prefers another of the six is redirected once to the
 *   prefixed URL; `/en/…` is English without that redirect, which is where the switcher's English link goes.
 * - The API (`/api/…`) answers in the Accept-Language language: error `message`s; codes, field paths and
 *   data do not change.
 * - The pseudo-locale is served to `Accept-Language: en-XA` only when the configuration turns it on.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_LOCALE, type I18n, type Translator } from './i18n.ts';
import { PSEUDO_LOCALE } from './pseudo.ts';
import { localeSegment, negotiate, parseLocaleSegment, type Digits, type UiLocale } from './locales.ts';

declare module 'fastify' {
  interface FastifyRequest {
    t: Translator;
  }
  interface FastifyInstance {
    /** The catalogs: `app.i18n.translator('en')` for output that stays English (the API's labels). */
    i18n: I18n;
  }
}

const PREFIX = Symbol('palermo.localePrefix');
type Tagged = IncomingMessage & { [PREFIX]?: { locale: UiLocale; digits: Digits; segment: string } };

/** For Fastify's `rewriteUrl`: `/fr/search?q=x` is routed as `/search?q=x`, its language kept aside. */
export function rewriteLocaleUrl(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const m = /^\/([a-z]{2}(?:-u-nu-[a-z]{4})?)(?=\/|\?|$)/.exec(url);
  const parsed = m ? parseLocaleSegment(m[1]!) : null;
  if (!m || !parsed) return url;
  (req as Tagged)[PREFIX] = { ...parsed, segment: m[1]! };
  const rest = url.slice(m[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Paths that are never prefixed: the API, static assets, and URLs already in a language. */
const KEEP = /^\/(?:api\/|assets\/|[a-z]{2}(?:-u-nu-[a-z]{4})?(?:[/?#"]|$))/;

/**
 * Adds a language prefix to the site-relative links (href, action, formaction) of an HTML page. A link
 * written `hreflang="…" href="…"` names its language itself (switcher, alternates) and is left alone.
 */
export function prefixLinks(page: string, base: string): string {
  return page.replace(
    /(?<!hreflang="[^"]*")(\s(?:href|action|formaction)=")(\/[^"]*)"/g,
    (all, attr: string, url: string) => {
      if (url.startsWith('//') || KEEP.test(url)) return all;
      return `${attr}${base}${url === '/' ? '' : url}"`;
    },
  );
}

const prefixOne = (url: string, base: string) =>
  url.startsWith('/') && !url.startsWith('//') && !KEEP.test(url) ? `${base}${url}` : url;

export function registerI18n(app: FastifyInstance, i18n: I18n, opts: { pseudoLocale: boolean }): void {
  const cache = new Map<string, Translator>();
  const translator = (locale: string, digits: Digits = 'latn'): Translator => {
    const id = `${locale}:${digits}`;
    let t = cache.get(id);
    if (!t) cache.set(id, (t = i18n.translator(locale, digits)));
    return t;
  };
  const english = translator(DEFAULT_LOCALE);
  const pseudo = translator(PSEUDO_LOCALE);
  const pathOf = (req: FastifyRequest) => req.url || '/';
  app.decorate('i18n', i18n);
  app.decorateRequest('t', null as unknown as Translator);
  app.addHook('onRequest', async (req, reply) => {
    const prefix = (req.raw as Tagged)[PREFIX];
    if (prefix) {
      req.t = { ...translator(prefix.locale, prefix.digits), base: `/${prefix.segment}`, path: pathOf(req) };
      return;
    }
    const wanted = req.headers['accept-language'];
    if (opts.pseudoLocale && typeof wanted === 'string' && /^en-XA\b/i.test(wanted)) {
      req.t = { ...pseudo, path: pathOf(req) };
      return;
    }
    const best = negotiate(wanted);
    if (req.url.startsWith('/api/')) {
      req.t = best ? translator(best.locale, best.digits) : english;
      return;
    }
    const page = (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/assets/');
    if (page && best && (best.locale !== 'en' || best.digits !== 'latn') && req.headers.accept?.includes('text/html')) {
      const to = `/${localeSegment(best.locale, best.digits)}${req.url === '/' ? '' : req.url}`;
      return reply
        .status(302)
        .header('location', to)
        .header('vary', 'Accept-Language')
        .header('cache-control', 'private, no-store')
        .send();
    }
    req.t = { ...english, path: pathOf(req) };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const prefix = (req.raw as Tagged)[PREFIX];
    if (!prefix) {
      if (!req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) varyOnLanguage(reply);
      return payload;
    }
    const base = `/${prefix.segment}`;
    const location = reply.getHeader('location');
    if (typeof location === 'string') reply.header('location', prefixOne(location, base));
    const type = String(reply.getHeader('content-type') ?? '');
    return typeof payload === 'string' && type.startsWith('text/html') ? prefixLinks(payload, base) : payload;
  });
}

function varyOnLanguage(reply: { getHeader(n: string): unknown; header(n: string, v: string): unknown }): void {
  const vary = reply.getHeader('vary');
  const list = typeof vary === 'string' && vary ? `${vary}, Accept-Language` : 'Accept-Language';
  if (!/accept-language/i.test(String(vary ?? ''))) reply.header('vary', list);
}
