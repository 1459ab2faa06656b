/**
 * Judgment documents: the file kinds a case accepts, how each is recognised by name and by media
 * type, and the shape of an attached document as the API shows it. Pure: no I/O.
 */
export const DOCUMENT_KINDS = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word document (DOCX)',
  },
  html: { mediaType: 'text/html', extensions: ['html', 'htm'], label: 'HTML' },
  txt: { mediaType: 'text/plain', extensions: ['txt', 'text'], label: 'plain text' },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const DOCUMENT_MEDIA_TYPES: readonly string[] = Object.values(DOCUMENT_KINDS).map((k) => k.mediaType);

/** The kind a file name's extension claims, if it is one we accept. */
export function kindOfFilename(filename: string): DocumentKind | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  return (Object.keys(DOCUMENT_KINDS) as DocumentKind[]).find((k) =>
    (DOCUMENT_KINDS[k].extensions as readonly string[]).includes(ext),
  );
}

/** The kind a media type names (parameters such as `; charset=utf-8` are ignored). */
export function kindOfMediaType(mediaType: string): DocumentKind | undefined {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return (Object.keys(DOCUMENT_KINDS) as DocumentKind[]).find((k) => DOCUMENT_KINDS[k].mediaType === base);
}

export interface CaseDocument {
  /** SHA-256 of the file's bytes, lower-case hex: the document's identifier. */
  sha256: string;
  filename: string;
  mediaType: string;
  size: number;
  /** Pages, for PDF. */
  pages: number | null;
  /** Characters of text extracted into the search index (0: a scanned file without a text layer). */
  textLength: number;
  addedAt: string;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** A file name safe to store and to send back in Content-Disposition: no folders, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u001f\u007f"]/g, '')
      .trim()
      .slice(0, 255)
  );
}
