/** The administrators' audit log: every write, sign-in and permission change, filterable, exportable. */
import type { FastifyInstance } from 'fastify';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { AuditService } from '../services/audit-service.ts';
import type { PageKit } from './editor-kit.ts';
import { str, type Body } from './form-parts.ts';

type AuditPage = Awaited<ReturnType<AuditService['list']>>;

function auditRows(page: AuditPage): SafeHtml[] {
  return page.items.map(
    (e) =>
      html`<tr><td>${e.at.slice(0, 19).replace('T', ' ')}</td><td>${e.actorLabel}</td><td>${e.action}</td>\
<td>${e.targetType ? `${e.targetType} ${e.targetId}` : ''}</td><td><code>${JSON.stringify(e.details)}</code></td>\
<td>${e.ip ?? ''}</td></tr>`,
  );
}

function auditBody(t: Translator, page: AuditPage, action: string | undefined): SafeHtml {
  const csv = html`<a href="/api/v1/audit?format=csv">${t.t('platform.audit.csv')}</a>`;
  const jsonl = html`<a href="/api/v1/audit?format=jsonl">${t.t('platform.audit.jsonl')}</a>`;
  const filter = action ? `&action=${encodeURIComponent(action)}` : '';
  const older = page.nextBefore
    ? html`<p><a href="/admin/audit?before=${page.nextBefore}${filter}">${t.t('platform.audit.older')}</a></p>`
    : '';
  return html`<h1>${t.t('platform.audit.title')}</h1>
<p>${t.t('platform.audit.intro')} ${t.t('platform.audit.export')} ${csv} · ${jsonl}</p>
<form method="get" action="/admin/audit"><label for="action">${t.t('platform.audit.action')}</label> \
<input id="action" name="action" value="${action ?? ''}" placeholder="${t.t('platform.audit.actionExample')}"> \
<button type="submit">${t.t('platform.audit.filter')}</button></form>
<table class="data"><thead><tr><th>${t.t('platform.audit.when')}</th><th>${t.t('platform.audit.who')}</th>\
<th>${t.t('platform.audit.action')}</th><th>${t.t('platform.audit.target')}</th>\
<th>${t.t('platform.audit.details')}</th><th>${t.t('platform.audit.address')}</th></tr></thead><tbody>
${auditRows(page)}
</tbody></table>
${older}`;
}

export function auditPage(app: FastifyInstance, deps: { audit: AuditService; kit: PageKit }): void {
  const { audit, kit } = deps;
  app.get('/admin/audit', { schema: { hide: true } }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    const q = req.query as Body;
    const before = Number(str(q.before)) || undefined;
    const action = str(q.action) || undefined;
    const page = await audit.list({ limit: 100, beforeId: before, action }, req.actor);
    return kit.send(req, reply, req.t.t('platform.audit.title'), () => auditBody(req.t, page, action));
  });
}
