/** The shell of the editorial pages: never cached, never indexed, with the signed-in user's menu. */
import type { Actor } from '../domain/accounts.ts';
import { can } from '../domain/permissions.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';

export interface EditorPageMeta {
  title: string;
  actor: Actor;
  csrfToken: string;
  /** A notice shown at the top (after a redirect): saved, published ... */
  notice?: string | null;
}

export function editorPage(meta: EditorPageMeta, body: SafeHtml): string {
  const a = meta.actor;
  const signedIn = a.kind === 'user';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<title>${meta.title} · Palermo editor</title>
<link rel="stylesheet" href="/assets/site.css"><link rel="stylesheet" href="/assets/editor.css">
<script src="/assets/editor.js" defer></script>
</head><body class="editor">
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">Palermo</a>
${
  signedIn
    ? html`<nav aria-label="Editor">
<a href="/editor">Review queue</a><a href="/editor/cases/new">New case</a>
${can(a, 'admin.users') ? html`<a href="/admin/users">Users</a><a href="/admin/tokens">API tokens</a><a href="/admin/audit">Audit log</a>` : ''}
<a href="/account">Account</a>
</nav>
<form class="signout" method="post" action="/logout"><input type="hidden" name="_csrf" value="${meta.csrfToken}">
<span class="who">${a.label} (${a.role})</span> <button type="submit">Sign out</button></form>`
    : ''
}
</header>
<main id="main">
${meta.notice ? html`<p class="notice" role="status">${meta.notice}</p>` : ''}
${body}
</main>
<footer class="site"><p>Editorial area. Restricted fields, drafts and review comments never reach the public site or the API's public answers.</p></footer>
</body></html>`.value;
}
