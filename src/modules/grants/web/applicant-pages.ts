/**
 * The applicant's forms: register an organisation, start an application to a call, edit it (a draft,
 * or after a request for information) and submit it. Server-rendered, each POST with a CSRF token; a
 * refused input shows the form again with the error naming the field, and nothing is written.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../kernel/errors.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { LEGAL_STATUSES, type ApplicationContent, type Call } from '../domain/schemas.ts';
import type { GrantsServices } from '../services/grants-services.ts';

type Form = Record<string, string | undefined>;
type Upload = {
  type?: string;
  filename?: string;
  mimetype?: string;
  toBuffer?: () => Promise<Buffer>;
  file?: { truncated?: boolean };
};
type Id = { Params: { id: string }; Body: Form };

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Budget lines, one a line: `year; category; amount`. */
function budgetOf(v: string | undefined) {
  return (v ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [year, category, amount] = l.split(';').map((x) => x.trim());
      return { year: Number(year), category: category ?? '', amount: Number(amount) };
    });
}

function contentOf(f: Form, call: Call) {
  return {
    title: f.title ?? '',
    summary: f.summary ?? '',
    countries: list(f.countries).map((c) => c.toUpperCase()),
    themes: list(f.themes),
    durationYears: Number(f.durationYears),
    currency: call.currency,
    budget: budgetOf(f.budget),
    answers: Object.fromEntries(call.questions.map((q) => [q.id, f[`answer_${q.id}`] ?? ''])),
  };
}

function errorBox(t: Translator, e: unknown): SafeHtml | '' {
  if (!(e instanceof AppError)) return '';
  return html`<div role="alert" class="error"><p>${t.t('grants.form.error')}</p><p>${e.message}</p></div>`;
}

const text = (id: string, value: string) => html`<input id="${id}" name="${id}" value="${value}">`;
const area = (id: string, value: string, rows: number) =>
  html`<textarea id="${id}" name="${id}" rows="${rows}">${value}</textarea>`;
const field = (id: string, label: string, input: SafeHtml) =>
  html`<p><label for="${id}">${label}</label><br>${input}</p>`;

function applicationForm(
  t: Translator,
  csrf: string,
  call: Call,
  action: string,
  orgs: { id: string; legalName: string }[] | null,
  v: Partial<ApplicationContent>,
  error: SafeHtml | '',
): SafeHtml {
  const budget = (v.budget ?? []).map((l) => `${l.year}; ${l.category}; ${l.amount}`).join('\n');
  return html`${error}<form method="post" action="${action}">
    <input type="hidden" name="_csrf" value="${csrf}">
    ${
      orgs
        ? field(
            'organisationId',
            t.t('grants.app.organisation'),
            html`<select id="organisationId" name="organisationId">${orgs.map(
              (o) => html`<option value="${o.id}">${o.legalName}</option>`,
            )}</select>`,
          )
        : ''
    }
    ${field('title', t.t('grants.form.title'), text('title', v.title ?? ''))}
    ${field('summary', t.t('grants.app.summary'), area('summary', v.summary ?? '', 5))}
    ${field('countries', t.t('grants.form.countries'), text('countries', (v.countries ?? []).join(', ')))}
    ${field('themes', t.t('grants.form.themes'), text('themes', (v.themes ?? []).join(', ')))}
    ${field(
      'durationYears',
      t.t('grants.form.duration', { max: call.maxYears }),
      html`<input id="durationYears" name="durationYears" type="number" min="1" max="10"
        value="${v.durationYears ?? 1}">`,
    )}
    ${field(
      'budget',
      t.t('grants.form.budget', { currency: call.currency, cap: call.capPerYear }),
      html`<textarea id="budget" name="budget" rows="5">${budget}</textarea>`,
    )}
    ${call.questions.map((q) =>
      field(
        `answer_${q.id}`,
        q.text,
        html`<textarea id="answer_${q.id}" name="answer_${q.id}" rows="3">${v.answers?.[q.id] ?? ''}</textarea>`,
      ),
    )}
    <p><button type="submit">${t.t('grants.form.save')}</button></p>
  </form>`;
}

export function applicantPages(app: FastifyInstance, s: GrantsServices): void {
  const { calls, applications } = s.grants;
  const signIn = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.actor.kind !== 'anonymous') return false;
    void reply.redirect(`/login?next=${encodeURIComponent(req.url.split('?')[0]!)}`, 303);
    return true;
  };
  const send = (req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('x-frame-options', 'DENY')
      .send(page(req.t, { title }, html`<h1>${title}</h1>${body}`));

  const orgForm = (req: FastifyRequest, reply: FastifyReply, f: Form, e: unknown) => {
    const t = req.t;
    const csrf = reply.generateCsrf();
    const input = (id: string, type = 'text') =>
      html`<input id="${id}" name="${id}" type="${type}" value="${f[id] ?? ''}">`;
    const body = html`${errorBox(t, e)}<form method="post" action="/grants/organisations">
      <input type="hidden" name="_csrf" value="${csrf}">
      ${field('legalName', t.t('grants.org.legalName'), input('legalName'))}
      ${field(
        'legalStatus',
        t.t('grants.org.legalStatus'),
        html`<select id="legalStatus" name="legalStatus">${LEGAL_STATUSES.map(
          (st) =>
            html`<option value="${st}"${f.legalStatus === st ? ' selected' : ''}>${t.t('grants.org.status', {
              status: st,
            })}</option>`,
        )}</select>`,
      )}
      ${field('registrationNumber', t.t('grants.org.registrationNumber'), input('registrationNumber'))}
      ${field('registrationCountry', t.t('grants.org.registrationCountry'), input('registrationCountry'))}
      ${field('contactEmail', t.t('grants.org.contactEmail'), input('contactEmail', 'email'))}
      ${field('timeZone', t.t('grants.org.timeZone'), input('timeZone'))}
      <p><button type="submit">${t.t('grants.org.register')}</button></p>
    </form>`;
    return send(req, reply, t.t('grants.org.title'), body, e ? (e as AppError).status : 200);
  };

  app.get('/grants/organisations/new', async (req, reply) =>
    signIn(req, reply) ? reply : orgForm(req, reply, {}, null),
  );
  app.post<{ Body: Form }>('/grants/organisations', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (signIn(req, reply)) return reply;
    const f = req.body ?? {};
    try {
      const { _csrf: _c, timeZone, ...rest } = f;
      await calls.registerOrganisation({ ...rest, ...(timeZone ? { timeZone } : {}) }, req.actor);
    } catch (e) {
      if (e instanceof AppError && e.status < 500 && e.code !== 'FORBIDDEN') return orgForm(req, reply, f, e);
      throw e;
    }
    return reply.redirect('/grants/applications', 303);
  });

  const applyForm = async (
    req: FastifyRequest<Id>,
    reply: FastifyReply,
    v: Partial<ApplicationContent>,
    e: unknown,
  ) => {
    const call = await calls.getCall(req.params.id);
    const orgs = await calls.myOrganisations(req.actor);
    const body = applicationForm(
      req.t,
      reply.generateCsrf(),
      call,
      `/grants/calls/${call.id}/apply`,
      orgs,
      v,
      errorBox(req.t, e),
    );
    return send(req, reply, req.t.t('grants.form.apply', { call: call.title }), body, e ? (e as AppError).status : 200);
  };
  app.get<Id>('/grants/calls/:id/apply', async (req, reply) =>
    signIn(req, reply) ? reply : applyForm(req, reply, {}, null),
  );
  app.post<Id>('/grants/calls/:id/apply', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (signIn(req, reply)) return reply;
    const call = await calls.getCall(req.params.id);
    const content = contentOf(req.body ?? {}, call);
    try {
      const a = await applications.createDraft(
        { ...content, callId: call.id, organisationId: req.body?.organisationId },
        req.actor,
      );
      return reply.redirect(`/grants/applications/${a.id}`, 303);
    } catch (e) {
      if (e instanceof AppError && ['VALIDATION_FAILED', 'CONFLICT'].includes(e.code))
        return applyForm(req, reply, content, e);
      throw e;
    }
  });

  const editForm = async (
    req: FastifyRequest<Id>,
    reply: FastifyReply,
    v: Partial<ApplicationContent> | null,
    e: unknown,
  ) => {
    const a = await applications.own(req.params.id, req.actor);
    const call = await calls.getCall(a.callId);
    const action = `/grants/applications/${a.id}/edit`;
    const body = applicationForm(req.t, reply.generateCsrf(), call, action, null, v ?? a.content, errorBox(req.t, e));
    return send(req, reply, a.content.title, body, e ? (e as AppError).status : 200);
  };
  app.get<Id>('/grants/applications/:id/edit', async (req, reply) =>
    signIn(req, reply) ? reply : editForm(req, reply, null, null),
  );
  app.post<Id>('/grants/applications/:id/edit', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (signIn(req, reply)) return reply;
    const a = await applications.get(req.params.id, req.actor);
    const content = contentOf(req.body ?? {}, await calls.getCall(a.callId));
    try {
      await applications.save(a.id, content, req.actor);
      return reply.redirect(`/grants/applications/${a.id}`, 303);
    } catch (e) {
      if (e instanceof AppError && ['VALIDATION_FAILED', 'CONFLICT'].includes(e.code))
        return editForm(req, reply, content, e);
      throw e;
    }
  });
  // An attachment uploaded from the application page (multipart; the CSRF token is one of its parts).
  app.post<{ Params: { id: string } }>(
    '/grants/applications/:id/attachments',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      if (signIn(req, reply)) return reply;
      const a = await applications.own(req.params.id, req.actor);
      const body = (req.body ?? {}) as { requirement?: { value?: unknown }; file?: Upload };
      const file = body.file;
      const requirement = typeof body.requirement?.value === 'string' ? body.requirement.value : '';
      try {
        if (!file || file.type !== 'file' || !file.filename || !file.toBuffer)
          throw new AppError('VALIDATION_FAILED', req.t.t('grants.attach.choose'), [
            { path: 'file', message: 'required' },
          ]);
        const bytes = await file.toBuffer();
        if (file.file?.truncated)
          throw new AppError('PAYLOAD_TOO_LARGE', req.t.t('grants.attach.tooLarge', { file: file.filename }), [
            { path: 'file', message: 'too large' },
          ]);
        await s.grants.attachments.attach(
          a.id,
          { requirement, filename: file.filename, declaredType: file.mimetype, bytes },
          req.actor,
        );
      } catch (e) {
        if (!(e instanceof AppError) || ![400, 409, 413, 415].includes(e.status)) throw e;
        const back = html`${errorBox(req.t, e)}<p><a href="/grants/applications/${a.id}">${a.content.title}</a></p>`;
        return send(req, reply, a.content.title, back, e.status);
      }
      return reply.redirect(`/grants/applications/${a.id}`, 303);
    },
  );
  app.post<Id>('/grants/applications/:id/submit', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (signIn(req, reply)) return reply;
    try {
      await applications.submit(req.params.id, req.actor, req.t.locale);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'CONFLICT') throw e;
      const a = await applications.get(req.params.id, req.actor);
      return send(
        req,
        reply,
        a.content.title,
        html`${errorBox(req.t, e)}<p><a href="/grants/applications/${a.id}">${a.content.title}</a></p>`,
        409,
      );
    }
    return reply.redirect(`/grants/applications/${req.params.id}`, 303);
  });
}
