/**
 * The locale of a request, and its Translator as `req.t`. English is the one complete language for
 * now (another issue adds the other five UN languages); the pseudo-locale is served to
 * `Accept-Language: en-XA` only when the configuration turns it on.
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LOCALE, type I18n, type Translator } from './i18n.ts';
import { PSEUDO_LOCALE } from './pseudo.ts';

declare module 'fastify' {
  interface FastifyRequest {
    t: Translator;
  }
  interface FastifyInstance {
    /** The catalogs: `app.i18n.translator('en')` for output that stays English (the API's labels). */
    i18n: I18n;
  }
}

export function registerI18n(app: FastifyInstance, i18n: I18n, opts: { pseudoLocale: boolean }): void {
  const english = i18n.translator(DEFAULT_LOCALE);
  const pseudo = i18n.translator(PSEUDO_LOCALE);
  app.decorate('i18n', i18n);
  app.decorateRequest('t', null as unknown as Translator);
  app.addHook('onRequest', async (req) => {
    const wanted = req.headers['accept-language'];
    req.t = opts.pseudoLocale && typeof wanted === 'string' && /^en-XA\b/i.test(wanted) ? pseudo : english;
  });
}
