/** The signed-in user's own page: who they are, and the password change. */
import type { FastifyInstance } from 'fastify';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import type { AccountService } from '../services/account-service.ts';
import { withNotice, type PageKit } from './editor-kit.ts';
import { errorFor, fieldErrors, invalid, str, type Body } from './form-parts.ts';

function passwordForm(t: Translator, label: string, errors: FieldIssue[]) {
  return (csrf: string) =>
    html`<h1>${t.t('platform.account.title')}</h1>
<p>${t.t('platform.account.signedInAs', { name: label })}</p>
<h2>${t.t('platform.account.changePassword')}</h2>
${fieldErrors(t, errors)}
<form method="post" action="/account/password" class="narrow">
<input type="hidden" name="_csrf" value="${csrf}">
<p><label for="current">${t.t('platform.account.current')}</label><br>\
<input id="current" name="current" type="password" autocomplete="current-password"\
 required${invalid(errors, 'current')}>${errorFor(t, errors, 'current')}</p>
<p><label for="password">${t.t('platform.account.new')}</label><br>\
<input id="password" name="password" type="password" autocomplete="new-password" minlength="12"\
 required${invalid(errors, 'password')}>${errorFor(t, errors, 'password')}</p>
<p><button type="submit">${t.t('platform.account.changePassword')}</button></p>
<p class="muted">${t.t('platform.account.note')}</p>
</form>`;
}

export function accountPage(app: FastifyInstance, deps: { accounts: AccountService; kit: PageKit }): void {
  const { accounts, kit } = deps;

  app.get('/account', { schema: { hide: true } }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    return kit.send(req, reply, req.t.t('platform.account.title'), passwordForm(req.t, req.actor.label, []));
  });

  app.post('/account/password', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    const b = (req.body ?? {}) as Body;
    try {
      await accounts.changePassword(req.actor, str(b.current), str(b.password), req.session?.sessionHash);
      return reply.redirect(withNotice('/account', 'password-changed'), 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      const form = passwordForm(req.t, req.actor.label, e.details as FieldIssue[]);
      return kit.send(req, reply, req.t.t('platform.account.title'), form, 400);
    }
  });
}
