/**
 * The reviewer's pages: the applications assigned to them, the declaration of conflicts of interest
 * (asked before anything of an application is shown), the application as a reviewer reads it (blind
 * when the call says so) and the scoring form with the call's rubric. Server-rendered, no script.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../kernel/errors.ts';
import { html } from '../../../kernel/web/html.ts';
import type { GrantsServices } from '../services/grants-services.ts';
import { attachmentsPart } from './attachments-part.ts';
import { budgetTable } from './budget.ts';
import { button, csrfField, errorBox, field, formError, sendPage, textArea, toSignIn, type Form } from './parts.ts';

type Id = { Params: { id: string }; Body: Form; Querystring: { done?: string } };

export function reviewerPages(app: FastifyInstance, s: GrantsServices): void {
  const { reviews, calls } = s.grants;

  app.get<Id>('/grants/reviews', async (req, reply) => {
    if (toSignIn(req, reply)) return reply;
    const t = req.t;
    const waiting = await reviews.awaitingDeclaration(req.actor);
    const ready = await reviews.assignedToMe(req.actor);
    const notice = req.query.done === 'recused' ? html`<p role="status">${t.t('grants.declare.recused')}</p>` : '';
    const body = html`${notice}
      <h2>${t.t('grants.review.waiting')}</h2>
      ${
        waiting.length
          ? html`<ul>${waiting.map(
              (w) =>
                html`<li><a href="/grants/reviews/${w.applicationId}/declaration">${t.t('grants.review.declareFor', {
                  id: w.applicationId,
                })}</a> — ${w.callTitle}</li>`,
            )}</ul>`
          : html`<p>${t.t('grants.review.noneWaiting')}</p>`
      }
      <h2>${t.t('grants.review.ready')}</h2>
      ${
        ready.length
          ? html`<ul>${ready.map((v) => html`<li><a href="/grants/reviews/${v.id}">${v.content.title}</a></li>`)}</ul>`
          : html`<p>${t.t('grants.review.noneReady')}</p>`
      }`;
    return sendPage(req, reply, t.t('grants.review.title'), body);
  });

  const declarationPage = async (req: FastifyRequest<Id>, reply: FastifyReply, f: Form, e: AppError | null) => {
    const t = req.t;
    const d = await reviews.declarationView(req.params.id, req.actor);
    const who = d.organisations
      ? html`<p>${t.t('grants.declare.applicants')}</p><ul>${d.organisations.map((o) => html`<li>${o}</li>`)}</ul>`
      : html`<p>${t.t('grants.declare.blind')}</p>`;
    const done = d.declaredAt
      ? html`<p role="status">${t.t('grants.declare.done')}
          <a href="/grants/reviews/${d.applicationId}">${t.t('grants.declare.open')}</a></p>`
      : '';
    const radio = (value: 'no' | 'yes') =>
      html`<p><input type="radio" id="conflict-${value}" name="conflict" value="${value}"${
        f.conflict === value ? ' checked' : ''
      }> <label for="conflict-${value}">${t.t(`grants.declare.${value}`)}</label></p>`;
    const body = html`${errorBox(t, e)}${done}
      <p>${t.t('grants.declare.call', { call: d.callTitle, id: d.applicationId })}</p>
      ${who}
      <form method="post" action="/grants/reviews/${d.applicationId}/declaration">${csrfField(reply.generateCsrf())}
        <fieldset><legend>${t.t('grants.declare.question')}</legend>${radio('no')}${radio('yes')}</fieldset>
        ${field('reason', t.t('grants.declare.reason'), textArea('reason', f.reason ?? ''))}
        <p>${button(t.t('grants.declare.submit'))}</p>
      </form>`;
    return sendPage(req, reply, t.t('grants.declare.title'), body, e?.status ?? 200);
  };

  app.get<Id>('/grants/reviews/:id/declaration', async (req, reply) =>
    toSignIn(req, reply) ? reply : declarationPage(req, reply, {}, null),
  );
  app.post<Id>('/grants/reviews/:id/declaration', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (toSignIn(req, reply)) return reply;
    const f = req.body ?? {};
    try {
      if (f.conflict !== 'yes' && f.conflict !== 'no')
        throw new AppError('VALIDATION_FAILED', req.t.t('grants.declare.choose'), [
          { path: 'conflict', message: 'required' },
        ]);
      await reviews.declare(req.params.id, { conflict: f.conflict === 'yes', reason: f.reason ?? '' }, req.actor);
    } catch (e) {
      return declarationPage(req, reply, f, formError(e));
    }
    return reply.redirect(
      f.conflict === 'yes' ? '/grants/reviews?done=recused' : `/grants/reviews/${req.params.id}`,
      303,
    );
  });

  const reviewPage = async (req: FastifyRequest<Id>, reply: FastifyReply, f: Form, e: AppError | null) => {
    const t = req.t;
    let v;
    try {
      v = await reviews.view(req.params.id, req.actor);
    } catch (err) {
      if (err instanceof AppError && (err.details as { reason?: string } | null)?.reason === 'declaration_required')
        return reply.redirect(`/grants/reviews/${req.params.id}/declaration`, 303);
      throw err;
    }
    const call = await calls.getCall(v.callId);
    const who = v.organisation ? v.organisation.legalName : t.t('grants.app.hidden');
    const answers = call.questions.map(
      (q) => html`<dt>${q.text}</dt><dd>${v.content.answers[q.id] ?? t.t('grants.review.unanswered')}</dd>`,
    );
    const options = (id: string) =>
      html`<option value="">${t.t('grants.review.choose')}</option><option value="na"${
        f[`score_${id}`] === 'na' ? ' selected' : ''
      }>${t.t('grants.review.na')}</option>${[0, 1, 2, 3, 4, 5].map(
        (n) => html`<option value="${n}"${f[`score_${id}`] === String(n) ? ' selected' : ''}>${n}</option>`,
      )}`;
    const saved = req.query.done === 'saved' ? html`<p role="status">${t.t('grants.review.saved')}</p>` : '';
    const body = html`${saved}${errorBox(t, e)}
      <p>${t.t('grants.app.organisation')}: ${who} · ${t.t('grants.app.revision', { revision: v.revision })}</p>
      <h2>${t.t('grants.app.summary')}</h2><p>${v.content.summary}</p>
      <p>${t.t('grants.form.countries')}: ${v.content.countries.join(', ')}</p>
      <p>${t.t('grants.form.themes')}: ${v.content.themes.join(', ')}</p>
      ${answers.length ? html`<h2>${t.t('grants.call.criteria')}</h2><dl>${answers}</dl>` : ''}
      ${budgetTable(t, v.content.budget, v.content.currency)}
      ${attachmentsPart(t, call, v.id, v.attachments, null)}
      <h2>${t.t('grants.review.formTitle')}</h2>
      <form method="post" action="/grants/reviews/${v.id}">${csrfField(reply.generateCsrf())}
        ${call.rubric.map((c) =>
          field(
            `score_${c.id}`,
            t.t('grants.review.criterion', { label: c.label, weight: c.weight }),
            html`<select id="score_${c.id}" name="score_${c.id}">${options(c.id)}</select>`,
          ),
        )}
        ${field('comment', t.t('grants.review.comment'), textArea('comment', f.comment ?? '', 5))}
        <p>${button(t.t('grants.review.submit'))}</p>
      </form>`;
    return sendPage(req, reply, v.content.title, body, e?.status ?? 200);
  };

  app.get<Id>('/grants/reviews/:id', async (req, reply) =>
    toSignIn(req, reply) ? reply : reviewPage(req, reply, {}, null),
  );
  app.post<Id>('/grants/reviews/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (toSignIn(req, reply)) return reply;
    const f = req.body ?? {};
    const scores: Record<string, number | null> = {};
    for (const [k, val] of Object.entries(f))
      if (k.startsWith('score_') && val) scores[k.slice(6)] = val === 'na' ? null : Number(val);
    try {
      await reviews.submitReview(req.params.id, { scores, comment: f.comment ?? '' }, req.actor);
    } catch (e) {
      return reviewPage(req, reply, f, formError(e));
    }
    return reply.redirect(`/grants/reviews/${req.params.id}?done=saved`, 303);
  });
}
