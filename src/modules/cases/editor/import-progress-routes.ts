/**
 * The import's progress: a page that refreshes itself without JavaScript (a meta refresh inside
 * <noscript>, so it never fires where the script runs), a JSON status the script polls to move the
 * <progress> bar, and the script itself (a file: the CSP allows no inline script). Only the editor
 * who started the import and administrators see it; anyone else gets 404.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageKit } from '../../platform/index.ts';
import type { Services } from '../services/services.ts';
import type { ImportStatus } from '../services/import-jobs.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { progressPage } from './import-progress-page.ts';

const SCRIPT = readFileSync(new URL('./assets/import-progress.js', import.meta.url), 'utf8');

type Params = { Params: { upload: string } };

/** The batch page of a finished import. */
export function batchUrl(s: ImportStatus): string | null {
  const o = s.outcome;
  if (!o?.ok) return null;
  return `/editor/imports/batches/${o.batch}?created=${o.created}&updated=${o.updated}&warnings=${o.warnings}`;
}

export const percentOf = (s: ImportStatus) =>
  s.state === 'done' ? 100 : s.total ? Math.floor((100 * s.done) / s.total) : 0;

/** One line saying where the import stands (the page's live region, the script's text). */
export function statusText(t: Translator, s: ImportStatus): string {
  const K = 'cases.imports.progress';
  if (s.state === 'done' && s.outcome?.ok) return t.t('cases.imports.imported', s.outcome);
  if (s.state === 'failed') return t.t(`${K}.failed`);
  if (s.phase === 'queued') return t.t(`${K}.queued`);
  return t.t(`${K}.${s.phase}`, { done: s.done, total: s.total, percent: percentOf(s) });
}

export function importProgressRoutes(
  app: FastifyInstance,
  services: Services,
  kit: PageKit,
  allowed: (req: FastifyRequest, reply: FastifyReply) => boolean,
): void {
  app.get('/assets/import-progress.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SCRIPT),
  );

  app.get<Params>('/editor/imports/:upload/progress', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req, reply)) return reply;
    const upload = req.params.upload;
    const s = await services.imports.status(upload, req.actor);
    const { meta } = services.imports.uploads.meta(upload);
    const title = req.t.t('cases.imports.progress.title', { file: meta.fileName });
    const view = { upload, title, status: s, text: statusText(req.t, s), next: batchUrl(s), percent: percentOf(s) };
    return kit.send(req, reply, title, () => progressPage(req.t, view));
  });

  app.get<Params>('/editor/imports/:upload/progress.json', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req, reply)) return reply;
    const s = await services.imports.status(req.params.upload, req.actor);
    return reply.header('cache-control', 'private, no-store').send({
      state: s.state,
      phase: s.phase,
      done: s.done,
      total: s.total,
      percent: percentOf(s),
      message: statusText(req.t, s),
      next: s.state === 'running' ? null : (batchUrl(s) ?? `/editor/imports/${req.params.upload}/progress`),
    });
  });
}
