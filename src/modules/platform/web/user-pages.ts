/** The administrators' users page: the list with role and state changes, and the form to add a user. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { ROLES, type User } from '../domain/accounts.ts';
import type { AccountService } from '../services/account-service.ts';
import { withNotice, type PageKit } from './editor-kit.ts';
import { errorFor, fieldErrors, invalid, issueText, str, when, type Body } from './form-parts.ts';

function userState(u: User): 'disabled' | 'locked' | 'active' {
  if (u.disabled) return 'disabled';
  return u.lockedUntil && u.lockedUntil > new Date().toISOString() ? 'locked' : 'active';
}

function userRow(t: Translator, u: User, csrf: string): SafeHtml {
  const roles = ROLES.map(
    (r) => html`<option value="${r}" ${r === u.role ? 'selected' : ''}>${t.t(`platform.role.${r}`)}</option>`,
  );
  return html`<tr><td>${u.email}</td><td>${u.name ?? ''}</td><td>${t.t(`platform.role.${u.role}`)}</td>\
<td>${t.t(`platform.users.state.${userState(u)}`)}</td>\
<td>${u.lastLoginAt ? when(u.lastLoginAt) : t.t('platform.never')}</td>
<td><form method="post" action="/admin/users/${u.id}" class="inline"><input type="hidden" name="_csrf" value="${csrf}">
<label class="skip" for="role-${u.id}">${t.t('platform.users.roleOf', { email: u.email })}</label>\
<select id="role-${u.id}" name="role">${roles}</select>
<select name="disabled" aria-label="${t.t('platform.users.stateOf', { email: u.email })}">\
<option value="false" ${u.disabled ? '' : 'selected'}>${t.t('platform.users.state.active')}</option>\
<option value="true" ${u.disabled ? 'selected' : ''}>${t.t('platform.users.state.disabled')}</option></select>
<button type="submit">${t.t('platform.users.save')}</button></form></td></tr>`;
}

function addUserForm(t: Translator, errors: FieldIssue[], form: Body, csrf: string): SafeHtml {
  const roles = ROLES.map(
    (r) =>
      html`<option value="${r}" ${str(form.role) === r ? 'selected' : ''}>${t.t(
        `platform.roleDescription.${r}`,
      )}</option>`,
  );
  return html`<h2>${t.t('platform.users.add')}</h2>
${fieldErrors(t, errors)}
<form method="post" action="/admin/users" class="narrow"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="email">${t.t('platform.field.email')}</label><br>\
<input id="email" name="email" type="email" required\
 value="${str(form.email)}"${invalid(errors, 'email')}>${errorFor(t, errors, 'email')}</p>
<p><label for="name">${t.t('platform.field.name')}</label><br>\
<input id="name" name="name" value="${str(form.name)}"${invalid(errors, 'name')}>${errorFor(t, errors, 'name')}</p>
<p><label for="role">${t.t('platform.field.role')}</label><br>\
<select id="role" name="role"${invalid(errors, 'role')}>${roles}</select>${errorFor(t, errors, 'role')}</p>
<p><label for="password">${t.t('platform.users.initialPassword')}</label><br>\
<input id="password" name="password" type="password" autocomplete="new-password"\
 required${invalid(errors, 'password')}>${errorFor(t, errors, 'password')}</p>
<p><button type="submit">${t.t('platform.users.addSubmit')}</button></p></form>`;
}

/** Why a change to an existing user was refused (shown above the table, not beside the "add" form). */
function rowErrorText(t: Translator, e: AppError): string {
  const first = Array.isArray(e.details) ? (e.details[0] as FieldIssue | undefined) : undefined;
  if (first?.message === 'would leave no administrator') return t.t('platform.users.lastAdmin');
  return first ? issueText(t, first) : t.t('platform.error.invalid');
}

export function userPages(app: FastifyInstance, deps: { accounts: AccountService; kit: PageKit }): void {
  const { accounts, kit } = deps;

  const usersPage = async (req: FastifyRequest, errors: FieldIssue[], form: Body, rowError: string | null = null) => {
    const users = await accounts.listUsers(req.actor);
    const t = req.t;
    return (csrf: string) => html`<h1>${t.t('platform.users.title')}</h1>
${rowError ? html`<p class="form-error" role="alert">${rowError}</p>` : ''}
<table class="data"><thead><tr><th>${t.t('platform.field.email')}</th><th>${t.t('platform.field.name')}</th>\
<th>${t.t('platform.field.role')}</th><th>${t.t('platform.users.state')}</th>\
<th>${t.t('platform.users.lastSignIn')}</th><th>${t.t('platform.users.change')}</th></tr></thead><tbody>
${users.map((u) => userRow(t, u, csrf))}
</tbody></table>
${addUserForm(t, errors, form, csrf)}`;
  };

  app.get('/admin/users', { schema: { hide: true } }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    return kit.send(req, reply, req.t.t('platform.users.title'), await usersPage(req, [], {}));
  });

  app.post('/admin/users', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    const b = (req.body ?? {}) as Body;
    try {
      await accounts.createUser(
        { email: str(b.email), name: str(b.name).trim() || null, role: str(b.role), password: str(b.password) },
        req.actor,
      );
      return reply.redirect(withNotice('/admin/users', 'user-added', { email: str(b.email) }), 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
      const body = await usersPage(req, e.details as FieldIssue[], b);
      return kit.send(req, reply, req.t.t('platform.users.title'), body, e.status);
    }
  });

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!kit.user(req, reply)) return reply;
      const b = (req.body ?? {}) as Body;
      try {
        const change = { role: str(b.role), disabled: str(b.disabled) === 'true' };
        const u = await accounts.updateUser(req.params.id, change, req.actor);
        return reply.redirect(withNotice('/admin/users', 'user-saved', { email: u.email }), 303);
      } catch (e) {
        if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
        const body = await usersPage(req, [], {}, rowErrorText(req.t, e));
        return kit.send(req, reply, req.t.t('platform.users.title'), body, e.status);
      }
    },
  );
}
