/** The shell of the editorial pages: never cached, never indexed, with the signed-in user's menu. */
import type { Actor } from '../domain/accounts.ts';
import { can } from '../domain/permissions.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { languageSwitcher } from '../../../kernel/web/language-switcher.ts';

export interface EditorPageMeta {
  title: string;
  actor: Actor;
  csrfToken: string;
  /** A notice shown at the top (after a redirect): saved, published ... */
  notice?: string | null;
  t: Translator;
}

function menu(meta: EditorPageMeta): SafeHtml {
  const { actor: a, t } = meta;
  const admin = can(a, 'admin.users')
    ? html`<a href="/admin/users">${t.t('platform.nav.users')}</a>\
<a href="/admin/tokens">${t.t('platform.nav.tokens')}</a><a href="/admin/audit">${t.t('platform.nav.audit')}</a>`
    : '';
  const role = a.role ? t.t(`platform.role.${a.role}`) : '';
  return html`<nav aria-label="${t.t('platform.nav.label')}">
<a href="/editor">${t.t('platform.nav.queue')}</a><a href="/editor/cases/new">${t.t('platform.nav.newCase')}</a>
${admin}
<a href="/account">${t.t('platform.nav.account')}</a>
</nav>
<form class="signout" method="post" action="/logout"><input type="hidden" name="_csrf" value="${meta.csrfToken}">
<span class="who">${t.t('platform.shell.who', { name: a.label, role })}</span> \
<button type="submit">${t.t('platform.shell.signOut')}</button></form>`;
}

export function editorPage(meta: EditorPageMeta, body: SafeHtml): string {
  const { t } = meta;
  return html`<!doctype html>
<html lang="${t.locale}"${t.dir === 'rtl' ? html` dir="rtl"` : ''}><head><meta charset="utf-8">\
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<title>${t.t('platform.shell.title', { title: meta.title })}</title>
<link rel="stylesheet" href="/assets/site.css"><link rel="stylesheet" href="/assets/editor.css">
<script src="/assets/editor.js" defer></script>
</head><body class="editor">
<a class="skip" href="#main">${t.t('platform.shell.skip')}</a>
<header class="site">
${languageSwitcher(t)}
<a class="brand" href="/">${t.t('platform.shell.brand')}</a>
${meta.actor.kind === 'user' ? menu(meta) : ''}
</header>
<main id="main">
${meta.notice ? html`<p class="notice" role="status">${meta.notice}</p>` : ''}
${body}
</main>
<footer class="site"><p>${t.t('platform.shell.footer')}</p></footer>
</body></html>`.value;
}
