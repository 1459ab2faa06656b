import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocument, sniff } from './sniff.ts';
import { makeDocx, makePdf } from '../../../test/fixtures/documents.ts';
import { AppError } from '../errors.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('sniff', () => {
  it('recognises PDF, DOCX, HTML and text by their bytes', async () => {
    expect((await sniff(await makePdf(['x']))).kind).toBe('pdf');
    expect((await sniff(await makeDocx(['x']))).kind).toBe('docx');
    expect((await sniff(utf8('<!DOCTYPE html><html><body>x</body></html>'))).kind).toBe('html');
    expect((await sniff(utf8('<p>Judgment of the court</p>'))).kind).toBe('html');
    expect((await sniff(utf8('Judgment of the court, 12 May 2010. Ação penal.'))).kind).toBe('txt');
  });

  it('names what other bytes are', async () => {
    expect(await sniff(readFileSync('/usr/bin/true'))).toEqual({
      kind: undefined,
      description: 'a Linux executable (ELF)',
    });
    const mz = Buffer.alloc(256);
    mz.write('MZ', 0, 'latin1');
    expect((await sniff(mz)).description).toMatch(/Windows executable/);
    expect((await sniff(Buffer.from('\ufeffjudgment', 'utf16le'))).description).toMatch(/UTF-16/);
    expect((await sniff(Buffer.from('d\u00e9cision', 'latin1'))).description).toMatch(/not UTF-8/);
    expect((await sniff(utf8('#!/bin/sh\nrm -rf /\n'))).kind).toBeUndefined();
  });
});

describe('checkDocument', () => {
  it('refuses a PDF that is really an executable, naming both', async () => {
    const e = await refusal(checkDocument(readFileSync('/usr/bin/true'), 'judgment.pdf', 'application/pdf'));
    expect(e.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(e.message).toBe(
      'judgment.pdf claims to be PDF but its bytes are a Linux executable (ELF); accepted: PDF, Word document ' +
        '(DOCX), HTML, plain text',
    );
  });

  it('refuses a file whose name and bytes disagree, naming the field', async () => {
    const e = await refusal(checkDocument(await makePdf(['x']), 'judgment.docx', undefined));
    expect(e.details).toEqual([{ path: 'filename', message: 'claims Word document (DOCX), content is PDF' }]);
    const t = await refusal(checkDocument(await makePdf(['x']), 'judgment', 'text/plain'));
    expect(t.details).toEqual([{ path: 'content-type', message: 'claims plain text, content is PDF' }]);
  });

  it('refuses empty files and media types it does not take', async () => {
    expect((await refusal(checkDocument(new Uint8Array(), 'a.pdf', undefined))).message).toBe(
      'a.pdf: the file is empty',
    );
    expect((await refusal(checkDocument(utf8('x'), 'a.txt', 'image/png'))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('takes the kind from the bytes when nothing is claimed; text with markup named .txt is text', async () => {
    expect(await checkDocument(await makeDocx(['x']), 'upload', 'application/octet-stream')).toBe('docx');
    expect(await checkDocument(utf8('<p>x</p>'), 'notes.txt', undefined)).toBe('txt');
  });
});
