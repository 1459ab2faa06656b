/**
 * What a file really is, from its bytes (magic numbers via `file-type`; text formats by a strict
 * UTF-8 check), compared with what its name and declared media type claim. A "PDF" whose bytes
 * are a Windows executable is refused, naming both.
 */
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';
import { DOCUMENT_KINDS, kindOfFilename, kindOfMediaType, type DocumentKind } from './documents.ts';

export interface Sniffed {
  /** An accepted kind, or undefined when the bytes are something else. */
  kind: DocumentKind | undefined;
  /** What the bytes are, in words, for error messages. */
  description: string;
}

const BINARY_NAMES: Record<string, string> = {
  exe: 'a Windows executable (MZ header)',
  elf: 'a Linux executable (ELF)',
  macho: 'a macOS executable (Mach-O)',
  zip: 'a ZIP archive that is not a Word document',
  doc: 'an old Word document (.doc); save it as DOCX or PDF',
};

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p|div|h[1-6])[\s>]/i;

function textKind(bytes: Uint8Array): Sniffed {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024 + 3), {
      stream: bytes.length > 64 * 1024,
    });
  } catch {
    return { kind: undefined, description: 'binary data, or text that is not UTF-8' };
  }
  if (text.includes('\u0000')) return { kind: undefined, description: 'binary data (it holds NUL bytes)' };
  if (text.startsWith('#!')) return { kind: undefined, description: 'a script (it starts with #!)' };
  return HTML_START.test(text.replace(/^\uFEFF/, ''))
    ? { kind: 'html', description: 'HTML' }
    : { kind: 'txt', description: 'plain text' };
}

export async function sniff(bytes: Uint8Array): Promise<Sniffed> {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { kind: undefined, description: 'UTF-16 text; save it as UTF-8' };
  }
  const type = await fileTypeFromBuffer(bytes);
  if (!type) return textKind(bytes);
  if (type.ext === 'pdf') return { kind: 'pdf', description: 'PDF' };
  if (type.ext === 'docx') return { kind: 'docx', description: 'a Word document (DOCX)' };
  if (type.mime === 'text/html' || type.ext === 'html') return textKind(bytes);
  if (type.ext === 'xml') return { kind: undefined, description: 'XML' };
  return { kind: undefined, description: BINARY_NAMES[type.ext] ?? `${type.mime} (.${type.ext})` };
}

const ACCEPTED = Object.values(DOCUMENT_KINDS)
  .map((k) => k.label)
  .join(', ');

/**
 * The file's kind, checked three ways: the bytes must be an accepted kind, and agree with the
 * file name's extension and the declared media type when those name a kind. `field` names where
 * the claim came from in error details.
 */
export async function checkDocument(
  bytes: Uint8Array,
  filename: string,
  declaredType: string | undefined,
): Promise<DocumentKind> {
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', `${filename}: the file is empty`, [
      { path: 'file', message: 'empty file' },
    ]);
  const found = await sniff(bytes);
  const byName = kindOfFilename(filename);
  const byType =
    declaredType && !/^application\/octet-stream\b/i.test(declaredType) ? kindOfMediaType(declaredType) : undefined;
  if (declaredType && byType === undefined && !/^application\/octet-stream\b/i.test(declaredType)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${filename}: media type '${declaredType}' is not accepted; send ${ACCEPTED}`,
      [
        {
          path: 'content-type',
          message: `not accepted: ${declaredType}`,
          allowed: Object.values(DOCUMENT_KINDS).map((k) => k.mediaType),
        },
      ],
    );
  }
  if (!found.kind) {
    const claim = byName ?? byType;
    const claimText = claim ? `claims to be ${DOCUMENT_KINDS[claim].label} but ` : '';
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${filename} ${claimText}its bytes are ${found.description}; accepted: ${ACCEPTED}`,
      [{ path: 'file', message: `content is ${found.description}` }],
    );
  }
  for (const [claim, path] of [
    [byName, 'filename'],
    [byType, 'content-type'],
  ] as const) {
    // HTML is also valid plain text: a .txt holding markup is accepted as text.
    if (claim && claim !== found.kind && !(claim === 'txt' && found.kind === 'html')) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `${filename} claims to be ${DOCUMENT_KINDS[claim].label} but its bytes are ${found.description}`,
        [{ path, message: `claims ${DOCUMENT_KINDS[claim].label}, content is ${found.description}` }],
      );
    }
  }
  if (byName === 'txt' && found.kind === 'html') return 'txt';
  return found.kind;
}
