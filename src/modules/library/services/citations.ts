/**
 * Citations of resources and cases as CSL-JSON, BibTeX and RIS, written with citation-js 0.8.2
 * (@citation-js/core with plugin-bibtex and plugin-ris; 0.8.2 runs on Node >= 20.19, 0.9 needs 22).
 * One canonical CSL-JSON item per record; the other formats are citation-js's serialisations of it,
 * and the tests parse each back with the same library.
 *
 * Workaround: citation-js writes a `legal_case` as BibTeX @misc and drops the court (`authority`)
 * and the docket number; the case item therefore also carries them in `note`, which @misc keeps.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { AppError } from '../../../kernel/errors.ts';
import type { Resource, ResourceType } from '../domain/resource.ts';

export const CITATION_FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export type CslItem = Record<string, unknown> & { id: string; type: string };

const CSL_TYPE: Record<ResourceType, string> = {
  manual: 'book',
  toolkit: 'book',
  issue_paper: 'report',
  report: 'report',
  model_law: 'legislation',
  training_curriculum: 'book',
  guideline: 'report',
  case_digest: 'book',
  video: 'motion_picture',
  dataset: 'dataset',
};

const dateParts = (d: string) => ({ 'date-parts': [d.split('-').map(Number)] });

/** A person written "Family, Given" or as one name. */
function person(name: string): Record<string, string> {
  const [family, given] = name.split(',').map((s) => s.trim());
  return given ? { family: family!, given } : { literal: name };
}

export function resourceCsl(r: Resource, url: string): CslItem {
  const item: CslItem = {
    id: r.id,
    'citation-key': r.id,
    type: CSL_TYPE[r.type],
    title: r.subtitle ? `${r.title}: ${r.subtitle}` : r.title,
    author: [...r.authors.map(person), ...r.corporateAuthors.map((literal) => ({ literal }))],
    issued: dateParts(r.date),
    URL: url,
    language: r.languages[0]?.language,
  };
  if (r.publisher) item.publisher = r.publisher;
  if (r.publisherPlace) item['publisher-place'] = r.publisherPlace;
  if (r.abstract) item.abstract = r.abstract;
  if (r.isbn) item.ISBN = r.isbn;
  if (r.symbol || r.salesNumber) item.number = r.symbol ?? r.salesNumber;
  if (r.series) item['collection-title'] = r.series;
  if (r.topics.length) item.keyword = r.topics.join(', ');
  if ((item.author as unknown[]).length === 0) delete item.author;
  return item;
}

export interface CaseLike {
  id: string;
  title: string;
  court: string | null;
  jurisdiction: string;
  decisionDate: string | null;
  identifiers?: readonly { type?: string; value: string }[];
}

export function caseCsl(c: CaseLike, url: string): CslItem {
  const docket = c.identifiers?.[0]?.value;
  const item: CslItem = {
    id: c.id,
    'citation-key': c.id,
    type: 'legal_case',
    title: c.title,
    URL: url,
    jurisdiction: c.jurisdiction,
  };
  if (c.court) item.authority = c.court;
  if (docket) item.number = docket;
  if (c.decisionDate) item.issued = dateParts(c.decisionDate);
  const note = [c.court, docket].filter(Boolean).join(', ');
  if (note) item.note = note;
  return item;
}

export interface Citation {
  contentType: string;
  extension: string;
  body: string;
}

export function formatCitation(item: CslItem, format: string): Citation {
  const cite = new Cite([item]);
  switch (format) {
    case 'csl-json':
      return {
        contentType: 'application/vnd.citationstyles.csl+json',
        extension: 'json',
        body: `${JSON.stringify([item], null, 2)}\n`,
      };
    case 'bibtex':
      return { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib', body: cite.format('bibtex') };
    case 'ris':
      return {
        contentType: 'application/x-research-info-systems; charset=utf-8',
        extension: 'ris',
        body: cite.format('ris'),
      };
    default:
      throw new AppError(
        'BAD_REQUEST',
        `unknown citation format '${format}'; allowed: ${CITATION_FORMATS.join(', ')}`,
        [{ path: 'format', message: 'unknown format', allowed: CITATION_FORMATS }],
      );
  }
}

/** Parses a citation back with citation-js (for tests and for checking an export). */
export function parseCitation(text: string): Record<string, unknown>[] {
  return new Cite(text).data;
}
