import { describe, it, expect } from 'vitest';
import {
  asciiName,
  attachmentAccess,
  attachmentDisposition,
  contentTypeOf,
  downloadName,
  type AttachmentReader,
} from './attachments.ts';

const reader = (over: Partial<AttachmentReader> = {}): AttachmentReader => ({
  signedIn: true,
  secretariat: false,
  member: false,
  reviewer: 'none',
  blind: false,
  ...over,
});
const verdict = (r: AttachmentReader) => {
  const a = attachmentAccess(r);
  return a.allowed ? `allowed:${a.as}` : a.refusal;
};

describe('attachment access', () => {
  it('decides every combination of reader facts as the matrix says', () => {
    const rows: string[] = [];
    for (const signedIn of [false, true])
      for (const secretariat of [false, true])
        for (const member of [false, true])
          for (const reviewer of ['none', 'undeclared', 'declared'] as const)
            for (const blind of [false, true]) {
              const r = { signedIn, secretariat, member, reviewer, blind };
              // The rule in words, independently of its code:
              const want = !signedIn
                ? 'sign_in'
                : member
                  ? 'allowed:member'
                  : secretariat
                    ? 'allowed:secretariat'
                    : reviewer === 'undeclared'
                      ? 'declaration_required'
                      : reviewer === 'declared'
                        ? blind
                          ? 'blind_attachment'
                          : 'allowed:reviewer'
                        : 'not_found';
              if (verdict(r) !== want) rows.push(`${JSON.stringify(r)}: ${verdict(r)}, want ${want}`);
            }
    expect(rows).toEqual([]);
  });

  it('names the cases the issue lists', () => {
    expect(verdict(reader({ signedIn: false, member: true }))).toBe('sign_in');
    expect(verdict(reader({ member: true, blind: true }))).toBe('allowed:member');
    expect(verdict(reader())).toBe('not_found'); // another organisation: as a guessed id
    expect(verdict(reader({ secretariat: true, blind: true }))).toBe('allowed:secretariat');
    expect(verdict(reader({ reviewer: 'declared' }))).toBe('allowed:reviewer');
    expect(verdict(reader({ reviewer: 'declared', blind: true }))).toBe('blind_attachment');
    expect(verdict(reader({ reviewer: 'undeclared' }))).toBe('declaration_required');
    expect(verdict(reader({ reviewer: 'undeclared', blind: true }))).toBe('declaration_required');
  });
});

describe('attachment downloads: type and name', () => {
  it('sends the media type sniffed at upload, text as UTF-8', () => {
    expect(contentTypeOf('pdf')).toBe('application/pdf');
    expect(contentTypeOf('txt')).toBe('text/plain; charset=utf-8');
    expect(contentTypeOf('html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(contentTypeOf('exe')).toBe('application/octet-stream');
  });

  it('keeps the uploaded name, adding the extension of what the bytes are when it is missing', () => {
    expect(downloadName('cert.pdf', 'pdf', 'x')).toBe('cert.pdf');
    expect(downloadName('certificate', 'pdf', 'x')).toBe('certificate.pdf');
    expect(downloadName('notes.TXT', 'txt', 'x')).toBe('notes.TXT');
    expect(downloadName(' ', 'txt', 'registration-v2')).toBe('registration-v2.txt');
    expect(downloadName('a"b\\c\u0007.pdf', 'pdf', 'x')).toBe('abc.pdf');
  });

  it('writes an RFC 6266 Content-Disposition: ASCII filename=, the real name in filename*', () => {
    expect(attachmentDisposition('cert.pdf')).toBe('attachment; filename="cert.pdf"');
    expect(attachmentDisposition('résumé 2027.pdf')).toBe(
      `attachment; filename="resume 2027.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%202027.pdf`,
    );
    expect(attachmentDisposition('登记证.pdf')).toBe(
      `attachment; filename="___.pdf"; filename*=UTF-8''%E7%99%BB%E8%AE%B0%E8%AF%81.pdf`,
    );
    expect(attachmentDisposition('شهادة.pdf')).toMatch(/^attachment; filename="_+\.pdf"; filename\*=UTF-8''%D8/);
    expect(asciiName('100% "sure".txt')).toBe('100_ _sure_.txt');
  });
});
