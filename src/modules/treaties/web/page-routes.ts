/** Pages: /treaties, /treaties/{id}, /countries/{code} (the country profile). */
import { languageSwitcher } from '../../../kernel/web/language-switcher.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CountrySection } from '../../../kernel/module.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import { AppError } from '../../../kernel/errors.ts';
import { loadWorldMap } from '../../../kernel/web/world-map.ts';
import type { TreatyServices } from '../services/services.ts';
import { DEMO_SOURCE, UN_PARTIES } from '../services/demo-seed.ts';
import { loadProfile } from '../services/profile.ts';
import { notificationItems } from '../http/csv.ts';
import { treatyListPage } from './list-page.ts';
import { SORTS, treatyPage, type Sort } from './treaty-page.ts';
import { profilePage } from './profile-page.ts';

function notFoundPage(t: Translator): string {
  const title = t.t('treaties.notFound.title');
  const htmlTag = html`<html lang="${t.locale}"${t.dir === 'rtl' ? html` dir="rtl"` : ''}>`;
  const head = html`<head><meta charset="utf-8"><title>${t.t('kernel.layout.title', { title })}</title>
<link rel="stylesheet" href="/assets/site.css"></head>`;
  const text = html`<p>${t.t('treaties.notFound.text')} <a href="/">${t.t('treaties.notFound.home')}</a></p>`;
  const header = html`<header class="site">${languageSwitcher(t)}</header>`;
  const body = html`<body>${header}<main><h1>${title}</h1>${text}</main></body>`;
  return html`<!doctype html>${htmlTag}${head}${body}</html>`.value;
}

const sendHtml = (reply: FastifyReply, body: string, status = 200) =>
  reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);

export function treatyPages(app: FastifyInstance, s: TreatyServices, sections: () => readonly CountrySection[]): void {
  app.get('/treaties', { schema: { hide: true } }, async (req, reply) =>
    sendHtml(reply, treatyListPage(req.t, await s.treaties.list())),
  );

  app.get<{ Params: { id: string }; Querystring: { sort?: string; dir?: string } }>(
    '/treaties/:id',
    { schema: { hide: true } },
    async (req, reply) => {
      let status;
      try {
        status = await s.treaties.status(req.params.id);
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return sendHtml(reply, notFoundPage(req.t), 404);
        throw e;
      }
      await loadWorldMap();
      const sort: Sort = SORTS.includes(req.query.sort as Sort) ? (req.query.sort as Sort) : 'participant';
      const partial =
        status.instrument.statusSource === DEMO_SOURCE && status.instrument.id === 'XVIII-12-a' ? UN_PARTIES : null;
      const today = new Date().toISOString().slice(0, 10);
      const notifications = notificationItems(await s.treaties.notifications(req.params.id));
      const desc = req.query.dir === 'desc';
      return sendHtml(reply, treatyPage(req.t, status, { sort, desc, partial, today, notifications }));
    },
  );

  app.get<{ Params: { code: string } }>('/countries/:code', { schema: { hide: true } }, async (req, reply) => {
    let profile;
    try {
      profile = await loadProfile(req.params.code, sections());
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return sendHtml(reply, notFoundPage(req.t), 404);
      throw e;
    }
    if (profile.country.code !== req.params.code) return reply.redirect(`/countries/${profile.country.code}`, 301);
    return sendHtml(reply, profilePage(req.t, profile));
  });
}
