/**
 * The editor interface's routes: review queue, case editor (every section), workflow buttons with
 * review comments and the pseudonymisation warnings, history with diffs and restore. Server-rendered
 * forms like the public site; every POST carries a CSRF token; the services decide every right. The
 * pages are drawn by queue-page.ts, case-page.ts and history-pages.ts; notices travel as codes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseRecord } from '../domain/case-schema.ts';
import { contentOf } from '../domain/case-record.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import { can, withNotice, type PageKit } from '../../platform/index.ts';
import type { Services } from '../services/services.ts';
import { diffRecords } from '../services/case-diff.ts';
import { mergeEdits } from '../services/case-merge.ts';
import {
  applyFormOp,
  focusAfterOp,
  keepUneditedFields,
  parseCaseForm,
  renderCaseForm,
  type CaseFormValues,
  type FormError,
  type FormOp,
} from './case-form.ts';
import { caseEditorPage, type CasePageState } from './case-page.ts';
import { queuePage } from './queue-page.ts';
import { historyPage, versionPage } from './history-pages.ts';
import {
  commentErrorText,
  documentErrorText,
  restoreErrorText,
  saveErrors,
  size,
  transitionErrorText,
} from './editor-text.ts';

type Body = Record<string, unknown>;
type P = { Params: { id: string } };
type PV = { Params: { id: string; version: string } };
type Upload = {
  type?: string;
  filename?: string;
  mimetype?: string;
  toBuffer?: () => Promise<Buffer>;
  file?: { truncated?: boolean };
};
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const refused = (e: unknown, ...codes: string[]): e is AppError => e instanceof AppError && codes.includes(e.code);

const EMPTY_CASE: CaseFormValues = {
  case: {
    title: '',
    jurisdiction: '',
    identifiers: [],
    proceedings: [],
    narratives: { en: { facts: null, reasoning: null, commentary: null, crossCutting: null } },
    victims: [],
    defendants: [],
    tags: { acts: [], means: [], purposes: [], forms: [], sectors: [], offences: [] },
    sources: [],
    provenance: { source: null, importBatch: null, original: {} },
  },
  restricted: { internalNotes: null, sourceContacts: null },
};

function formValues(rec: CaseRecord, restricted: CaseFormValues['restricted']): CaseFormValues {
  const { status: _s, ...content } = contentOf(rec);
  return { case: content as unknown as Record<string, unknown>, restricted, version: rec.version };
}

const contentWithoutStatus = (rec: CaseRecord) => {
  const { status: _s, ...c } = contentOf(rec);
  return c as unknown as Record<string, unknown>;
};

/** The new-case page: the empty (or refused) form. */
function newCasePage(t: Translator, values: CaseFormValues, errors: FormError[], focus: string | null = null) {
  const submitLabel = t.t('cases.editor.new.save');
  return (csrf: string) =>
    html`<h1>${t.t('cases.editor.new.title')}</h1>
<p class="muted">${t.t('cases.editor.new.intro')}</p>
${renderCaseForm({ t, action: '/editor/cases/new', values, errors, csrfToken: csrf, submitLabel, focus })}`;
}

/**
 * Applies an add/remove-row button. A refused one (no language chosen, a row that is gone) comes back
 * as an error beside the control, with everything typed kept, instead of an error page.
 */
function rowOp(
  values: CaseFormValues,
  op: FormOp,
): { values: CaseFormValues; errors: FormError[]; focus: string | null } {
  try {
    const next = applyFormOp(values, op);
    return { values: next, errors: [], focus: focusAfterOp(next, op) };
  } catch (e) {
    if (!refused(e, 'VALIDATION_FAILED', 'BAD_REQUEST')) throw e;
    // A row that is gone is no field's fault: the message goes to the summary.
    const errors = saveErrors(e).map((x) => (x.path === '_op' ? { ...x, path: '' } : x));
    return { values, errors, focus: null };
  }
}

export function editorRoutes(app: FastifyInstance, services: Services, kit: PageKit): void {
  const { cases, workflow } = services;
  const guard = (req: FastifyRequest, reply: FastifyReply) => kit.user(req, reply);
  const back = (reply: FastifyReply, id: string, code: string, values: Record<string, string | number> = {}) =>
    reply.redirect(withNotice(`/editor/cases/${encodeURIComponent(id)}`, code, values), 303);

  /** Sends the page of a case with the state of a refused action (or as stored). */
  async function casePage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    opts: Partial<CasePageState> & { status?: number } = {},
  ) {
    const v = await workflow.view(id, req.actor);
    const state: CasePageState = {
      values: opts.values ?? formValues(v.record, v.restricted),
      errors: opts.errors ?? [],
      focus: opts.focus ?? null,
      transitionError: opts.transitionError ?? null,
      transitionComment: opts.transitionComment ?? '',
      commentError: opts.commentError ?? null,
      acknowledge: opts.acknowledge ?? false,
      documents: await services.documents.list(id, req.actor),
      documentError: opts.documentError ?? null,
      maxBytes: services.documents.maxBytes,
    };
    return kit.send(req, reply, v.record.title, (csrf) => caseEditorPage(req.t, v, csrf, state), opts.status ?? 200);
  }

  app.get('/editor', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const editor = can(req.actor, 'case.read_unpublished');
    const [review, drafts, withdrawn] = await Promise.all([
      workflow.queue(req.actor, ['in_review']),
      workflow.queue(req.actor, ['draft']),
      editor ? workflow.queue(req.actor, ['withdrawn']) : Promise.resolve([]),
    ]);
    const body = queuePage(req.t, { editor, review, drafts, withdrawn });
    return kit.send(req, reply, req.t.t('cases.editor.queue.title'), () => body);
  });

  app.get('/editor/cases/new', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    if (!can(req.actor, 'case.create'))
      throw new AppError('FORBIDDEN', 'creating cases needs a contributor, editor or administrator account');
    return kit.send(req, reply, req.t.t('cases.editor.new.title'), newCasePage(req.t, EMPTY_CASE, []));
  });

  app.post('/editor/cases/new', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const title = req.t.t('cases.editor.new.title');
    const { values, op } = parseCaseForm((req.body ?? {}) as Body);
    if (op) {
      const r = rowOp(values, op);
      return kit.send(req, reply, title, newCasePage(req.t, r.values, r.errors, r.focus), r.errors.length ? 400 : 200);
    }
    try {
      const rec = await cases.create({ ...values.case, status: 'draft' }, req.actor, { restricted: values.restricted });
      return back(reply, rec.id, 'draft-saved');
    } catch (e) {
      if (!refused(e, 'VALIDATION_FAILED', 'CONFLICT')) throw e;
      return kit.send(req, reply, title, newCasePage(req.t, values, saveErrors(e)), e.status);
    }
  });

  // Judgment documents: uploaded as multipart/form-data (the CSRF token is a part of it).
  app.post<P>('/editor/cases/:id/documents', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const id = req.params.id;
    await services.documents.requireEdit(id, req.actor); // rights first, then the form
    const file = ((req.body ?? {}) as { file?: Upload }).file;
    if (!file || file.type !== 'file' || !file.filename || !file.toBuffer) {
      return casePage(req, reply, id, { documentError: req.t.t('cases.editor.documents.choose'), status: 400 });
    }
    const bytes = await file.toBuffer();
    const maxBytes = services.documents.maxBytes;
    if (file.file?.truncated) {
      const documentError = req.t.t('cases.editor.documents.tooLarge', {
        file: file.filename,
        limit: size(req.t, maxBytes),
      });
      return casePage(req, reply, id, { documentError, status: 413 });
    }
    try {
      const input = { caseId: id, filename: file.filename, declaredType: file.mimetype, bytes };
      const r = await services.documents.attach(input, req.actor);
      return back(reply, id, r.created ? 'attached' : 'already-attached', { file: r.document.filename });
    } catch (e) {
      if (!(e instanceof AppError) || ![400, 413, 415].includes(e.status)) throw e;
      const documentError = documentErrorText(req.t, e, file.filename, maxBytes);
      return casePage(req, reply, id, { documentError, status: e.status });
    }
  });

  app.post<{ Params: { id: string; sha256: string } }>(
    '/editor/cases/:id/documents/:sha256/remove',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!guard(req, reply)) return reply;
      await services.documents.remove(req.params.id, req.params.sha256, req.actor);
      return back(reply, req.params.id, 'document-removed');
    },
  );

  app.get<P>('/editor/cases/:id', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    return casePage(req, reply, req.params.id);
  });

  app.post<P>('/editor/cases/:id', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const { _acknowledge: ack, ...body } = (req.body ?? {}) as Body;
    const { values, op } = parseCaseForm(body);
    if (op) {
      const r = rowOp(values, op);
      const status = r.errors.length ? 400 : 200;
      return casePage(req, reply, req.params.id, { values: r.values, errors: r.errors, focus: r.focus, status });
    }
    try {
      // The form has no id, status or import provenance: those stay as stored.
      const stored = await cases.get(req.params.id, req.actor);
      const { id: _id, ...merged } = keepUneditedFields(contentOf(stored) as unknown as Body, values.case);
      const patch = { ...merged, ...(values.version ? { version: values.version } : {}) };
      await cases.patch(req.params.id, patch, req.actor, values.restricted, { acknowledgeWarnings: ack === 'yes' });
      return back(reply, req.params.id, 'saved');
    } catch (e) {
      if (!refused(e, 'VALIDATION_FAILED', 'CONFLICT')) throw e;
      const stale = e.code === 'CONFLICT' && (e.details as { field?: string } | null)?.field === 'version';
      if (stale && values.version) return saveStale(req, reply, values, ack === 'yes');
      // An edit of a published case that names a party: shown, and savable once acknowledged.
      const named = e.code === 'CONFLICT' && !!(e.details as { warnings?: unknown } | null)?.warnings;
      const errors = saveErrors(e, values.case);
      return casePage(req, reply, req.params.id, { values, errors, status: e.status, acknowledge: named });
    }
  });

  /**
   * Someone saved while this form was open. Fields only one side changed merge by themselves and
   * are saved; where both changed a field, the form comes back with the merge, the field named.
   */
  async function saveStale(req: FastifyRequest<P>, reply: FastifyReply, values: CaseFormValues, acknowledged: boolean) {
    const id = req.params.id;
    const base = await workflow.version(id, values.version!, req.actor);
    const current = await cases.get(id, req.actor);
    const { id: _id, status: _s, ...mine } = keepUneditedFields(contentOf(current) as unknown as Body, values.case);
    const merged = mergeEdits(
      { content: contentWithoutStatus(base.record), restricted: base.restricted },
      { content: contentWithoutStatus(current), restricted: await cases.restricted(id) },
      { content: mine, restricted: values.restricted },
    );
    const next: CaseFormValues = { case: merged.content, restricted: merged.restricted, version: current.version };
    if (merged.conflicts.length) {
      const values = { version: current.version, fields: merged.conflicts.join(', ') };
      const clash: FormError = { path: '(form)', message: '', key: 'cases.editor.error.stale', values };
      return casePage(req, reply, id, { values: next, errors: [clash], status: 409 });
    }
    try {
      await cases.patch(id, { ...merged.content, version: current.version }, req.actor, merged.restricted, {
        acknowledgeWarnings: acknowledged,
      });
    } catch (e) {
      if (!refused(e, 'VALIDATION_FAILED', 'CONFLICT')) throw e;
      return casePage(req, reply, id, { values: next, errors: saveErrors(e, merged.content), status: e.status });
    }
    return back(reply, id, 'merged', { version: current.version });
  }

  app.post<P>('/editor/cases/:id/transition', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const b = (req.body ?? {}) as Body;
    try {
      const rec = await workflow.transition(
        req.params.id,
        { to: str(b.to), comment: str(b.comment) || null, acknowledgeWarnings: str(b.acknowledge) === 'yes' },
        req.actor,
      );
      return back(reply, rec.id, 'moved', { status: rec.status });
    } catch (e) {
      if (!refused(e, 'CONFLICT', 'VALIDATION_FAILED')) throw e;
      const stored = await cases.get(req.params.id, req.actor);
      const transitionError = transitionErrorText(req.t, e, str(b.to), stored);
      return casePage(req, reply, req.params.id, {
        transitionError,
        transitionComment: str(b.comment),
        status: e.status,
      });
    }
  });

  app.post<P>('/editor/cases/:id/comments', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const body = str(((req.body ?? {}) as Body).body);
    try {
      await workflow.comment(req.params.id, body, req.actor);
      return back(reply, req.params.id, 'comment-added');
    } catch (e) {
      if (!refused(e, 'VALIDATION_FAILED')) throw e;
      const commentError = { message: commentErrorText(req.t, e), body };
      return casePage(req, reply, req.params.id, { commentError, status: 400 });
    }
  });

  app.get<P>('/editor/cases/:id/history', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const v = await workflow.view(req.params.id, req.actor);
    const versions = await workflow.history(req.params.id, req.actor);
    const title = req.t.t('cases.editor.history.pageTitle', { title: v.record.title });
    return kit.send(req, reply, title, (csrf) => historyPage(req.t, v, versions, csrf));
  });

  app.get<PV>('/editor/cases/:id/versions/:version', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const n = Number(req.params.version);
    if (!Number.isInteger(n) || n < 1)
      throw new AppError('VALIDATION_FAILED', `'${req.params.version}' is not a version number`, [
        { path: 'version', message: 'a whole number from 1' },
      ]);
    const asked = str((req.query as Body).against);
    const against = asked === '' ? n - 1 : Number(asked);
    if (!Number.isInteger(against) || against < (asked === '' ? 0 : 1))
      throw new AppError('VALIDATION_FAILED', `'${asked}' is not a version number`, [
        { path: 'against', message: 'a whole number from 1' },
      ]);
    const after = await workflow.version(req.params.id, n, req.actor);
    const before = against >= 1 ? await workflow.version(req.params.id, against, req.actor) : undefined;
    const changes = diffRecords(before ? { ...before.record, restricted: before.restricted } : {}, {
      ...after.record,
      restricted: after.restricted,
    });
    const title = req.t.t('cases.editor.version.title', { n });
    return kit.send(req, reply, title, () => versionPage(req.t, req.params.id, after, before, changes));
  });

  app.post<PV>(
    '/editor/cases/:id/versions/:version/restore',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const n = Number(req.params.version);
      try {
        const rec = await workflow.restore(req.params.id, n, req.actor, {
          acknowledgeWarnings: str(((req.body ?? {}) as Body).acknowledge) === 'yes',
        });
        return back(reply, rec.id, 'restored', { from: n, to: rec.version });
      } catch (e) {
        if (!refused(e, 'CONFLICT')) throw e;
        const old = await workflow.version(req.params.id, n, req.actor);
        const transitionError = restoreErrorText(req.t, e, n, old.record);
        return casePage(req, reply, req.params.id, { transitionError, status: 409 });
      }
    },
  );
}
