/**
 * Pages: the calls (public, with deadlines in UTC and in the reader's time zone), an applicant's
 * applications and their status, and a reviewer's view of an assigned application (blind when the
 * call says so). The services decide who sees what; a page never shows more than its API twin.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { signedIn } from '../../platform/index.ts';
import type { GrantsServices } from '../services/grants-services.ts';
import type { CallView } from '../services/call-service.ts';
import { ELIGIBILITY_RULES } from '../domain/rules.ts';
import { isSecretariat } from '../services/context.ts';
import { budgetTable } from './budget.ts';
import { attachmentsPart } from './attachments-part.ts';

type Id = { Params: { id: string }; Querystring: { tz?: string } };

function validZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

function when(t: Translator, isoTime: string, zone: string | undefined): SafeHtml {
  const fmt = (timeZone: string) =>
    new Intl.DateTimeFormat(t.locale === 'en-XA' ? 'en' : t.locale, {
      dateStyle: 'long',
      timeStyle: 'long',
      timeZone,
    }).format(new Date(isoTime));
  const utc = t.t('grants.call.utc', { time: fmt('UTC') });
  const local = zone && zone !== 'UTC' ? html`<br>${t.t('grants.call.local', { time: fmt(zone), zone })}` : '';
  return html`<time datetime="${isoTime}">${utc}</time>${local}`;
}

function callBody(t: Translator, c: CallView, zone: string | undefined): SafeHtml {
  const list = (key: string, items: readonly string[]) =>
    items.length ? html`<h2>${t.t(key)}</h2><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : '';
  return html`<p><strong>${t.t('grants.call.state', { state: c.state })}</strong></p>
    <p>${c.description}</p>
    <dl>
      <dt>${t.t('grants.call.opens')}</dt><dd>${when(t, c.opensAt, zone)}</dd>
      <dt>${t.t('grants.call.closes')}</dt><dd>${when(t, c.closesAt, zone)}</dd>
    </dl>
    <p>${t.t('grants.call.cap', { amount: `${c.currency} ${c.capPerYear.toLocaleString(t.intl ?? 'en')}` })}.
      ${t.t('grants.call.maxYears', { years: c.maxYears })}.</p>
    ${c.blindReview ? html`<p>${t.t('grants.call.blind')}</p>` : ''}
    ${list(
      'grants.call.criteria',
      c.questions.map((q) => q.text),
    )}
    ${list('grants.call.themes', c.themes)} ${list('grants.call.countries', c.countries)}
    ${list(
      'grants.call.attachments',
      c.requiredAttachments.map((a) => a.label),
    )}
    ${c.sourceUrl ? html`<p>${t.t('grants.call.source')}: <a href="${c.sourceUrl}">${c.sourceUrl}</a></p>` : ''}`;
}

async function readerZone(req: FastifyRequest<Id>, s: GrantsServices): Promise<string | undefined> {
  const asked = validZone(req.query.tz);
  if (asked || req.actor.kind === 'anonymous') return asked;
  const orgs = await s.grants.calls.myOrganisations(req.actor);
  return orgs[0]?.timeZone;
}

export function grantsPages(app: FastifyInstance, s: GrantsServices): void {
  app.get('/grants', async (req, reply) => {
    const t = req.t;
    const calls = await s.grants.calls.listCalls();
    const items = calls.map(
      (c) =>
        html`<li><a href="/grants/calls/${c.id}">${c.title}</a> — ${t.t('grants.call.state', { state: c.state })}</li>`,
    );
    const body = html`<h1>${t.t('grants.title')}</h1><p>${t.t('grants.intro')}</p>
      ${calls.length ? html`<ul>${items}</ul>` : html`<p>${t.t('grants.calls.none')}</p>`}`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: t.t('grants.title') }, body));
  });

  app.get<Id>('/grants/calls/:id', async (req, reply) => {
    const c = await s.grants.calls.getCall(req.params.id);
    const apply =
      c.state === 'open'
        ? html`<p><a href="/grants/calls/${c.id}/apply">${req.t.t('grants.form.applyLink')}</a></p>`
        : '';
    const body = html`<h1>${c.title}</h1>${callBody(req.t, c, await readerZone(req, s))}${apply}`;
    return reply.type('text/html; charset=utf-8').send(page(req.t, { title: c.title }, body));
  });

  app.get('/grants/applications', async (req, reply) => {
    const t = req.t;
    const apps = await s.grants.applications.list(signedIn(req));
    const items = apps.map(
      (a) =>
        html`<li><a href="/grants/applications/${a.id}">${a.content.title}</a> — ${t.t('grants.app.status', {
          status: a.status,
        })}</li>`,
    );
    const body = html`<h1>${t.t('grants.apps.title')}</h1>
      <p><a href="/grants/organisations/new">${t.t('grants.org.registerLink')}</a> ·
        <a href="/grants/reviews">${t.t('grants.review.title')}</a>${
          isSecretariat(req.actor) ? html` · <a href="/grants/manage">${t.t('grants.manage.title')}</a>` : ''
        }</p>
      ${apps.length ? html`<ul>${items}</ul>` : html`<p>${t.t('grants.apps.none')}</p>`}`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: t.t('grants.apps.title') }, body));
  });

  app.get<Id>('/grants/applications/:id', async (req, reply) => {
    const t = req.t;
    const actor = signedIn(req);
    const a = await s.grants.applications.get(req.params.id, actor);
    const org = await s.grants.calls.getOrganisation(a.organisationId, actor);
    const elig = await s.grants.applications.eligibility(a.id, actor);
    const call = await s.grants.calls.getCall(a.callId);
    const editable = a.status === 'draft' || a.status === 'info_requested';
    const actions = editable
      ? html`<p><a href="/grants/applications/${a.id}/edit">${t.t('grants.form.edit')}</a></p>
          <form method="post" action="/grants/applications/${a.id}/submit">
            <input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
            <button type="submit">${t.t('grants.form.submit')}</button></form>`
      : '';
    const rules = elig.current.map((r) => html`<li>${r.passed ? '✓' : '✗'} ${t.t(`grants.rule.${r.rule}`)}</li>`);
    const body = html`<h1>${a.content.title}</h1>
      <p><strong>${t.t('grants.app.status', { status: a.status })}</strong> ·
        ${t.t('grants.app.revision', { revision: a.revision })}</p>
      ${a.decisionReason ? html`<p>${t.t('grants.app.reason')}: ${a.decisionReason}</p>` : ''}
      <p>${t.t('grants.app.organisation')}: ${org.legalName}</p>
      <p>${t.t('grants.call.closes')}: ${when(t, call.closesAt, org.timeZone)}</p>
      ${actions}
      <h2>${t.t('grants.app.summary')}</h2><p>${a.content.summary}</p>
      <ul>${rules}</ul>
      ${budgetTable(t, a.content.budget, a.content.currency)}
      ${attachmentsPart(
        t,
        call,
        a.id,
        (await s.grants.attachments.catalogue(a.id, actor)).attachments,
        editable && !isSecretariat(actor)
          ? { csrf: reply.generateCsrf(), maxBytes: s.grants.attachments.maxBytes }
          : null,
      )}`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: a.content.title }, body));
  });
}

export const RULE_KEYS = ELIGIBILITY_RULES.map((r) => `grants.rule.${r}`);
