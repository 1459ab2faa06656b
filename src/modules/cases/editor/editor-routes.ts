/**
 * The editor interface: review queue, case editor (every section), workflow buttons with review
 * comments and the pseudonymisation warnings, history with diffs and restore. Server-rendered
 * forms like the public site; every POST carries a CSRF token; the services decide every right.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';
import type { CaseDocument } from '../../../kernel/files/documents.ts';
import { contentOf } from '../domain/case-record.ts';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { can } from '../../platform/index.ts';
import { STATUSES } from '../domain/taxonomy.ts';
import type { Services } from '../services/services.ts';
import type { EditorialView } from '../services/workflow-service.ts';
import { diffRecords } from '../services/case-diff.ts';
import { mergeEdits } from '../services/case-merge.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { PageKit } from '../../platform/index.ts';
import {
  applyFormOp,
  focusAfterOp,
  keepUneditedFields,
  parseCaseForm,
  renderCaseForm,
  type CaseFormValues,
  type FormOp,
} from './case-form.ts';
import { renderDiff } from './diff-view.ts';

type Body = Record<string, unknown>;
type P = { Params: { id: string } };
type PV = { Params: { id: string; version: string } };
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const statusLabel = (s: string) => STATUSES.find((x) => x.code === s)?.label ?? s;
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

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

export function editorRoutes(app: FastifyInstance, services: Services, kit: PageKit): void {
  const { cases, workflow } = services;
  const guard = (req: FastifyRequest, reply: FastifyReply) => kit.user(req, reply);
  const back = (reply: FastifyReply, id: string, notice: string) =>
    reply.redirect(`/editor/cases/${encodeURIComponent(id)}?notice=${encodeURIComponent(notice)}`, 303);

  app.get('/editor', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const editor = can(req.actor, 'case.read_unpublished');
    const [review, drafts, withdrawn] = await Promise.all([
      workflow.queue(req.actor, ['in_review']),
      workflow.queue(req.actor, ['draft']),
      editor ? workflow.queue(req.actor, ['withdrawn']) : Promise.resolve([]),
    ]);
    const table = (items: typeof review, empty: string) =>
      items.length
        ? html`<table class="data queue"><thead><tr><th>Case</th><th>Jurisdiction</th><th>Status</th><th>Changed (UTC)</th></tr></thead><tbody>
${items.map((i) => html`<tr><td><a href="/editor/cases/${i.id}">${i.title}</a></td><td>${i.jurisdiction}</td><td><span class="status status-${i.status}">${statusLabel(i.status)}</span></td><td>${when(i.updatedAt)}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">${empty}</p>`;
    return kit.send(
      req,
      reply,
      'Review queue',
      () => html`<h1>${editor ? 'Review queue' : 'Your cases'}</h1>
<p><a class="button" href="/editor/cases/new">New case</a></p>
<h2>In review</h2>${table(review, editor ? 'Nothing waits for review.' : 'None of your cases waits for review.')}
<h2>${editor ? 'Drafts' : 'Your drafts'}</h2>${table(drafts, 'No drafts.')}
${editor ? html`<h2>Withdrawn</h2>${table(withdrawn, 'No withdrawn cases.')}` : ''}`,
    );
  });

  const newPage =
    (values: CaseFormValues, errors: FieldIssue[], focus: string | null = null) =>
    (csrf: string) =>
      html`<h1>New case</h1>
<p class="muted">A new case starts as a draft. Nothing is public until an editor publishes it.</p>
${renderCaseForm({ action: '/editor/cases/new', values, errors, csrfToken: csrf, submitLabel: 'Save draft', focus })}`;

  app.get('/editor/cases/new', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    if (!can(req.actor, 'case.create'))
      throw new AppError('FORBIDDEN', 'creating cases needs a contributor, editor or administrator account');
    return kit.send(req, reply, 'New case', newPage(EMPTY_CASE, []));
  });

  app.post('/editor/cases/new', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const { values, op } = parseCaseForm((req.body ?? {}) as Body);
    if (op) {
      const r = rowOp(values, op);
      return kit.send(req, reply, 'New case', newPage(r.values, r.errors, r.focus), r.errors.length ? 400 : 200);
    }
    try {
      const rec = await cases.create({ ...values.case, status: 'draft' }, req.actor, { restricted: values.restricted });
      return back(reply, rec.id, 'Draft saved');
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
      return kit.send(req, reply, 'New case', newPage(values, issues(e)), e.status);
    }
  });

  async function casePage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    opts: {
      values?: CaseFormValues;
      errors?: FieldIssue[];
      status?: number;
      transitionError?: string;
      transitionComment?: string;
      commentError?: { message: string; body: string };
      focus?: string | null;
      acknowledge?: boolean;
      documentError?: string;
    } = {},
  ) {
    const v = await workflow.view(id, req.actor);
    const values = opts.values ?? formValues(v.record, v.restricted);
    const documents = await services.documents.list(id, req.actor);
    const page = {
      transitionError: opts.transitionError ?? null,
      transitionComment: opts.transitionComment ?? '',
      commentError: opts.commentError ?? null,
      acknowledge: opts.acknowledge ?? false,
      documents,
      documentError: opts.documentError ?? null,
      maxBytes: services.documents.maxBytes,
    };
    return kit.send(
      req,
      reply,
      v.record.title,
      (csrf) => caseEditor(v, values, opts.errors ?? [], csrf, page, opts.focus ?? null),
      opts.status ?? 200,
    );
  }

  // Judgment documents: uploaded as multipart/form-data (the CSRF token is a part of it).
  app.post<P>('/editor/cases/:id/documents', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    await services.documents.requireEdit(req.params.id, req.actor); // rights first, then the form
    const file = (
      (req.body ?? {}) as {
        file?: {
          type?: string;
          filename?: string;
          mimetype?: string;
          toBuffer?: () => Promise<Buffer>;
          file?: { truncated?: boolean };
        };
      }
    ).file;
    if (!file || file.type !== 'file' || !file.filename || !file.toBuffer) {
      return casePage(req, reply, req.params.id, {
        documentError: 'Choose a file to attach (send the form as multipart/form-data).',
        status: 400,
      });
    }
    const bytes = await file.toBuffer();
    if (file.file?.truncated) {
      return casePage(req, reply, req.params.id, {
        documentError: `${file.filename} is larger than the limit of ${kb(services.documents.maxBytes)}; nothing was attached.`,
        status: 413,
      });
    }
    try {
      const r = await services.documents.attach(
        { caseId: req.params.id, filename: file.filename, declaredType: file.mimetype, bytes },
        req.actor,
      );
      return back(
        reply,
        req.params.id,
        r.created ? `Attached ${r.document.filename}` : `${r.document.filename} was already attached`,
      );
    } catch (e) {
      if (!(e instanceof AppError) || ![400, 413, 415].includes(e.status)) throw e;
      return casePage(req, reply, req.params.id, { documentError: e.message, status: e.status });
    }
  });

  app.post<{ Params: { id: string; sha256: string } }>(
    '/editor/cases/:id/documents/:sha256/remove',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!guard(req, reply)) return reply;
      await services.documents.remove(req.params.id, req.params.sha256, req.actor);
      return back(reply, req.params.id, 'Document removed');
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
      return casePage(req, reply, req.params.id, {
        values: r.values,
        errors: r.errors,
        focus: r.focus,
        status: r.errors.length ? 400 : 200,
      });
    }
    try {
      // The form has no id, status or import provenance: those stay as stored.
      const stored = await cases.get(req.params.id, req.actor);
      const { id: _id, ...merged } = keepUneditedFields(
        contentOf(stored) as unknown as Record<string, unknown>,
        values.case,
      );
      const patch = { ...merged, ...(values.version ? { version: values.version } : {}) };
      await cases.patch(req.params.id, patch, req.actor, values.restricted, { acknowledgeWarnings: ack === 'yes' });
      return back(reply, req.params.id, 'Saved');
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
      const stale = e.code === 'CONFLICT' && (e.details as { field?: string } | null)?.field === 'version';
      if (stale && values.version) return saveStale(req, reply, values, ack === 'yes');
      // An edit of a published case that names a party: shown, and savable once acknowledged.
      const named = e.code === 'CONFLICT' && !!(e.details as { warnings?: unknown } | null)?.warnings;
      return casePage(req, reply, req.params.id, { values, errors: issues(e), status: e.status, acknowledge: named });
    }
  });

  /**
   * Someone saved while this form was open. Fields only one side changed merge by themselves and
   * are saved; where both changed a field, the form comes back with the merge, the field named.
   */
  async function saveStale(req: FastifyRequest<P>, reply: FastifyReply, values: CaseFormValues, acknowledged: boolean) {
    const id = req.params.id;
    const contentWithoutStatus = (rec: CaseRecord) => {
      const { status: _s, ...c } = contentOf(rec);
      return c as unknown as Record<string, unknown>;
    };
    const base = await workflow.version(id, values.version!, req.actor);
    const current = await cases.get(id, req.actor);
    const {
      id: _id,
      status: _s,
      ...mine
    } = keepUneditedFields(contentOf(current) as unknown as Record<string, unknown>, values.case);
    const merged = mergeEdits(
      { content: contentWithoutStatus(base.record), restricted: base.restricted },
      { content: contentWithoutStatus(current), restricted: await cases.restricted(id) },
      { content: mine, restricted: values.restricted },
    );
    const next: CaseFormValues = { case: merged.content, restricted: merged.restricted, version: current.version };
    if (merged.conflicts.length) {
      const message = `Version ${current.version} was saved while you were editing, and it also changed ${merged.conflicts.join(', ')}. Below are their other changes with yours; where you both changed a field, yours. Nothing is saved yet: check the history, then save again.`;
      return casePage(req, reply, id, { values: next, errors: [{ path: '(form)', message }], status: 409 });
    }
    try {
      await cases.patch(id, { ...merged.content, version: current.version }, req.actor, merged.restricted, {
        acknowledgeWarnings: acknowledged,
      });
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
      return casePage(req, reply, id, { values: next, errors: issues(e), status: e.status });
    }
    return back(reply, id, `Saved, merged with version ${current.version}, which was saved while you were editing`);
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
      return back(reply, rec.id, `Now ${statusLabel(rec.status).toLowerCase()}`);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'CONFLICT' && e.code !== 'VALIDATION_FAILED')) throw e;
      return casePage(req, reply, req.params.id, {
        transitionError: e.message,
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
      return back(reply, req.params.id, 'Comment added');
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      return casePage(req, reply, req.params.id, { commentError: { message: e.message, body }, status: 400 });
    }
  });

  app.get<P>('/editor/cases/:id/history', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const v = await workflow.view(req.params.id, req.actor);
    const versions = await workflow.history(req.params.id, req.actor);
    return kit.send(
      req,
      reply,
      `History: ${v.record.title}`,
      (csrf) => html`<p><a href="/editor/cases/${v.record.id}">← ${v.record.title}</a></p>
<h1>History</h1>
<table class="data"><thead><tr><th>Version</th><th>When (UTC)</th><th>Who</th><th>Action</th><th>Status</th><th>What changed</th><th></th></tr></thead><tbody>
${versions.map(
  (
    x,
  ) => html`<tr><td><a href="/editor/cases/${v.record.id}/versions/${x.version}">${x.version}</a></td><td>${when(x.at)}</td><td>${x.actorLabel}</td><td>${x.action}</td><td>${statusLabel(x.status)}</td><td>${x.changed.join(', ') || '—'}</td>
<td>${v.canEdit && x.version !== v.record.version ? html`<form method="post" action="/editor/cases/${v.record.id}/versions/${x.version}/restore" class="inline"><input type="hidden" name="_csrf" value="${csrf}">${v.record.status === 'published' ? html`<label><input type="checkbox" name="acknowledge" value="yes"> names checked</label> ` : ''}<button type="submit">Restore version ${x.version}</button></form>` : ''}</td></tr>`,
)}
</tbody></table>`,
    );
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
    return kit.send(
      req,
      reply,
      `Version ${n}`,
      () => html`<p><a href="/editor/cases/${req.params.id}/history">← History</a></p>
<h1>Version ${n} of ${after.record.title}</h1>
<p>${after.action} by ${after.actorLabel}, ${when(after.at)} UTC; status ${statusLabel(after.status)}. ${before ? html`Compared with version ${before.version}.` : 'The first version.'}</p>
${renderDiff(changes)}`,
    );
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
        return back(reply, rec.id, `Version ${n} restored as version ${rec.version}`);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'CONFLICT') throw e;
        return casePage(req, reply, req.params.id, {
          transitionError: `Version ${n} was not restored: ${e.message}. Tick the acknowledgement beside its Restore button in the history to restore it anyway.`,
          status: 409,
        });
      }
    },
  );
}

/**
 * Applies an add/remove-row button. A refused one (no language chosen, a row that is gone) comes back
 * as an error beside the control, with everything typed kept, instead of an error page.
 */
function rowOp(
  values: CaseFormValues,
  op: FormOp,
): { values: CaseFormValues; errors: FieldIssue[]; focus: string | null } {
  try {
    const next = applyFormOp(values, op);
    return { values: next, errors: [], focus: focusAfterOp(next, op) };
  } catch (e) {
    if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'BAD_REQUEST')) throw e;
    // A row that is gone is no field's fault: the message goes to the summary.
    return {
      values,
      errors: issues(e).map((x) => (x.path === '_op' ? { path: '', message: e.message } : x)),
      focus: null,
    };
  }
}

function issues(e: AppError): FieldIssue[] {
  if (Array.isArray(e.details)) return e.details as FieldIssue[];
  // Not about one field (a stale version, a duplicate id): the summary shows it as about the case.
  return [{ path: '', message: e.message }];
}

interface PageErrors {
  /** Why a workflow move was refused (shown in the workflow section). */
  transitionError: string | null;
  /** The comment typed with a refused move, given back. */
  transitionComment: string;
  /** Why a comment was refused, with what was typed (shown beside the comment box). */
  commentError: { message: string; body: string } | null;
  /** A save of a published case found names: offer the acknowledgement. */
  acknowledge?: boolean;
  documents: CaseDocument[];
  /** Why an upload was refused (shown beside the file field). */
  documentError: string | null;
  maxBytes: number;
}

function caseEditor(
  v: EditorialView,
  values: CaseFormValues,
  errors: FieldIssue[],
  csrf: string,
  pageErrors: PageErrors,
  focus: string | null,
): SafeHtml {
  const rec = v.record;
  const status = rec.status as CaseStatus;
  const { transitionError, transitionComment, commentError, acknowledge, documents, documentError, maxBytes } =
    pageErrors;
  const publishing = v.transitions.some((t) => t.to === 'published');
  return html`<p class="crumbs"><a href="/editor">Review queue</a></p>
<h1>${rec.title}</h1>
<p><span class="status status-${status}">${statusLabel(status)}</span> · version ${rec.version} · changed ${when(rec.updatedAt)} UTC
 · <a href="/editor/cases/${rec.id}/history">History</a>${status === 'published' ? html` · <a href="/cases/${rec.id}">Public page</a>` : ''}</p>
<section class="workflow" aria-labelledby="wf-h"><h2 id="wf-h">Workflow</h2>
${transitionError ? html`<p class="form-error" role="alert">${transitionError}</p>` : ''}
${v.warnings.length && (publishing || status === 'published') ? html`<div class="warnings" role="alert"><h3>Pseudonymisation check</h3>${status === 'published' ? html`<p>This case is public and a narrative names a party: replace the names now, or withdraw the case.</p>` : ''}<ul>${v.warnings.map((w) => html`<li>${w.message}</li>`)}</ul></div>` : ''}
${
  v.transitions.length
    ? html`<form method="post" action="/editor/cases/${rec.id}/transition" class="transition"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="wf-comment">Comment for the record (optional; restricted)</label><br><textarea id="wf-comment" name="comment" rows="2">
${transitionComment}</textarea></p>
${v.warnings.length && publishing ? html`<p><label><input type="checkbox" name="acknowledge" value="yes"> I have checked these names and publish anyway</label></p>` : ''}
<p>${v.transitions.map((t) => html`<button type="submit" name="to" value="${t.to}">${t.label}</button> `)}</p></form>`
    : html`<p class="muted">No workflow move is open to you on this case.</p>`
}
</section>
<section aria-labelledby="cm-h"><h2 id="cm-h">Review comments</h2>
${v.comments.length ? html`<ol class="comments">${v.comments.map((c) => html`<li><p class="meta">${c.authorLabel}, ${when(c.at)} UTC${c.transition ? html` · ${c.transition.replace('->', ' → ')}` : ''}</p><p>${lines(c.body)}</p></li>`)}</ol>` : html`<p class="muted">No comments yet.</p>`}
<form method="post" action="/editor/cases/${rec.id}/comments"><input type="hidden" name="_csrf" value="${csrf}">
<p${commentError ? html` class="has-error"` : ''}><label for="cm-body">Add a comment</label><br>${commentError ? html`<span class="field-error" id="cm-body-error">${commentError.message}</span><br>` : ''}<textarea id="cm-body" name="body" rows="2" required${commentError ? html` aria-invalid="true" aria-describedby="cm-body-error" autofocus` : ''}>
${commentError?.body ?? ''}</textarea></p><p><button type="submit">Add comment</button></p></form>
</section>
<section aria-labelledby="doc-h"><h2 id="doc-h">Judgment documents</h2>
${
  documents.length
    ? html`<ul class="documents">${documents.map(
        (
          d,
        ) => html`<li><a href="/api/v1/cases/${rec.id}/documents/${d.sha256}">${d.filename}</a> <span class="muted">${d.mediaType}, ${kb(d.size)}${d.pages ? `, ${d.pages} page${d.pages === 1 ? '' : 's'}` : ''}${d.textLength === 0 ? ', no text layer' : ''}</span>
${v.canEdit ? html` <form method="post" action="/editor/cases/${rec.id}/documents/${d.sha256}/remove" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Remove ${d.filename}</button></form>` : ''}</li>`,
      )}</ul>`
    : html`<p class="muted">No documents attached.</p>`
}
${
  v.canEdit
    ? html`<form method="post" action="/editor/cases/${rec.id}/documents" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${csrf}">
<p${documentError ? html` class="has-error"` : ''}><label for="doc-file">Attach the judgment (PDF, DOCX, HTML or plain text; up to ${kb(maxBytes)}). Its text becomes searchable once the case is published.</label><br>
${documentError ? html`<span class="field-error" id="doc-file-error">${documentError}</span><br>` : ''}<input id="doc-file" type="file" name="file" accept=".pdf,.docx,.html,.htm,.txt,application/pdf,text/plain,text/html"${documentError ? html` aria-invalid="true" aria-describedby="doc-file-error"` : ''}></p>
<p><button type="submit">Attach</button></p></form>`
    : ''
}
</section>
<section aria-labelledby="ed-h"><h2 id="ed-h">Case record</h2>
${
  v.canEdit
    ? renderCaseForm({
        action: `/editor/cases/${rec.id}`,
        values,
        errors,
        csrfToken: csrf,
        submitLabel: 'Save',
        focus,
        extraButtons: acknowledge
          ? html`<p class="acknowledge"><label><input type="checkbox" name="_acknowledge" value="yes"> This case is public: I have checked the names the pseudonymisation check found and save anyway</label></p>`
          : undefined,
      })
    : html`<p class="muted">${status === 'draft' ? 'You may not edit this case.' : `This case is ${statusLabel(status).toLowerCase()}; ${editNote(status)}`}</p>`
}
</section>`;
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Text with its line breaks kept (a review comment of several lines). */
function lines(text: string): (string | SafeHtml)[] {
  return text.split(/\r?\n/).flatMap((line, i) => (i ? [html`<br>`, line] : [line]));
}

function editNote(status: CaseStatus): string {
  return status === 'in_review'
    ? 'an editor reviews it now; return it to draft to change it.'
    : 'only editors change it.';
}
