/** Validates an IATI activities file against the official 2.03 XSD in ../shared (libxml2-wasm). */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { XmlDocument, XsdValidator, XmlValidateError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

export const IATI_XSD = resolve('../shared/data/schemas/iati-2.03/iati-activities-schema.xsd');

let registered = false;

/** The validation errors (empty when valid). */
export function iatiErrors(xml: string): string[] {
  if (!registered) registered = xmlRegisterFsInputProviders();
  const xsdDoc = XmlDocument.fromString(readFileSync(IATI_XSD, 'utf8'), { url: IATI_XSD });
  const validator = XsdValidator.fromDoc(xsdDoc);
  const doc = XmlDocument.fromString(xml);
  try {
    validator.validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlValidateError) return e.details.map((d) => `${d.line}: ${d.message.trim()}`);
    throw e;
  } finally {
    doc.dispose();
    validator.dispose();
    xsdDoc.dispose();
  }
}
