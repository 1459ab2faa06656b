/**
 * The secretariat's pages (editors and administrators): the calls, a call's applications by status
 * with the dashboard figures and the ranked scores of the decision meeting, and one application with
 * its eligibility, the decision form, the review panel (assign by e-mail address, declarations,
 * recusals, scores), the award and its tranches and reports. Server-rendered, no script.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../../kernel/errors.ts';
import { html } from '../../../kernel/web/html.ts';
import { APPLICATION_STATUSES } from '../domain/schemas.ts';
import type { GrantsServices } from '../services/grants-services.ts';
import { requireSecretariat } from '../services/context.ts';
import { attachmentsPart } from './attachments-part.ts';
import { awardSection } from './award-section.ts';
import { errorBox, formError, sendPage, toSignIn, type Form } from './parts.ts';
import { decisionForm, panelSection } from './manage-parts.ts';

type Id = { Params: { id: string }; Body: Form; Querystring: { status?: string } };
type Sub = { Params: { id: string; sub: string }; Body: Form };

export function secretariatPages(app: FastifyInstance, s: GrantsServices): void {
  const g = s.grants;
  const guard = (req: FastifyRequest, reply: FastifyReply) => {
    if (toSignIn(req, reply)) return false;
    requireSecretariat(req.actor);
    return true;
  };

  app.get('/grants/manage', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const t = req.t;
    const calls = await g.calls.listCalls();
    const body = html`<p><a href="/grants/reviews">${t.t('grants.review.title')}</a></p>
      ${
        calls.length
          ? html`<ul>${calls.map(
              (c) =>
                html`<li><a href="/grants/manage/calls/${c.id}">${c.title}</a> — ${t.t('grants.call.state', {
                  state: c.state,
                })}</li>`,
            )}</ul>`
          : html`<p>${t.t('grants.calls.none')}</p>`
      }`;
    return sendPage(req, reply, t.t('grants.manage.title'), body);
  });

  app.get<Id>('/grants/manage/calls/:id', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const t = req.t;
    const call = await g.calls.getCall(req.params.id);
    const status = APPLICATION_STATUSES.find((x) => x === req.query.status);
    const all = await g.applications.list(req.actor, { callId: call.id });
    const apps = status ? all.filter((a) => a.status === status) : all;
    const d = await g.awards.dashboard(call.id, req.actor);
    const ranked = await g.reviews.meeting(call.id, req.actor);
    const count = (st: string) => all.filter((a) => a.status === st).length;
    const filter = html`<nav aria-label="${t.t('grants.manage.byStatus')}"><ul>
      <li><a href="/grants/manage/calls/${call.id}"${status ? '' : html` aria-current="page"`}>${t.t(
        'grants.manage.all',
        { count: all.length },
      )}</a></li>
      ${APPLICATION_STATUSES.map(
        (st) =>
          html`<li><a href="/grants/manage/calls/${call.id}?status=${st}"${
            st === status ? html` aria-current="page"` : ''
          }>${t.t('grants.app.status', { status: st })} (${count(st)})</a></li>`,
      )}</ul></nav>`;
    const orgNames = new Map<string, string>();
    for (const a of apps)
      if (!orgNames.has(a.organisationId))
        orgNames.set(a.organisationId, (await g.calls.getOrganisation(a.organisationId, req.actor)).legalName);
    const rows = apps.map(
      (a) => html`<tr><td><a href="/grants/manage/applications/${a.id}">${a.content.title}</a></td>
        <td>${orgNames.get(a.organisationId)}</td><td>${t.t('grants.app.status', { status: a.status })}</td>
        <td>${a.submittedAt ?? ''}</td></tr>`,
    );
    const scores = ranked.map(
      (r) => html`<tr><td><a href="/grants/manage/applications/${r.applicationId}">${r.title}</a></td>
        <td>${r.mean ?? '—'}</td><td>${r.spread ?? '—'}</td><td>${r.reviews}</td>
        <td>${r.flags.map((f) => t.t('grants.manage.flag', { flag: f })).join(', ')}</td></tr>`,
    );
    const body = html`<p><a href="/grants/calls/${call.id}">${t.t('grants.manage.publicPage')}</a> ·
        <a href="/api/v1/grants/calls/${call.id}/applications.csv">${t.t('grants.manage.csv')}</a></p>
      <p>${t.t('grants.manage.figures', {
        applications: d.applications,
        rate: d.successRate === null ? '—' : `${Math.round(d.successRate * 100)}%`,
        requested: `${d.currency} ${d.requested.toLocaleString(t.intl ?? 'en')}`,
        awarded: `${d.currency} ${d.awarded.toLocaleString(t.intl ?? 'en')}`,
      })}</p>
      ${filter}
      <div class="table-wrap"><table class="data"><caption>${t.t('grants.manage.applications')}</caption>
        <thead><tr><th scope="col">${t.t('grants.form.title')}</th>
        <th scope="col">${t.t('grants.app.organisation')}</th>
        <th scope="col">${t.t('grants.manage.status')}</th>
        <th scope="col">${t.t('grants.manage.submitted')}</th></tr></thead>
        <tbody>${rows}</tbody></table></div>
      <h2>${t.t('grants.manage.scores')}</h2>
      ${
        scores.length
          ? html`<div class="table-wrap"><table class="data"><caption>${t.t('grants.manage.scoresCaption')}</caption>
            <thead><tr><th scope="col">${t.t('grants.form.title')}</th><th scope="col">${t.t('grants.manage.mean')}</th>
            <th scope="col">${t.t('grants.manage.spread')}</th><th scope="col">${t.t('grants.manage.reviews')}</th>
            <th scope="col">${t.t('grants.manage.flags')}</th></tr></thead><tbody>${scores}</tbody></table></div>`
          : html`<p>${t.t('grants.manage.noScores')}</p>`
      }`;
    return sendPage(req, reply, call.title, body);
  });

  const appPage = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    f: Form,
    e: AppError | null,
  ) => {
    const t = req.t;
    const a = await g.applications.get(req.params.id, req.actor);
    const org = await g.calls.getOrganisation(a.organisationId, req.actor);
    const elig = await g.applications.eligibility(a.id, req.actor);
    const panel = await g.panel.panel(a.id, req.actor);
    const award = await g.awards.get(a.id, req.actor).catch(() => null);
    const call = await g.calls.getCall(a.callId);
    const attachments = (await g.attachments.catalogue(a.id, req.actor)).attachments;
    const csrf = reply.generateCsrf();
    const body = html`${errorBox(t, e)}
      <p><strong>${t.t('grants.app.status', { status: a.status })}</strong> ·
        ${t.t('grants.app.revision', { revision: a.revision })} ·
        ${t.t('grants.app.organisation')}: ${org.legalName}</p>
      ${a.decisionReason ? html`<p>${t.t('grants.app.reason')}: ${a.decisionReason}</p>` : ''}
      <p><a href="/grants/applications/${a.id}">${t.t('grants.manage.asApplicant')}</a> ·
        <a href="/grants/manage/calls/${a.callId}">${t.t('grants.manage.backToCall')}</a></p>
      <h2>${t.t('grants.manage.eligibility')}</h2>
      <ul>${elig.current.map((r) => html`<li>${r.passed ? '✓' : '✗'} ${t.t(`grants.rule.${r.rule}`)}</li>`)}</ul>
      ${attachmentsPart(t, call, a.id, attachments, null)}
      ${decisionForm(t, csrf, a.id, f)}
      ${panelSection(t, csrf, a.id, panel, f)}
      ${awardSection(t, csrf, a, award, f)}`;
    return sendPage(req, reply, a.content.title, body, e?.status ?? 200);
  };

  app.get<Id>('/grants/manage/applications/:id', async (req, reply) =>
    guard(req, reply) ? appPage(req, reply, {}, null) : reply,
  );

  /** Each of the application page's forms: run the move, come back to the page (or show the refusal on it). */
  const post = (path: string, run: (req: FastifyRequest<Sub>, f: Form) => Promise<unknown>) =>
    app.post<Sub>(path, { preHandler: app.csrfProtection }, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const f = req.body ?? {};
      try {
        await run(req, f);
      } catch (e) {
        return appPage(req, reply, f, formError(e));
      }
      return reply.redirect(`/grants/manage/applications/${req.params.id}`, 303);
    });

  post('/grants/manage/applications/:id/decision', (req, f) =>
    g.decisions.decide(req.params.id, { to: f.to as 'eligible', reason: f.reason ?? '' }, req.actor),
  );
  post('/grants/manage/applications/:id/reviewers', (req, f) =>
    g.panel.assignByEmail(req.params.id, f.reviewer ?? '', req.actor),
  );
  post('/grants/manage/applications/:id/award', (req, f) => g.awards.award(req.params.id, awardInput(f), req.actor));
  post('/grants/manage/applications/:id/tranches/:sub/release', (req) =>
    g.awards.releaseTranche(req.params.id, Number(req.params.sub), req.actor),
  );
  post('/grants/manage/applications/:id/reports/:sub/received', (req) =>
    g.awards.receiveReport(req.params.sub, req.actor),
  );
  post('/grants/manage/applications/:id/reports/:sub/approve', (req) =>
    g.awards.approveReport(req.params.sub, req.actor),
  );
}

/** The award form: amount, agreement, signature date; tranches `date; amount` and reports `kind; date`, one a line. */
export function awardInput(f: Form) {
  const lines = (v: string | undefined) =>
    (v ?? '')
      .split('\n')
      .map((l) => l.split(';').map((x) => x.trim()))
      .filter((l) => l.join('') !== '');
  return {
    amount: Number(f.amount),
    currency: f.currency ?? '',
    agreementRef: f.agreementRef ?? '',
    signedOn: f.signedOn ?? '',
    tranches: lines(f.tranches).map(([dueOn, amount]) => ({ dueOn: dueOn ?? '', amount: Number(amount) })),
    reports: lines(f.reports).map(([kind, dueOn]) => ({ kind: kind ?? '', dueOn: dueOn ?? '' })),
  };
}
