/**
 * An application's attachments on its pages (the applicant's, the secretariat's, the reviewer's):
 * each required one with its versions, newest first, each with its download link, or on a blind
 * call's reviewer page the reason there is none; and the upload form (multipart) for the applicant.
 */
import { html } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { Call } from '../domain/schemas.ts';
import { attachmentPath, type AttachmentEntry } from '../services/attachment-catalogue.ts';
import { button, csrfField } from './parts.ts';

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024)).toLocaleString('en')} KB`;

export function attachmentsPart(
  t: Translator,
  call: Pick<Call, 'requiredAttachments'>,
  id: string,
  entries: readonly AttachmentEntry[],
  upload: { csrf: string; maxBytes: number } | null,
) {
  if (!entries.length) return '';
  const items = entries.map((r) => {
    const versions = r.versions.map((v, i) => {
      const at = v.uploadedAt.slice(0, 16).replace('T', ' ');
      const line =
        v.filename === undefined
          ? t.t('grants.attach.versionBlind', { version: v.version, size: kb(v.size), at })
          : t.t('grants.attach.version', { version: v.version, file: v.filename, size: kb(v.size), at });
      const get = v.download
        ? html`<a href="${attachmentPath(id, r.requirement, v.version)}">${t.t('grants.attach.download', {
            version: v.version,
          })}</a>`
        : html`<em>${t.t('grants.attach.blindUnavailable')}</em>`;
      return html`<li>${line}${i === 0 ? html` <strong>${t.t('grants.attach.current')}</strong>` : ''} — ${get}</li>`;
    });
    return html`<li>${r.label}: ${versions.length ? html`<ul>${versions}</ul>` : t.t('grants.attach.missing')}</li>`;
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
