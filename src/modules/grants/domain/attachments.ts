/**
 * Reading an application's attachments, pure: who may list and download them, and how a stored file
 * is named when it goes out. The services gather the facts (the reader, the application, its call)
 * and ask `attachmentAccess`; the API and the web pages both go through those services.
 */
import contentDisposition from 'content-disposition';
import { DOCUMENT_KINDS, kindOfFilename, type DocumentKind } from '../../../kernel/files/documents.ts';

/** What decides access, about one reader and one application. */
export interface AttachmentReader {
  signedIn: boolean;
  /** The grants secretariat (editors and administrators, or their personal write token). */
  secretariat: boolean;
  /** A member of the applicant (lead) organisation: the applicant. */
  member: boolean;
  /**
   * The reader's assignment to this application while it is in review: none, assigned but not yet
   * declared free of conflict, or declared free of conflict.
   */
  reviewer: 'none' | 'undeclared' | 'declared';
  /** The call is blind: reviewers never learn who applied. */
  blind: boolean;
}

export type AttachmentRefusal = 'sign_in' | 'not_found' | 'declaration_required' | 'blind_attachment';

export type AttachmentAccess =
  | { allowed: true; as: 'member' | 'secretariat' | 'reviewer' }
  | { allowed: false; refusal: AttachmentRefusal };

/**
 * The applicant's members and the secretariat read every version; a reviewer who has declared no
 * conflict reads them on an open call, but never on a blind one (a file's bytes cannot be scrubbed
 * of the applicant's identity as the text is); a reviewer who has not declared yet is told to; anyone
 * else is told the application does not exist, as when reading it by a guessed id.
 */
export function attachmentAccess(r: AttachmentReader): AttachmentAccess {
  if (!r.signedIn) return { allowed: false, refusal: 'sign_in' };
  if (r.member) return { allowed: true, as: 'member' };
  if (r.secretariat) return { allowed: true, as: 'secretariat' };
  if (r.reviewer === 'undeclared') return { allowed: false, refusal: 'declaration_required' };
  if (r.reviewer === 'declared')
    return r.blind ? { allowed: false, refusal: 'blind_attachment' } : { allowed: true, as: 'reviewer' };
  return { allowed: false, refusal: 'not_found' };
}

/** The media type to send: the kind sniffed from the bytes at upload (text is checked UTF-8 then). */
export function contentTypeOf(kind: string): string {
  const k = DOCUMENT_KINDS[kind as DocumentKind];
  if (!k) return 'application/octet-stream';
  return k.mediaType.startsWith('text/') ? `${k.mediaType}; charset=utf-8` : k.mediaType;
}

/** The name a download gets: the uploaded one, with the extension of what its bytes are when it lacks it. */
export function downloadName(filename: string, kind: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const name = filename.replace(/[\u0000-\u001f\u007f"\\/]/g, '').trim() || fallback;
  const k = DOCUMENT_KINDS[kind as DocumentKind];
  if (!k || kindOfFilename(name) === kind) return name;
  return `${name}.${k.extensions[0]}`;
}

/** An ASCII stand-in for the quoted `filename=`: accents dropped, anything else non-ASCII as `_`. */
export function asciiName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
}

/**
 * `Content-Disposition: attachment` per RFC 6266: a quoted ASCII `filename=` every client reads, and
 * the real name in `filename*=UTF-8''…` (RFC 8187) when it is not plain ASCII.
 */
export function attachmentDisposition(name: string): string {
  return contentDisposition(name, { type: 'attachment', fallback: asciiName(name) });
}
