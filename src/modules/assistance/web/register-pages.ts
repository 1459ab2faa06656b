/** The public pages of partners, agreements and campaigns (published records). */
import type { FastifyInstance } from 'fastify';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { page } from '../../../kernel/web/layout.ts';
import { html } from '../../../kernel/web/html.ts';
import type { Agreement, Campaign, Organisation } from '../domain/schemas.ts';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { countryName, provenance, subnav } from './parts.ts';

function partnersPage(t: Translator, orgs: readonly Organisation[]): string {
  const rows = orgs.map(
    (o) => html`<tr><th scope="row" id="org-${o.id}">${o.name}${o.acronym ? html` (${o.acronym})` : ''}</th>
<td>${t.t(`assistance.orgKind.${o.kind}`)}</td><td>${o.iatiRef ?? ''}</td></tr>`,
  );
  const body = html`<h1>${t.t('assistance.partners.title')}</h1>${subnav(t, 'partners')}
<div class="table-wrap"><table class="data"><caption>${t.t('assistance.partners.title')}</caption>
<thead><tr><th scope="col">${t.t('assistance.partners.name')}</th>
<th scope="col">${t.t('assistance.partners.kind')}</th>
<th scope="col">${t.t('assistance.partners.iatiRef')}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return page(t, { title: t.t('assistance.partners.title') }, body);
}

function agreementsPage(t: Translator, list: readonly Agreement[], orgs: ReadonlyMap<string, Organisation>): string {
  const party = (p: Agreement['parties'][number]) =>
    p.name ?? (p.orgId ? (orgs.get(p.orgId)?.acronym ?? orgs.get(p.orgId)?.name ?? p.orgId) : '');
  const items = list.map(
    (a) => html`<section id="${a.id}" aria-labelledby="${a.id}-h"><h2 id="${a.id}-h">${a.title}</h2><dl class="facts">
<dt>${t.t('assistance.agreements.kind')}</dt><dd>${t.t(`assistance.agreementKind.${a.kind}`)}</dd>
<dt>${t.t('assistance.agreements.parties')}</dt><dd>${a.parties.map(party).join(', ')}</dd>
<dt>${t.t('assistance.agreements.signed')}</dt><dd>${a.signed ?? t.t('assistance.field.unknown')}</dd>
<dt>${t.t('assistance.agreements.scope')}</dt><dd>${a.scope}</dd>
<dt>${t.t('assistance.agreements.status')}</dt><dd>${t.t(`assistance.agreementStatus.${a.agreementStatus}`)}</dd></dl>
${provenance(t, a.provenance)}</section>`,
  );
  const body = html`<h1>${t.t('assistance.agreements.title')}</h1>${subnav(t, 'agreements')}${items}`;
  return page(t, { title: t.t('assistance.agreements.title') }, body);
}

function campaignsPage(t: Translator, list: readonly Campaign[], orgs: ReadonlyMap<string, Organisation>): string {
  const adopter = (a: Campaign['adopters'][number]) => {
    const name = a.country ? countryName(a.country) : (a.name ?? (a.orgId ? (orgs.get(a.orgId)?.name ?? a.orgId) : ''));
    return a.date ? t.t('assistance.campaigns.adopter', { name, date: a.date }) : name;
  };
  const items = list.map(
    (
      c,
    ) => html`<section id="${c.id}" aria-labelledby="${c.id}-h"><h2 id="${c.id}-h">${c.name}</h2><p>${c.description}</p>
<h3>${t.t('assistance.campaigns.adopters')}</h3>${
      c.adopters.length
        ? html`<ul>${c.adopters.map((a) => html`<li>${adopter(a)}</li>`)}</ul>`
        : html`<p>${t.t('assistance.campaigns.noAdopters')}</p>`
    }${provenance(t, c.provenance)}</section>`,
  );
  const body = html`<h1>${t.t('assistance.campaigns.title')}</h1>${subnav(t, 'campaigns')}${items}`;
  return page(t, { title: t.t('assistance.campaigns.title') }, body);
}

export function registerPages(app: FastifyInstance, r: AssistanceRegisters): void {
  const orgs = async () => (await r.organisations.published()).map((o) => o.record as Organisation);
  const orgMap = async () => new Map((await orgs()).map((o) => [o.id, o]));
  const send = (reply: { type(t: string): { send(b: string): unknown } }, body: string) =>
    reply.type('text/html; charset=utf-8').send(body);
  app.get('/assistance/partners', { schema: { hide: true } }, async (req, reply) =>
    send(reply, partnersPage(req.t, await orgs())),
  );
  app.get('/assistance/agreements', { schema: { hide: true } }, async (req, reply) =>
    send(
      reply,
      agreementsPage(
        req.t,
        (await r.agreements.published()).map((a) => a.record as Agreement),
        await orgMap(),
      ),
    ),
  );
  app.get('/assistance/campaigns', { schema: { hide: true } }, async (req, reply) =>
    send(
      reply,
      campaignsPage(
        req.t,
        (await r.campaigns.published()).map((c) => c.record as Campaign),
        await orgMap(),
      ),
    ),
  );
}
