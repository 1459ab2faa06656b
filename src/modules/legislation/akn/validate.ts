/**
 * Akoma Ntoso 3.0 schema validation with libxml2 (WASM) against the module's copy of the OASIS
 * schema (akn/xsd, see NOTICE.md). Entities are never expanded (no XML_PARSE_NOENT), so a document
 * cannot make the parser read local files. A refusal carries the parser's or the schema's message
 * and its line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';

const XSD = new URL('./xsd/akomantoso30.xsd', import.meta.url);
let validator: XsdValidator | undefined;

function schema(): XsdValidator {
  if (validator) return validator;
  xmlRegisterFsInputProviders();
  const xsd = XmlDocument.fromBuffer(readFileSync(XSD), { url: fileURLToPath(XSD) });
  try {
    validator = XsdValidator.fromDoc(xsd);
  } finally {
    xsd.dispose();
  }
  return validator;
}

function refuse(what: string, e: unknown): never {
  if (e instanceof XmlLibError) {
    const issues: FieldIssue[] = e.details.map((d) => ({
      path: 'xml',
      line: d.line,
      message: d.message.trim(),
    }));
    const first = issues[0];
    throw new AppError(
      'VALIDATION_FAILED',
      `${what}${first ? ` (line ${first.line}): ${first.message}` : `: ${e.message}`}`,
      issues,
    );
  }
  throw e;
}

/** Parses and validates; the caller reads the document and must dispose of it. */
export function parseValidAkn(xml: string): XmlDocument {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml);
  } catch (e) {
    refuse('not well-formed XML', e);
  }
  try {
    schema().validate(doc);
  } catch (e) {
    doc.dispose();
    refuse('not valid Akoma Ntoso 3.0', e);
  }
  return doc;
}

/** Throws VALIDATION_FAILED unless the text is schema-valid Akoma Ntoso 3.0. */
export function validateAkn(xml: string): void {
  parseValidAkn(xml).dispose();
}
