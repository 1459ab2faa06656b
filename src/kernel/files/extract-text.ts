/**
 * Text out of judgment files, for the search index: pdfjs-dist for PDF, mammoth for DOCX,
 * html-to-text for HTML. The parsers are loaded on first use (they are large and most runs need none).
 */
import { AppError } from '../errors.ts';
import type { DocumentKind } from './documents.ts';

export interface Extracted {
  text: string;
  pages: number | null;
  /** The text of each page, tidied (PDF only), so that a passage can be given its page number. */
  pageTexts?: string[];
}

/** Whitespace runs folded, so the stored text is compact and snippets read well. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

async function pdfText(bytes: Uint8Array): Promise<Extracted> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
      page.cleanup();
    }
    return { text: tidy(pages.join('\n\n')), pages: pdf.numPages, pageTexts: pages.map(tidy) };
  } finally {
    await task.destroy();
  }
}

async function docxText(bytes: Uint8Array): Promise<Extracted> {
  const mammoth = await import('mammoth');
  const r = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return { text: tidy(r.value), pages: null };
}

async function htmlText(bytes: Uint8Array): Promise<Extracted> {
  const { convert } = await import('html-to-text');
  const html = new TextDecoder('utf-8').decode(bytes);
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
  return { text: tidy(text), pages: null };
}

export async function extractText(kind: DocumentKind, bytes: Uint8Array, filename: string): Promise<Extracted> {
  try {
    switch (kind) {
      case 'pdf':
        return await pdfText(bytes);
      case 'docx':
        return await docxText(bytes);
      case 'html':
        return await htmlText(bytes);
      case 'txt':
        return { text: tidy(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')), pages: null };
    }
  } catch (e) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${filename}: the ${kind.toUpperCase()} file could not be read: ${(e as Error).message}`,
      [{ path: 'file', message: `unreadable ${kind}: ${(e as Error).message}` }],
    );
  }
}
