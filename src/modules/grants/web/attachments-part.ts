/** The application page's attachments: each required one with its versions, and the upload form (multipart). */
import { html } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { Call } from '../domain/schemas.ts';
import type { AttachmentService } from '../services/attachment-service.ts';
import { button, csrfField } from './parts.ts';

type Versions = Awaited<ReturnType<AttachmentService['versions']>>;

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024)).toLocaleString('en')} KB`;

export function attachmentsPart(
  t: Translator,
  call: Pick<Call, 'requiredAttachments'>,
  id: string,
  versions: Versions,
  upload: { csrf: string; maxBytes: number } | null,
) {
  if (!call.requiredAttachments.length) return '';
  const items = call.requiredAttachments.map((r) => {
    const mine = versions.filter((v) => v.requirement === r.id);
    return html`<li>${r.label}: ${
      mine.length
        ? html`<ul>${mine.map(
            (v, i) =>
              html`<li>${t.t('grants.attach.version', {
                version: v.version,
                file: v.filename,
                size: kb(v.size),
                at: v.addedAt.slice(0, 16).replace('T', ' '),
              })}${i === 0 ? html` <strong>${t.t('grants.attach.current')}</strong>` : ''}</li>`,
          )}</ul>`
        : t.t('grants.attach.missing')
    }</li>`;
  });
  const form = upload
    ? html`<form method="post" action="/grants/applications/${id}/attachments"
        enctype="multipart/form-data">${csrfField(upload.csrf)}
        <p><label for="requirement">${t.t('grants.attach.which')}</label><br>
          <select id="requirement" name="requirement">${call.requiredAttachments.map(
            (r) => html`<option value="${r.id}">${r.label}</option>`,
          )}</select></p>
        <p><label for="attachment-file">${t.t('grants.attach.file', { limit: kb(upload.maxBytes) })}</label><br>
          <input id="attachment-file" type="file" name="file"
            accept=".pdf,.docx,.html,.htm,.txt,application/pdf,text/plain,text/html"></p>
        <p>${button(t.t('grants.attach.upload'))}</p>
      </form>`
    : '';
  return html`<h2>${t.t('grants.call.attachments')}</h2><ul>${items}</ul>${form}`;
}
