/**
 * The editor's page of one case, part by part: the heading with status and links, the workflow
 * (buttons, comment, pseudonymisation warnings), the review comments, the judgment documents and the
 * case record's form. Each part is a function of the editorial view and the page's state.
 */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { CaseDocument } from '../../../kernel/files/documents.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { CaseStatus } from '../domain/case-schema.ts';
import type { EditorialView } from '../services/workflow-service.ts';
import { documentKind } from '../web/case-page.ts';
import { renderCaseForm, type CaseFormValues, type FormError } from './case-form.ts';
import { lines, size, statusLabel, warningText, when } from './editor-text.ts';

export interface CasePageState {
  values: CaseFormValues;
  errors: FormError[];
  focus: string | null;
  /** Why a workflow move was refused (shown in the workflow section). */
  transitionError: string | null;
  /** The comment typed with a refused move, given back. */
  transitionComment: string;
  /** Why a comment was refused, with what was typed (shown beside the comment box). */
  commentError: { message: string; body: string } | null;
  /** A save of a published case found names: offer the acknowledgement. */
  acknowledge: boolean;
  documents: CaseDocument[];
  /** Why an upload was refused (shown beside the file field). */
  documentError: string | null;
  maxBytes: number;
}

interface Part {
  t: Translator;
  v: EditorialView;
  csrf: string;
  state: CasePageState;
}

const hidden = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

function caseHeading({ t, v }: Part): SafeHtml {
  const rec = v.record;
  const status = rec.status as CaseStatus;
  const facts = t.t('cases.editor.case.facts', { version: rec.version, when: when(rec.updatedAt) });
  const publicLink =
    status === 'published' ? html` · <a href="/cases/${rec.id}">${t.t('cases.editor.case.publicPage')}</a>` : '';
  return html`<p class="crumbs"><a href="/editor">${t.t('cases.editor.queue.title')}</a></p>
<h1>${rec.title}</h1>
<p><span class="status status-${status}">${statusLabel(t, status)}</span> · ${facts}
 · <a href="/editor/cases/${rec.id}/history">${t.t('cases.editor.history.title')}</a>${publicLink}</p>`;
}

function warnings({ t, v }: Part, publishing: boolean): SafeHtml | '' {
  const published = v.record.status === 'published';
  if (!v.warnings.length || !(publishing || published)) return '';
  const note = published ? html`<p>${t.t('cases.editor.warning.public')}</p>` : '';
  const items = v.warnings.map((w) => html`<li>${warningText(t, w, v.record)}</li>`);
  return html`<div class="warnings" role="alert"><h3>${t.t('cases.editor.warning.title')}</h3>${note}<ul>${items}</ul>\
</div>`;
}

function workflowForm({ t, v, csrf, state }: Part, publishing: boolean): SafeHtml {
  if (!v.transitions.length) return html`<p class="muted">${t.t('cases.editor.workflow.none')}</p>`;
  const ack =
    v.warnings.length && publishing
      ? html`<p><label><input type="checkbox" name="acknowledge" value="yes">\
 ${t.t('cases.editor.workflow.acknowledge')}</label></p>`
      : '';
  const buttons = v.transitions.map(
    (m) =>
      html`<button type="submit" name="to" value="${m.to}">${t.t(`cases.editor.workflow.move.${m.name}`)}</button> `,
  );
  return html`<form method="post" action="/editor/cases/${v.record.id}/transition" class="transition">${hidden(csrf)}
<p><label for="wf-comment">${t.t('cases.editor.workflow.comment')}</label><br>\
<textarea id="wf-comment" name="comment" rows="2">
${state.transitionComment}</textarea></p>
${ack}
<p>${buttons}</p></form>`;
}

function workflowSection(p: Part): SafeHtml {
  const publishing = p.v.transitions.some((m) => m.to === 'published');
  const error = p.state.transitionError;
  return html`<section class="workflow" aria-labelledby="wf-h">\
<h2 id="wf-h">${p.t.t('cases.editor.workflow.title')}</h2>
${error ? html`<p class="form-error" role="alert">${error}</p>` : ''}
${warnings(p, publishing)}
${workflowForm(p, publishing)}
</section>`;
}

function comment(t: Translator, c: EditorialView['comments'][number]): SafeHtml {
  const move = c.transition
    ? html` · ${c.transition
        .split('->')
        .map((s) => statusLabel(t, s))
        .join(' → ')}`
    : '';
  const meta = t.t('cases.editor.comments.meta', { who: c.authorLabel, when: when(c.at) });
  return html`<li><p class="meta">${meta}${move}</p><p>${lines(c.body)}</p></li>`;
}

function commentsSection({ t, v, csrf, state }: Part): SafeHtml {
  const error = state.commentError;
  const list = v.comments.length
    ? html`<ol class="comments">${v.comments.map((c) => comment(t, c))}</ol>`
    : html`<p class="muted">${t.t('cases.editor.comments.none')}</p>`;
  return html`<section aria-labelledby="cm-h"><h2 id="cm-h">${t.t('cases.editor.comments.title')}</h2>
${list}
<form method="post" action="/editor/cases/${v.record.id}/comments">${hidden(csrf)}
<p${error ? html` class="has-error"` : ''}><label for="cm-body">${t.t('cases.editor.comments.add')}</label>\
<br>${
    error
      ? html`<span class="field-error" id="cm-body-error">${error.message}</span>\
<br>`
      : ''
  }<textarea id="cm-body" name="body" rows="2" required${
    error
      ? html` aria-invalid="true"\
 aria-describedby="cm-body-error" autofocus`
      : ''
  }>
${error?.body ?? ''}</textarea></p><p><button type="submit">${t.t('cases.editor.comments.submit')}</button></p></form>
</section>`;
}

function documentItem({ t, v, csrf }: Part, d: CaseDocument): SafeHtml {
  const meta = t.t('cases.editor.documents.meta', {
    type: documentKind(t, d.mediaType),
    size: size(t, d.size),
    pages: d.pages ?? 0,
    noText: d.textLength === 0 ? 'yes' : 'no',
  });
  const remove = v.canEdit
    ? html` <form method="post" action="/editor/cases/${v.record.id}/documents/${d.sha256}/remove"\
 class="inline">${hidden(csrf)}<button\
 type="submit">${t.t('cases.editor.documents.remove', { file: d.filename })}</button></form>`
    : '';
  return html`<li><a href="/api/v1/cases/${v.record.id}/documents/${d.sha256}">${d.filename}</a> \
<span class="muted">${meta}</span>
${remove}</li>`;
}

function uploadForm({ t, v, csrf, state }: Part): SafeHtml | '' {
  if (!v.canEdit) return '';
  const error = state.documentError;
  return html`<form method="post" action="/editor/cases/${v.record.id}/documents"\
 enctype="multipart/form-data">${hidden(csrf)}
<p${error ? html` class="has-error"` : ''}><label\
 for="doc-file">${t.t('cases.editor.documents.attachLabel', { limit: size(t, state.maxBytes) })}</label><br>
${
  error
    ? html`<span class="field-error" id="doc-file-error">${error}</span>\
<br>`
    : ''
}<input id="doc-file" type="file" name="file"\
 accept=".pdf,.docx,.html,.htm,.txt,application/pdf,text/plain,text/html"${
   error
     ? html` aria-invalid="true"\
 aria-describedby="doc-file-error"`
     : ''
 }></p>
<p><button type="submit">${t.t('cases.editor.documents.attach')}</button></p></form>`;
}

function documentsSection(p: Part): SafeHtml {
  const { t, state } = p;
  const list = state.documents.length
    ? html`<ul class="documents">${state.documents.map((d) => documentItem(p, d))}</ul>`
    : html`<p class="muted">${t.t('cases.editor.documents.none')}</p>`;
  return html`<section aria-labelledby="doc-h"><h2 id="doc-h">${t.t('cases.editor.documents.title')}</h2>
${list}
${uploadForm(p)}
</section>`;
}

/** Why this user may not edit the case, by its status. */
function readOnlyNote(t: Translator, status: CaseStatus): string {
  return t.t('cases.editor.case.readOnly', { status });
}

function recordSection({ t, v, csrf, state }: Part): SafeHtml {
  const rec = v.record;
  const ack = state.acknowledge
    ? html`<p class="acknowledge"><label>\
<input type="checkbox" name="_acknowledge" value="yes"> ${t.t('cases.editor.case.acknowledge')}</label></p>`
    : undefined;
  const body = v.canEdit
    ? renderCaseForm({
        t,
        action: `/editor/cases/${rec.id}`,
        values: state.values,
        errors: state.errors,
        csrfToken: csrf,
        submitLabel: t.t('cases.editor.case.save'),
        focus: state.focus,
        extraButtons: ack,
      })
    : html`<p class="muted">${readOnlyNote(t, rec.status as CaseStatus)}</p>`;
  return html`<section aria-labelledby="ed-h"><h2 id="ed-h">${t.t('cases.editor.case.record')}</h2>
${body}
</section>`;
}

/** The whole page of a case in the editor. */
export function caseEditorPage(t: Translator, v: EditorialView, csrf: string, state: CasePageState): SafeHtml {
  const p: Part = { t, v, csrf, state };
  return html`${caseHeading(p)}
${workflowSection(p)}
${commentsSection(p)}
${documentsSection(p)}
${recordSection(p)}`;
}
